using System.Diagnostics;
using System.Globalization;

namespace SecopPortal.Bench;

/// <summary>One wrk run's figures, from the line wrk/report.lua prints.</summary>
public sealed record WrkResult(long Requests, double Seconds, long Non200, long SocketErrors, long Timeouts, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>Runs the Debian <c>wrk</c> with two threads and the report script.</summary>
public static class Wrk
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "wrk", "report.lua");

    public static async Task<WrkResult> RunAsync(Uri url, int connections, int seconds, IEnumerable<string> headers)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{seconds.ToString(CultureInfo.InvariantCulture)}s", "--timeout", "30s", "-s", Script })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var header in headers)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url.ToString());
        using var process = Process.Start(start) ?? throw new BenchException("could not start wrk");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRKRESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new BenchException($"wrk failed (exit {process.ExitCode}): {output} {await stderr}");
        }

        var values = line["WRKRESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new WrkResult(
            (long)values["requests"],
            values["duration_us"] / 1e6,
            (long)values["non200"],
            (long)(values["connect_errors"] + values["read_errors"] + values["write_errors"]),
            (long)values["timeouts"],
            values["p50_us"] / 1000,
            values["p90_us"] / 1000,
            values["p99_us"] / 1000,
            values["max_us"] / 1000);
    }
}
