using System.Globalization;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>What became of a submit. Errors are keyed as the form's fields ("Input.Cufe", "Upload.File", "Documents", "").</summary>
public sealed class FilingOutcome
{
    /// <summary>The request, once it exists (a "Crear" that was refused has none).</summary>
    public int? RequestId { get; set; }

    public List<RuleViolation> Errors { get; } = [];

    /// <summary>The success message (or, when something failed, what was done anyway).</summary>
    public string? Flash { get; set; }

    /// <summary>The answer of "Validar".</summary>
    public FieldCheck? Check { get; set; }

    /// <summary>The chosen file was attached (even if something else on the form failed).</summary>
    public bool Attached { get; set; }

    /// <summary>On a "Crear" whose Id de pago changed meanwhile: the values to show again, adjusted to the new one.</summary>
    public PaymentRequestInput? AdjustedInput { get; set; }

    /// <summary>Where the page should scroll after a success ("Documents", a field's control id).</summary>
    public string? Fragment { get; set; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>A refusal of the domain, each violation next to its field of the form.</summary>
    public void Add(string prefix, DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is DomainValidationException validation)
        {
            Errors.AddRange(validation.Violations.Select(v => new RuleViolation(FilingForm.FormKey(prefix, v.Field), v.Message)));
        }
        else
        {
            Errors.Add(new RuleViolation(string.Empty, exception.Message));
        }
    }
}

/// <summary>One submit in progress, as a button's own step sees it.</summary>
public sealed class FilingStep
{
    public required PaymentRequestChange Change { get; init; }

    public required FilingCommand Command { get; init; }

    public required DateTime NowUtc { get; init; }

    public required FilingOutcome Outcome { get; init; }

    /// <summary>What was typed was saved into the request (it could be read and the domain accepted it).</summary>
    public required bool FieldsSaved { get; init; }

    /// <summary>This submit created the request ("Crear").</summary>
    public required bool Created { get; init; }

    /// <summary>The file this submit attached, if any.</summary>
    public Attachment? Attached { get; set; }

    /// <summary>The attachment this submit removed ("Quitar"), if any.</summary>
    public Attachment? Removed { get; set; }

    public PaymentRequest Request => Change.Request;

    /// <summary>Whether the button's own step may run: nothing else on the form failed.</summary>
    public bool Clean => Outcome.Errors.Count == 0 && Command.Post.InputIsValid;

    /// <summary>"Se creó la cuenta de cobro con Id de pago 3, …" on the first submit, else empty.</summary>
    public string CreatedText => Created
        ? string.Create(CultureInfo.InvariantCulture, $"Se creó la cuenta de cobro con Id de pago {Request.Sequence}, en estado «{Request.Status.ToLabel()}». ")
        : string.Empty;

    /// <summary>The message of a plain save: the creation, or "Se guardaron los cambios …", and the attached file.</summary>
    public string SavedText => Created
        ? $"{CreatedText}{AttachedText}".TrimEnd()
        : $"Se guardaron los cambios de la cuenta de cobro. {AttachedText}".TrimEnd();

    /// <summary>"Se anexó «x.pdf» como «RUT»." when this submit attached a file, else null.</summary>
    public string? AttachedText => Attached is null ? null : $"Se anexó «{Attached.FileName}» como «{Attached.Type.ToLabel()}».";
}

/// <summary>A button of the form: its own step, done after the typed fields are saved and the chosen file attached.</summary>
public interface IFilingButton
{
    /// <summary>Whether the button is about the file ("Anexar"): without one it says to choose it.</summary>
    bool NeedsFile => false;

    /// <summary>The button's work on the request, before the save; refusals go to <see cref="FilingStep.Outcome"/>.</summary>
    Task ApplyAsync(FilingStep filing, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Work after the save (e.g. "Validar" asks about what is now stored).</summary>
    Task AfterCommitAsync(FilingStep filing, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The message of a clean submit.</summary>
    string? SuccessMessage(FilingStep filing);

    /// <summary>Where the page scrolls after a clean submit.</summary>
    string? Fragment(FilingStep filing) => null;
}
