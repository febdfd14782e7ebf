using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>One message as the fake server received it.</summary>
internal sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, string Data)
{
    /// <summary>The Subject header, with RFC 2047 encoded words (=?utf-8?B?…?= / ?Q?) decoded.</summary>
    public string Subject
    {
        get
        {
            var headers = Data.Split("\r\n\r\n", 2)[0];
            var match = Regex.Match(headers, @"^Subject: (?<value>[^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline);
            return match.Success ? DecodeWords(match.Groups["value"].Value.Replace("\r\n", string.Empty, StringComparison.Ordinal)) : string.Empty;
        }
    }

    /// <summary>The body, decoded from base64 or quoted-printable as its Content-Transfer-Encoding says.</summary>
    public string Body
    {
        get
        {
            var parts = Data.Split("\r\n\r\n", 2);
            var body = parts.Length > 1 ? parts[1] : string.Empty;
            if (Regex.IsMatch(parts[0], @"^Content-Transfer-Encoding: base64", RegexOptions.Multiline | RegexOptions.IgnoreCase))
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", string.Empty)));
            }

            if (Regex.IsMatch(parts[0], @"^Content-Transfer-Encoding: quoted-printable", RegexOptions.Multiline | RegexOptions.IgnoreCase))
            {
                return DecodeQuotedPrintable(body);
            }

            return body;
        }
    }

    private static string DecodeWords(string value) =>
        Regex.Replace(
            Regex.Replace(value, @"\?=\s+=\?", "?==?"),
            @"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=",
            m => string.Equals(m.Groups["encoding"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["text"].Value))
                : DecodeQuotedPrintable(m.Groups["text"].Value.Replace('_', ' ')));

    private static string DecodeQuotedPrintable(string text)
    {
        var unfolded = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

/// <summary>
/// Just enough of an SMTP server, on 127.0.0.1 and a free port, to prove a client speaks SMTP: 220 greeting,
/// EHLO/HELO 250, MAIL/RCPT 250, DATA 354 … "." 250, RSET/NOOP 250, QUIT 221. It keeps what it receives.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Task _acceptLoop;

    public FakeSmtpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => _received.ToList();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 localhost Fake SMTP ready");
                string? from = null;
                var recipients = new List<string>();
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                        case "HELO":
                            await writer.WriteLineAsync("250 localhost");
                            break;
                        case "MAIL":
                            from = line;
                            recipients.Clear();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "RCPT":
                            recipients.Add(line);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            {
                                data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                            }

                            _received.Enqueue(new ReceivedMail(from ?? string.Empty, recipients.ToList(), data.ToString()));
                            await writer.WriteLineAsync("250 OK: queued");
                            break;
                        case "RSET":
                        case "NOOP":
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("502 Command not implemented");
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client or the test went away.
            }
        }
    }
}
