using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>The SMTP sender against a tiny SMTP server on a TcpListener: it really speaks SMTP, and the outbox survives the server being down.</summary>
public sealed class SmtpMailSenderTests
{
    [Fact]
    public async Task The_smtp_sender_delivers_a_spanish_email_over_smtp()
    {
        await using var server = new FakeSmtpServer();
        var sender = new SmtpMailSender(Options.Create(SmtpOn(server.Port)), Path.GetTempPath());

        await sender.SendAsync(new EmailMessage(DemoAccounts.SupervisorEmail, "SecopPortal: Cuenta de cobro por revisar: contrato CO1.PCCNTR.7034218, pago 3", "Hola, Laura Méndez Ríos:\n\nRevísela para aprobarla o rechazarla."), default);

        var mail = Assert.Single(server.Received);
        Assert.Contains("<no-responder@secop.test>", mail.MailFrom, StringComparison.Ordinal);
        Assert.Contains($"<{DemoAccounts.SupervisorEmail}>", Assert.Single(mail.RcptTo), StringComparison.Ordinal);
        Assert.Equal("SecopPortal: Cuenta de cobro por revisar: contrato CO1.PCCNTR.7034218, pago 3", mail.Subject);
        Assert.Contains("Hola, Laura Méndez Ríos:", mail.Body, StringComparison.Ordinal);
        Assert.Contains("Revísela para aprobarla o rechazarla.", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_server_stopped_the_email_stays_queued_and_goes_out_once_a_server_answers()
    {
        await using var database = await OutboxTestDatabase.CreateAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero));
        var id = await database.QueueAsync(DemoAccounts.ContractorEmail, "SecopPortal: Cuenta de cobro rechazada", clock.GetUtcNow().UtcDateTime);
        int stoppedPort;
        await using (var stopped = new FakeSmtpServer())
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
        Assert.False(string.IsNullOrWhiteSpace(queued.LastError));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(1), queued.NextAttemptAtUtc);

        await using var server = new FakeSmtpServer();
        options.Port = server.Port;
        clock.Advance(TimeSpan.FromMinutes(1));
        var backUp = await database.DispatchAsync(sender, options, clock);

        Assert.Equal(1, backUp.Sent);
        Assert.NotNull((await database.FindAsync(id)).SentAtUtc);
        Assert.Equal("SecopPortal: Cuenta de cobro rechazada", Assert.Single(server.Received).Subject);
    }

    private static MailOptions SmtpOn(int port) => new()
    {
        Enabled = true,
        Host = "127.0.0.1",
        Port = port,
        Timeout = TimeSpan.FromSeconds(10),
        From = "SecopPortal <no-responder@secop.test>",
    };
}
