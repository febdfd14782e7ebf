using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Notifications;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Infrastructure.Mail;

/// <summary>What one <see cref="OutboxDispatcher.DispatchDueAsync"/> did.</summary>
/// <param name="Sent">E-mails the server accepted.</param>
/// <param name="Failed">E-mails that failed and were rescheduled.</param>
/// <param name="TakenByAnother">Due e-mails another dispatcher (another instance of the portal) claimed first.</param>
/// <param name="MailOff">Mail is off: nothing was read or changed.</param>
public sealed record OutboxDispatchResult(int Sent, int Failed, int TakenByAnother, bool MailOff)
{
    public static readonly OutboxDispatchResult Off = new(0, 0, 0, MailOff: true);
}

/// <summary>
/// Delivers the outbox: takes the due e-mails (not sent, <see cref="OutboxEmail.NextAttemptAtUtc"/> reached),
/// oldest first, at most <see cref="MailOptions.BatchSize"/>, and sends each one. A success marks it sent; a failure
/// keeps it queued with the error and the next attempt backed off exponentially (1, 2, 4 … minutes, at most an
/// hour). Nothing is ever deleted, so nothing is lost while the mail server is down.
/// </summary>
/// <remarks>
/// Each e-mail is first claimed with an UPDATE conditioned on the <see cref="OutboxEmail.NextAttemptAtUtc"/> that
/// was read (a concurrency token), which also moves it <see cref="ClaimLease"/> ahead: with several instances of
/// the portal only one sends a given e-mail, and one that dies mid-send leaves it to be retried after the lease.
/// Delivery is at least once: if the server took an e-mail but marking it sent failed, it is sent again later.
/// </remarks>
public sealed partial class OutboxDispatcher(
    PortalDbContext db,
    IMailSender sender,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>How long a claimed e-mail is held back from other dispatchers while it is being sent.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    public async Task<OutboxDispatchResult> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Delivery == MailDelivery.Off)
        {
            return OutboxDispatchResult.Off;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxEmails
            .Where(e => e.SentAtUtc == null && e.NextAttemptAtUtc <= now)
            .OrderBy(e => e.NextAttemptAtUtc).ThenBy(e => e.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        int sent = 0, failed = 0, taken = 0;
        foreach (var email in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await TryClaimAsync(email, cancellationToken))
            {
                taken++;
                continue;
            }

            try
            {
                await sender.SendAsync(new EmailMessage(email.To, email.Subject, email.BodyText), cancellationToken);
                email.MarkSent(clock.GetUtcNow().UtcDateTime);
                sent++;
                LogSent(logger, email.Id, email.Attempts);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down mid-send: the claim expires and another run tries again.
                throw;
            }
#pragma warning disable CA1031 // Whatever the sender throws, the e-mail stays queued and the batch goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                email.RecordFailure(Describe(ex), clock.GetUtcNow().UtcDateTime);
                failed++;
                LogFailed(logger, ex, email.Id, email.Attempts, email.NextAttemptAtUtc);
            }

            // The outcome must be recorded even when shutting down, or a sent e-mail would be sent again.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new OutboxDispatchResult(sent, failed, taken, MailOff: false);
    }

    private async Task<bool> TryClaimAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        email.Claim(clock.GetUtcNow().UtcDateTime, ClaimLease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another dispatcher claimed (or sent) it since we read it.
            db.Entry(email).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>The error for operators: the exception's type and message, with its inner exceptions' messages.</summary>
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null && parts.Count < 4; current = current.InnerException)
        {
            parts.Add($"{current.GetType().Name}: {current.Message}");
        }

        return string.Join(" ← ", parts);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Outbox e-mail {EmailId} sent (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, int emailId, int attempt);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "Outbox e-mail {EmailId} failed on attempt {Attempt}; it stays queued and is retried at {NextAttemptAtUtc:o}")]
    private static partial void LogFailed(ILogger logger, Exception exception, int emailId, int attempt, DateTime nextAttemptAtUtc);
}
