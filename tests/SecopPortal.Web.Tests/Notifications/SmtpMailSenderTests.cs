using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>
/// The MailKit sender against a real SMTP server (aiosmtpd, see <see cref="AiosmtpdServer"/>), read back from its
/// Maildir: Spanish subjects and bodies arrive intact, and the outbox keeps and retries what a server did not take.
/// </summary>
public sealed class SmtpMailSenderTests
{
    private const string Subject = "SecopPortal: Cuenta de cobro por revisión: contrato CO1.PCCNTR.7034218, pago 3 de 2026 (año de la señora Núñez)";
    private const string Body = "Hola, Laura Méndez Ríos:\n\nRevísela para aprobarla o rechazarla. Compañía: Ñandú Diseño S.A.S.";

    [Fact]
    public async Task The_smtp_sender_delivers_a_spanish_email_through_a_real_smtp_server()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        var sender = new SmtpMailSender(Options.Create(SmtpOn(server.Port)), Path.GetTempPath());

        await sender.SendAsync(new EmailMessage(DemoAccounts.SupervisorEmail, Subject, Body), default);

        var mail = Assert.Single(await server.MessagesAsync());
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mail.From));
        Assert.Equal("no-responder@secop.test", from.Address);
        Assert.Equal("SecopPortal Señales", from.Name);
        Assert.Equal(DemoAccounts.SupervisorEmail, Assert.IsType<MailboxAddress>(Assert.Single(mail.To)).Address);
        Assert.Equal(Subject, mail.Subject);
        Assert.Equal(Body, mail.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("utf-8", Assert.IsType<TextPart>(mail.Body).ContentType.Charset, ignoreCase: true);

        // The envelope as the server saw it (the Mailbox handler records it in X-MailFrom / X-RcptTo).
        Assert.Equal("no-responder@secop.test", mail.Headers["X-MailFrom"]);
        Assert.Equal(DemoAccounts.SupervisorEmail, mail.Headers["X-RcptTo"]);
    }

    [Fact]
    public async Task The_outbox_sends_through_the_server_and_marks_the_email_sent()
    {
        await using var database = await OutboxTestDatabase.CreateAsync();
        await using var server = await AiosmtpdServer.StartAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero));
        var id = await database.QueueAsync(DemoAccounts.ContractorEmail, "SecopPortal: Cuenta de cobro aprobada — señal de pago", clock.GetUtcNow().UtcDateTime);
        var options = SmtpOn(server.Port);

        var result = await database.DispatchAsync(new SmtpMailSender(Options.Create(options), Path.GetTempPath()), options, clock);

        Assert.Equal(1, result.Sent);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, (await database.FindAsync(id)).SentAtUtc);
        var mail = Assert.Single(await server.MessagesAsync());
        Assert.Equal("SecopPortal: Cuenta de cobro aprobada — señal de pago", mail.Subject);
        Assert.Equal("Cuerpo de «SecopPortal: Cuenta de cobro aprobada — señal de pago».", mail.TextBody!.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task With_the_server_stopped_the_email_stays_queued_and_goes_out_once_a_server_answers()
    {
        await using var database = await OutboxTestDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero));
        var id = await database.QueueAsync(DemoAccounts.ContractorEmail, "SecopPortal: Cuenta de cobro rechazada", clock.GetUtcNow().UtcDateTime);
        int stoppedPort;
        await using (var stopped = await AiosmtpdServer.StartAsync())
        {
            stoppedPort = stopped.Port;
        }

        var options = SmtpOn(stoppedPort);
        var sender = new SmtpMailSender(Options.Create(options), Path.GetTempPath());

        var whileDown = await database.DispatchAsync(sender, options, clock);
        var queued = await database.FindAsync(id);

        Assert.Equal(1, whileDown.Failed);
        Assert.Null(queued.SentAtUtc);
        Assert.Equal(1, queued.Attempts);
        Assert.StartsWith("SocketException", queued.LastError, StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(1), queued.NextAttemptAtUtc);

        await using var server = await AiosmtpdServer.StartAsync();
        options.Port = server.Port;
        clock.Advance(TimeSpan.FromMinutes(1));
        var backUp = await database.DispatchAsync(sender, options, clock);

        Assert.Equal(1, backUp.Sent);
        Assert.NotNull((await database.FindAsync(id)).SentAtUtc);
        Assert.Equal("SecopPortal: Cuenta de cobro rechazada", Assert.Single(await server.MessagesAsync()).Subject);
    }

    [Fact]
    public async Task A_server_that_refuses_the_message_leaves_it_queued_with_the_servers_answer()
    {
        await using var database = await OutboxTestDatabase.CreateAsync();
        await using var server = await AiosmtpdServer.StartAsync("-s", "200");
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero));
        var id = await database.QueueAsync(DemoAccounts.ContractorEmail, "SecopPortal: un mensaje más largo que lo que el servidor acepta", clock.GetUtcNow().UtcDateTime);
        var options = SmtpOn(server.Port);

        var result = await database.DispatchAsync(new SmtpMailSender(Options.Create(options), Path.GetTempPath()), options, clock);

        Assert.Equal(1, result.Failed);
        var queued = await database.FindAsync(id);
        Assert.Null(queued.SentAtUtc);
        Assert.Equal(1, queued.Attempts);
        Assert.StartsWith("SmtpCommandException", queued.LastError, StringComparison.Ordinal);
        Assert.Empty(await server.MessagesAsync(expected: 0));
    }

    [Fact]
    public async Task A_server_that_requires_starttls_refuses_a_sender_set_to_no_tls()
    {
        var error = await SendToServerRequiringStartTlsAsync(MailSecurity.None);

        Assert.IsType<MailKit.ServiceNotAuthenticatedException>(error);
        Assert.Contains("STARTTLS", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_starttls_the_servers_certificate_is_checked_and_an_untrusted_one_is_refused()
    {
        var error = await SendToServerRequiringStartTlsAsync(MailSecurity.StartTls);

        Assert.IsType<SslHandshakeException>(error);
    }

    [Theory]
    [InlineData(MailSecurity.Auto, SecureSocketOptions.Auto)]
    [InlineData(MailSecurity.None, SecureSocketOptions.None)]
    [InlineData(MailSecurity.StartTls, SecureSocketOptions.StartTls)]
    [InlineData(MailSecurity.SslOnConnect, SecureSocketOptions.SslOnConnect)]
    public void Each_tls_mode_is_mailkits_own(MailSecurity security, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpMailSender.SocketOptionsFor(security));

    [Fact]
    public void The_older_enable_ssl_setting_still_asks_for_starttls_unless_security_is_set()
    {
        Assert.Equal(MailSecurity.Auto, new MailOptions().EffectiveSecurity);
        Assert.Equal(MailSecurity.StartTls, new MailOptions { EnableSsl = true }.EffectiveSecurity);
        Assert.Equal(MailSecurity.SslOnConnect, new MailOptions { EnableSsl = true, Security = MailSecurity.SslOnConnect }.EffectiveSecurity);
    }

    /// <summary>Sends one e-mail with <paramref name="security"/> to aiosmtpd requiring STARTTLS with a self-signed certificate; returns what the sender threw (nothing may arrive).</summary>
    private static async Task<Exception> SendToServerRequiringStartTlsAsync(MailSecurity security)
    {
        using var certificate = SelfSignedCertificate.Create();
        await using var server = await AiosmtpdServer.StartAsync("--tlscert", certificate.CertificatePath, "--tlskey", certificate.KeyPath);
        var options = SmtpOn(server.Port);
        options.Security = security;

        var error = await Record.ExceptionAsync(() =>
            new SmtpMailSender(Options.Create(options), Path.GetTempPath()).SendAsync(new EmailMessage(DemoAccounts.SupervisorEmail, Subject, Body), default));

        Assert.Empty(await server.MessagesAsync(expected: 0));
        return Assert.IsAssignableFrom<Exception>(error);
    }

    private static MailOptions SmtpOn(int port) => new()
    {
        Enabled = true,
        Host = "127.0.0.1",
        Port = port,
        Timeout = TimeSpan.FromSeconds(10),
        From = "SecopPortal Señales <no-responder@secop.test>",
    };

    /// <summary>A self-signed certificate for 127.0.0.1 as the PEM files aiosmtpd reads, deleted on dispose.</summary>
    private sealed class SelfSignedCertificate : IDisposable
    {
        private readonly string _folder;

        private SelfSignedCertificate(string folder) => _folder = folder;

        public string CertificatePath => Path.Combine(_folder, "cert.pem");

        public string KeyPath => Path.Combine(_folder, "key.pem");

        public static SelfSignedCertificate Create()
        {
            var files = new SelfSignedCertificate(Path.Combine(Path.GetTempPath(), $"secopportal-tls-{Guid.NewGuid():N}"));
            Directory.CreateDirectory(files._folder);
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(files.CertificatePath, certificate.ExportCertificatePem());
            File.WriteAllText(files.KeyPath, key.ExportPkcs8PrivateKeyPem());
            return files;
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
