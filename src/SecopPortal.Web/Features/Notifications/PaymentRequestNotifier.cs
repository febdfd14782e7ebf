using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Notifications;

/// <summary>
/// Adds one <see cref="Notification"/> and, when the recipient has an e-mail address, one queued
/// <see cref="OutboxEmail"/> to the DbContext, without saving: the caller's SaveChanges commits them together with
/// the state change, so a notification exists exactly when the change does, whatever the mail server is doing.
/// </summary>
public sealed class PaymentRequestNotifier(PortalDbContext db, TimeProvider clock, IOptions<MailOptions> mail) : IPaymentRequestNotifier
{
    public Task PaymentRequestSentAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        NotifyAsync(NotificationKind.PaymentRequestSent, PaymentRequestStatus.Sent, request, cancellationToken);

    public Task PaymentRequestRejectedAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        NotifyAsync(NotificationKind.PaymentRequestRejected, PaymentRequestStatus.Rejected, request, cancellationToken);

    public Task PaymentRequestApprovedAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        NotifyAsync(NotificationKind.PaymentRequestApproved, PaymentRequestStatus.Approved, request, cancellationToken);

    public Task PaymentRequestPaidAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        NotifyAsync(NotificationKind.PaymentRequestPaid, PaymentRequestStatus.Paid, request, cancellationToken);

    private async Task NotifyAsync(NotificationKind kind, PaymentRequestStatus expected, PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id == 0)
        {
            throw new InvalidOperationException("Notify about a payment request that is already saved: the link needs its Id.");
        }

        if (request.Status != expected)
        {
            throw new InvalidOperationException(
                $"A {kind} notification is for a request in state {expected}, but this one is {request.Status}: call the notifier after the domain method.");
        }

        var contractorId = request.ContractorId;
        var facts = await db.Contracts.AsNoTracking()
            .Where(c => c.Id == request.ContractId)
            .Select(c => new PaymentRequestMessageFacts(
                c.Number,
                c.SupervisorId,
                db.Users.Where(u => u.Id == c.SupervisorId).Select(u => u.FullName).First(),
                db.Users.Where(u => u.Id == c.SupervisorId).Select(u => u.Email).First(),
                db.Users.Where(u => u.Id == contractorId).Select(u => u.FullName).First(),
                db.Users.Where(u => u.Id == contractorId).Select(u => u.Email).First()))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Contract {request.ContractId} of payment request {request.Id} does not exist.");

        var message = PaymentRequestMessages.Compose(kind, request, facts, mail.Value.PublicBaseUrl);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Notifications.Add(new Notification(message.RecipientId, kind, message.Title, message.Body, message.LinkPath, now));
        if (!string.IsNullOrWhiteSpace(message.RecipientEmail))
        {
            db.OutboxEmails.Add(new OutboxEmail(message.RecipientEmail, message.EmailSubject, message.EmailText, now));
        }
    }
}
