using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace SecopPortal.Bench;

public sealed record RunOptions(
    Uri Portal,
    Uri Baseline,
    string Connection,
    string PortalRole,
    DataSetInfo Data,
    int Seconds,
    int Rounds,
    int WarmupSeconds,
    int[] Connections,
    int StatementRequests,
    string OutputDirectory,
    IReadOnlySet<string>? OnlyPages);

/// <summary>One page at one concurrency: every round of the portal and of the baseline, interleaved.</summary>
public sealed record Measurement(string Page, int Connections, List<WrkResult> Portal, List<WrkResult> Baseline, StatementCount Statements)
{
    public double PortalRps => Rate(Portal);

    public double BaselineRps => Rate(Baseline);

    public double? Ratio => BaselineRps > 0 ? PortalRps / BaselineRps : null;

    /// <summary>Mean of the rounds' medians, over rounds that completed a request.</summary>
    public double? P50Ms(bool baseline = false) => (baseline ? Baseline : Portal).Where(r => r.Requests > 0).Select(r => r.P50Ms).DefaultIfEmpty(double.NaN).Average() is var v && double.IsNaN(v) ? null : v;

    /// <summary>The worst round's 99th percentile.</summary>
    public double? P99Ms(bool baseline = false) => (baseline ? Baseline : Portal).Where(r => r.Requests > 0).Select(r => (double?)r.P99Ms).Max();

    private static double Rate(List<WrkResult> runs) => runs.Sum(r => r.Seconds) is var s && s > 0 ? runs.Sum(r => r.Requests) / s : 0;
}

/// <summary>
/// Per page: sign in through the form, check portal and baseline pages are right, count the portal's statements
/// per request, then drive wrk at each concurrency, portal and baseline alternating for every round, and check
/// again. Prints the markdown table and the <c>bench:</c> lines, and writes them to the output directory.
/// </summary>
public sealed class Runner(RunOptions options, TextWriter output)
{
    private static readonly string[] ForwardedHttps = ["X-Forwarded-Proto: https"];
    private readonly StringBuilder _details = new();
    private readonly List<string> _alone = [];

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var statements = new Statements(options.Connection, options.PortalRole);
        var measurements = new List<Measurement>();
        var notes = new List<string>();
        using var baseline = new HttpClient { BaseAddress = options.Baseline, Timeout = TimeSpan.FromMinutes(5) };
        foreach (var page in Pages.For(options.Data).Where(p => options.OnlyPages is null || options.OnlyPages.Contains(p.Name)))
        {
            await SayAsync($"==> page {page.Name}: {page.PortalPath} as {page.Email ?? "anonymous"} (baseline {page.BaselinePath})");
            using var portal = new PortalClient(options.Portal);
            if (page.Email is { } email)
            {
                await portal.SignInAsync(email, NamedAccounts.Password);
                await SayAsync($"    signed in; cookies handed to wrk: {string.Join(", ", portal.CookieNames)}");
            }
            var portalHtml = await CheckAsync(page, portal, baseline, "before");
            if (page.Name == "admin-search" && !Pages.AdminSearchFilters(portalHtml, options.Data))
            {
                notes.Add("admin-search: the portal ignores `buscar` (it answers the unfiltered first page of every contract); the baseline filters by number.");
            }

            // Warm-up: .NET compiles a page's code in tiers and only reaches its optimized code after tens of
            // thousands of calls (a 3-second warm-up measured the detail page's first round at a third of its
            // second). The single-request times and the runs below are of the warmed page.
            var headers = portal.CookieNames.Count == 0 ? [.. ForwardedHttps] : ForwardedHttps.Append($"Cookie: {portal.CookieHeader}").ToList();
            var portalUrl = new Uri(options.Portal, page.PortalPath);
            var baselineUrl = new Uri(options.Baseline, page.BaselinePath);
            // At the largest concurrency, so that both connection pools have grown before the first measured run.
            if (options.WarmupSeconds > 0)
            {
                await Wrk.RunAsync(portalUrl, options.Connections.Max(), options.WarmupSeconds, headers);
                await statements.SettleAsync();
                await Wrk.RunAsync(baselineUrl, options.Connections.Max(), options.WarmupSeconds, ForwardedHttps);
                await statements.SettleAsync();
            }

            await statements.ResetAsync();
            var alone = new List<double>();
            for (var i = 0; i < options.StatementRequests; i++)
            {
                var watch = Stopwatch.StartNew();
                var (status, _, location) = await portal.GetAsync(page.PortalPath);
                alone.Add(watch.Elapsed.TotalMilliseconds);
                if (status != HttpStatusCode.OK)
                {
                    throw new BenchException($"{page.Name}: request {i + 1} of the statement count answered {(int)status} {location}");
                }
            }

            var count = await statements.CountAsync(options.StatementRequests);
            var baselineAlone = new List<double>();
            for (var i = 0; i < options.StatementRequests; i++)
            {
                var watch = Stopwatch.StartNew();
                await baseline.GetStringAsync(page.BaselinePath);
                baselineAlone.Add(watch.Elapsed.TotalMilliseconds);
            }

            _alone.Add($"{page.Name} {Ms(Median(alone))} ms (baseline {Ms(Median(baselineAlone))} ms)");
            await SayAsync($"    statements per page: {Format(count.PerPage)} (+ {Format(count.DiscardAllPerPage)} DISCARD ALL), over {options.StatementRequests} requests; "
                           + $"one request alone: portal {Ms(Median(alone))} ms, baseline {Ms(Median(baselineAlone))} ms (median)");

            foreach (var connections in options.Connections)
            {
                var measurement = new Measurement(page.Name, connections, [], [], count);
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var p = await Wrk.RunAsync(portalUrl, connections, options.Seconds, headers);
                    await statements.SettleAsync();
                    var b = await Wrk.RunAsync(baselineUrl, connections, options.Seconds, ForwardedHttps);
                    await statements.SettleAsync();
                    measurement.Portal.Add(p);
                    measurement.Baseline.Add(b);
                    await SayAsync($"    c={connections} round {round}: portal {Rps(p.RequestsPerSecond)} req/s p50 {Ms(p.P50Ms)} p99 {Ms(p.P99Ms)} ms non-200 {p.Non200} errors {p.SocketErrors + p.Timeouts}"
                                   + $" | baseline {Rps(b.RequestsPerSecond)} req/s p50 {Ms(b.P50Ms)} p99 {Ms(b.P99Ms)} ms non-200 {b.Non200}");
                }

                measurements.Add(measurement);
            }

            await CheckAsync(page, portal, baseline, "after");
            var top = await statements.TopAsync(6);
            _details.AppendLine(CultureInfo.InvariantCulture, $"### {page.Name}: the portal's statements by total time (statement count and wrk runs)").AppendLine()
                .AppendLine("| calls | total ms | mean ms | rows | statement |").AppendLine("| ---: | ---: | ---: | ---: | --- |");
            foreach (var statement in top)
            {
                var text = string.Join(' ', statement.Query.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
                _details.AppendLine(CultureInfo.InvariantCulture, $"| {statement.Calls} | {statement.TotalMs:F0} | {statement.MeanMs:F2} | {statement.Rows} | `{text.Replace("|", "\\|", StringComparison.Ordinal)}` |");
            }

            _details.AppendLine();
        }

        await ReportAsync(measurements, notes);
        return measurements;
    }

    private async Task<string> CheckAsync(PageSpec page, PortalClient portal, HttpClient baseline, string when)
    {
        var (status, html, location) = await portal.GetAsync(page.PortalPath);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"page-{page.Name}-{when}.html"), html);
        if (status != HttpStatusCode.OK)
        {
            throw new BenchException($"{page.Name} ({when}): the portal answered {(int)status} {location}");
        }

        if (page.Check(html, false) is { } problem)
        {
            throw new BenchException($"{page.Name} ({when}): the portal's page is not right: {problem}");
        }

        using var response = await baseline.GetAsync(page.BaselinePath);
        var baselineHtml = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || page.Check(baselineHtml, true) is { } baselineProblem && baselineProblem.Length > 0)
        {
            throw new BenchException($"{page.Name} ({when}): the baseline's page is not right: {(int)response.StatusCode} {page.Check(baselineHtml, true)}");
        }

        if (page.RowsOf is { } rowsOf)
        {
            var portalRows = rowsOf(html);
            var baselineRows = rowsOf(baselineHtml);
            var differ = Enumerable.Range(0, Math.Max(portalRows.Count, baselineRows.Count))
                .FirstOrDefault(i => i >= portalRows.Count || i >= baselineRows.Count || portalRows[i] != baselineRows[i], -1);
            if (differ >= 0)
            {
                await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"page-{page.Name}-{when}-baseline.html"), baselineHtml);
                throw new BenchException($"{page.Name} ({when}): the portal and the baseline do not show the same rows ({portalRows.Count} and {baselineRows.Count}); "
                                         + $"row {differ + 1}: portal «{portalRows.ElementAtOrDefault(differ)}», baseline «{baselineRows.ElementAtOrDefault(differ)}»");
            }
        }

        await SayAsync($"    check {when}: portal 200 ({html.Length:N0} chars) and baseline 200 ({baselineHtml.Length:N0} chars) show the expected rows"
                       + (page.RowsOf is null ? string.Empty : " (the same rows on both)"));
        return html;
    }

    private async Task ReportAsync(IReadOnlyList<Measurement> measurements, List<string> notes)
    {
        var data = options.Data;
        var report = new StringBuilder();
        report.AppendLine().AppendLine("## SecopPortal benchmark").AppendLine()
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"Data set: {Count(data, "Contracts")} contracts, {Count(data, "PaymentRequests")} payment requests, "
                + $"{Count(data, "AspNetUsers")} users ({Count(data, "Supervisors")} supervisors), {Count(data, "PublicEntities")} entities, "
                + $"{Count(data, "ExecutionDocuments")} execution documents{AuditSummary(data)}; loaded in {data.LoadSeconds.ToString("F1", CultureInfo.InvariantCulture)} s."))
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"wrk: 2 threads, {options.Seconds} s a run, {options.Rounds} round(s) per concurrency, portal and baseline alternating; ")
                + "req/s = all requests / all seconds; p50 = mean of the rounds' p50; p99 = worst round's p99 (portal).")
            .AppendLine()
            .AppendLine("| page | conns | portal req/s | baseline req/s | ratio | p50 ms | p99 ms | non-200 | statements/page |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in measurements)
        {
            var errors = m.Portal.Sum(r => r.SocketErrors + r.Timeouts);
            var non200 = m.Portal.Sum(r => r.Non200).ToString(CultureInfo.InvariantCulture)
                         + (errors > 0 ? " (+" + errors.ToString(CultureInfo.InvariantCulture) + " timeouts/socket errors)" : string.Empty);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Page} | {m.Connections} | {Rps(m.PortalRps)} | {Rps(m.BaselineRps)} | {Ratio(m.Ratio)} | {Ms(m.P50Ms())} | {Ms(m.P99Ms())} | {non200} | {Format(m.Statements.PerPage)} + {Format(m.Statements.DiscardAllPerPage)} DISCARD ALL |");
        }

        report.AppendLine().AppendLine("One request alone (median of the sequential requests of the statement count): " + string.Join("; ", _alone) + ".");
        report.AppendLine().AppendLine("Baseline latency: " + string.Join("; ", measurements.Select(m =>
            $"{m.Page} c={m.Connections} p50 {Ms(m.P50Ms(baseline: true))} ms p99 {Ms(m.P99Ms(baseline: true))} ms")) + ".");
        foreach (var note in notes)
        {
            report.AppendLine().AppendLine("Note: " + note);
        }

        report.AppendLine();
        foreach (var m in measurements)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"bench: page={m.Page} conns={m.Connections} portal_rps={Rps(m.PortalRps)} baseline_rps={Rps(m.BaselineRps)} ratio={Ratio(m.Ratio)} p50_ms={Ms(m.P50Ms())} p99_ms={Ms(m.P99Ms())} non200={m.Portal.Sum(r => r.Non200)}");
        }

        var text = report.ToString();
        await output.WriteAsync(text);
        await output.FlushAsync();
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "report.md"), text + Environment.NewLine + _details);
    }

    private async Task SayAsync(string line)
    {
        await output.WriteLineAsync(line);
        await output.FlushAsync();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>", N audit entries (loaded in S s)" when <c>audit-load</c> filled the log of this data set.</summary>
    private static string AuditSummary(DataSetInfo data)
    {
        if (!data.RowCounts.ContainsKey("AuditEntries"))
        {
            return string.Empty;
        }

        var seconds = data.StepSeconds.Where(s => s.Key.StartsWith("audit entries", StringComparison.Ordinal)).Select(s => (double?)s.Value).FirstOrDefault();
        return $", {Count(data, "AuditEntries")} audit entries"
               + (seconds is { } v ? " (loaded in " + v.ToString("F1", CultureInfo.InvariantCulture) + " s)" : string.Empty);
    }

    private static string Count(DataSetInfo data, string table) =>
        data.RowCounts.TryGetValue(table, out var n) ? n.ToString("N0", CultureInfo.InvariantCulture) : "?";

    public static string Rps(double value) => value.ToString(value >= 10 ? "F0" : "F1", CultureInfo.InvariantCulture);

    public static string Ms(double? value) => value is { } v ? v.ToString(v >= 10 ? "F0" : "F1", CultureInfo.InvariantCulture) : "n/a";

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Two decimals, or two significant digits below 0.1 (0.013, 0.00072).</summary>
    public static string Ratio(double? value)
    {
        if (value is not { } v)
        {
            return "n/a";
        }

        if (v == 0 || v >= 0.1)
        {
            return v.ToString("0.00", CultureInfo.InvariantCulture);
        }

        var digits = 1 - (int)Math.Floor(Math.Log10(v));
        return Math.Round(v, digits).ToString("0.##########", CultureInfo.InvariantCulture);
    }
}
