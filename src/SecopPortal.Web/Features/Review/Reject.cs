using System.Globalization;
using FluentValidation;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Review;

/// <summary>
/// "Rechazar" (the supervisor): the request goes to "Rechazado" with the reason its contractor will read, and they are
/// notified in the same save. The reason's rules (not empty, its length) are the domain's (docs/product.md §11.1).
/// </summary>
public static class Reject
{
    public const string Prefix = "Reject";

    public sealed class Input : IVersionedInput
    {
        public Guid? ConcurrencyStamp { get; set; }

        /// <summary>"Motivo del rechazo".</summary>
        public string? Reason { get; set; }
    }

    /// <summary>Only the version: the reason's rules are the domain's.</summary>
    public sealed class Validator : VersionedInputValidator<Input>;

    public sealed class Handler(PaymentRequestWorkspace workspace, IPaymentRequestNotifier notifier, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        public async Task<string> HandleAsync(int requestId, Input input, Guid reviewerId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var request = await workspace.ChangeAsync(new StateChangeCommand(requestId, input.ConcurrencyStamp, reviewerId), async change =>
            {
                change.Request.Reject(reviewerId, input.Reason ?? string.Empty, workspace.NowUtc);
                await notifier.PaymentRequestRejectedAsync(change.Request, cancellationToken);
            }, cancellationToken);
            PaymentRequestLog.Decided(logger, reviewerId, nameof(Reject), request.Id);
            return string.Create(CultureInfo.InvariantCulture, $"Rechazó la cuenta de cobro con Id de pago {request.Sequence}. El contratista recibirá el motivo y podrá corregirla y enviarla de nuevo.");
        }
    }
}
