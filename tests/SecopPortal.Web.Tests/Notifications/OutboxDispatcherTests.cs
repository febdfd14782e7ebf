using System.Net.Mail;
using Moq;
using SecopPortal.Domain.Notifications;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>The outbox dispatcher against a real (SQLite) outbox and a mocked mail server: nothing is ever lost.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 15, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);
    private readonly MailOptions _smtp = new() { Enabled = true, Host = "smtp.secop.test", Port = 2525 };
    private OutboxTestDatabase? _database;

    private OutboxTestDatabase Database => _database!;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync() => _database = await OutboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task A_due_email_is_sent_and_marked_sent()
    {
        var id = await Database.QueueAsync(DemoAccounts.SupervisorEmail, "Cuenta de cobro por revisar", Now);
        var sender = new Mock<IMailSender>();

        var result = await Database.DispatchAsync(sender.Object, _smtp, _clock);

        Assert.Equal(new OutboxDispatchResult(1, 0, 0, false), result);
        sender.Verify(s => s.SendAsync(
            It.Is<EmailMessage>(m => m.To == DemoAccounts.SupervisorEmail && m.Subject == "Cuenta de cobro por revisar" && m.BodyText == "Cuerpo de «Cuenta de cobro por revisar»."),
            It.IsAny<CancellationToken>()), Times.Once);
        var email = await Database.FindAsync(id);
        Assert.Equal(Now, email.SentAtUtc);
        Assert.Equal(1, email.Attempts);
        Assert.Null(email.LastError);
    }

    [Fact]
    public async Task When_the_server_fails_the_email_stays_queued_with_the_error_and_backs_off_exponentially()
    {
        var id = await Database.QueueAsync(DemoAccounts.ContractorEmail, "Cuenta de cobro rechazada", Now);
        var sender = new Mock<IMailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SmtpException(SmtpStatusCode.ServiceNotAvailable, "Service not available, closing transmission channel"));

        var first = await Database.DispatchAsync(sender.Object, _smtp, _clock);
        var afterFirst = await Database.FindAsync(id);
        var tooSoon = await Database.DispatchAsync(sender.Object, _smtp, _clock);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Database.DispatchAsync(sender.Object, _smtp, _clock);
        var afterSecond = await Database.FindAsync(id);

        Assert.Equal(new OutboxDispatchResult(0, 1, 0, false), first);
        Assert.Null(afterFirst.SentAtUtc);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Contains("Service not available", afterFirst.LastError, StringComparison.Ordinal);
        Assert.Equal(Start.UtcDateTime.AddMinutes(1), afterFirst.NextAttemptAtUtc);
        Assert.Equal(new OutboxDispatchResult(0, 0, 0, false), tooSoon);
        Assert.Null(afterSecond.SentAtUtc);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Equal(Now.AddMinutes(2), afterSecond.NextAttemptAtUtc);
        sender.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_later_run_after_the_server_is_back_sends_it_once()
    {
        var id = await Database.QueueAsync(DemoAccounts.ContractorEmail, "Cuenta de cobro aprobada", Now);
        var serverUp = false;
        var sender = new Mock<IMailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(() => serverUp ? Task.CompletedTask : Task.FromException(new SmtpException("Failure sending mail.")));

        await Database.DispatchAsync(sender.Object, _smtp, _clock);
        serverUp = true;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var recovered = await Database.DispatchAsync(sender.Object, _smtp, _clock);
        _clock.Advance(TimeSpan.FromHours(2));
        var later = await Database.DispatchAsync(sender.Object, _smtp, _clock);

        Assert.Equal(1, recovered.Sent);
        Assert.Equal(0, later.Sent + later.Failed);
        var email = await Database.FindAsync(id);
        Assert.Equal(Start.UtcDateTime.AddMinutes(1), email.SentAtUtc);
        Assert.Equal(2, email.Attempts);
        Assert.Null(email.LastError);
        sender.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task One_failing_email_does_not_stop_the_others_of_the_batch()
    {
        var bad = await Database.QueueAsync("buzon-lleno@secop.test", "Primero", Now.AddSeconds(-2));
        var good = await Database.QueueAsync(DemoAccounts.SupervisorEmail, "Segundo", Now.AddSeconds(-1));
        var sender = new Mock<IMailSender>();
        sender.Setup(s => s.SendAsync(It.Is<EmailMessage>(m => m.To == "buzon-lleno@secop.test"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SmtpFailedRecipientException(SmtpStatusCode.MailboxUnavailable, "buzon-lleno@secop.test"));

        var result = await Database.DispatchAsync(sender.Object, _smtp, _clock);

        Assert.Equal(new OutboxDispatchResult(1, 1, 0, false), result);
        Assert.Null((await Database.FindAsync(bad)).SentAtUtc);
        Assert.NotNull((await Database.FindAsync(good)).SentAtUtc);
    }

    [Fact]
    public async Task A_dispatch_takes_at_most_a_batch_oldest_first()
    {
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Database.QueueAsync($"usuario{i}@secop.test", $"Aviso {i}", Now.AddMinutes(-10 + i)));
        }

        var sent = new List<string>();
        var sender = new Mock<IMailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => sent.Add(m.Subject))
            .Returns(Task.CompletedTask);

        var result = await Database.DispatchAsync(sender.Object, new MailOptions { Enabled = true, Host = "smtp.secop.test", BatchSize = 3 }, _clock);

        Assert.Equal(3, result.Sent);
        Assert.Equal(["Aviso 0", "Aviso 1", "Aviso 2"], sent);
        Assert.Null((await Database.FindAsync(ids[4])).SentAtUtc);
    }

    [Fact]
    public async Task With_mail_off_the_queue_is_left_as_is()
    {
        var id = await Database.QueueAsync(DemoAccounts.SupervisorEmail, "Cuenta de cobro por revisar", Now);
        var sender = new Mock<IMailSender>(MockBehavior.Strict);

        var result = await Database.DispatchAsync(sender.Object, new MailOptions { Enabled = false }, _clock);

        Assert.True(result.MailOff);
        var email = await Database.FindAsync(id);
        Assert.Null(email.SentAtUtc);
        Assert.Equal(0, email.Attempts);
        Assert.Equal(Now, email.NextAttemptAtUtc);
    }

    [Fact]
    public async Task With_a_pickup_directory_each_email_is_written_as_an_eml_file()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"secopportal-pickup-{Guid.NewGuid():N}");
        try
        {
            var options = new MailOptions { Enabled = false, PickupDirectory = folder };
            var id = await Database.QueueAsync(DemoAccounts.SupervisorEmail, "Cuenta de cobro por revisar", Now);

            var result = await Database.DispatchAsync(new SmtpMailSender(Microsoft.Extensions.Options.Options.Create(options), Path.GetTempPath()), options, _clock);

            Assert.Equal(1, result.Sent);
            Assert.NotNull((await Database.FindAsync(id)).SentAtUtc);
            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains($"To: {DemoAccounts.SupervisorEmail}", text, StringComparison.Ordinal);
            Assert.Contains("no-responder@secop.test", text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(50, 60)]
    public void Retries_back_off_from_one_minute_doubling_up_to_an_hour(int failedAttempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), OutboxEmail.RetryDelayAfter(failedAttempts));

    [Fact]
    public void A_subject_cannot_carry_a_line_break_into_the_headers()
    {
        var email = new OutboxEmail("a@secop.test", "Aviso\r\nBcc: intruso@example.com", "Cuerpo", DateTime.UtcNow);

        Assert.Equal("Aviso Bcc: intruso@example.com", email.Subject);
    }
}
