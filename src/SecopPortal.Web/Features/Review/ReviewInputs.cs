using FluentValidation;

namespace SecopPortal.Web.Features.Review;

/// <summary>"Aprobar": the supervisor confirms the "Fecha de recepción original" and gives the RP.</summary>
public sealed class ApproveInput
{
    /// <summary>The version of the request the supervisor had on screen.</summary>
    public Guid? ConcurrencyStamp { get; set; }

    /// <summary>"Fecha de recepción original".</summary>
    public DateOnly? ReceivedOn { get; set; }

    /// <summary>"Registro presupuestal (RP)".</summary>
    public string? RpNumber { get; set; }
}

/// <summary>"Rechazar": the reason the contractor will read.</summary>
public sealed class RejectInput
{
    public Guid? ConcurrencyStamp { get; set; }

    /// <summary>"Motivo del rechazo".</summary>
    public string? Reason { get; set; }
}

/// <summary>"Marcar como pagado": the real payment date and, optionally, the payment support document.</summary>
public sealed class MarkPaidInput
{
    public Guid? ConcurrencyStamp { get; set; }

    /// <summary>"Fecha real de pago".</summary>
    public DateOnly? PaidOn { get; set; }

    /// <summary>"Soporte de pago" (optional).</summary>
    public IFormFile? PaymentSupport { get; set; }
}

// The validators check only the shape of the input (what must be there to call the domain at all); the rules
// (reason length, dates not in the future, the RP) are the domain's, and its messages are shown next to the fields.

public sealed class ApproveInputValidator : AbstractValidator<ApproveInput>
{
    public ApproveInputValidator()
    {
        RuleFor(x => x.ConcurrencyStamp).NotNull().WithMessage(ReviewMessages.MissingVersion);
        RuleFor(x => x.ReceivedOn).NotNull().WithMessage("Indique la fecha de recepción original.");
    }
}

public sealed class RejectInputValidator : AbstractValidator<RejectInput>
{
    public RejectInputValidator()
    {
        RuleFor(x => x.ConcurrencyStamp).NotNull().WithMessage(ReviewMessages.MissingVersion);
    }
}

public sealed class MarkPaidInputValidator : AbstractValidator<MarkPaidInput>
{
    public MarkPaidInputValidator()
    {
        RuleFor(x => x.ConcurrencyStamp).NotNull().WithMessage(ReviewMessages.MissingVersion);
        RuleFor(x => x.PaidOn).NotNull().WithMessage("Indique la fecha real de pago.");
    }
}

/// <summary>The review screens' own Spanish messages (the domain's come with its exceptions).</summary>
public static class ReviewMessages
{
    public const string MissingVersion = "Falta la versión de la cuenta de cobro. Recargue la página y vuelva a intentarlo.";

    public const string ReselectFile =
        "Si quiere anexar el soporte de pago, vuelva a seleccionarlo: por seguridad, el navegador no conserva el archivo elegido.";

    public static string BodyTooLarge(string maxFileSize) =>
        $"El archivo supera el tamaño máximo permitido de {maxFileSize}. No se anexó nada ni se marcó la cuenta como pagada.";
}
