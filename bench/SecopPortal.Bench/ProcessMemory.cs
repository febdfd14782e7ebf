using System.Globalization;

namespace SecopPortal.Bench;

/// <summary>A process's memory as Linux reports it in /proc/PID/status (VmRSS now, VmHWM its peak), in kB.</summary>
public static class ProcessMemory
{
    public static long Kb(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(key.Length + 1)..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new BenchException($"no {key} in /proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
    }

    /// <summary>Sets VmHWM back to the current VmRSS, so the next peak read is this step's own.</summary>
    public static Task ResetPeakAsync(int pid) => File.WriteAllTextAsync($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5");
}
