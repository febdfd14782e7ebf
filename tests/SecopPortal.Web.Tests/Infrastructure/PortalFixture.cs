namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// One running portal shared by every test class of a collection (started once, disposed at the end). Tests of a
/// collection run one after another but share the data: create what you need, do not count on an empty table.
/// </summary>
/// <param name="clock">Replaces the portal's clock (the demo data is dated from it too); null for the system clock.</param>
public abstract class PortalFixture(TestDatabase database, TimeProvider? clock = null) : IAsyncLifetime
{
    private PortalFactory? _factory;

    public TestDatabase Database { get; } = database;

    /// <summary>The clock the portal runs on, when the fixture replaced it.</summary>
    public TimeProvider? TimeProvider { get; } = clock;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync() => _factory = await PortalFactory.CreateAsync(Database, TimeProvider);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}

public sealed class SqlitePortalFixture() : PortalFixture(TestDatabase.Sqlite);

public sealed class PostgresPortalFixture() : PortalFixture(TestDatabase.Postgres);

/// <summary>The xunit collection sharing one <see cref="SqlitePortalFixture"/>: mark a test class <c>[Collection(SqlitePortal.Name)]</c> and take the fixture in its constructor.</summary>
[CollectionDefinition(Name)]
public sealed class SqlitePortal : ICollectionFixture<SqlitePortalFixture>
{
    public const string Name = "Portal on SQLite";
}

/// <summary>The xunit collection sharing one <see cref="PostgresPortalFixture"/>: mark a test class <c>[Collection(PostgresPortal.Name)]</c> and take the fixture in its constructor.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresPortal : ICollectionFixture<PostgresPortalFixture>
{
    public const string Name = "Portal on PostgreSQL";
}
