using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Audit;

/// <summary>
/// The audit tests' own portal: the client address taken from X-Forwarded-For (the test server has none of its own),
/// so each test client comes from an address of its own and every entry can be checked for it; a low per-account
/// throttle so a 429 is three failures away; a clock the tests stop where their dates need it.
/// </summary>
public abstract class AuditPortal(TestDatabase database) : IAsyncLifetime
{
    public const int FailuresBeforeThrottle = 3;

    private PortalFactory? _factory;

    public ManualClock Clock { get; } = new();

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("The portal has not started.");

    public async Task InitializeAsync() => _factory = await PortalFactory.CreateAsync(database, Clock, new Dictionary<string, string?>
    {
        ["ForwardedHeaders:Enabled"] = "true",
        ["SignInThrottle:FailuresPerAccountAndAddress"] = FailuresBeforeThrottle.ToString(CultureInfo.InvariantCulture),
        ["Uploads:SweepEnabled"] = "false",
    });

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>An anonymous client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient From(string address) => PortalHttp.ClientFrom(Factory, address);

    /// <summary>A client signed in as <paramref name="account"/>, whose requests come from <paramref name="address"/>.</summary>
    public async Task<HttpClient> SignedInFromAsync(string address, Account account)
    {
        var client = From(address);
        await PortalHttp.SignInAsync(client, account);
        return client;
    }

    /// <summary>The entries matching <paramref name="where"/>, oldest first.</summary>
    public async Task<List<AuditEntry>> EntriesAsync(Expression<Func<AuditEntry, bool>> where)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(where).OrderBy(e => e.Id).ToListAsync();
    }

    /// <summary>Adds entries straight to the log (what the portal would have recorded), in one save.</summary>
    public async Task AddEntriesAsync(IEnumerable<AuditEntry> entries)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteAuditPortal() : AuditPortal(TestDatabase.Sqlite)
{
    public const string Name = "Audit portal on SQLite";
}

public sealed class PostgresAuditPortal() : AuditPortal(TestDatabase.Postgres)
{
    public const string Name = "Audit portal on PostgreSQL";
}

/// <summary>The audit test classes of one database share its portal and run one after another (they share its clock).</summary>
[CollectionDefinition(SqliteAuditPortal.Name)]
public sealed class AuditOnSqlite : ICollectionFixture<SqliteAuditPortal>;

[CollectionDefinition(PostgresAuditPortal.Name)]
public sealed class AuditOnPostgres : ICollectionFixture<PostgresAuditPortal>;
