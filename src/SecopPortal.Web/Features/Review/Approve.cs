using System.Globalization;
using FluentValidation;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Review;

/// <summary>
/// "Aprobar" (the supervisor, on the review page): confirms the "Fecha de recepción original" and gives the RP; the
/// request goes to "Aprobado" and its contractor is notified in the same save. The rules (dates, the RP) are the
/// domain's (<c>PaymentRequest.Approve</c>, docs/product.md §11.2).
/// </summary>
public static class Approve
{
    /// <summary>The form's field prefix ("Approve.ReceivedOn").</summary>
    public const string Prefix = "Approve";

    public sealed class Input : IVersionedInput
    {
        /// <summary>The version of the request the supervisor had on screen.</summary>
        public Guid? ConcurrencyStamp { get; set; }

        /// <summary>"Fecha de recepción original".</summary>
        public DateOnly? ReceivedOn { get; set; }

        /// <summary>"Registro presupuestal (RP)".</summary>
        public string? RpNumber { get; set; }

        /// <summary>"Sí, aprobar": only a post with it records; without it the page shows what would be (<see cref="DecisionConfirmation"/>).</summary>
        public bool Confirmed { get; set; }
    }

    /// <summary>What must be there to ask the domain at all.</summary>
    public sealed class Validator : VersionedInputValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.ReceivedOn).NotNull().WithMessage("Indique la fecha de recepción original.");
        }
    }

    public sealed class Handler(PaymentRequestWorkspace workspace, IPaymentRequestNotifier notifier, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        public async Task<string> HandleAsync(int requestId, Input input, Guid reviewerId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var request = await workspace.ChangeAsync(new StateChangeCommand(requestId, input.ConcurrencyStamp, reviewerId), async change =>
            {
                Decide(change, input, reviewerId);
                await notifier.PaymentRequestApprovedAsync(change.Request, cancellationToken);
            }, cancellationToken);
            PaymentRequestLog.Decided(logger, reviewerId, nameof(Approve), request.Id);
            return string.Create(CultureInfo.InvariantCulture, $"Aprobó la cuenta de cobro con Id de pago {request.Sequence}. Se notificó al contratista.");
        }

        /// <summary>
        /// "Aprobar" before its confirmation: the same change through the domain (same version check, same rules), never
        /// committed. Returns exactly what "Sí, aprobar" will record (the RP as the domain keeps it, trimmed).
        /// </summary>
        public async Task<Input> PreviewAsync(int requestId, Input input, Guid reviewerId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            await using var change = await workspace.BeginChangeAsync(requestId, input.ConcurrencyStamp, cancellationToken);
            Decide(change, input, reviewerId);
            return new Input { ConcurrencyStamp = input.ConcurrencyStamp, ReceivedOn = change.Request.ReceivedOn, RpNumber = change.Request.ApprovedRpNumber, Confirmed = true };
        }

        private void Decide(PaymentRequestChange change, Input input, Guid reviewerId) =>
            change.Request.Approve(reviewerId, input.ReceivedOn!.Value, input.RpNumber ?? string.Empty, workspace.Today, workspace.NowUtc);
    }
}
