using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// The fields of the cuenta de cobro form ("Input." prefix). Property names are the domain's
/// (<see cref="PaymentRequestDraft"/>), so its violations land next to their fields.
/// </summary>
public sealed class PaymentRequestInput
{
    public const string Prefix = "Input";

    /// <summary>"¿Está obligado a facturar electrónicamente?"</summary>
    public bool IssuesElectronicInvoice { get; set; }

    public string? Cufe { get; set; }

    public string? InvoiceNumber { get; set; }

    public DateOnly? PeriodFrom { get; set; }

    public DateOnly? PeriodTo { get; set; }

    public DateOnly? IssuedOn { get; set; }

    public DateOnly? DueOn { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    public string? FilingNumber { get; set; }

    [ModelBinder(typeof(PesoAmountModelBinder))]
    public decimal? NetValue { get; set; }

    [ModelBinder(typeof(PesoAmountModelBinder))]
    public decimal? TotalValue { get; set; }

    public string? Notes { get; set; }

    public string? PilaNumber { get; set; }

    public DateOnly? PilaPaidOn { get; set; }

    public static PaymentRequestInput From(PaymentRequestDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new PaymentRequestInput
        {
            IssuesElectronicInvoice = draft.IssuesElectronicInvoice,
            Cufe = draft.Cufe,
            InvoiceNumber = draft.InvoiceNumber,
            PeriodFrom = draft.PeriodFrom,
            PeriodTo = draft.PeriodTo,
            IssuedOn = draft.IssuedOn,
            DueOn = draft.DueOn,
            ReceivedOn = draft.ReceivedOn,
            FilingNumber = draft.FilingNumber,
            NetValue = draft.NetValue,
            TotalValue = draft.TotalValue,
            Notes = draft.Notes,
            PilaNumber = draft.PilaNumber,
            PilaPaidOn = draft.PilaPaidOn,
        };
    }

    public PaymentRequestDraft ToDraft() => new(
        IssuesElectronicInvoice, Cufe, InvoiceNumber, PeriodFrom, PeriodTo, IssuedOn, DueOn, ReceivedOn,
        FilingNumber, NetValue, TotalValue, Notes, PilaNumber, PilaPaidOn);
}

/// <summary>"Anexar documento" ("Upload." prefix): "Tipo de documento", "Archivo", "Descripción".</summary>
public sealed class AttachmentInput
{
    public const string Prefix = "Upload";

    public AttachmentType? Type { get; set; }

    public IFormFile? File { get; set; }

    public string? Description { get; set; }
}

/// <summary>
/// The shape of an upload, before anything is stored: a type is chosen and a file is there. Which types the
/// contractor may choose, the evidence ZIP's name and the sizes are the domain's and the intake's rules.
/// </summary>
public sealed class AttachmentInputValidator : AbstractValidator<AttachmentInput>
{
    public AttachmentInputValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("Seleccione el tipo de documento que va a anexar.");
        RuleFor(x => x.File).Must(file => file is not null).WithMessage("Busque el documento en su equipo y selecciónelo antes de pulsar «Anexar».");
    }
}

/// <summary>The answer of a "Validar" button, shown next to its field.</summary>
/// <param name="IsSuccessful">Green when true, red otherwise.</param>
/// <param name="Message">Spanish.</param>
/// <param name="Field">The domain's field name the answer belongs to (e.g. "Cufe", "PilaPaidOn").</param>
public sealed record FieldCheck(bool IsSuccessful, string Message, string Field)
{
    /// <summary>The id of the form control the answer is about ("Input_Cufe").</summary>
    public string ControlId => $"{PaymentRequestInput.Prefix}_{Field}";
}

/// <summary>The cuenta de cobro form, for a new request ("Crear") or one in edición.</summary>
public sealed class PaymentRequestFormPage
{
    /// <summary>The request as stored (for a new one, an unsaved preview with the suggested values).</summary>
    public required PaymentRequestPage Page { get; init; }

    /// <summary>True on "Crear": nothing is stored until the first submit.</summary>
    public required bool IsNew { get; init; }

    public required PaymentRequestInput Input { get; init; }

    public AttachmentInput Upload { get; init; } = new();

    /// <summary>Whether the contract must prove the PILA payment (persona natural, service contract since 11/06/2022).</summary>
    public required bool RequiresPila { get; init; }

    public required long MaxFileBytes { get; init; }

    public required long MaxRequestBytes { get; init; }

    public FieldCheck? CufeCheck { get; init; }

    public FieldCheck? PilaCheck { get; init; }

    public PaymentRequest Request => Page.Request;

    /// <summary>
    /// "Anexar la cuenta de cobro generada" is offered to a stored request of a contractor who does not invoice
    /// electronically and has no "Cuenta de cobro o factura" attached yet.
    /// </summary>
    public bool OffersGeneratedCuentaDeCobro =>
        !IsNew && !Input.IssuesElectronicInvoice && Request.Attachments.All(a => a.Type != AttachmentType.PaymentClaim);

    /// <summary>
    /// The required documents still to attach to the request as stored (for a new one, all of them), by their labels:
    /// the first line of the "Siguiente paso" block.
    /// </summary>
    public IReadOnlyList<string> MissingDocuments =>
        Page.Assessment.Checklist.Where(i => i.Required && !i.Present).Select(i => i.Label).ToList();

    /// <summary>
    /// Every other rule "Confirmar" would still refuse (data to fill or correct, the period, the planilla, the balance),
    /// each message once. With <see cref="MissingDocuments"/>, empty exactly when the request can be confirmed.
    /// </summary>
    public IReadOnlyList<string> MissingData =>
        Page.Assessment.Violations
            .Where(v => v.Field != FilingForm.DocumentsKey)
            .Select(v => v.Message)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>What the file input accepts (a hint for the browser's picker; the content is what is checked).</summary>
    public static string AcceptedFiles =>
        ".pdf,.zip,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,application/zip,image/png,image/jpeg," +
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>The read-only view of a request: Pendiente de registro, Enviado, Rechazado, Aprobado, Pagado.</summary>
public sealed class PaymentRequestShowPage
{
    public required PaymentRequestPage Page { get; init; }

    /// <summary>Whether the signed-in user is the request's contractor and may act on it (buttons are then shown by state).</summary>
    public required bool CanFile { get; init; }

    public PaymentRequest Request => Page.Request;
}

/// <summary>"Borrar" without JavaScript: the confirmation step.</summary>
public sealed class PaymentRequestDeletePage
{
    public required PaymentRequestPage Page { get; init; }

    public PaymentRequest Request => Page.Request;
}
