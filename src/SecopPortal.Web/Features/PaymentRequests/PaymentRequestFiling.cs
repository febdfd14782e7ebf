using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Notifications;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>One submit of the cuenta de cobro form: what was typed, the chosen file, and the button.</summary>
/// <param name="ContractId">The contract in the URL.</param>
/// <param name="RequestId">Null on "Crear": the request is created by this submit.</param>
/// <param name="UserId">The signed-in contractor.</param>
/// <param name="Action">The button.</param>
/// <param name="Input">The form's fields; null when the post did not carry them (the standalone "Quitar" form).</param>
/// <param name="InputIsValid">False when a field could not be read (a date or an amount that is not one): nothing typed is saved then.</param>
/// <param name="Upload">"Anexar documento": type, file, description.</param>
/// <param name="ConcurrencyStamp">The version of the request the page showed.</param>
/// <param name="ExpectedSequence">On "Crear": the Id de pago the page announced.</param>
/// <param name="AttachmentId">On "Quitar": which attachment.</param>
public sealed record FilingCommand(
    int ContractId,
    int? RequestId,
    Guid UserId,
    FilingAction Action,
    PaymentRequestInput? Input,
    bool InputIsValid,
    AttachmentInput Upload,
    Guid? ConcurrencyStamp,
    int? ExpectedSequence,
    int? AttachmentId);

/// <summary>What became of a submit. Errors are keyed as the form's fields ("Input.Cufe", "Upload.File", "Documents", "").</summary>
public sealed class FilingResult
{
    /// <summary>The request, once it exists (a "Crear" that was refused has none).</summary>
    public int? RequestId { get; set; }

    public List<RuleViolation> Errors { get; } = [];

    /// <summary>Someone else acted on the request since the page was loaded: nothing was saved.</summary>
    public bool Conflict { get; set; }

    /// <summary>The success message.</summary>
    public string? Flash { get; set; }

    /// <summary>The answer of "Validar".</summary>
    public FieldCheck? Check { get; set; }

    /// <summary>The chosen file was attached (even if something else on the form failed).</summary>
    public bool Attached { get; set; }

    /// <summary>On a "Crear" whose Id de pago changed meanwhile: the values to show again, adjusted.</summary>
    public PaymentRequestInput? AdjustedInput { get; set; }

    /// <summary>On a "Crear" whose Id de pago changed meanwhile: the new one.</summary>
    public int? NextSequence { get; set; }

    public bool Succeeded => Errors.Count == 0 && !Conflict;

    internal void Add(string prefix, DomainException exception)
    {
        if (exception is DomainValidationException validation)
        {
            foreach (var violation in validation.Violations)
            {
                Errors.Add(new RuleViolation(PaymentRequestFiling.FormKey(prefix, violation.Field), violation.Message));
            }
        }
        else
        {
            Errors.Add(new RuleViolation(string.Empty, exception.Message));
        }
    }
}

/// <summary>
/// The contractor's side of a payment request: "Crear", the form's submits (save what is typed, attach the chosen
/// file, then confirm, remove or validate), "Registro", "Enviar", "Borrar" and "Editar". Rules are the domain's;
/// this class loads, asks, stores the bytes and saves under the version the user saw.
/// </summary>
/// <remarks>
/// Files: stored through <see cref="DocumentIntake"/> before the row (which refuses by content or size and
/// deletes what it refuses); deleted again whenever the domain refuses the attachment or the save does not
/// commit, so nothing refused leaves a row or a file. Removed attachments lose their bytes after the commit.
/// </remarks>
public sealed partial class PaymentRequestFiling(
    PaymentRequestWorkspace workspace,
    PortalDbContext db,
    DocumentIntake intake,
    IDocumentStore store,
    IOptions<UploadLimitsOptions> limits,
    IPilaValidator pila,
    IPaymentRequestNotifier notifier,
    ILogger<PaymentRequestFiling> logger)
{
    public const string MissingVersionMessage = "Falta la versión de la cuenta de cobro que usted tenía en pantalla. Recargue la página y vuelva a intentarlo.";

    /// <summary>The key of a domain violation in the form: "Documents" and "" stay, the rest get the fields' prefix.</summary>
    public static string FormKey(string prefix, string field) =>
        string.IsNullOrEmpty(field) || field == "Documents" || string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";

    public UploadLimitsOptions Limits => limits.Value;

    /// <summary>
    /// "Crear": the form of the next request, filled with <see cref="PaymentRequest.SuggestDraft"/>, not stored yet.
    /// </summary>
    /// <exception cref="DomainException">The contract does not accept payment requests now.</exception>
    public async Task<PaymentRequestFormPage> NewFormAsync(int contractId, Guid userId, CancellationToken cancellationToken)
    {
        var (preview, page, contract) = await PreviewAsync(contractId, userId, cancellationToken);
        return new PaymentRequestFormPage
        {
            Page = page,
            IsNew = true,
            Input = PaymentRequestInput.From(preview.ToDraft()),
            RequiresPila = contract.RequiresPilaEvidence,
            MaxFileBytes = Limits.MaxFileBytes,
            MaxRequestBytes = Limits.MaxRequestBytes,
        };
    }

    /// <summary>The page of an existing request with its contract's PILA obligation; null when it does not exist.</summary>
    public async Task<(PaymentRequestPage Page, bool RequiresPila)?> LoadAsync(int requestId, CancellationToken cancellationToken)
    {
        var page = await workspace.LoadPageAsync(requestId, cancellationToken);
        if (page is null)
        {
            return null;
        }

        var contract = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == page.Request.ContractId, cancellationToken);
        return (page, contract.RequiresPilaEvidence);
    }

    /// <summary>
    /// Every submit of the form: saves what is typed (unless a field could not be read), attaches the chosen file
    /// if any, then does what the button asks, all in one save under the version the page showed.
    /// </summary>
    public async Task<FilingResult> SubmitAsync(FilingCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = new FilingResult { RequestId = command.RequestId };
        var now = workspace.NowUtc;

        PaymentRequest request;
        Contract contract;
        var fieldsSaved = false;
        if (command.RequestId is { } requestId)
        {
            (request, contract) = await workspace.LoadForUpdateAsync(requestId, cancellationToken);
            if (command.ConcurrencyStamp is not { } stamp)
            {
                result.Errors.Add(new RuleViolation(string.Empty, MissingVersionMessage));
                return result;
            }

            if (request.ConcurrencyStamp != stamp)
            {
                workspace.DiscardChanges();
                result.Conflict = true;
                return result;
            }

            workspace.ExpectVersion(request, stamp);
            if (command.Input is not null && command.InputIsValid)
            {
                try
                {
                    request.UpdateDraft(command.Input.ToDraft(), command.UserId, now);
                    fieldsSaved = true;
                }
                catch (DomainException exception)
                {
                    result.Add(PaymentRequestInput.Prefix, exception);
                }
            }
        }
        else
        {
            if (command.Input is null || !command.InputIsValid)
            {
                // Nothing is created from a form whose fields could not be read; the page shows why.
                return result;
            }

            contract = await db.Contracts.SingleAsync(c => c.Id == command.ContractId, cancellationToken);
            var next = await workspace.NextSequenceAsync(command.ContractId, cancellationToken);
            if (command.ExpectedSequence is { } expected && expected != next)
            {
                result.NextSequence = next;
                result.AdjustedInput = AdjustToSequence(command.Input, expected, next);
                result.Errors.Add(new RuleViolation(
                    string.Empty,
                    string.Create(CultureInfo.InvariantCulture, $"Mientras usted llenaba el formulario se creó otra cuenta de cobro en este contrato, así que esta tendrá el Id de pago {next} (no {expected}). Revise el número de factura y el de radicación y vuelva a pulsar el botón.")));
                return result;
            }

            try
            {
                request = PaymentRequest.Create(contract, next, command.UserId, command.Input.ToDraft(), now);
            }
            catch (DomainException exception)
            {
                result.Add(PaymentRequestInput.Prefix, exception);
                return result;
            }

            db.PaymentRequests.Add(request);
            fieldsSaved = true;
        }

        StoredDocument? stored = null;
        Attachment? attached = null;
        Attachment? removed = null;
        var committed = false;
        try
        {
            if (command.Upload.File is not null || command.Action == FilingAction.Attach)
            {
                (stored, attached) = await AttachAsync(request, command, result, now, cancellationToken);
            }

            if (command.Action == FilingAction.RemoveAttachment && command.AttachmentId is { } attachmentId)
            {
                try
                {
                    removed = request.RemoveAttachment(attachmentId, command.UserId, now);
                }
                catch (DomainException exception)
                {
                    result.Add(string.Empty, exception);
                }
            }

            if (command.Action == FilingAction.Confirm && result.Errors.Count == 0 && command.InputIsValid)
            {
                var context = await workspace.BuildContextAsync(request, contract, cancellationToken);
                try
                {
                    request.Confirm(context, command.UserId, now);
                }
                catch (DomainException exception)
                {
                    result.Add(PaymentRequestInput.Prefix, exception);
                }
            }

            await workspace.SaveAsync(cancellationToken);
            committed = true;
        }
        catch (ConcurrentChangeException)
        {
            workspace.DiscardChanges();
            result.Conflict = true;
            result.Errors.Clear();
            return result;
        }
        finally
        {
            if (!committed && stored is not null)
            {
                // The row was not committed: its bytes must not stay. Not cancellable, it is quick.
                await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
            }
        }

        result.RequestId = request.Id;
        LogSubmitted(logger, command.UserId, command.Action, request.Id, result.Errors.Count);
        if (removed is not null)
        {
            await DeleteBytesAsync(removed.StorageKey);
        }

        if (fieldsSaved && command.Action is FilingAction.ValidateCufe or FilingAction.ValidatePila)
        {
            result.Check = command.Action == FilingAction.ValidateCufe
                ? CheckCufe(request, await workspace.BuildContextAsync(request, contract, cancellationToken))
                : await CheckPilaAsync(request, contract, cancellationToken);
        }

        result.Attached = attached is not null;
        result.Flash = result.Errors.Count == 0 && command.InputIsValid
            ? SuccessMessage(command, request, attached, removed)
            : attached is null ? null : $"Se anexó «{attached.FileName}» como «{attached.Type.ToLabel()}»; revise los mensajes del formulario.";
        return result;
    }

    /// <summary>
    /// "Validar" with JavaScript: checks what is typed without saving anything (the page keeps its version).
    /// </summary>
    public async Task<FieldCheck> CheckTypedAsync(int requestId, FilingAction action, PaymentRequestInput input, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var field = action == FilingAction.ValidateCufe ? nameof(PaymentRequest.Cufe) : nameof(PaymentRequest.PilaNumber);
        var (request, contract) = await workspace.LoadForUpdateAsync(requestId, cancellationToken);
        try
        {
            request.UpdateDraft(input.ToDraft(), userId, workspace.NowUtc);
            return action == FilingAction.ValidateCufe
                ? CheckCufe(request, await workspace.BuildContextAsync(request, contract, cancellationToken))
                : await CheckPilaAsync(request, contract, cancellationToken);
        }
        catch (DomainValidationException exception)
        {
            var violation = exception.Violations.FirstOrDefault(v => v.Field == field) ?? exception.Violations[0];
            return new FieldCheck(false, violation.Message, string.IsNullOrEmpty(violation.Field) ? field : violation.Field);
        }
        catch (DomainException exception)
        {
            return new FieldCheck(false, exception.Message, field);
        }
        finally
        {
            workspace.DiscardChanges();
        }
    }

    /// <summary>"Registro": Pendiente de registro → En edición.</summary>
    public Task<PaymentRequest> ReopenAsync(int requestId, Guid? stamp, Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(requestId, stamp, (request, _) =>
        {
            request.Reopen(userId, workspace.NowUtc);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>"Editar" after "Rechazado": back to En edición, the same record.</summary>
    public Task<PaymentRequest> EditAfterRejectionAsync(int requestId, Guid? stamp, Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(requestId, stamp, (request, _) =>
        {
            request.EditAfterRejection(userId, workspace.NowUtc);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>"Enviar": the rules run again; the supervisor's notification is committed with the state change.</summary>
    public Task<PaymentRequest> SendAsync(int requestId, Guid? stamp, Guid userId, CancellationToken cancellationToken) =>
        ChangeAsync(requestId, stamp, async (request, contract) =>
        {
            var context = await workspace.BuildContextAsync(request, contract, cancellationToken);
            request.Send(context, userId, workspace.NowUtc);
            await notifier.PaymentRequestSentAsync(request, cancellationToken);
        }, cancellationToken);

    /// <summary>Whether "Borrar" is allowed now (throws the domain's reason otherwise); nothing changes.</summary>
    public async Task EnsureCanDeleteAsync(int requestId, Guid? stamp, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            var request = await LoadCurrentAsync(requestId, stamp, cancellationToken);
            request.EnsureCanDelete(userId);
        }
        finally
        {
            workspace.DiscardChanges();
        }
    }

    /// <summary>"Borrar": removes the request (never sent) and then its files.</summary>
    /// <returns>The Id de pago of the deleted request.</returns>
    public async Task<int> DeleteAsync(int requestId, Guid? stamp, Guid userId, CancellationToken cancellationToken)
    {
        var request = await LoadCurrentAsync(requestId, stamp, cancellationToken);
        request.EnsureCanDelete(userId);
        var keys = request.Attachments.Select(a => a.StorageKey).ToList();
        db.PaymentRequests.Remove(request);
        await workspace.SaveAsync(cancellationToken);
        LogDeleted(logger, userId, requestId, request.Sequence);
        foreach (var key in keys)
        {
            await DeleteBytesAsync(key);
        }

        return request.Sequence;
    }

    /// <summary>"Validar" next to the CUFE: the domain's CUFE rules (format, unique in the portal) on the request as it is.</summary>
    public static FieldCheck CheckCufe(PaymentRequest request, PaymentRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string field = nameof(PaymentRequest.Cufe);
        if (!request.IssuesElectronicInvoice)
        {
            return new FieldCheck(false, "El CUFE solo aplica cuando está obligado a facturar electrónicamente: marque «Sí» en «¿Está obligado a facturar electrónicamente?».", field);
        }

        var problem = request.Assess(context).Violations.FirstOrDefault(v => v.Field == field);
        return problem is null
            ? new FieldCheck(true, "CUFE válido: tiene 96 caracteres hexadecimales y no está registrado en otra cuenta de cobro.", field)
            : new FieldCheck(false, problem.Message, field);
    }

    private async Task<FieldCheck> CheckPilaAsync(PaymentRequest request, Contract contract, CancellationToken cancellationToken)
    {
        var document = await db.Users.AsNoTracking()
            .Where(u => u.Id == request.ContractorId)
            .Select(u => u.DocumentNumber)
            .FirstOrDefaultAsync(cancellationToken);
        var answer = await pila.ValidateAsync(
            new PilaQuery(request.PilaNumber, request.PilaPaidOn, request.PeriodFrom, contract.RequiresPilaEvidence, document),
            cancellationToken);
        return new FieldCheck(answer.IsSuccessful, answer.Message, answer.Field);
    }

    private async Task<(StoredDocument? Stored, Attachment? Attached)> AttachAsync(
        PaymentRequest request, FilingCommand command, FilingResult result, DateTime now, CancellationToken cancellationToken)
    {
        var upload = command.Upload;
        var shape = new AttachmentInputValidator().Validate(upload);
        if (!shape.IsValid)
        {
            foreach (var error in shape.Errors)
            {
                result.Errors.Add(new RuleViolation($"{AttachmentInput.Prefix}.{error.PropertyName}", error.ErrorMessage));
            }

            return (null, null);
        }

        var file = upload.File!;
        IntakeResult accepted;
        await using (var content = file.OpenReadStream())
        {
            accepted = await intake.AcceptAsync(content, file.FileName, file.Length, cancellationToken);
        }

        if (!accepted.IsAccepted)
        {
            result.Errors.Add(new RuleViolation($"{AttachmentInput.Prefix}.File", accepted.RefusalMessage));
            return (null, null);
        }

        var stored = accepted.Document;
        try
        {
            var attachment = new Attachment(
                upload.Type!.Value, accepted.DisplayFileName, accepted.Type.ContentType, stored.SizeBytes, stored.Sha256,
                stored.StorageKey, upload.Description, now, command.UserId);
            request.AddAttachment(attachment, Limits.MaxRequestBytes, command.UserId, now);
            return (stored, attachment);
        }
        catch (DomainException exception)
        {
            result.Add(AttachmentInput.Prefix, exception);
            await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
            return (null, null);
        }
    }

    private async Task<PaymentRequest> ChangeAsync(int requestId, Guid? stamp, Func<PaymentRequest, Contract, Task> change, CancellationToken cancellationToken)
    {
        var (request, contract) = await LoadCurrentWithContractAsync(requestId, stamp, cancellationToken);
        await change(request, contract);
        await workspace.SaveAsync(cancellationToken);
        LogChanged(logger, request.ContractorId, request.Id, request.Status);
        return request;
    }

    private async Task<PaymentRequest> LoadCurrentAsync(int requestId, Guid? stamp, CancellationToken cancellationToken) =>
        (await LoadCurrentWithContractAsync(requestId, stamp, cancellationToken)).Request;

    /// <summary>The tracked request, if it is still the version the user saw.</summary>
    private async Task<(PaymentRequest Request, Contract Contract)> LoadCurrentWithContractAsync(int requestId, Guid? stamp, CancellationToken cancellationToken)
    {
        if (stamp is not { } expected)
        {
            throw new DomainException(MissingVersionMessage);
        }

        var (request, contract) = await workspace.LoadForUpdateAsync(requestId, cancellationToken);
        if (request.ConcurrencyStamp != expected)
        {
            // Someone acted after the page was loaded: say so, rather than a message about a state the user never saw.
            throw new ConcurrentChangeException();
        }

        workspace.ExpectVersion(request, expected);
        return (request, contract);
    }

    private async Task<(PaymentRequest Preview, PaymentRequestPage Page, Contract Contract)> PreviewAsync(int contractId, Guid userId, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == contractId, cancellationToken);
        var summary = await workspace.FindContractSummaryAsync(contractId, cancellationToken)
                      ?? throw new InvalidOperationException($"Contract {contractId} does not exist.");
        var sequence = await workspace.NextSequenceAsync(contractId, cancellationToken);
        var siblings = await workspace.SiblingsAsync(contractId, 0, cancellationToken);
        var draft = PaymentRequest.SuggestDraft(contract, sequence, siblings);
        var preview = PaymentRequest.Create(contract, sequence, userId, draft, workspace.NowUtc);
        var context = new PaymentRequestContext(contract, siblings, CufeUsedElsewhere: false, workspace.Today);
        var names = new Dictionary<Guid, string> { [userId] = summary.ContractorName };
        return (preview, new PaymentRequestPage(preview, summary, preview.Assess(context), names), contract);
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

    private static string? SuccessMessage(FilingCommand command, PaymentRequest request, Attachment? attached, Attachment? removed)
    {
        var attachedText = attached is null ? null : $"Se anexó «{attached.FileName}» como «{attached.Type.ToLabel()}».";
        var created = command.RequestId is null
            ? string.Create(CultureInfo.InvariantCulture, $"Se creó la cuenta de cobro con Id de pago {request.Sequence}, en estado «{request.Status.ToLabel()}». ")
            : string.Empty;
        return command.Action switch
        {
            FilingAction.Confirm when request.Status == PaymentRequestStatus.PendingRegistration =>
                $"La cuenta de cobro quedó en «{request.Status.ToLabel()}». Revise los datos y pulse «Enviar» para radicarla ante la Entidad Estatal, o «Registro» para corregirla.",
            FilingAction.Attach => created + attachedText,
            FilingAction.RemoveAttachment when removed is not null =>
                $"Se quitó «{removed.FileName}» ({removed.Type.ToLabel()}). {attachedText}".TrimEnd(),
            FilingAction.ValidateCufe or FilingAction.ValidatePila => (created + attachedText).Trim() is { Length: > 0 } text ? text : null,
            _ => created.Length > 0
                ? $"{created}{attachedText}".TrimEnd()
                : $"Se guardaron los cambios de la cuenta de cobro. {attachedText}".TrimEnd(),
        };
    }

    private async Task DeleteBytesAsync(string storageKey)
    {
        try
        {
            await store.DeleteAsync(storageKey, CancellationToken.None);
        }
        catch (IOException exception)
        {
            // The row is gone; the sweep removes bytes no row references.
            LogBytesLeft(logger, exception, storageKey);
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "User {UserId} submitted «{Action}» on payment request {RequestId} ({ErrorCount} messages)")]
    private static partial void LogSubmitted(ILogger logger, Guid userId, FilingAction action, int requestId, int errorCount);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information, Message = "Payment request {RequestId} of contractor {UserId} is now {Status}")]
    private static partial void LogChanged(ILogger logger, Guid userId, int requestId, PaymentRequestStatus status);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Information, Message = "User {UserId} deleted payment request {RequestId} (Id de pago {Sequence})")]
    private static partial void LogDeleted(ILogger logger, Guid userId, int requestId, int sequence);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning, Message = "The bytes of removed document {StorageKey} could not be deleted; the sweep will remove them")]
    private static partial void LogBytesLeft(ILogger logger, Exception exception, string storageKey);
}
