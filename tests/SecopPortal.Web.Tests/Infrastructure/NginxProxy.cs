using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>
/// Debian's nginx as the TLS-terminating reverse proxy in front of portal processes, as a deployment puts it: run as
/// the current user with its own prefix folder (configuration, self-signed certificate, pid, logs, temporary files),
/// in the foreground (<c>daemon off</c>), on free loopback ports. It forwards <c>Host</c>, <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, and answers every request with <c>X-Upstream</c> (nginx's <c>$upstream_addr</c>), the
/// instance that served it.
/// </summary>
/// <remarks>
/// Ports: one https port per upstream (<see cref="InstancePort"/>, only that instance behind it), one https port that
/// balances over all of them round-robin (<see cref="BalancedPort"/>), and one plain-http port over all of them
/// (<see cref="HttpPort"/>, forwarded with <c>X-Forwarded-Proto: http</c>, so the portal's own redirect to https shows).
/// Used by the two-instance test and by the soak (bench/SecopPortal.Bench <c>soak</c>), so it asserts nothing.
/// </remarks>
public sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>Where the tests find nginx; ./scripts/test.sh installs the Debian package and sets it.</summary>
    public const string EnvironmentVariable = "SECOPPORTAL_NGINX";

    /// <summary>The response header naming the upstream that answered (<c>127.0.0.1:port</c>).</summary>
    public const string UpstreamHeader = "X-Upstream";

    private readonly Process _process;
    private readonly byte[] _certificate;
    private readonly OutputTail _output = new(200);

    private NginxProxy(Process process, string folder, byte[] certificate, int httpPort, int balancedPort, List<int> instancePorts)
    {
        _process = process;
        Folder = folder;
        _certificate = certificate;
        HttpPort = httpPort;
        BalancedPort = balancedPort;
        InstancePorts = instancePorts;
    }

    /// <summary>The prefix folder (nginx.conf, cert.pem, key.pem, error.log, access.log, temporary files); deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>Plain http over every upstream, round-robin.</summary>
    public int HttpPort { get; }

    /// <summary>https over every upstream, round-robin.</summary>
    public int BalancedPort { get; }

    /// <summary>One https port per upstream, in the order given to <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<int> InstancePorts { get; }

    /// <summary>The https port that reaches only the <paramref name="index"/>-th upstream.</summary>
    public int InstancePort(int index) => InstancePorts[index];

    /// <summary><c>https://127.0.0.1:port</c>.</summary>
    public static Uri Https(int port) => new($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary><c>http://127.0.0.1:<see cref="HttpPort"/></c>.</summary>
    public Uri Http() => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>nginx's error log and what it printed, for failure messages.</summary>
    public string Diagnostics
    {
        get
        {
            var errorLog = Path.Combine(Folder, "error.log");
            return $"nginx output:\n{_output}\nerror.log:\n{(File.Exists(errorLog) ? File.ReadAllText(errorLog) : "(none)")}";
        }
    }

    /// <summary>
    /// The nginx binary: <c>SECOPPORTAL_NGINX</c>, else Debian's <c>/usr/sbin/nginx</c>; throws, saying how to install
    /// it, when there is none (the tests that need it fail, they never skip).
    /// </summary>
    public static string FindBinary()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{EnvironmentVariable}={configured}, but there is no such file. Install Debian's nginx (apt-get install nginx) or run ./scripts/test.sh, which installs it.");
        }

        const string debian = "/usr/sbin/nginx";
        return File.Exists(debian)
            ? debian
            : throw new InvalidOperationException(
                "This test runs the portal behind nginx, which is not installed. Run ./scripts/test.sh (it installs the Debian package " +
                $"nginx with apt-get and sets {EnvironmentVariable}), or install it yourself (apt-get install nginx) and set " +
                $"{EnvironmentVariable}=/usr/sbin/nginx.");
    }

    /// <summary>
    /// Writes a configuration for <paramref name="upstreams"/> (the instances' <c>http://127.0.0.1:port</c>) into a new
    /// temporary folder, starts nginx in the foreground and waits until every port accepts connections.
    /// </summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> upstreams, string? binary = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        binary ??= FindBinary();
        var folder = Directory.CreateTempSubdirectory("secop-nginx-").FullName;
        try
        {
            var certificate = WriteSelfSignedCertificate(folder);
            var httpPort = PortalProcess.FreePort();
            var balancedPort = PortalProcess.FreePort();
            var instancePorts = upstreams.Select(_ => PortalProcess.FreePort()).ToList();
            var configuration = Path.Combine(folder, "nginx.conf");
            await File.WriteAllTextAsync(configuration, Configuration(folder, upstreams, httpPort, balancedPort, instancePorts), cancellationToken);

            var start = new ProcessStartInfo(binary)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // -e: the error log before the configuration is read (else nginx opens /var/log/nginx/error.log first).
            foreach (var argument in new[] { "-p", folder + "/", "-c", configuration, "-e", Path.Combine(folder, "error.log") })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start.");
            var proxy = new NginxProxy(process, folder, certificate, httpPort, balancedPort, instancePorts);
            proxy._output.Follow(process);
            try
            {
                await proxy.WaitUntilListeningAsync(TimeSpan.FromSeconds(20), cancellationToken);
            }
            catch
            {
                await proxy.DisposeAsync();
                throw;
            }

            return proxy;
        }
        catch
        {
            DeleteQuietly(folder);
            throw;
        }
    }

    /// <summary>
    /// A handler that trusts exactly this proxy's certificate (and nothing else), keeps cookies in <paramref name="cookies"/>
    /// and does not follow redirects.
    /// </summary>
    public SocketsHttpHandler CreateHandler(CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        if (cookies is not null)
        {
            handler.CookieContainer = cookies;
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is not null
            && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
            && certificate.GetRawCertData().AsSpan().SequenceEqual(_certificate);
        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM: nginx's fast shutdown; the master stops its worker and exits.
                using (var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
                {
                    await term!.WaitForExitAsync();
                }

                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }

        _process.Dispose();
        DeleteQuietly(Folder);
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var port in InstancePorts.Append(BalancedPort).Append(HttpPort))
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited with code {_process.ExitCode} while starting. {Diagnostics}");
                }

                try
                {
                    using var socket = new TcpClient();
                    await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException)
                {
                    if (clock.Elapsed > timeout)
                    {
                        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s. {Diagnostics}");
                    }

                    await Task.Delay(50, cancellationToken);
                }
            }
        }
    }

    private static string Configuration(string folder, IReadOnlyList<Uri> upstreams, int httpPort, int balancedPort, List<int> instancePorts)
    {
        static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
        static string Server(Uri upstream) => $"        server {upstream.Host}:{Port(upstream.Port)};";
        var text = new StringBuilder();
        text.AppendLine("# Written by NginxProxy (tests/SecopPortal.Web.Tests/Infrastructure/NginxProxy.cs).");
        text.AppendLine("daemon off;");
        text.AppendLine("worker_processes 1;");
        if (Environment.UserName == "root")
        {
            // As root the worker would switch to "nobody", who may not read this folder. Not needed (and ignored) otherwise.
            text.AppendLine("user root root;");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"pid {folder}/nginx.pid;");
        text.AppendLine(CultureInfo.InvariantCulture, $"error_log {folder}/error.log warn;");
        text.AppendLine("events { worker_connections 1024; }");
        text.AppendLine("http {");
        text.AppendLine("    log_format upstream '$remote_addr [$time_local] \"$request\" $status $body_bytes_sent $request_time upstream=$upstream_addr';");
        text.AppendLine(CultureInfo.InvariantCulture, $"    access_log {folder}/access.log upstream;");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {temp}_temp_path {folder}/{temp}_temp;");
        }

        // The portal's own limit is 100 MiB a request plus the form (Uploads:MaxRequestBytes); nginx must not refuse earlier.
        text.AppendLine("    client_max_body_size 128m;");
        text.AppendLine("    proxy_read_timeout 300s;");
        text.AppendLine("    proxy_http_version 1.1;");
        text.AppendLine("    proxy_set_header Connection \"\";");
        text.AppendLine("    proxy_set_header Host $http_host;");
        text.AppendLine("    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
        text.AppendLine("    proxy_set_header X-Forwarded-Proto $scheme;");
        text.AppendLine(CultureInfo.InvariantCulture, $"    add_header {UpstreamHeader} $upstream_addr always;");
        text.AppendLine(CultureInfo.InvariantCulture, $"    ssl_certificate {folder}/cert.pem;");
        text.AppendLine(CultureInfo.InvariantCulture, $"    ssl_certificate_key {folder}/key.pem;");
        text.AppendLine("    upstream portal_all {");
        foreach (var upstream in upstreams)
        {
            text.AppendLine(Server(upstream));
        }

        text.AppendLine("        keepalive 32;");
        text.AppendLine("    }");
        for (var i = 0; i < upstreams.Count; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    upstream portal_{Port(i)} {{");
            text.AppendLine(Server(upstreams[i]));
            text.AppendLine("        keepalive 16;");
            text.AppendLine("    }");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"    server {{ listen 127.0.0.1:{Port(httpPort)}; location / {{ proxy_pass http://portal_all; }} }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    server {{ listen 127.0.0.1:{Port(balancedPort)} ssl; location / {{ proxy_pass http://portal_all; }} }}");
        for (var i = 0; i < upstreams.Count; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    server {{ listen 127.0.0.1:{Port(instancePorts[i])} ssl; location / {{ proxy_pass http://portal_{Port(i)}; }} }}");
        }

        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>A one-day self-signed certificate for localhost and 127.0.0.1, written as cert.pem and key.pem; returns its DER bytes.</summary>
    private static byte[] WriteSelfSignedCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate.RawData;
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left behind.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

}
