using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// The portal as it runs in production: its own <c>dotnet SecopPortal.Web.dll</c> process on real Kestrel, with its
/// content root in <c>src/SecopPortal.Web</c> and its settings in environment variables. For the tests that need
/// what an in-process host cannot give: a process killed with <c>kill -9</c>, several processes behind a proxy.
/// </summary>
/// <remarks>
/// The web project is built by the same build as the tests (the test project references it), in the same
/// configuration; <see cref="WebAssemblyPath"/> is where that build put it. Output is kept (the last 400 lines) so a
/// failure can say what the portal printed.
/// </remarks>
public sealed class PortalProcess : IAsyncDisposable
{

    private readonly Process _process;
    private readonly OutputTail _output = new(400);

    private PortalProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The process id (what <c>kill -9</c> is given).</summary>
    public int Id => _process.Id;

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The repository's root (the folder of SecopPortal.sln), found upwards from the test's binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The web project's folder: the content root (views, wwwroot, appsettings.json).</summary>
    public static string WebProjectFolder => Path.Combine(RepositoryRoot, "src", "SecopPortal.Web");

    /// <summary>The portal's assembly, built in the tests' own configuration (Release under ./scripts/test.sh).</summary>
    public static string WebAssemblyPath
    {
        get
        {
            // AppContext.BaseDirectory is tests/<project>/bin/<Configuration>/<tfm>/
            var tfmFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmFolder.Parent?.Name ?? "Release";
            return Path.Combine(WebProjectFolder, "bin", configuration, tfmFolder.Name, "SecopPortal.Web.dll");
        }
    }

    /// <summary>What the process printed (last lines), for failure messages.</summary>
    public string Output => _output.ToString();

    /// <summary>A free TCP port on the loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts the portal with <paramref name="settings"/> (configuration keys, e.g. <c>Database:Provider</c>; passed as
    /// environment variables) in the given environment, and waits until <c>/health</c> answers 200.
    /// </summary>
    /// <param name="settings">The portal's settings; keys with ':' as in appsettings.json.</param>
    /// <param name="environment">ASPNETCORE_ENVIRONMENT; "Testing" serves plain http without redirecting.</param>
    /// <param name="port">The port to listen on; a free one when null.</param>
    /// <param name="startTimeout">How long start-up may take (migrations, seed); 90 s when null.</param>
    public static async Task<PortalProcess> StartAsync(
        IReadOnlyDictionary<string, string> settings,
        string environment = "Testing",
        int? port = null,
        TimeSpan? startTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var assembly = WebAssemblyPath;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"The portal is not built at {assembly}; build the solution first (./scripts/test.sh does).");
        }

        var chosenPort = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{chosenPort.ToString(CultureInfo.InvariantCulture)}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["Logging__Format"] = "Text";
        // Not the test run's: where the portal buffers its form files is its own choice unless a test sets it (ADR 0021).
        start.Environment.Remove("ASPNETCORE_TEMP");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var portal = new PortalProcess(process, chosenPort);
        portal._output.Follow(process);

        try
        {
            await portal.WaitUntilHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(90), cancellationToken);
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        return portal;
    }

    /// <summary>Polls <c>/health</c> until it answers 200; throws with the portal's output if it exits or times out.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal (pid {Id}) exited with code {_process.ExitCode} while starting. Output:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow answer while it migrates.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The portal (pid {Id}) did not answer /health within {timeout.TotalSeconds:0} s. Output:\n{Output}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// <c>kill -9</c>: the process ends at once, without running anything of its own (no graceful shutdown, no
    /// finally blocks, no flushes); waits until it is gone.
    /// </summary>
    public async Task KillHardAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-9", Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Asks the process to stop (SIGTERM, the graceful shutdown of a deployment) and waits.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await term!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillHardAsync();
        }
    }

    /// <summary>The process's resident memory (VmRSS of /proc/&lt;pid&gt;/status), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for pid {Id}.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillHardAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }


    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SecopPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"SecopPortal.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>For messages: pid and address.</summary>
    public override string ToString() => new StringBuilder().Append("portal pid ").Append(Id).Append(" at ").Append(BaseAddress).ToString();
}
