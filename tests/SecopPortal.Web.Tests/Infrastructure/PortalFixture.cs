namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// The running portal of the web tests, one per database for the whole suite: <see cref="SqlitePortalFixture"/> and
/// <see cref="PostgresPortalFixture"/>, started once (migrations, roles, demo data) and shared by every test class of
/// their collection (<see cref="SqlitePortal"/>, <see cref="PostgresPortal"/>). The tests of a collection run one
/// after another on the same data, so each creates what it asserts on (users, contracts, requests, entities of its own,
/// with unique numbers and names, see <see cref="TestUsers"/>) and never counts on an empty table. The demo data is
/// never changed (accounts, entities, contracts, requests); tests may give a demo user contracts or requests of their
/// own, so what a demo user sees is looked up or checked item by item, not counted.
/// </summary>
/// <remarks>
/// The portal's clock (<see cref="Clock"/>) reads the system's time; a test class that needs a fixed "now" derives
/// from <see cref="StoppedClockTests"/>, which stops it before each of its tests and sets it running again after.
/// The background document sweep is off: the portal lives as long as the suite, and a sweep would delete files under
/// a test that counts them (the sweep has tests of its own).
/// </remarks>
public abstract class PortalFixture(TestDatabase database) : IAsyncLifetime
{
    private PortalFactory? _factory;

    public TestDatabase Database { get; } = database;

    /// <summary>The portal's only clock: the system's time, unless a test stopped it.</summary>
    public ManualClock Clock { get; } = new();

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync() =>
        _factory = await PortalFactory.CreateAsync(Database, Clock, new Dictionary<string, string?>
        {
            ["Uploads:SweepEnabled"] = "false",

            // Every test client of the shared portal comes from the same (absent) address, so the public record's
            // per-client limit would be shared by the whole suite; the limit has its own test on a portal of its own.
            ["PublicRecord:PermitsPerMinute"] = "1000000",
        });

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

/// <summary>
/// A test class whose tests need the shared portal's clock standing still at <paramref name="now"/> (dates in pages,
/// "today", business days): it is stopped before each test and runs on the system's time again after it, so the
/// classes that do not stop it never see another class's time.
/// </summary>
public abstract class StoppedClockTests(PortalFixture fixture, DateTimeOffset now) : IAsyncLifetime
{
    protected PortalFixture Fixture { get; } = fixture;

    protected PortalFactory Factory => Fixture.Factory;

    protected ManualClock Clock => Fixture.Clock;

    public virtual Task InitializeAsync()
    {
        Clock.StopAt(now);
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync()
    {
        Clock.Resume();
        return Task.CompletedTask;
    }
}
