using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;

namespace SecopPortal.Web.Features.Review;

/// <summary>
/// The supervisor's decisions on one request: "Rechazar", "Aprobar" and "Marcar como pagado". Each loads the request,
/// insists on the version the user had on screen, asks the domain to make the change, queues the contractor's
/// notification in the same unit of work and saves.
/// </summary>
/// <remarks>
/// Every method throws <see cref="ConcurrentChangeException"/> when someone else acted on the request since the
/// user loaded it (checked on load, and again by the database on save), and <see cref="DomainException"/> (often a
/// <see cref="DomainValidationException"/> keyed by the input's field names) when the domain refuses. On any
/// exception nothing is saved and the caller should <see cref="PaymentRequestWorkspace.DiscardChanges"/>.
/// </remarks>
public sealed partial class PaymentReview(
    PaymentRequestWorkspace workspace,
    IPaymentRequestNotifier notifier,
    DocumentIntake intake,
    IDocumentStore store,
    ILogger<PaymentReview> logger)
{
    public async Task<PaymentRequest> RejectAsync(int requestId, Guid expectedVersion, string? reason, Guid reviewerId, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(requestId, expectedVersion, cancellationToken);
        request.Reject(reviewerId, reason ?? string.Empty, workspace.NowUtc);
        await notifier.PaymentRequestRejectedAsync(request, cancellationToken);
        await workspace.SaveAsync(cancellationToken);
        LogDecision(logger, reviewerId, PaymentRequestActions.Reject, request.Id);
        return request;
    }

    public async Task<PaymentRequest> ApproveAsync(
        int requestId, Guid expectedVersion, DateOnly receivedOn, string? rpNumber, Guid reviewerId, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(requestId, expectedVersion, cancellationToken);
        request.Approve(reviewerId, receivedOn, rpNumber ?? string.Empty, workspace.Today, workspace.NowUtc);
        await notifier.PaymentRequestApprovedAsync(request, cancellationToken);
        await workspace.SaveAsync(cancellationToken);
        LogDecision(logger, reviewerId, PaymentRequestActions.Approve, request.Id);
        return request;
    }

    /// <summary>
    /// "Marcar como pagado". The optional support document is streamed into the store through
    /// <see cref="DocumentIntake"/> (refused by content or size with a message keyed "PaymentSupport") and deleted
    /// again unless the state change is committed, so a refusal or a lost race leaves no file behind.
    /// </summary>
    public async Task<PaymentRequest> MarkPaidAsync(
        int requestId, Guid expectedVersion, DateOnly paidOn, IFormFile? paymentSupport, Guid userId, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(requestId, expectedVersion, cancellationToken);
        StoredDocument? stored = null;
        var committed = false;
        try
        {
            Attachment? attachment = null;
            if (paymentSupport is not null)
            {
                IntakeResult accepted;
                await using (var content = paymentSupport.OpenReadStream())
                {
                    accepted = await intake.AcceptAsync(content, paymentSupport.FileName, paymentSupport.Length, cancellationToken);
                }

                if (!accepted.IsAccepted)
                {
                    throw new DomainValidationException([new RuleViolation(nameof(MarkPaidInput.PaymentSupport), accepted.RefusalMessage)]);
                }

                stored = accepted.Document;
                attachment = NewSupport(accepted, userId);
            }

            request.MarkPaid(userId, paidOn, attachment, workspace.Today, workspace.NowUtc);
            await notifier.PaymentRequestPaidAsync(request, cancellationToken);
            await workspace.SaveAsync(cancellationToken);
            committed = true;
            LogDecision(logger, userId, PaymentRequestActions.MarkPaid, request.Id);
            return request;
        }
        finally
        {
            if (!committed && stored is not null)
            {
                // Not cancellable: the file must not outlive a change that did not happen.
                await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
            }
        }
    }

    private Attachment NewSupport(IntakeResult accepted, Guid userId)
    {
        try
        {
            return new Attachment(
                AttachmentType.PaymentSupport,
                accepted.DisplayFileName!,
                accepted.Type!.ContentType,
                accepted.Document!.SizeBytes,
                accepted.Document.Sha256,
                accepted.Document.StorageKey,
                description: null,
                workspace.NowUtc,
                userId);
        }
        catch (DomainValidationException exception)
        {
            // The attachment's own keys ("File", "Type") belong to the "Soporte de pago" field here.
            throw new DomainValidationException(
                exception.Violations.Select(v => new RuleViolation(nameof(MarkPaidInput.PaymentSupport), v.Message)).ToList());
        }
    }

    /// <summary>The tracked request, if it is still the version the user saw.</summary>
    private async Task<PaymentRequest> LoadAsync(int requestId, Guid expectedVersion, CancellationToken cancellationToken)
    {
        var (request, _) = await workspace.LoadForUpdateAsync(requestId, cancellationToken);
        if (request.ConcurrencyStamp != expectedVersion)
        {
            // Someone acted after the user loaded the page: tell them, rather than a message about a state they never saw.
            throw new ConcurrentChangeException();
        }

        workspace.ExpectVersion(request, expectedVersion);
        return request;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "User {UserId} did «{Action}» on payment request {RequestId}")]
    private static partial void LogDecision(ILogger logger, Guid userId, string action, int requestId);
}
