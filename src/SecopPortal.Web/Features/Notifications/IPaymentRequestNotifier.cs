using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.Notifications;

/// <summary>
/// Tells the people of a payment request what happened to it, in the app (the bell) and by e-mail (queued in the
/// outbox). Call it right after the domain method that changed the state, before saving.
/// </summary>
public interface IPaymentRequestNotifier
{
    /// Adds the notifications and queued e-mails to the DbContext WITHOUT saving; the caller's SaveChanges commits them with the state change.
    Task PaymentRequestSentAsync(PaymentRequest request, CancellationToken cancellationToken);      // → the contract's supervisor

    Task PaymentRequestRejectedAsync(PaymentRequest request, CancellationToken cancellationToken);  // → the contractor, with the reason

    Task PaymentRequestApprovedAsync(PaymentRequest request, CancellationToken cancellationToken);  // → the contractor

    Task PaymentRequestPaidAsync(PaymentRequest request, CancellationToken cancellationToken);      // → the contractor
}
