using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>
/// The real portal (Program.cs, migrations, demo seed) configured like the integration tests: environment
/// "Testing", SQLite in a temp file, documents and Data Protection keys in temp folders. The fixture switches
/// it to Kestrel with <c>UseKestrel</c> before starting it, so a real browser can reach it over TCP.
/// </summary>
public sealed class PortalWebApplicationFactory(TestFolders folders) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // UseSetting goes into the host configuration, which the factory hands to Program as arguments,
        // so the values are already there when PortalServices reads them before Build().
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={folders.DatabaseFile}");
        builder.UseSetting("Storage:Root", folders.Documents);
        builder.UseSetting("DataProtection:KeysFolder", folders.Keys);
        builder.UseSetting("Seed:DemoData", "true");

        // Every browser signs in from the loopback address: the sign-in throttle (ADR 0019) must not count the run.
        builder.UseSetting("SignInThrottle:AttemptsPerAddressPerMinute", "1000000");
        builder.UseSetting("SignInThrottle:FailuresPerAccountAndAddress", "1000000");
        builder.UseSetting("SignInThrottle:FailuresPerAccount", "1000000");

        // One line per request is noise in a browser run; warnings and errors still reach the console.
        // The factory hands host settings to Program as "--key=value" arguments, parent sections included
        // ("--Serilog:MinimumLevel=" for Serilog:MinimumLevel:Default, which Serilog rejects as a level), so
        // the level goes in Serilog's short form; Serilog ignores Microsoft.Extensions.Logging's LogLevel.
        builder.UseSetting("Serilog:MinimumLevel", "Warning");
    }
}

/// <summary>A throwaway folder per test run holding the SQLite file, the document store and the key ring.</summary>
public sealed class TestFolders : IDisposable
{
    public TestFolders()
    {
        Root = Path.Combine(Path.GetTempPath(), $"secopportal-browser-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Documents);
        Directory.CreateDirectory(Keys);
    }

    public string Root { get; }

    public string DatabaseFile => Path.Combine(Root, "portal.db");

    public string Documents => Path.Combine(Root, "documents");

    public string Keys => Path.Combine(Root, "keys");

    public void Dispose()
    {
        // The SQLite pool keeps the file open after the host stops.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; never fail a run over clean-up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
