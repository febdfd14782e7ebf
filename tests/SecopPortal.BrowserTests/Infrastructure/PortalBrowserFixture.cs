using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecopPortal.Infrastructure.Persistence;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>
/// One real portal on Kestrel (127.0.0.1, a free port) and one headless Debian Chromium for the whole
/// collection; every test opens its own browser context (fresh cookies) through <see cref="NewSessionAsync"/>.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xUnit disposes collection fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class PortalBrowserFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly TestFolders folders = new();
    private PortalWebApplicationFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>
    /// http://localhost:&lt;port&gt; although Kestrel listens on 127.0.0.1 only: Chromium resolves localhost to the
    /// loopback and treats it as a secure context, so even Secure cookies would be kept there (not on a bare IP).
    /// </summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    public TimeSpan StartupTime { get; private set; }

    public string BrowserVersion => Browser.Version;

    private IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var executable = Environment.GetEnvironmentVariable("SECOPPORTAL_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultChromium;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. Run ./scripts/test.sh, which installs Debian's chromium package " +
                "(or `sudo apt-get install chromium`), or point SECOPPORTAL_CHROMIUM at a Chromium binary. " +
                "The browser tests never download a browser (no `playwright install`).");
        }

        // Plain HTTP on 127.0.0.1 and a free port. In the "Testing" environment the app issues its cookies with
        // SecurePolicy=SameAsRequest (with Always, antiforgery refuses to render a form over HTTP: a 500).
        factory = new PortalWebApplicationFactory(folders);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

        // StartServer blocks until Program.cs has migrated, seeded and started Kestrel; keep it off xUnit's context.
        await Task.Run(factory.StartServer);
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var bound = new Uri(addresses.Single());
        BaseAddress = new UriBuilder(Uri.UriSchemeHttp, "localhost", bound.Port).Uri;
        var appStarted = clock.Elapsed;

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });

        StartupTime = clock.Elapsed;
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Browser fixture: portal on {BaseAddress} (bound {bound}, factory base address {factory.ClientOptions.BaseAddress}) " +
            $"started in {appStarted.TotalSeconds:0.00}s; Chromium {browser.Version} ready after {StartupTime.TotalSeconds:0.00}s."));
    }

    /// <summary>The running portal's services (for tests that prepare their own data).</summary>
    public IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A new browser context (own cookies, es-CO unless told, Bogotá time) with one page, for one test.</summary>
    /// <param name="javaScriptEnabled">False for a browser with JavaScript off (the paths that must work without it).</param>
    /// <param name="locale">The browser's language ("en-US": the portal must not follow it).</param>
    public async Task<BrowserSession> NewSessionAsync(string testName, ITestOutputHelper output, bool javaScriptEnabled = true, string locale = "es-CO")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "America/Bogota",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            JavaScriptEnabled = javaScriptEnabled,
        });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, testName, output);
    }

    /// <summary>The database id of a seeded contract, looked up through the app's own DbContext.</summary>
    public async Task<int> ContractIdAsync(string number)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Contracts.Where(c => c.Number == number).Select(c => c.Id).SingleAsync();
    }

    /// <summary>How many entities, users and contracts the portal holds now (other tests of the suite add their own).</summary>
    public async Task<(int Entities, int Users, int Contracts)> CountsAsync()
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.PublicEntities.CountAsync(), await db.Users.CountAsync(), await db.Contracts.CountAsync());
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        folders.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Browser";
}
