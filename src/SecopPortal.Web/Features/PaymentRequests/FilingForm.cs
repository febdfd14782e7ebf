using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// The part every button of the form shares, in one change (<see cref="PaymentRequestChange"/>): load the request
/// under the version the page showed (or create it, on "Crear"), save what is typed, attach the chosen file, let the
/// button do its own step, save. A file is stored before its row and deleted again if the domain refuses it or the
/// save does not commit.
/// </summary>
public sealed partial class FilingForm(
    PaymentRequestWorkspace workspace, IOptions<UploadLimitsOptions> limits, IValidator<AttachmentInput> uploadShape, ILogger<FilingForm> logger)
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
        var shape = uploadShape.Validate(upload);
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

        return await AttachStagedAsync(step, staged, upload.Type!.Value, upload.Description);
    }

    /// <summary>
    /// A file already accepted and staged in the step's change becomes an attachment of <paramref name="type"/>, if the
    /// domain allows it (one of each, the request's total size); otherwise its refusal goes to the form and the staged
    /// bytes are deleted at once.
    /// </summary>
    public async Task<Attachment?> AttachStagedAsync(FilingStep step, IntakeResult staged, AttachmentType type, string? description)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(staged);
        if (!staged.IsAccepted)
        {
            throw new ArgumentException("Only an accepted file can be attached.", nameof(staged));
        }

        try
        {
            var stored = staged.Document;
            var attachment = new Attachment(
                type, staged.DisplayFileName, staged.Type.ContentType, stored.SizeBytes, stored.Sha256,
                stored.StorageKey, description, step.NowUtc, step.Command.UserId);
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
