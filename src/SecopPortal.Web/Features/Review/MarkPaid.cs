using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;
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

        /// <summary>
        /// The "Soporte de pago" chosen before the confirmation step without JavaScript, already stored
        /// (<see cref="PendingSupport"/>): a browser cannot send the file a second time.
        /// </summary>
        public string? PendingSupport { get; set; }

        /// <summary>"Sí, marcar como pagado": only a post with it records; without it the page shows what would be (<see cref="DecisionConfirmation"/>).</summary>
        public bool Confirmed { get; set; }
    }

    /// <summary>What "Sí, marcar como pagado" will record: the confirmed input and the name of the support file, if any.</summary>
    public sealed record Preview(Input Confirmed, string? SupportFileName);

    public const string PendingSupportExpired =
        "El soporte de pago que eligió ya no está disponible. Vuelva a marcar la cuenta como pagada y seleccione el archivo de nuevo.";

    public sealed class Validator : VersionedInputValidator<Input>
    {
        public Validator()
        {
            RuleFor(x => x.PaidOn).NotNull().WithMessage("Indique la fecha real de pago.");
        }
    }

    public static string BodyTooLarge(string maxFileSize) =>
        $"El archivo supera el tamaño máximo permitido de {maxFileSize}. No se anexó nada ni se marcó la cuenta como pagada.";

    public sealed class Handler(PaymentRequestWorkspace workspace, IPaymentRequestNotifier notifier, PendingSupport pending, ILogger<Handler> logger)
    {
        /// <returns>The message for the page.</returns>
        /// <exception cref="DomainValidationException">A rule was broken; a refused file is keyed "PaymentSupport".</exception>
        public async Task<string> HandleAsync(int requestId, Input input, Guid userId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var request = await workspace.ChangeAsync(new StateChangeCommand(requestId, input.ConcurrencyStamp, userId), async change =>
            {
                await DecideAsync(change, requestId, input, userId, cancellationToken);
                await notifier.PaymentRequestPaidAsync(change.Request, cancellationToken);
            }, cancellationToken);
            PaymentRequestLog.Decided(logger, userId, nameof(MarkPaid), request.Id);
            var support = input.PaymentSupport is null && input.PendingSupport is null ? "." : ", con su soporte de pago.";
            return string.Create(CultureInfo.InvariantCulture, $"Marcó como pagada la cuenta de cobro con Id de pago {request.Sequence}{support}");
        }

        /// <summary>
        /// "Marcar como pagado" before its confirmation: the same change through the domain (same version check, same
        /// rules, the file checked and stored), never committed. A chosen file is kept for the confirmation
        /// (<see cref="Input.PendingSupport"/>).
        /// </summary>
        public async Task<Preview> PreviewAsync(int requestId, Input input, Guid userId, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            await using var change = await workspace.BeginChangeAsync(requestId, input.ConcurrencyStamp, cancellationToken);
            var support = await DecideAsync(change, requestId, input, userId, cancellationToken);
            string? token = null;
            if (support is not null)
            {
                change.Scope.Keep(support.StorageKey);
                token = pending.Protect(requestId, userId, input.ConcurrencyStamp!.Value, support);
            }

            var confirmed = new Input { ConcurrencyStamp = input.ConcurrencyStamp, PaidOn = change.Request.PaidOn, PendingSupport = token, Confirmed = true };
            return new Preview(confirmed, support?.FileName);
        }

        private async Task<Attachment?> DecideAsync(PaymentRequestChange change, int requestId, Input input, Guid userId, CancellationToken cancellationToken)
        {
            Attachment? support = null;
            if (input.PaymentSupport is { } file)
            {
                support = await StageSupportAsync(change, file, userId, cancellationToken);
            }
            else if (input.PendingSupport is { } token)
            {
                // Only for the version the preview saw: once any change is saved (this one included) the token is spent.
                support = pending.Unprotect(token, requestId, userId, input.ConcurrencyStamp!.Value, workspace.NowUtc)
                          ?? throw new DomainValidationException([new RuleViolation(nameof(Input.PaymentSupport), PendingSupportExpired)]);
                change.Scope.Adopt(support.StorageKey);
            }

            change.Request.MarkPaid(userId, input.PaidOn!.Value, support, workspace.Today, workspace.NowUtc);
            return support;
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

/// <summary>
/// The "Soporte de pago" between the confirmation step and "Sí, marcar como pagado" without JavaScript: the preview
/// stored it (checked by content and size) and the confirmation page carries this protected reference instead of the
/// file. It is bound to the request, the user and the version they saw, and lives half the sweep's grace period
/// (<see cref="UploadLimitsOptions.SweepGracePeriod"/>): bytes never confirmed are deleted by the sweep.
/// </summary>
public sealed class PendingSupport(IDataProtectionProvider protection, IOptions<UploadLimitsOptions> limits)
{
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("SecopPortal.Review.PendingPaymentSupport").ToTimeLimitedDataProtector();

    public string Protect(int requestId, Guid userId, Guid version, Attachment support)
    {
        ArgumentNullException.ThrowIfNull(support);
        var payload = new Payload(requestId, userId, version, support.FileName, support.ContentType, support.SizeBytes, support.Sha256, support.StorageKey);
        return _protector.Protect(JsonSerializer.Serialize(payload), limits.Value.SweepGracePeriod / 2);
    }

    /// <returns>The support as a new attachment, or null when the reference is not valid (forged, expired, another request, user or version).</returns>
    public Attachment? Unprotect(string token, int requestId, Guid userId, Guid version, DateTime nowUtc)
    {
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        if (payload is null || payload.RequestId != requestId || payload.UserId != userId || payload.Version != version)
        {
            return null;
        }

        return new Attachment(
            AttachmentType.PaymentSupport, payload.FileName, payload.ContentType, payload.SizeBytes, payload.Sha256, payload.StorageKey,
            description: null, nowUtc, userId);
    }

    private sealed record Payload(int RequestId, Guid UserId, Guid Version, string FileName, string ContentType, long SizeBytes, string Sha256, string StorageKey);
}
