using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>Which database a <see cref="PortalFactory"/> runs the portal on.</summary>
public enum TestDatabase
{
    /// <summary>A SQLite file of its own in a temp folder.</summary>
    Sqlite = 1,

    /// <summary>A fresh database on the server of <see cref="PostgresServer"/>.</summary>
    Postgres = 2,
}

/// <summary>
/// The whole portal in memory (environment "Testing") on its own database, document folder and Data Protection keys,
/// all deleted on dispose. Start-up runs as in production: migrations, roles, then the demo data (Seed:DemoData=true),
/// so the <see cref="SecopPortal.Web.Infrastructure.DemoAccounts"/> can sign in. Clients talk to https://localhost
/// (the cookies are Secure), keep cookies and do not follow redirects (<see cref="PortalHttp.Configure"/>).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _tempFolder;
    private readonly PostgresServer? _postgres;
    private readonly TimeProvider? _timeProvider;
    private readonly Dictionary<string, string?> _settings;

    private PortalFactory(TestDatabase database, string connectionString, string tempFolder, PostgresServer? postgres, TimeProvider? timeProvider, IReadOnlyDictionary<string, string?>? settings)
    {
        Database = database;
        ConnectionString = connectionString;
        _tempFolder = tempFolder;
        _postgres = postgres;
        _timeProvider = timeProvider;
        StorageRoot = Path.Combine(tempFolder, "documents");
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = database.ToString(),
            ["Database:MigrateOnStartup"] = "true",
            ["ConnectionStrings:Portal"] = connectionString,
            ["Storage:Root"] = StorageRoot,
            ["DataProtection:KeysFolder"] = Path.Combine(tempFolder, "keys"),
            ["Seed:DemoData"] = "true",

            // Every anonymous test request comes from one (unknown) address: the public record's per-address limit
            // would make tests fail by the minute they run in. The limiter's own test sets a low value.
            ["PublicRecord:PermitsPerMinute"] = "1000000",

            // Likewise the sign-in throttle (ADR 0019): the suite signs in hundreds of times from that one address,
            // and tests fail on purpose. SignInThrottleTests run a portal of their own with low values.
            ["SignInThrottle:AttemptsPerAddressPerMinute"] = "1000000",
            ["SignInThrottle:FailuresPerAccountAndAddress"] = "1000000",
            ["SignInThrottle:FailuresPerAccount"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        PortalHttp.Configure(ClientOptions);
    }

    public TestDatabase Database { get; }

    public string ConnectionString { get; }

    /// <summary>The document store's folder (Storage:Root).</summary>
    public string StorageRoot { get; }

    /// <summary>
    /// Creates the database and starts the portal (migrations and demo seed included), so a broken start-up fails
    /// here with its own exception.
    /// </summary>
    /// <param name="timeProvider">Replaces the portal's clock (the demo data is dated from it too).</param>
    /// <param name="settings">Extra or overriding configuration keys, e.g. "Seed:DemoData" = "false".</param>
    public static async Task<PortalFactory> CreateAsync(
        TestDatabase database,
        TimeProvider? timeProvider = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken cancellationToken = default)
    {
        var tempFolder = NewTempFolder();
        PostgresServer? postgres = null;
        PortalFactory? factory = null;
        try
        {
            string connectionString;
            if (database == TestDatabase.Postgres)
            {
                postgres = new PostgresServer();
                connectionString = await postgres.CreateDatabaseAsync(cancellationToken);
            }
            else
            {
                connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(tempFolder, "portal.db") }.ConnectionString;
            }

            factory = new PortalFactory(database, connectionString, tempFolder, postgres, timeProvider, settings);
            postgres = null;

            // Building the server runs Program.cs up to RunAsync, i.e. PrepareDatabaseAsync; off the test's thread.
            await Task.Run(() => factory.Server, cancellationToken);
            return factory;
        }
        catch
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
            else
            {
                if (postgres is not null)
                {
                    await postgres.DisposeAsync();
                }

                DeleteFolder(tempFolder);
            }

            throw;
        }
    }

    /// <summary>
    /// A second instance of the portal on <paramref name="first"/>'s database, document store, Data Protection keys and clock,
    /// as two servers behind one load balancer. It owns none of them: <paramref name="first"/> deletes them.
    /// </summary>
    public static async Task<PortalFactory> CreateSecondInstanceAsync(PortalFactory first, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(first);
        var tempFolder = NewTempFolder();
        var settings = new Dictionary<string, string?>(first._settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:Root"] = first.StorageRoot,
            ["Seed:DemoData"] = "false",
        };
        var factory = new PortalFactory(first.Database, first.ConnectionString, tempFolder, postgres: null, first._timeProvider, settings);
        try
        {
            await Task.Run(() => factory.Server, cancellationToken);
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="count"/> instances started at the same moment on one new, empty database, each with Seed:DemoData
    /// as a production start with the demo seed would run; the first owns the database. Throws the first start-up
    /// failure, after disposing every instance.
    /// </summary>
    public static async Task<IReadOnlyList<PortalFactory>> StartTogetherAsync(TestDatabase database, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var tempFolder = NewTempFolder();
        var postgres = database == TestDatabase.Postgres ? new PostgresServer() : null;
        var connectionString = postgres is null
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(tempFolder, "portal.db") }.ConnectionString
            : await postgres.CreateDatabaseAsync(cancellationToken);
        var first = new PortalFactory(database, connectionString, tempFolder, postgres, timeProvider: null, settings: null);
        var factories = new List<PortalFactory> { first };
        for (var i = 1; i < count; i++)
        {
            factories.Add(new PortalFactory(database, connectionString, NewTempFolder(), postgres: null, timeProvider: null,
                new Dictionary<string, string?> { ["Storage:Root"] = first.StorageRoot }));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = factories.Select(factory => Task.Run(async () =>
        {
            await start.Task;
            return factory.Server;
        }, cancellationToken)).ToArray();
        start.SetResult();
        try
        {
            await Task.WhenAll(starts);
            return factories;
        }
        catch
        {
            await DisposeAllAsync(factories);
            throw;
        }
    }

    /// <summary>Disposes instances of <see cref="StartTogetherAsync"/>, the owner (the first) last: it drops the database the others may still hold connections to.</summary>
    public static async Task DisposeAllAsync(IReadOnlyList<PortalFactory> factories)
    {
        ArgumentNullException.ThrowIfNull(factories);
        for (var i = factories.Count - 1; i >= 0; i--)
        {
            await factories[i].DisposeAsync();
        }
    }

    private static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"secopportal-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_timeProvider is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(_timeProvider);
            });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (Database == TestDatabase.Sqlite)
            {
                // Pooled connections keep the file open; other factories' pools are left alone.
                using var connection = new SqliteConnection(ConnectionString);
                SqliteConnection.ClearPool(connection);
            }

            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }

            DeleteFolder(_tempFolder);
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned by the system eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
