using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace SecopPortal.Bench;

public sealed record OpenDataBenchOptions(Uri Portal, Uri Baseline, int PortalPid, string OutputDirectory, int Seconds, int Rounds);

/// <summary>
/// The whole country's public Plan de pagos (/publico/datos/plan-de-pagos.csv) against the baseline's hand-written
/// stream of the same rows, alternating, each download read to its end or for at most <c>--seconds</c>: time to the
/// first byte, rows per second, and the portal's memory while it streams (VmRSS before, its peak, and at the end).
/// At national size a file that were built in memory would show as a peak growing with the rows read.
/// </summary>
public sealed class OpenDataBench(OpenDataBenchOptions options, TextWriter output)
{
    public const string PortalPath = "/publico/datos/plan-de-pagos.csv";
    public const string BaselinePath = "/open-data-csv";

    public async Task RunAsync()
    {
        var portal = new List<StreamSample>();
        var baseline = new List<StreamSample>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            portal.Add(await ReadAsync(options.Portal, PortalPath, watchPortal: true));
            baseline.Add(await ReadAsync(options.Baseline, BaselinePath, watchPortal: false));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"    round {round}: portal {portal[^1]} · baseline {baseline[^1]}"));
        }

        var portalRate = portal.Sum(s => s.Rows) / portal.Sum(s => s.Seconds);
        var baselineRate = baseline.Sum(s => s.Rows) / baseline.Sum(s => s.Seconds);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"bench: page=open-data-csv rounds={options.Rounds} max_seconds={options.Seconds} portal_rows_per_s={portalRate:F0} baseline_rows_per_s={baselineRate:F0} "
            + $"ratio={portalRate / baselineRate:F2} portal_first_byte_ms={portal.Max(s => s.FirstByteMs):F0} baseline_first_byte_ms={baseline.Max(s => s.FirstByteMs):F0} "
            + $"rows_read={portal.Max(s => s.Rows)} complete={(portal.All(s => s.Complete) ? "yes" : "no")} "
            + $"rss_before_mb={portal[0].RssBeforeKb / 1024.0:F0} rss_peak_mb={portal.Max(s => s.RssPeakKb) / 1024.0:F0} rss_end_mb={portal[^1].RssEndKb / 1024.0:F0} "
            + $"rss_growth_pct={100.0 * (portal.Max(s => s.RssPeakKb) - portal[0].RssBeforeKb) / portal[0].RssBeforeKb:F0}");
        await output.WriteLineAsync(line);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "open-data.txt"), line + Environment.NewLine);
    }

    private async Task<StreamSample> ReadAsync(Uri server, string path, bool watchPortal)
    {
        var pid = options.PortalPid;
        var before = watchPortal ? ProcessMemory.Kb(pid, "VmRSS") : 0;
        if (watchPortal)
        {
            await ProcessMemory.ResetPeakAsync(pid);
        }

        using var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"GET {server}{path.TrimStart('/')} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        double? firstByteMs = null;
        long lines = 0;
        long bytes = 0;
        var complete = false;
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(buffer, limit.Token);
                if (read == 0)
                {
                    complete = true;
                    break;
                }

                firstByteMs ??= clock.Elapsed.TotalMilliseconds;
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // The time limit: what was read so far is the sample.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var peak = watchPortal ? ProcessMemory.Kb(pid, "VmHWM") : 0;
        var end = watchPortal ? ProcessMemory.Kb(pid, "VmRSS") : 0;
        return new StreamSample(Math.Max(0, lines - 1), bytes, seconds, firstByteMs ?? seconds * 1000, complete, before, peak, end);
    }

    private sealed record StreamSample(long Rows, long Bytes, double Seconds, double FirstByteMs, bool Complete, long RssBeforeKb, long RssPeakKb, long RssEndKb)
    {
        public override string ToString()
        {
            var stream = string.Create(CultureInfo.InvariantCulture,
                $"{Rows:N0} rows, {Bytes / 1048576.0:F0} MB in {Seconds:F1} s ({Rows / Seconds:F0} rows/s, first byte {FirstByteMs:F0} ms{(Complete ? ", complete" : ", time limit")})");
            return RssBeforeKb == 0
                ? stream
                : stream + string.Create(CultureInfo.InvariantCulture, $", RSS {RssBeforeKb / 1024.0:F0} → peak {RssPeakKb / 1024.0:F0} → {RssEndKb / 1024.0:F0} MB");
        }
    }
}
