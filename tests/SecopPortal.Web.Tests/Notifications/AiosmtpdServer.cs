using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>
/// A real SMTP server for the mail tests: Debian's aiosmtpd (<c>python3-aiosmtpd</c>, which <c>./scripts/test.sh</c>
/// installs) on 127.0.0.1 and a free port, storing what it accepts in a Maildir of its own (its <c>Mailbox</c>
/// handler), which the tests read back with MimeKit. Stopped and deleted on dispose.
/// </summary>
internal sealed class AiosmtpdServer : IAsyncDisposable
{
    /// <summary>The Python that has aiosmtpd (Debian's, not another one on the PATH); override with this variable.</summary>
    public const string PythonVariable = "SECOPPORTAL_SMTP_PYTHON";

    public const string DefaultPython = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private AiosmtpdServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string Maildir => Path.Combine(_folder, "maildir");

    /// <summary>Starts the server and returns once its port accepts connections.</summary>
    /// <param name="extraArguments">More aiosmtpd options, e.g. <c>-s 300</c> for a size limit or <c>--tlscert</c>.</param>
    public static async Task<AiosmtpdServer> StartAsync(params string[] extraArguments)
    {
        var python = Environment.GetEnvironmentVariable(PythonVariable) is { Length: > 0 } configured ? configured : DefaultPython;
        if (!File.Exists(python))
        {
            throw new InvalidOperationException(
                $"The SMTP tests need Debian's python3 with aiosmtpd and {python} does not exist. Run ./scripts/test.sh, which installs " +
                $"python3-aiosmtpd (or `sudo apt-get install python3-aiosmtpd`), or point {PythonVariable} at a python3 that has aiosmtpd. " +
                "These tests are never skipped.");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"secopportal-smtp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", .. extraArguments, "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder, "maildir")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
        var server = new AiosmtpdServer(process, folder, port);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The messages delivered so far, once there are at least <paramref name="expected"/> (waits up to 10 s).</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(int expected = 1)
    {
        var waited = Stopwatch.StartNew();
        var delivered = Path.Combine(Maildir, "new");
        while (true)
        {
            var files = Directory.Exists(delivered) ? Directory.GetFiles(delivered) : [];
            if (files.Length >= expected || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                var messages = new List<MimeMessage>();
                foreach (var file in files.Order(StringComparer.Ordinal))
                {
                    messages.Add(await MimeMessage.LoadAsync(file));
                }

                return messages;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException(
                    $"aiosmtpd exited with code {_process.ExitCode} before listening on port {Port}. Is python3-aiosmtpd installed " +
                    $"(./scripts/test.sh installs it)? Its output:{Environment.NewLine}{Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"aiosmtpd did not listen on port {Port} within 20 s. Its output:{Environment.NewLine}{Output()}");
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
