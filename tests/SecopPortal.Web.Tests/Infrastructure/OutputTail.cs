using System.Diagnostics;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// The last lines a child process wrote to its standard output and error, for failure messages of the tests (and the
/// soak) that start real processes (<see cref="PortalProcess"/>, <see cref="NginxProxy"/>).
/// </summary>
/// <param name="keptLines">How many of the last lines are kept.</param>
public sealed class OutputTail(int keptLines)
{
    private readonly Queue<string> _lines = new();

    /// <summary>Reads both streams of <paramref name="process"/>, started with them redirected, into this tail.</summary>
    public void Follow(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The kept lines, oldest first.</summary>
    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > keptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
