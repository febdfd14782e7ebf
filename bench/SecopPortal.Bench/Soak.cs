using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SecopPortal.Infrastructure.Pdf;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Bench;

/// <summary>What <c>soak</c> needs (scripts/soak.sh): the PostgreSQL server, how long, how many virtual users, where to write.</summary>
/// <param name="AdminConnection">An admin connection string; the soak creates (and at the end drops) its own database there.</param>
/// <param name="ThinkMilliseconds">The average pause of a virtual user between two requests (uniform, 0 to twice this).</param>
/// <param name="Nginx">The nginx binary; Debian's /usr/sbin/nginx when null.</param>
public sealed record SoakOptions(string AdminConnection, TimeSpan Duration, int Clients, int ThinkMilliseconds, string OutputDirectory, string? Nginx);

/// <summary>
/// Issue 10 item 7: two portal processes as production runs them (Production, shared database, document folder and Data
/// Protection keys) behind nginx terminating TLS, under mixed traffic of <see cref="SoakOptions.Clients"/> virtual users
/// for <see cref="SoakOptions.Duration"/> (<see cref="SoakUser"/>). Reports every request that failed (goal: none) and the
/// resident memory of each instance, sampled every 10 s: the average of the last 5 minutes against the average of the
/// minute after a 3-minute warm-up (goal: under 10% growth). Shorter runs scale both windows down.
/// </summary>
public sealed class Soak(SoakOptions options, TextWriter output)
{
    private const double GrowthGoalPercent = 10;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    /// <returns>Whether both goals were met.</returns>
    public async Task<bool> RunAsync(CancellationToken stop)
    {
        Directory.CreateDirectory(options.OutputDirectory);

        // The writers attach PDFs written with PDFsharp, which needs the fonts (fonts-dejavu-core, as the portal).
        PdfFonts.Use(PdfFonts.DefaultDirectory);
        var database = $"secop_soak_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var connection = await CreateDatabaseAsync(database);
        var folder = Directory.CreateTempSubdirectory("secop-soak-");
        NginxProxy? proxy = null;
        var portals = new List<PortalProcess>();
        try
        {
            int[] ports = [PortalProcess.FreePort(), PortalProcess.FreePort()];
            proxy = await NginxProxy.StartAsync([.. ports.Select(p => new Uri($"http://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))], options.Nginx, stop);
            var starting = ports.Select((port, i) => PortalProcess.StartAsync(Settings(connection, folder.FullName, proxy.BalancedPort, Name(i)), "Production", port, TimeSpan.FromMinutes(3), stop)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                portals.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var names = portals.Select((p, i) => (Upstream: $"127.0.0.1:{p.Port.ToString(CultureInfo.InvariantCulture)}", Name: Name(i))).ToDictionary(x => x.Upstream, x => x.Name, StringComparer.Ordinal);
            Say($"==> Instances up: {string.Join(", ", portals.Select((p, i) => $"{Name(i)} pid {p.Id} on {p.BaseAddress}"))}; nginx https {NginxProxy.Https(proxy.BalancedPort)} (round-robin)");
            Say($"==> {options.Clients} virtual users for {options.Duration.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} min, about {options.ThinkMilliseconds} ms between a user's requests");

            var log = new SoakLog();
            var samples = new List<MemorySample>();
            var clock = Stopwatch.StartNew();
            var trafficStart = DateTimeOffset.Now;
            using var end = CancellationTokenSource.CreateLinkedTokenSource(stop);
            end.CancelAfter(options.Duration);
            var users = Enumerable.Range(0, options.Clients)
                .Select(i => new SoakUser(i, SoakUser.RoleOf(i), NginxProxy.Https(proxy.BalancedPort), proxy, log, clock, options.ThinkMilliseconds))
                .ToList();
            try
            {
                var sampler = SampleAsync(portals, samples, log, clock, end.Token);
                await Task.WhenAll(users.Select(u => u.RunAsync(end.Token)));
                await sampler;
            }
            finally
            {
                users.ForEach(u => u.Dispose());
            }

            var elapsed = clock.Elapsed;

            var report = Report(portals, names, samples, log, elapsed, stop.IsCancellationRequested);
            foreach (var portal in portals)
            {
                await portal.StopAsync();
            }

            report.AddRange(ServerLogErrors(folder.FullName, trafficStart));
            var passed = report.Passed;
            Say(string.Empty);
            foreach (var line in report.Lines)
            {
                Say(line);
            }

            await File.WriteAllLinesAsync(Path.Combine(options.OutputDirectory, "report.txt"), report.Lines, CancellationToken.None);
            await File.WriteAllLinesAsync(Path.Combine(options.OutputDirectory, "errors.txt"), log.Errors.Select(e => e.ToString()), CancellationToken.None);
            await File.WriteAllLinesAsync(Path.Combine(options.OutputDirectory, "rss.csv"),
                samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.At.TotalSeconds:F0},{string.Join(',', s.ResidentKb)},{s.Requests}"))
                    .Prepend($"seconds,{string.Join(',', portals.Select((_, i) => $"rss_kb_{Name(i)}"))},requests_so_far"), CancellationToken.None);
            CopyLogs(folder.FullName, proxy.Folder);
            return passed;
        }
        catch (Exception e) when (portals.Count > 0 || proxy is not null)
        {
            foreach (var portal in portals)
            {
                await Console.Error.WriteLineAsync($"{portal}:\n{portal.Output}");
            }

            await Console.Error.WriteLineAsync(proxy?.Diagnostics ?? string.Empty);
            throw new BenchException($"soak aborted: {e.Message}");
        }
        finally
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            foreach (var portal in portals)
            {
                await portal.DisposeAsync();
            }

            await DropDatabaseAsync(database);
            folder.Delete(recursive: true);
        }
    }

    private static string Name(int index) => index == 0 ? "A" : index == 1 ? "B" : $"I{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Production as docs/operations.md describes it, behind a proxy on the loopback.</summary>
    private static Dictionary<string, string> Settings(string connection, string folder, int httpsPort, string name) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Portal"] = connection,
        ["Database:MigrateOnStartup"] = "true",
        ["Seed:DemoData"] = "true",
        ["Storage:Root"] = Path.Combine(folder, "documents"),
        ["DataProtection:KeysFolder"] = Path.Combine(folder, "keys"),
        ["ForwardedHeaders:Enabled"] = "true",
        ["https_port"] = httpsPort.ToString(CultureInfo.InvariantCulture),
        ["Logging:File:Path"] = Path.Combine(folder, "logs", $"portal-{name}-.log"),

        // Every virtual user comes from 127.0.0.1: the per-address limits would otherwise answer 429 to the soak itself.
        ["SignInThrottle:AttemptsPerAddressPerMinute"] = "1000000",
        ["PublicRecord:PermitsPerMinute"] = "1000000",
    };

    private async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var admin = new NpgsqlConnection(options.AdminConnection))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(options.AdminConnection) { Database = name }.ConnectionString;
    }

    private async Task DropDatabaseAsync(string name)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(options.AdminConnection);
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException e)
        {
            Say($"(could not drop the soak database {name}: {e.Message})");
        }
    }

    /// <summary>VmRSS of every instance every 10 s (and once at the start and at the end).</summary>
    private async Task SampleAsync(List<PortalProcess> portals, List<MemorySample> samples, SoakLog log, Stopwatch clock, CancellationToken end)
    {
        var next = TimeSpan.Zero;
        while (true)
        {
            var sample = new MemorySample(clock.Elapsed, [.. portals.Select(p => p.HasExited ? 0 : p.ResidentBytes() / 1024)], log.Requests);
            samples.Add(sample);
            if (portals.Any(p => p.HasExited))
            {
                log.Fail(new SoakError(clock.Elapsed, "process", "-", "-", "an instance exited: " + string.Join(", ", portals.Where(p => p.HasExited).Select(p => p.ToString())), null));
            }

            if (samples.Count % 6 == 1 || end.IsCancellationRequested)
            {
                Say(string.Create(CultureInfo.InvariantCulture,
                    $"    {sample.At.TotalMinutes:F1} min: {log.Requests} requests, {log.ErrorCount} errors, RSS {string.Join(" / ", sample.ResidentKb.Select(kb => $"{kb / 1024.0:F0} MB"))}"));
            }

            if (end.IsCancellationRequested)
            {
                return;
            }

            next += SampleEvery;
            try
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, end);
                }
            }
            catch (OperationCanceledException)
            {
                // One last sample at the end.
            }
        }
    }

    private SoakReport Report(List<PortalProcess> portals, Dictionary<string, string> names, List<MemorySample> samples, SoakLog log, TimeSpan elapsed, bool interrupted)
    {
        var report = new SoakReport();
        var minutes = elapsed.TotalMinutes;
        report.Add($"SecopPortal soak: {minutes.ToString("F1", CultureInfo.InvariantCulture)} min{(interrupted ? " (interrupted)" : string.Empty)}, {options.Clients} virtual users, "
                   + $"{portals.Count} instances (Production) behind nginx (TLS), PostgreSQL, finished {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var servedBy = string.Join(", ", log.ByUpstream.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{names.GetValueOrDefault(u.Key, u.Key)} {u.Value}"));
        report.Add(string.Create(CultureInfo.InvariantCulture, $"requests: {log.Requests} ({log.Requests / elapsed.TotalSeconds:F1}/s); served by {servedBy}"));
        report.Add(string.Empty);
        report.Add("kind                           requests  errors   p50 ms   p95 ms   max ms");
        foreach (var kind in log.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var (count, errors, p50, p95, max) = kind.Value.Summary();
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{kind.Key,-30} {count,8} {errors,7} {p50,8:F0} {p95,8:F0} {max,8:F0}"));
        }

        if (!log.GoneMeanwhile.IsEmpty)
        {
            report.Add("404s that were right (a draft its writer deleted meanwhile, checked by re-reading the page that linked it): "
                       + string.Join(", ", log.GoneMeanwhile.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Value}")));
        }

        report.Add(string.Empty);
        var errorsByClass = log.Errors.GroupBy(e => e.Class).Select(g => $"{g.Key} {g.Count()}");
        report.Add($"errors: {log.ErrorCount}{(log.ErrorCount > 0 ? $" ({string.Join(", ", errorsByClass)})" : string.Empty)}");
        foreach (var error in log.Errors.Take(30))
        {
            report.Add("    " + error);
        }

        if (log.ErrorCount > 30)
        {
            report.Add($"    … {log.ErrorCount - 30} more in errors.txt");
        }

        report.Goal($"errors: {log.ErrorCount} (goal 0)", log.ErrorCount == 0);

        // Windows: warm-up W = min(3 min, a third of the run); baseline = the minute after it (shorter on a short run);
        // final = the last 5 minutes (or what is left after the baseline).
        var warmUp = Math.Min(3, minutes / 3);
        var baselineLength = Math.Min(1, (minutes - warmUp) / 2);
        var finalLength = Math.Min(5, minutes - warmUp - baselineLength);
        report.Add(string.Empty);
        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"memory (VmRSS every {SampleEvery.TotalSeconds:F0} s, {samples.Count} samples): baseline = average of minute {warmUp:F1}–{warmUp + baselineLength:F1}, final = average of minute {minutes - finalLength:F1}–{minutes:F1}"));
        for (var i = 0; i < portals.Count; i++)
        {
            var index = i;
            double Average(double from, double to)
            {
                var window = samples.Where(s => s.At.TotalMinutes >= from && s.At.TotalMinutes <= to && s.ResidentKb[index] > 0).Select(s => (double)s.ResidentKb[index]).ToList();
                return window.Count == 0 ? double.NaN : window.Average();
            }

            var baseline = Average(warmUp, warmUp + baselineLength);
            var final = Average(minutes - finalLength, minutes);
            var growth = (final - baseline) / baseline * 100;
            var first = samples.Count > 0 ? samples[0].ResidentKb[index] : 0;
            var last = samples.Count > 0 ? samples[^1].ResidentKb[index] : 0;
            var peak = samples.Count > 0 ? samples.Max(s => s.ResidentKb[index]) : 0;
            var name = Name(index);
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"    instance {name} (pid {portals[index].Id}): start {first / 1024.0:F0} MB, baseline {baseline / 1024:F0} MB, final {final / 1024:F0} MB, end {last / 1024.0:F0} MB, peak {peak / 1024.0:F0} MB, growth {growth:+0.0;-0.0}%"));
            report.Goal(string.Create(CultureInfo.InvariantCulture, $"memory growth of {name}: {growth:+0.0;-0.0}% (goal < {GrowthGoalPercent:F0}%)"), !double.IsNaN(growth) && growth < GrowthGoalPercent);
        }

        return report;
    }

    /// <summary>ERR and FTL lines the instances logged once the traffic had started (informational: the client side counts the errors).</summary>
    private static List<string> ServerLogErrors(string folder, DateTimeOffset since)
    {
        var lines = new List<string> { string.Empty };
        var logs = Path.Combine(folder, "logs");
        foreach (var file in Directory.Exists(logs) ? [.. Directory.GetFiles(logs, "*.log").Order(StringComparer.Ordinal)] : Array.Empty<string>())
        {
            var found = File.ReadLines(file)
                .Where(line => (line.Contains(" ERR] ", StringComparison.Ordinal) || line.Contains(" FTL] ", StringComparison.Ordinal))
                               && line.Length > 30
                               && DateTimeOffset.TryParseExact(line[1..30], "yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                               && at >= since)
                .ToList();
            lines.Add($"server log {Path.GetFileName(file)}: {found.Count} ERR/FTL lines during the traffic");
            lines.AddRange(found.Take(10).Select(l => "    " + (l.Length > 300 ? l[..300] + "…" : l)));
        }

        return lines;
    }

    private void CopyLogs(string folder, string nginxFolder)
    {
        var logs = Path.Combine(folder, "logs");
        foreach (var file in Directory.Exists(logs) ? Directory.GetFiles(logs) : [])
        {
            File.Copy(file, Path.Combine(options.OutputDirectory, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var name in new[] { "error.log", "access.log", "nginx.conf" })
        {
            var file = Path.Combine(nginxFolder, name);
            if (File.Exists(file))
            {
                File.Copy(file, Path.Combine(options.OutputDirectory, name.StartsWith("nginx", StringComparison.Ordinal) ? name : "nginx-" + name), overwrite: true);
            }
        }
    }

    private void Say(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed record MemorySample(TimeSpan At, long[] ResidentKb, long Requests);

    private sealed class SoakReport
    {
        private readonly List<string> _lines = [];
        private readonly List<string> _goals = [];
        private bool _failed;

        public bool Passed => !_failed;

        public IEnumerable<string> Lines => _lines.Append(string.Empty).Concat(_goals).Append(Passed ? "SOAK PASSED" : "SOAK FAILED");

        public void Add(string line) => _lines.Add(line);

        public void AddRange(IEnumerable<string> lines) => _lines.AddRange(lines);

        public void Goal(string what, bool met)
        {
            _goals.Add($"{(met ? "PASS" : "FAIL")}: {what}");
            _failed |= !met;
        }
    }
}

/// <summary>One failed request: when, what, where, and why.</summary>
public sealed record SoakError(TimeSpan At, string Kind, string Request, string Upstream, string Problem, int? Status)
{
    /// <summary>5xx, connection (no answer), unexpected (any other status or content), as the report counts them.</summary>
    public string Class => Status is >= 500 ? "5xx" : Status is null ? "connection/exception" : "unexpected status or content";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{At:hh\\:mm\\:ss} {Kind}: {Request} → {(Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "no answer")} via {Upstream}: {Problem}");
}

/// <summary>Every request the virtual users made: counts, times and errors per kind, and which instance served it.</summary>
public sealed class SoakLog
{
    private const int KeptErrors = 5000;
    private readonly List<SoakError> _errors = [];
    private long _requests;
    private long _errorCount;

    public System.Collections.Concurrent.ConcurrentDictionary<string, KindStats> Kinds { get; } = new(StringComparer.Ordinal);

    public System.Collections.Concurrent.ConcurrentDictionary<string, long> ByUpstream { get; } = new(StringComparer.Ordinal);

    public long Requests => Interlocked.Read(ref _requests);

    public long ErrorCount => Interlocked.Read(ref _errorCount);

    public IReadOnlyList<SoakError> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>A 404 that was right: what a reader followed had been deleted by a writer meanwhile (counted per kind).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, long> GoneMeanwhile { get; } = new(StringComparer.Ordinal);

    public void Gone(string kind) => GoneMeanwhile.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Done(string kind, double milliseconds, string? upstream)
    {
        Interlocked.Increment(ref _requests);
        Kinds.GetOrAdd(kind, _ => new KindStats()).Add(milliseconds, failed: false);
        ByUpstream.AddOrUpdate(upstream ?? "(none)", 1, (_, n) => n + 1);
    }

    public void Fail(SoakError error, double milliseconds = 0, bool counted = false)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!counted)
        {
            Interlocked.Increment(ref _requests);
            Kinds.GetOrAdd(error.Kind, _ => new KindStats()).Add(milliseconds, failed: true);
        }

        Interlocked.Increment(ref _errorCount);
        lock (_errors)
        {
            if (_errors.Count < KeptErrors)
            {
                _errors.Add(error);
            }
        }
    }
}

/// <summary>Durations and errors of one kind of request.</summary>
public sealed class KindStats
{
    private readonly List<double> _milliseconds = [];
    private int _errors;

    public void Add(double milliseconds, bool failed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(milliseconds);
            if (failed)
            {
                _errors++;
            }
        }
    }

    public (int Count, int Errors, double P50, double P95, double Max) Summary()
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return (0, _errors, 0, 0, 0);
            }

            var sorted = _milliseconds.Order().ToList();
            double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
            return (sorted.Count, _errors, At(0.5), At(0.95), sorted[^1]);
        }
    }
}
