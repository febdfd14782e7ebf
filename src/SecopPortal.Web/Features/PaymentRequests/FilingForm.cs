using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// What one submit of the cuenta de cobro form carries. The form is one multipart form: "Guardar", "Confirmar",
/// "Anexar", "Quitar" and both "Validar" send every field and the chosen file, so no button loses what was typed.
/// </summary>
public sealed class FilingPost
{
    /// <summary>The hidden field that tells a submit carries the form's fields (the standalone "Quitar" form does not).</summary>
    public const string DraftIncludedField = "DraftIncluded";

    /// <summary>The version of the request the page showed (null on "Crear").</summary>
    public Guid? ConcurrencyStamp { get; init; }

    /// <summary>On "Crear": the Id de pago the page announced.</summary>
    public int? ExpectedSequence { get; init; }

    /// <summary>The form's fields; null when the post did not carry them (the attachments list's own "Quitar" form).</summary>
    public PaymentRequestInput? Input { get; init; }

    /// <summary>False when a field could not be read (a date or an amount that is not one): nothing typed is saved then.</summary>
    public bool InputIsValid { get; init; } = true;

    /// <summary>"Anexar documento": type, file, description.</summary>
    public AttachmentInput Upload { get; init; } = new();

    /// <summary>On "Quitar": which attachment (from the route).</summary>
    public int? AttachmentId { get; init; }

    /// <summary>On "Crear": the button of the first submit (<see cref="Create.ButtonField"/>).</summary>
    public string? Button { get; init; }

    /// <summary>
    /// Reads the posted form under the limits <c>[UploadLimits]</c> lifted, checks its antiforgery token and binds it.
    /// Null with <see cref="UploadFormOutcome.TooLarge"/>, <see cref="UploadFormOutcome.Malformed"/> or <see cref="UploadFormOutcome.Forged"/>.
    /// </summary>
    public static async Task<(UploadFormOutcome Outcome, FilingPost? Post)> ReadAsync(
        ControllerBase controller, IAntiforgery antiforgery, int? attachmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var read = await UploadForm.ReadAsync(controller.HttpContext, antiforgery, cancellationToken);
        if (read.Form is not { } form)
        {
            return (read.Outcome, null);
        }

        PaymentRequestInput? input = null;
        var inputIsValid = true;
        if (form.ContainsKey(DraftIncludedField))
        {
            input = new PaymentRequestInput();
            inputIsValid = await UploadForm.BindAsync(controller, input, PaymentRequestInput.Prefix);
        }

        var upload = new AttachmentInput();
        await UploadForm.BindAsync(controller, upload, AttachmentInput.Prefix);
        return (read.Outcome, new FilingPost
        {
            ConcurrencyStamp = Guid.TryParse(form[nameof(ConcurrencyStamp)], out var stamp) ? stamp : null,
            ExpectedSequence = int.TryParse(form[nameof(ExpectedSequence)], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null,
            Input = input,
            InputIsValid = inputIsValid,
            Upload = upload,
            AttachmentId = attachmentId,
            Button = form[Create.ButtonField].ToString(),
        });
    }
}

/// <summary>One submit of the form by <paramref name="UserId"/>; <paramref name="RequestId"/> is null on "Crear".</summary>
public sealed record FilingCommand(int ContractId, int? RequestId, Guid UserId, FilingPost Post);

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

/// <summary>
/// The part every button of the form shares, in one change (<see cref="PaymentRequestChange"/>): load the request
/// under the version the page showed (or create it, on "Crear"), save what is typed, attach the chosen file, let the
/// button do its own step, save. A file is stored before its row and deleted again if the domain refuses it or the
/// save does not commit.
/// </summary>
public sealed partial class FilingForm(PaymentRequestWorkspace workspace, IOptions<UploadLimitsOptions> limits, ILogger<FilingForm> logger)
{
    public UploadLimitsOptions Limits => limits.Value;

    /// <summary>The key of the documents' violations and the id of the page's "Documentos" section.</summary>
    public static readonly string DocumentsKey = RuleViolation.KeyOf(PaymentRequestField.Documents);

    /// <summary>The key of a domain violation in the form: <see cref="DocumentsKey"/> and "" stay, the rest get the fields' prefix.</summary>
    public static string FormKey(string prefix, string field) =>
        string.IsNullOrEmpty(field) || field == DocumentsKey || string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";

    /// <summary>A submit on an existing request.</summary>
    /// <exception cref="Infrastructure.Changes.ConcurrentChangeException">Someone else acted on the request since the page was loaded.</exception>
    public async Task<FilingOutcome> SubmitAsync(FilingCommand command, IFilingButton button, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var requestId = command.RequestId ?? throw new ArgumentException("A submit on an existing request needs its id.", nameof(command));
        var outcome = new FilingOutcome { RequestId = requestId };
        PaymentRequestChange change;
        try
        {
            change = await workspace.BeginChangeAsync(requestId, command.Post.ConcurrencyStamp, cancellationToken);
        }
        catch (DomainException missingVersion)
        {
            outcome.Add(string.Empty, missingVersion);
            return outcome;
        }

        await using (change)
        {
            var fieldsSaved = false;
            if (command.Post is { Input: { } input, InputIsValid: true })
            {
                try
                {
                    change.Request.UpdateDraft(input.ToDraft(), command.UserId, workspace.NowUtc);
                    fieldsSaved = true;
                }
                catch (DomainException exception)
                {
                    outcome.Add(PaymentRequestInput.Prefix, exception);
                }
            }

            return await FinishAsync(change, command, button, fieldsSaved, created: false, outcome, cancellationToken);
        }
    }

    /// <summary>
    /// The first submit of "Crear" (ADR 0007): creates the request with what is typed and the Id de pago the page
    /// announced, then does what the button asked. Nothing is created from fields that could not be read.
    /// </summary>
    public async Task<FilingOutcome> CreateAsync(FilingCommand command, IFilingButton button, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var outcome = new FilingOutcome();
        if (command.Post is not { Input: { } input, InputIsValid: true })
        {
            return outcome;
        }

        var (scope, contract) = await workspace.BeginCreationAsync(command.ContractId, cancellationToken);
        PaymentRequest request;
        try
        {
            var next = await workspace.NextSequenceAsync(command.ContractId, cancellationToken);
            if (command.Post.ExpectedSequence is { } expected && expected != next)
            {
                outcome.AdjustedInput = AdjustToSequence(input, expected, next);
                outcome.Errors.Add(new RuleViolation(
                    string.Empty,
                    string.Create(CultureInfo.InvariantCulture, $"Mientras usted llenaba el formulario se creó otra cuenta de cobro en este contrato, así que esta tendrá el Id de pago {next} (no {expected}). Revise el número de factura y el de radicación y vuelva a pulsar el botón.")));
                await scope.DisposeAsync();
                return outcome;
            }

            request = PaymentRequest.Create(contract, next, command.UserId, input.ToDraft(), workspace.NowUtc);
        }
        catch (DomainException exception)
        {
            outcome.Add(PaymentRequestInput.Prefix, exception);
            await scope.DisposeAsync();
            return outcome;
        }

        workspace.Add(request);
        await using var change = new PaymentRequestChange(scope, request, contract);
        return await FinishAsync(change, command, button, fieldsSaved: true, created: true, outcome, cancellationToken);
    }

    private async Task<FilingOutcome> FinishAsync(
        PaymentRequestChange change, FilingCommand command, IFilingButton button, bool fieldsSaved, bool created, FilingOutcome outcome, CancellationToken cancellationToken)
    {
        var step = new FilingStep
        {
            Change = change,
            Command = command,
            NowUtc = workspace.NowUtc,
            Outcome = outcome,
            FieldsSaved = fieldsSaved,
            Created = created,
        };
        if (command.Post.Upload.File is not null || button.NeedsFile)
        {
            step.Attached = await AttachAsync(step, cancellationToken);
        }

        await button.ApplyAsync(step, cancellationToken);
        await change.CommitAsync(cancellationToken);
        outcome.RequestId = change.Request.Id;
        outcome.Attached = step.Attached is not null;
        LogSubmitted(logger, command.UserId, button.GetType().DeclaringType?.Name ?? button.GetType().Name, change.Request.Id, outcome.Errors.Count);
        await button.AfterCommitAsync(step, cancellationToken);
        if (step.Clean)
        {
            outcome.Flash = button.SuccessMessage(step);
            outcome.Fragment = button.Fragment(step);
        }
        else if (step.AttachedText is { } attached)
        {
            outcome.Flash = $"{attached[..^1]}; revise los mensajes del formulario.";
        }

        return outcome;
    }

    /// <summary>"Anexar documento": the shape first, then the bytes (by content and size), then the domain's rules.</summary>
    private async Task<Attachment?> AttachAsync(FilingStep step, CancellationToken cancellationToken)
    {
        var upload = step.Command.Post.Upload;
        var shape = new AttachmentInputValidator().Validate(upload);
        if (!shape.IsValid)
        {
            step.Outcome.Errors.AddRange(shape.Errors.Select(e => new RuleViolation($"{AttachmentInput.Prefix}.{e.PropertyName}", e.ErrorMessage)));
            return null;
        }

        var staged = await step.Change.StageAsync(upload.File!, cancellationToken);
        if (!staged.IsAccepted)
        {
            step.Outcome.Errors.Add(new RuleViolation($"{AttachmentInput.Prefix}.{nameof(AttachmentInput.File)}", staged.RefusalMessage));
            return null;
        }

        try
        {
            var stored = staged.Document;
            var attachment = new Attachment(
                upload.Type!.Value, staged.DisplayFileName, staged.Type.ContentType, stored.SizeBytes, stored.Sha256,
                stored.StorageKey, upload.Description, step.NowUtc, step.Command.UserId);
            step.Request.AddAttachment(attachment, Limits.MaxRequestBytes, step.Command.UserId, step.NowUtc);
            return attachment;
        }
        catch (DomainException exception)
        {
            step.Outcome.Add(AttachmentInput.Prefix, exception);
            await step.Change.Scope.DropAsync(staged);
            return null;
        }
    }

    /// <summary>The form of a new request after its Id de pago changed: the defaults derived from the old one follow the new one.</summary>
    private static PaymentRequestInput AdjustToSequence(PaymentRequestInput input, int previous, int next)
    {
        var adjusted = PaymentRequestInput.From(input.ToDraft());
        if (string.Equals(input.InvoiceNumber?.Trim(), PaymentRequest.DefaultInvoiceNumber(previous), StringComparison.OrdinalIgnoreCase))
        {
            adjusted.InvoiceNumber = PaymentRequest.DefaultInvoiceNumber(next);
        }

        if (input.FilingNumber?.Trim() == previous.ToString(CultureInfo.InvariantCulture))
        {
            adjusted.FilingNumber = next.ToString(CultureInfo.InvariantCulture);
        }

        return adjusted;
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "User {UserId} submitted «{Button}» on payment request {RequestId} ({ErrorCount} messages)")]
    private static partial void LogSubmitted(ILogger logger, Guid userId, string button, int requestId, int errorCount);
}
