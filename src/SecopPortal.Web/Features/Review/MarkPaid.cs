using System.Globalization;
using FluentValidation;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Review;

/// <summary>
/// "Marcar como pagado" (the supervisor or an administrator, on an approved request): the real payment date and,
/// optionally, the "Soporte de pago". The file is staged in the change (checked by content and size) and deleted
/// again unless the change commits, so a refusal or a lost race leaves no file behind. Rules: docs/product.md §11.3.
/// </summary>
public static class MarkPaid
{
    public const string Prefix = "Paid";

    public const string ReselectFile =
        "Si quiere anexar el soporte de pago, vuelva a seleccionarlo: por seguridad, el navegador no conserva el archivo elegido.";

    public sealed class Input : IVersionedInput
    {
        public Guid? ConcurrencyStamp { get; set; }

        /// <summary>"Fecha real de pago".</summary>
        public DateOnly? PaidOn { get; set; }

        /// <summary>"Soporte de pago" (optional).</summary>
        public IFormFile? PaymentSupport { get; set; }
    }

    public sealed class Validator : VersionedInputValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.PaidOn).NotNull().WithMessage("Indique la fecha real de pago.");
        }
    }

    public static string BodyTooLarge(string maxFileSize) =>
        $"El archivo supera el tamaño máximo permitido de {maxFileSize}. No se anexó nada ni se marcó la cuenta como pagada.";

    public sealed class Handler(PaymentRequestWorkspace workspace, IPaymentRequestNotifier notifier, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        /// <exception cref="DomainValidationException">A rule was broken; a refused file is keyed "PaymentSupport".</exception>
        public async Task<string> HandleAsync(int requestId, Input input, Guid userId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var request = await workspace.ChangeAsync(new StateChangeCommand(requestId, input.ConcurrencyStamp, userId), async change =>
            {
                var support = input.PaymentSupport is { } file ? await StageSupportAsync(change, file, userId, cancellationToken) : null;
                change.Request.MarkPaid(userId, input.PaidOn!.Value, support, workspace.Today, workspace.NowUtc);
                await notifier.PaymentRequestPaidAsync(change.Request, cancellationToken);
            }, cancellationToken);
            PaymentRequestLog.Decided(logger, userId, nameof(MarkPaid), request.Id);
            var support = input.PaymentSupport is null ? "." : ", con su soporte de pago.";
            return string.Create(CultureInfo.InvariantCulture, $"Marcó como pagada la cuenta de cobro con Id de pago {request.Sequence}{support}");
        }

        private async Task<Attachment> StageSupportAsync(PaymentRequestChange change, IFormFile file, Guid userId, CancellationToken cancellationToken)
        {
            var staged = await change.StageAsync(file, cancellationToken);
            if (!staged.IsAccepted)
            {
                throw new DomainValidationException([new RuleViolation(nameof(Input.PaymentSupport), staged.RefusalMessage)]);
            }

            try
            {
                return new Attachment(
                    AttachmentType.PaymentSupport, staged.DisplayFileName, staged.Type.ContentType, staged.Document.SizeBytes, staged.Document.Sha256,
                    staged.Document.StorageKey, description: null, workspace.NowUtc, userId);
            }
            catch (DomainValidationException exception)
            {
                // The attachment's own keys ("File", "Type") belong to the "Soporte de pago" field here.
                throw new DomainValidationException(
                    exception.Violations.Select(v => new RuleViolation(nameof(Input.PaymentSupport), v.Message)).ToList());
            }
        }
    }
}
