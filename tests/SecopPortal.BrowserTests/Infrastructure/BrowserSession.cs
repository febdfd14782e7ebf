using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser context and page. Saves numbered full-page screenshots
/// (&lt;test&gt;-&lt;NN&gt;-&lt;step&gt;.png) and collects what the browser complained about.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly string testName;
    private readonly ITestOutputHelper output;
    private readonly List<string> problems = [];
    private int step;

    internal BrowserSession(IBrowserContext context, IPage page, string testName, ITestOutputHelper output)
    {
        this.context = context;
        this.testName = Artifacts.Slug(testName);
        this.output = output;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status} for {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors, script errors and 4xx/5xx responses ("HTTP 404 for …") seen so far.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>Saves a full-page PNG of what the page shows now.</summary>
    public async Task ScreenshotAsync(string name)
    {
        step++;
        Directory.CreateDirectory(Artifacts.ScreenshotsFolder);
        var path = Path.Combine(Artifacts.ScreenshotsFolder, $"{testName}-{step:00}-{Artifacts.Slug(name)}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var problem in problems)
        {
            output.WriteLine($"browser reported: {problem}");
        }

        await context.CloseAsync();
        await context.DisposeAsync();
    }
}
