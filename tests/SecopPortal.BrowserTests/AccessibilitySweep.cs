using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using Xunit.Abstractions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices) and the sideways-scroll check on one
/// page state at each of <see cref="Viewports"/>, resizing the same page instead of reloading it, and collects every
/// failure of a role so one run shows them all (<see cref="ThrowIfAnyFailed"/>).
/// </summary>
internal sealed class AccessibilitySweep(IPage page, string role, ITestOutputHelper output)
{
    /// <summary>The axe-core tags every page state is checked against.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    /// <summary>A desktop, an iPhone 12–15 and the narrowest phone (an iPhone SE, first generation).</summary>
    public static readonly IReadOnlyList<(int Width, int Height)> Viewports = [(1280, 800), (PhoneLayout.Width, 844), (PhoneLayout.NarrowWidth, 640)];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly List<string> failures = [];
    private readonly List<string> outside = WatchRequests(page);
    private readonly List<string> findings = [];
    private readonly HashSet<string> checkedPatterns = new(StringComparer.Ordinal);
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public IPage Page => page;

    public int States { get; private set; }

    public int AxeRuns { get; private set; }

    public int Violations { get; private set; }

    public int SidewaysScrolls { get; private set; }

    /// <summary>Route patterns (as the inventory names them) checked so far.</summary>
    public IReadOnlySet<string> CheckedPatterns => checkedPatterns;

    /// <summary>One line per failure, for the findings file: "role | pattern | state | viewport | rule | impact | targets".</summary>
    public IReadOnlyList<string> Findings => findings;

    /// <summary>Opens <paramref name="url"/> and checks it as <paramref name="state"/> of <paramref name="pattern"/>.</summary>
    public Task VisitAsync(string pattern, string state, string url, int status = 200) =>
        CheckAsync(pattern, state, async p =>
        {
            var response = await p.GotoAsync(url);
            if (response?.Status != status)
            {
                throw new InvalidOperationException($"GET {url} answered {response?.Status} instead of {status} (now at {p.Url}).");
            }
        });

    /// <summary>Brings the page into the state with <paramref name="arrive"/> (at 1280×800), then checks it at every viewport.</summary>
    public async Task CheckAsync(string pattern, string state, Func<IPage, Task> arrive)
    {
        ArgumentNullException.ThrowIfNull(arrive);
        var label = $"{pattern} [{state}]";
        States++;
        checkedPatterns.Add(pattern);
        try
        {
            await page.SetViewportSizeAsync(Viewports[0].Width, Viewports[0].Height);
            await arrive(page);
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        catch (Exception e) when (e is PlaywrightException or InvalidOperationException or TimeoutException)
        {
            Fail(label, "-", "arrival", "-", $"could not bring the page into this state: {e.Message.Split('\n')[0]}");
            return;
        }

        // The same violation at several widths is one finding: rule and targets → the widths it showed at.
        var seen = new Dictionary<string, (string Rule, string Impact, string Help, string Targets, List<string> Widths)>(StringComparer.Ordinal);
        var failedBefore = failures.Count;
        foreach (var (width, height) in Viewports)
        {
            var viewport = $"{width}×{height}";
            if (width != Viewports[0].Width)
            {
                await page.SetViewportSizeAsync(width, height);
            }

            IReadOnlyList<AxeViolation> violations;
            try
            {
                var started = clock.Elapsed;
                violations = await RunAxeAsync(page);
                AxeRuns++;
                Progress($"{label} {viewport}: axe {(clock.Elapsed - started).TotalSeconds:0.00}s");
            }
            catch (PlaywrightException e)
            {
                Fail(label, viewport, "axe", "-", $"axe-core did not run: {e.Message.Split('\n')[0]}");
                continue;
            }

            foreach (var violation in violations)
            {
                var targets = string.Join(" ; ", violation.Targets.Take(6))
                    + (violation.Targets.Count > 6 ? $" ; … {violation.Targets.Count - 6} more" : string.Empty);
                var key = violation.Rule + "|" + targets;
                if (seen.TryGetValue(key, out var known))
                {
                    known.Widths.Add(viewport);
                }
                else
                {
                    seen[key] = (violation.Rule, violation.Impact, violation.Help, targets, [viewport]);
                }
            }

            var scroll = await SidewaysScrollAsync(page, width);
            if (scroll is not null)
            {
                SidewaysScrolls++;
                Fail(label, viewport, "sideways-scroll", "-", scroll);
            }
        }

        foreach (var (rule, impact, help, targets, widths) in seen.Values)
        {
            Violations++;
            Fail(label, string.Join(", ", widths), rule, impact, $"{help}: {targets}");
        }

        if (failures.Count > failedBefore)
        {
            await ScreenshotAsync(label);
        }
    }

    /// <summary>
    /// The axe-core that Deque.AxeCore.Commons bundles (axe.min.js, an embedded resource: nothing is downloaded), read
    /// once per test run.
    /// </summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// Runs axe-core on the page's document with <see cref="Tags"/>, injecting it first when the document does not
    /// have it yet (a resize keeps the document, so the phone widths reuse it). Evaluated through the DevTools
    /// protocol, so the portal's Content-Security-Policy (no inline script) does not stop it. Deque.AxeCore.Playwright's
    /// <c>RunAxe</c> (used at first) found the same violations but re-injected and re-serialised everything on each call: 2.5–3.5 s
    /// per page state against 0.1–0.3 s here, on this 2-core machine.
    /// </summary>
    private static async Task<IReadOnlyList<AxeViolation>> RunAxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
                const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(result.violations.map(v => ({
                    rule: v.id,
                    impact: v.impact || '?',
                    help: v.help,
                    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' ') : t).join(' ')),
                })));
            }
            """,
            Tags);
        var found = JsonSerializer.Deserialize<AxeViolation[]>(json, JsonOptions) ?? [];
        return [.. found.Select(v => v with { Targets = [.. v.Targets.Select(Selector)] })];
    }

    /// <summary>A node's target as one CSS selector, the same whichever way axe was run.</summary>
    private static string Selector(string? target)
    {
        var text = (target ?? "?").Trim();
        return text.StartsWith("[\"", StringComparison.Ordinal) && text.EndsWith("\"]", StringComparison.Ordinal) ? text[2..^2] : text;
    }

    /// <summary>
    /// Null when the page fits <paramref name="width"/>; otherwise how wide it is and the innermost elements sticking
    /// out (elements inside a box that clips or scrolls on its own do not make the page scroll and are left out, unless
    /// nothing else sticks out).
    /// </summary>
    public static async Task<string?> SidewaysScrollAsync(IPage page, int width)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] <= width && widths[0] <= widths[1])
        {
            return null;
        }

        var widest = await page.EvaluateAsync<string[]>(
            """
            () => {
                const limit = document.documentElement.clientWidth + 1;
                const clipped = e => {
                    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                        if (getComputedStyle(p).overflowX !== 'visible') return true;
                    }
                    return false;
                };
                const all = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > limit);
                const free = all.filter(e => !clipped(e));
                const over = new Set(free.length > 0 ? free : all);
                const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
                return [...over].filter(e => ![...e.children].some(c => over.has(c))).slice(0, 6).map(e => {
                    const r = e.getBoundingClientRect();
                    const text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
                    return (e.parentElement ? name(e.parentElement) + ' > ' : '') + name(e) + (text ? ' "' + text + '"' : '') + ' (right ' + Math.round(r.right) + ', width ' + Math.round(r.width) + ')';
                });
            }
            """);
        return $"page is {widths[0]} px wide in a {width} px viewport; sticking out: {string.Join(" ; ", widest)}";
    }

    /// <summary>Submits the form of the button named <paramref name="button"/> as a browser without scripts would:
    /// no HTML5 validation, no script handlers (so the server's own answer to bad input is what gets checked).</summary>
    public static async Task SubmitAsync(IPage page, string button)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync("() => { window.__axeOldDocument = true; }");
        await page.EvaluateAsync(
            """
            label => {
                const b = [...document.querySelectorAll('form button[type=submit], form input[type=submit], form button:not([type])')]
                    .find(x => (x.textContent || x.value || '').trim() === label);
                if (!b) throw new Error('No submit button named ' + label);
                const f = b.form;
                if (b.name) {
                    const h = document.createElement('input');
                    h.type = 'hidden'; h.name = b.name; h.value = b.value;
                    f.appendChild(h);
                }
                if (b.hasAttribute('formaction')) f.action = b.formAction;
                HTMLFormElement.prototype.submit.call(f);
            }
            """,
            button);
        await WaitForNewDocumentAsync(page);
    }

    /// <summary>Waits until the page shows a document loaded after the one <see cref="SubmitAsync"/> left.</summary>
    private static async Task WaitForNewDocumentAsync(IPage page)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                if (await page.EvaluateAsync<bool>("() => !window.__axeOldDocument && document.readyState === 'complete'"))
                {
                    return;
                }
            }
            catch (PlaywrightException)
            {
                // The old document went away while evaluating: the new one is on its way.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No new page after submitting (still at {page.Url}).");
    }

    /// <summary>Fails the test with every failure of the role, after printing the totals.</summary>
    public void ThrowIfAnyFailed()
    {
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"axe totals for {role}: {States} page states, {AxeRuns} axe runs at {Viewports.Count} viewports, {Violations} violations, {SidewaysScrolls} sideways scrolls, {clock.Elapsed.TotalSeconds:0.0}s."));
        if (outside.Count > 0)
        {
            lock (outside)
            {
                Fail("(whole run)", "-", "outside-request", "-", $"the browser fetched from outside the portal: {string.Join(" ; ", outside.Distinct().Take(10))}");
            }
        }

        if (failures.Count == 0)
        {
            return;
        }

        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{failures.Count} accessibility failures for {role} ({Violations} axe violations, {SidewaysScrolls} sideways scrolls):")
            .AppendLine();
        foreach (var failure in failures)
        {
            message.Append("- ").AppendLine(failure);
        }

        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// Every request the page makes to anything but the portal itself: axe-core comes from the package (embedded
    /// axe.min.js) and the portal uses no CDN, so the sweep fails if anything is fetched from outside.
    /// </summary>
    private static List<string> WatchRequests(IPage page)
    {
        var list = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("http://localhost:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)
                && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                lock (list)
                {
                    list.Add(request.Url);
                }
            }
        };
        return list;
    }

    /// <summary>A line in artifacts/axe/progress.log, to follow a long run.</summary>
    private void Progress(string line)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Artifacts.ScreenshotsFolder)!, "axe");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "progress.log"), string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.f} {role} {line}{Environment.NewLine}"));
    }

    private void Fail(string label, string viewport, string rule, string impact, string detail)
    {
        failures.Add($"{label} at {viewport}: {rule} ({impact}) {detail}");
        findings.Add($"| {role} | {label} | {viewport} | {rule} | {impact} | {detail.Replace("|", "\\|", StringComparison.Ordinal)} |");
        output.WriteLine($"FAIL {role} {label} at {viewport}: {rule} ({impact}) {detail}");
        Progress($"FAIL {label} at {viewport}: {rule} ({impact}) {detail}");
    }

    private async Task ScreenshotAsync(string label)
    {
        Directory.CreateDirectory(Artifacts.ScreenshotsFolder);
        var path = Path.Combine(Artifacts.ScreenshotsFolder, $"axe-{Artifacts.Slug(role)}-{States:00}-{Artifacts.Slug(label)}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 30_000 });
            output.WriteLine($"screenshot (at {PhoneLayout.NarrowWidth} px): {path}");
        }
        catch (TimeoutException)
        {
            // A screenshot only illustrates the failures already collected; a slow one must not end the sweep.
            output.WriteLine($"no screenshot (timed out): {path}");
        }
    }
}

/// <summary>One axe-core violation: the rule, its impact, what it asks for and the CSS selectors of the nodes failing it.</summary>
internal sealed record AxeViolation(string Rule, string Impact, string Help, IReadOnlyList<string> Targets);
