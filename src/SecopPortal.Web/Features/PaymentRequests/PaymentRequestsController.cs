using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Infrastructure;

using SecopPortal.Web.Features.Audit;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// The routes of the contractor's cuenta de cobro (contract → section 7 → Plan de pagos). Each user action is one
/// unit in this folder (<see cref="Create"/>, <see cref="Save"/>, <see cref="Attach"/>, <see cref="RemoveAttachment"/>,
/// <see cref="Validate"/>, <see cref="Confirm"/>, <see cref="Reopen"/>, <see cref="Send"/>, <see cref="Delete"/>,
/// <see cref="EditAfterRejection"/>); this class checks who may act (anything the user may not reach is a 404), reads
/// the post, calls the unit and answers in one way: success → back to the page with its message; refused → the page
/// again with what was typed and each message next to its field; someone else acted first → 409 and the page as it is now.
/// </summary>
/// <remarks>
/// The form's buttons read the multipart form themselves under <see cref="UploadLimitsAttribute"/> (a legal file is
/// never refused by the server's default body limit) and validate the antiforgery token right after.
/// </remarks>
[Route("contratos/{contractId:int}/pagos")]
public sealed partial class PaymentRequestsController(
    IAuthorizationService authorization,
    ContractDetailQuery contracts,
    PaymentRequestWorkspace workspace,
    RequestPage.Handler pages,
    IOptions<UploadLimitsOptions> limits,
    ILogger<PaymentRequestsController> logger) : Controller
{
    private const string FlashKey = "Flash";
    private const string CheckKey = "Check";

    [HttpGet("crear")]
    public async Task<IActionResult> Create(int contractId, [FromServices] Create.Handler create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        return await MayFileOnContractAsync(contractId, cancellationToken)
            ? await NewFormAsync(contractId, create, RequestPage.FormState.Fresh, cancellationToken)
            : NotFound();
    }

    [HttpPost("crear")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public async Task<IActionResult> Create(int contractId, [FromServices] Create.Handler create, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!await MayFileOnContractAsync(contractId, cancellationToken))
        {
            return NotFound();
        }

        var (outcome, post) = await FilingPost.ReadAsync(this, antiforgery, attachmentId: null, cancellationToken);
        return outcome switch
        {
            UploadFormOutcome.TooLarge => await TooLargeAsync(contractId, requestId: null, create, cancellationToken),
            _ when post is null => BadRequest(),
            _ => await AnswerAsync(
                contractId,
                null,
                post,
                () => create.HandleAsync(post.Button, new FilingCommand(contractId, null, User.GetUserId(), post), cancellationToken),
                create,
                cancellationToken),
        };
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int contractId, int id, [FromServices] NotificationInbox notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var parties = await FindPartiesAsync(contractId, id, PaymentRequestOperations.Read, cancellationToken);
        if (parties is null)
        {
            return NotFound();
        }

        await notifications.MarkReadForPageAsync(User.GetUserId(), Request.Path, cancellationToken);
        return await PageAsync(parties, new RequestPage.FormState(Check: CheckFromTempData()), cancellationToken);
    }

    /// <summary>"Cuenta de cobro (PDF)", for whoever may read the request (its contractor, the supervisor, an administrator).</summary>
    [HttpGet("{id:int}/cuenta-de-cobro.pdf")]
    public async Task<IActionResult> CuentaDeCobro(int contractId, int id, [FromServices] CuentaDeCobroPdf.Handler pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (await FindPartiesAsync(contractId, id, PaymentRequestOperations.Read, cancellationToken) is null
            || await pdf.HandleAsync(id, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Bytes, "application/pdf", file.FileName);
    }

    /// <summary>
    /// "Todos los documentos en un PDF", for whoever may read the request: written to a temporary file, streamed from
    /// it and deleted (<see cref="MergedDocumentsPdf"/>).
    /// </summary>
    [HttpGet("{id:int}/documentos.pdf")]
    public async Task<IActionResult> AllDocuments(
        int contractId, int id, [FromServices] MergedDocumentsPdf.Handler pdf, [FromServices] AuditTrail audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(audit);
        if (await FindPartiesAsync(contractId, id, PaymentRequestOperations.Read, cancellationToken) is not { } parties
            || await pdf.HandleAsync(id, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        // The merge holds every PDF and image attached: a download of the personal ones among them.
        if (await audit.PersonalDocumentsInMergeAsync(id, cancellationToken) is { Count: > 0 } personal)
        {
            await audit.DownloadAsync(parties.ContractId, id, $"{MergedDocumentsPdf.LinkText}, con {string.Join(", ", personal)}.");
        }

        return DocumentResponses.Attachment(this, file.Content, "application/pdf", file.FileName);
    }

    [HttpPost("{id:int}/guardar")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> Save(int contractId, int id, [FromServices] Save.Handler save, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        FormButtonAsync(contractId, id, null, antiforgery, command => save.HandleAsync(command, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/confirmar")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> Confirm(int contractId, int id, [FromServices] Confirm.Handler confirm, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        FormButtonAsync(contractId, id, null, antiforgery, command => confirm.HandleAsync(command, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/anexos")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> Attach(int contractId, int id, [FromServices] Attach.Handler attach, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        FormButtonAsync(contractId, id, null, antiforgery, command => attach.HandleAsync(command, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/anexos/cuenta-de-cobro")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> AttachCuentaDeCobro(
        int contractId, int id, [FromServices] AttachCuentaDeCobro.Handler attach, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        FormButtonAsync(contractId, id, null, antiforgery, command => attach.HandleAsync(command, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/anexos/{attachmentId:int}/quitar")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> RemoveAttachment(
        int contractId, int id, int attachmentId, [FromServices] RemoveAttachment.Handler remove, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        FormButtonAsync(contractId, id, attachmentId, antiforgery, command => remove.HandleAsync(command, cancellationToken), cancellationToken);

    [HttpPost("{id:int}/validar-cufe")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> ValidateCufe(int contractId, int id, [FromServices] Validate.Handler validate, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        ValidateAsync(contractId, id, Validate.What.Cufe, validate, antiforgery, cancellationToken);

    [HttpPost("{id:int}/validar-pila")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> ValidatePila(int contractId, int id, [FromServices] Validate.Handler validate, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        ValidateAsync(contractId, id, Validate.What.Pila, validate, antiforgery, cancellationToken);

    [HttpPost("{id:int}/registro")]
    public Task<IActionResult> Reopen(int contractId, int id, Guid? concurrencyStamp, [FromServices] Reopen.Handler reopen, CancellationToken cancellationToken) =>
        StateChangeAsync(contractId, id, command => reopen.HandleAsync(command, cancellationToken), concurrencyStamp, cancellationToken);

    [HttpPost("{id:int}/enviar")]
    public Task<IActionResult> Send(int contractId, int id, Guid? concurrencyStamp, [FromServices] Send.Handler send, CancellationToken cancellationToken) =>
        StateChangeAsync(contractId, id, command => send.HandleAsync(command, cancellationToken), concurrencyStamp, cancellationToken);

    [HttpPost("{id:int}/editar")]
    public Task<IActionResult> EditAfterRejection(
        int contractId, int id, Guid? concurrencyStamp, [FromServices] EditAfterRejection.Handler edit, CancellationToken cancellationToken) =>
        StateChangeAsync(contractId, id, command => edit.HandleAsync(command, cancellationToken), concurrencyStamp, cancellationToken);

    /// <summary>"Borrar": unconfirmed (no JavaScript) it answers the confirmation page; the page's script asks in a dialog and posts it confirmed.</summary>
    [HttpPost("{id:int}/borrar")]
    public async Task<IActionResult> Delete(
        int contractId, int id, Guid? concurrencyStamp, bool confirmed, [FromServices] Delete.Handler delete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delete);
        var command = new StateChangeCommand(id, concurrencyStamp, User.GetUserId());
        if (confirmed)
        {
            return await StateChangeAsync(contractId, id, _ => delete.HandleAsync(command, cancellationToken), concurrencyStamp, cancellationToken, toContract: true);
        }

        return await StateChangeAsync(contractId, id, async _ =>
        {
            await delete.CheckAsync(command, cancellationToken);
            return string.Empty;
        }, concurrencyStamp, cancellationToken, confirmPage: true);
    }

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information,
        Message = "A payment request form for contract {ContractId} was refused: the body ({ContentLength} bytes announced) is over the limit")]
    private static partial void LogBodyTooLarge(ILogger logger, int contractId, long? contentLength);
}
