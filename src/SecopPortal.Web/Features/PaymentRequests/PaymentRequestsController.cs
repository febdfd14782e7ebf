using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// The contractor's cuenta de cobro (contract → section 7 → Plan de pagos → "Crear"): the form, its documents, and
/// "Guardar", "Confirmar", "Registro", "Enviar", "Borrar", "Editar". Every route checks the request against the
/// user and the contract in the URL; anything the user may not reach is a 404.
/// </summary>
/// <remarks>
/// <para>
/// "Crear" shows the form first and stores nothing: the request is created, with the next Id de pago, by the
/// form's first submit (any button). A contractor who opens the form and leaves creates no empty request, so
/// the Id de pago stays consecutive; the page announces the number and a submit that finds it taken meanwhile
/// is shown again with the new one instead of being saved under it.
/// </para>
/// <para>
/// The form is one multipart form: "Guardar", "Confirmar", "Anexar", "Quitar" and both "Validar" submit every
/// field (and the chosen file) to their own route, which saves what is typed before doing its part, so no button
/// loses what was typed. Those routes read the form themselves under <see cref="UploadLimitsAttribute"/> (a legal
/// file is never refused by the server's default body limit) and validate the antiforgery token right after.
/// </para>
/// </remarks>
[Route("contratos/{contractId:int}/pagos")]
public sealed partial class PaymentRequestsController(
    IAuthorizationService authorization,
    ContractDetailQuery contracts,
    PaymentRequestWorkspace workspace,
    PaymentRequestFiling filing,
    ILogger<PaymentRequestsController> logger) : Controller
{
    /// <summary>The hidden field that tells a submit carries the form's fields (the standalone "Quitar" form does not).</summary>
    public const string DraftIncludedField = "DraftIncluded";

    /// <summary>On "Crear", the button's name: the new request's first action.</summary>
    public const string ActionField = "Accion";

    public const string SentMessage = "Su cuenta de cobro fue enviada a la Entidad Estatal.";

    private const string FlashKey = "Flash";
    private const string CheckFieldKey = "Check.Field";
    private const string CheckOkKey = "Check.Ok";
    private const string CheckMessageKey = "Check.Message";

    [HttpGet("crear")]
    public async Task<IActionResult> Create(int contractId, CancellationToken cancellationToken)
    {
        if (!await MayFileOnContractAsync(contractId, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            return View("Edit", await filing.NewFormAsync(contractId, User.GetUserId(), cancellationToken));
        }
        catch (DomainException exception)
        {
            TempData["FlashError"] = exception.Message;
            return RedirectToContract(contractId);
        }
    }

    public const string DraftCreatedMessage = "Se creó el borrador de la cuenta de cobro con lo que escribió; puede completarlo cuando quiera desde el Plan de pagos.";

    /// <summary>The first submit of a new request's form: creates it with the typed values, then does what the button asked.</summary>
    [HttpPost("crear")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public async Task<IActionResult> Create(int contractId, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!await MayFileOnContractAsync(contractId, cancellationToken))
        {
            return NotFound();
        }

        var post = await ReadPostAsync(antiforgery, cancellationToken);
        if (post.IsForged)
        {
            return BadRequest();
        }

        if (post.BodyTooLarge)
        {
            return await TooLargeAsync(contractId, null, cancellationToken);
        }

        var action = post.Action switch
        {
            "anexar" => FilingAction.Attach,
            "confirmar" => FilingAction.Confirm,
            "validar-cufe" => FilingAction.ValidateCufe,
            "validar-pila" => FilingAction.ValidatePila,
            _ => FilingAction.Save,
        };
        var result = await filing.SubmitAsync(
            new FilingCommand(contractId, null, User.GetUserId(), action, post.Input, post.InputIsValid, post.Upload, null, post.ExpectedSequence, null),
            cancellationToken);
        if (action != FilingAction.Save && result.RequestId is not null && !result.Conflict)
        {
            // The first submit stores the draft whatever the button was (ADR 0007): say so, even if the button's own work failed.
            result.Flash = string.IsNullOrEmpty(result.Flash) ? DraftCreatedMessage : $"{DraftCreatedMessage} {result.Flash}";
        }

        return await AfterSubmitAsync(contractId, action, post, result, cancellationToken);
    }

    /// <summary>The edit form while "En edición" (for its contractor); otherwise the request, read-only, with the actions its state allows.</summary>
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
        return await CurrentAsync(parties, input: null, upload: null, cancellationToken);
    }

    [HttpPost("{id:int}/guardar")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> Save(int contractId, int id, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        SubmitAsync(contractId, id, FilingAction.Save, null, antiforgery, cancellationToken);

    [HttpPost("{id:int}/confirmar")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> Confirm(int contractId, int id, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        SubmitAsync(contractId, id, FilingAction.Confirm, null, antiforgery, cancellationToken);

    [HttpPost("{id:int}/anexos")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> Attach(int contractId, int id, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        SubmitAsync(contractId, id, FilingAction.Attach, null, antiforgery, cancellationToken);

    /// <summary>"Quitar": from the attachments list's own form (the version only) or from the request's form (everything typed is saved too).</summary>
    [HttpPost("{id:int}/anexos/{attachmentId:int}/quitar")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> RemoveAttachment(int contractId, int id, int attachmentId, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        SubmitAsync(contractId, id, FilingAction.RemoveAttachment, attachmentId, antiforgery, cancellationToken);

    /// <summary>"Validar" next to the CUFE: without JavaScript a submit of the whole form (saved first); with it, JSON about what is typed.</summary>
    [HttpPost("{id:int}/validar-cufe")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> ValidateCufe(int contractId, int id, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        SubmitAsync(contractId, id, FilingAction.ValidateCufe, null, antiforgery, cancellationToken);

    /// <summary>"Validar" next to the planilla, through <see cref="IPilaValidator"/>; like <see cref="ValidateCufe"/>.</summary>
    [HttpPost("{id:int}/validar-pila")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public Task<IActionResult> ValidatePila(int contractId, int id, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        SubmitAsync(contractId, id, FilingAction.ValidatePila, null, antiforgery, cancellationToken);

    /// <summary>"Registro": back to "En edición" to correct it before sending.</summary>
    [HttpPost("{id:int}/registro")]
    public Task<IActionResult> Reopen(int contractId, int id, Guid? concurrencyStamp, CancellationToken cancellationToken) =>
        ChangeStateAsync(
            contractId,
            id,
            user => filing.ReopenAsync(id, concurrencyStamp, user, cancellationToken),
            _ => $"La cuenta de cobro volvió a «{PaymentRequestStatus.Editing.ToLabel()}». Corríjala y pulse «Confirmar» de nuevo.",
            cancellationToken);

    [HttpPost("{id:int}/enviar")]
    public Task<IActionResult> Send(int contractId, int id, Guid? concurrencyStamp, CancellationToken cancellationToken) =>
        ChangeStateAsync(contractId, id, user => filing.SendAsync(id, concurrencyStamp, user, cancellationToken), _ => SentMessage, cancellationToken);

    /// <summary>"Editar" on a rejected request: the same record goes back to "En edición".</summary>
    [HttpPost("{id:int}/editar")]
    public Task<IActionResult> EditAfterRejection(int contractId, int id, Guid? concurrencyStamp, CancellationToken cancellationToken) =>
        ChangeStateAsync(
            contractId,
            id,
            user => filing.EditAfterRejectionAsync(id, concurrencyStamp, user, cancellationToken),
            _ => $"La cuenta de cobro volvió a «{PaymentRequestStatus.Editing.ToLabel()}». Corrija lo que indicó el supervisor, confírmela y envíela de nuevo.",
            cancellationToken);

    /// <summary>
    /// "Borrar": without <paramref name="confirmed"/> (no JavaScript) it answers the confirmation page; the page's
    /// script asks in a dialog and posts it confirmed.
    /// </summary>
    [HttpPost("{id:int}/borrar")]
    public async Task<IActionResult> Delete(int contractId, int id, Guid? concurrencyStamp, bool confirmed, CancellationToken cancellationToken)
    {
        var parties = await FindPartiesAsync(contractId, id, PaymentRequestOperations.File, cancellationToken);
        if (parties is null)
        {
            return NotFound();
        }

        try
        {
            if (!confirmed)
            {
                await filing.EnsureCanDeleteAsync(id, concurrencyStamp, User.GetUserId(), cancellationToken);
                var loaded = await filing.LoadAsync(id, cancellationToken);
                return loaded is null ? NotFound() : View("Delete", new PaymentRequestDeletePage { Page = loaded.Value.Page });
            }

            var sequence = await filing.DeleteAsync(id, concurrencyStamp, User.GetUserId(), cancellationToken);
            TempData[FlashKey] = string.Create(CultureInfo.InvariantCulture, $"Se borró la cuenta de cobro con Id de pago {sequence}.");
            return RedirectToContract(contractId);
        }
        catch (ConcurrentChangeException)
        {
            return await ConflictAsync(parties, cancellationToken);
        }
        catch (DomainException exception)
        {
            workspace.DiscardChanges();
            ModelState.AddModelError(string.Empty, exception.Message);
            return await CurrentAsync(parties, input: null, upload: null, cancellationToken);
        }
    }

    private async Task<IActionResult> SubmitAsync(
        int contractId, int id, FilingAction action, int? attachmentId, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var parties = await FindPartiesAsync(contractId, id, PaymentRequestOperations.File, cancellationToken);
        if (parties is null)
        {
            return NotFound();
        }

        var post = await ReadPostAsync(antiforgery, cancellationToken);
        if (post.IsForged)
        {
            return BadRequest();
        }

        if (action is FilingAction.ValidateCufe or FilingAction.ValidatePila && WantsJson())
        {
            return await CheckTypedAsync(id, action, post, cancellationToken);
        }

        if (post.BodyTooLarge)
        {
            return await TooLargeAsync(contractId, parties, cancellationToken);
        }

        var result = await filing.SubmitAsync(
            new FilingCommand(contractId, id, User.GetUserId(), action, post.Input, post.InputIsValid, post.Upload, post.ConcurrencyStamp, null, attachmentId),
            cancellationToken);
        return await AfterSubmitAsync(contractId, action, post, result, cancellationToken);
    }

    /// <summary>"Validar" with JavaScript: <c>{ ok, message, field }</c>, field being the id of the control the answer belongs to.</summary>
    private async Task<IActionResult> CheckTypedAsync(int id, FilingAction action, PostedForm post, CancellationToken cancellationToken)
    {
        if (post.BodyTooLarge || post.Input is null)
        {
            return Json(new { ok = false, message = "No se recibieron los datos del formulario. Recargue la página y vuelva a intentarlo.", field = string.Empty });
        }

        if (!post.InputIsValid)
        {
            var (key, entry) = ModelState.First(e => e.Value?.Errors.Count > 0);
            return Json(new { ok = false, message = entry!.Errors[0].ErrorMessage, field = Html(key) });
        }

        var check = await filing.CheckTypedAsync(id, action, post.Input, User.GetUserId(), cancellationToken);
        return Json(new { ok = check.IsSuccessful, message = check.Message, field = check.ControlId });

        static string Html(string key) => key.Replace('.', '_');
    }

    private async Task<IActionResult> AfterSubmitAsync(int contractId, FilingAction action, PostedForm post, FilingResult result, CancellationToken cancellationToken)
    {
        if (result.Conflict)
        {
            if (result.RequestId is { } conflicted && await FindPartiesAsync(contractId, conflicted, PaymentRequestOperations.File, cancellationToken) is { } parties)
            {
                return await ConflictAsync(parties, cancellationToken);
            }

            ModelState.Clear();
            ModelState.AddModelError(string.Empty, ConcurrentChangeException.DefaultMessage);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await NewFormAgainAsync(contractId, post, result, cancellationToken);
        }

        // A field that could not be read (ModelState) is a failure too: nothing typed was saved.
        if (result.Succeeded && ModelState.IsValid && result.RequestId is { } savedId)
        {
            if (result.Flash is { Length: > 0 } flash)
            {
                TempData[FlashKey] = flash;
            }

            if (result.Check is { } check)
            {
                TempData[CheckFieldKey] = check.Field;
                TempData[CheckOkKey] = check.IsSuccessful ? "1" : "0";
                TempData[CheckMessageKey] = check.Message;
            }

            return RedirectToRequest(contractId, savedId, FragmentFor(action, result.Check));
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        if (result.Flash is { Length: > 0 } partial)
        {
            TempData[FlashKey] = partial;
        }

        if (result.RequestId is not { } requestId)
        {
            return await NewFormAgainAsync(contractId, post, result, cancellationToken);
        }

        var current = await FindPartiesAsync(contractId, requestId, PaymentRequestOperations.File, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        var upload = result.Attached ? new AttachmentInput() : post.Upload;
        return await CurrentAsync(current, post.Input, upload, cancellationToken, result.Check);
    }

    /// <summary>A "Crear" that stored nothing: the new form again, with what was typed.</summary>
    private async Task<IActionResult> NewFormAgainAsync(int contractId, PostedForm post, FilingResult result, CancellationToken cancellationToken)
    {
        PaymentRequestFormPage fresh;
        try
        {
            fresh = await filing.NewFormAsync(contractId, User.GetUserId(), cancellationToken);
        }
        catch (DomainException exception)
        {
            TempData["FlashError"] = exception.Message;
            return RedirectToContract(contractId);
        }

        var input = result.AdjustedInput ?? post.Input ?? fresh.Input;
        if (result.AdjustedInput is not null)
        {
            // Show the adjusted defaults rather than the values typed against the old Id de pago.
            ModelState.Remove($"{PaymentRequestInput.Prefix}.{nameof(PaymentRequestInput.InvoiceNumber)}");
            ModelState.Remove($"{PaymentRequestInput.Prefix}.{nameof(PaymentRequestInput.FilingNumber)}");
        }

        return View("Edit", new PaymentRequestFormPage
        {
            Page = fresh.Page,
            IsNew = true,
            Input = input,
            Upload = post.Upload,
            RequiresPila = fresh.RequiresPila,
            MaxFileBytes = fresh.MaxFileBytes,
            MaxRequestBytes = fresh.MaxRequestBytes,
        });
    }

    /// <summary>"Registro", "Enviar", "Editar": a state change of the domain, under the version the page showed.</summary>
    private async Task<IActionResult> ChangeStateAsync(
        int contractId, int id, Func<Guid, Task<PaymentRequest>> change, Func<PaymentRequest, string> success, CancellationToken cancellationToken)
    {
        var parties = await FindPartiesAsync(contractId, id, PaymentRequestOperations.File, cancellationToken);
        if (parties is null)
        {
            return NotFound();
        }

        try
        {
            var request = await change(User.GetUserId());
            TempData[FlashKey] = success(request);
            return RedirectToRequest(contractId, id, fragment: null);
        }
        catch (ConcurrentChangeException)
        {
            return await ConflictAsync(parties, cancellationToken);
        }
        catch (DomainException exception)
        {
            workspace.DiscardChanges();
            if (exception is DomainValidationException validation)
            {
                // The read-only page has no fields to put them next to: they go in the summary, each once.
                foreach (var message in validation.Violations.Select(v => v.Message).Distinct())
                {
                    ModelState.AddModelError(string.Empty, message);
                }

                ModelState.AddModelError(string.Empty, "Pulse «Registro» para volver a editar la cuenta de cobro y corregirla.");
            }
            else
            {
                ModelState.AddModelError(string.Empty, exception.Message);
            }

            return await CurrentAsync(parties, input: null, upload: null, cancellationToken);
        }
    }

    /// <summary>Someone else acted first: the page as it is now, with the message; nothing of this submit was kept.</summary>
    private async Task<IActionResult> ConflictAsync(PaymentRequestParties parties, CancellationToken cancellationToken)
    {
        workspace.DiscardChanges();
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, ConcurrentChangeException.DefaultMessage);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await CurrentAsync(parties, input: null, upload: null, cancellationToken);
    }

    /// <summary>A body over the limits could not be read at all: nothing was saved, and the page says why.</summary>
    private async Task<IActionResult> TooLargeAsync(int contractId, PaymentRequestParties? parties, CancellationToken cancellationToken)
    {
        LogBodyTooLarge(logger, contractId, Request.ContentLength);
        ModelState.AddModelError(
            $"{AttachmentInput.Prefix}.{nameof(AttachmentInput.File)}",
            $"El envío supera el tamaño máximo permitido ({UploadMessages.FileSize(filing.Limits.MaxFileBytes)} por archivo): no se guardó nada. Elija un archivo más pequeño y vuelva a escribir los cambios.");
        if (parties is not null)
        {
            return await CurrentAsync(parties, input: null, upload: null, cancellationToken);
        }

        try
        {
            return View("Edit", await filing.NewFormAsync(contractId, User.GetUserId(), cancellationToken));
        }
        catch (DomainException exception)
        {
            TempData["FlashError"] = exception.Message;
            return RedirectToContract(contractId);
        }
    }

    /// <summary>
    /// The request as it is now: its contractor gets the form while "En edición" (with <paramref name="input"/> when
    /// re-showing what was typed), everyone else and every other state the read-only page.
    /// </summary>
    private async Task<IActionResult> CurrentAsync(
        PaymentRequestParties parties, PaymentRequestInput? input, AttachmentInput? upload, CancellationToken cancellationToken, FieldCheck? check = null)
    {
        var loaded = await filing.LoadAsync(parties.RequestId, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        var (page, requiresPila) = loaded.Value;
        var canFile = (await authorization.AuthorizeAsync(User, parties, PaymentRequestOperations.File)).Succeeded;
        check ??= CheckFromTempData();
        if (canFile && page.Request.CanEdit)
        {
            return View("Edit", new PaymentRequestFormPage
            {
                Page = page,
                IsNew = false,
                Input = input ?? PaymentRequestInput.From(page.Request.ToDraft()),
                Upload = upload ?? new AttachmentInput(),
                RequiresPila = requiresPila,
                MaxFileBytes = filing.Limits.MaxFileBytes,
                MaxRequestBytes = filing.Limits.MaxRequestBytes,
                CufeCheck = check?.Field == nameof(PaymentRequest.Cufe) ? check : null,
                PilaCheck = check is { Field: nameof(PaymentRequest.PilaNumber) or nameof(PaymentRequest.PilaPaidOn) } ? check : null,
            });
        }

        return View("Show", new PaymentRequestShowPage { Page = page, CanFile = canFile });
    }

    private FieldCheck? CheckFromTempData() =>
        TempData[CheckFieldKey] is string field && TempData[CheckMessageKey] is string message
            ? new FieldCheck(TempData[CheckOkKey] as string == "1", message, field)
            : null;

    /// <summary>The request's parties when it belongs to the contract in the URL and the user may do <paramref name="operation"/>; null (→ 404) otherwise.</summary>
    private async Task<PaymentRequestParties?> FindPartiesAsync(int contractId, int id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var parties = await workspace.FindPartiesAsync(id, cancellationToken);
        return parties is not null && parties.ContractId == contractId && (await authorization.AuthorizeAsync(User, parties, operation)).Succeeded
            ? parties
            : null;
    }

    private async Task<bool> MayFileOnContractAsync(int contractId, CancellationToken cancellationToken)
    {
        var parties = await contracts.FindPartiesAsync(contractId, cancellationToken);
        return parties is not null && (await authorization.AuthorizeAsync(User, parties, ContractOperations.FilePaymentRequest)).Succeeded;
    }

    /// <summary>
    /// Reads the posted form under the lifted limits, checks its antiforgery token, and binds the fields by hand
    /// (model binding stays away from the body on these routes).
    /// </summary>
    private async Task<PostedForm> ReadPostAsync(IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var read = await UploadForm.ReadAsync(HttpContext, antiforgery, cancellationToken);
        if (read.Outcome == UploadFormOutcome.TooLarge)
        {
            return new PostedForm { BodyTooLarge = true };
        }

        if (read.Form is not { } form)
        {
            return new PostedForm { IsForged = true };
        }

        var posted = new PostedForm
        {
            Action = form[ActionField].ToString(),
            ConcurrencyStamp = Guid.TryParse(form[nameof(PaymentRequest.ConcurrencyStamp)], out var stamp) ? stamp : null,
            ExpectedSequence = int.TryParse(form["ExpectedSequence"], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null,
            Upload = new AttachmentInput
            {
                Type = Enum.TryParse<AttachmentType>(form[$"{AttachmentInput.Prefix}.{nameof(AttachmentInput.Type)}"], out var type) && Enum.IsDefined(type) ? type : null,
                File = form.Files.GetFile($"{AttachmentInput.Prefix}.{nameof(AttachmentInput.File)}"),
                Description = form[$"{AttachmentInput.Prefix}.{nameof(AttachmentInput.Description)}"].ToString(),
            },
        };
        if (form.ContainsKey(DraftIncludedField))
        {
            // The standard form value provider: it reads dates marked "__Invariant" (type=date) in the invariant culture.
            var providers = new ValueProviderFactoryContext(ControllerContext);
            await new FormValueProviderFactory().CreateValueProviderAsync(providers);
            var input = new PaymentRequestInput();
            posted.InputIsValid = await TryUpdateModelAsync(input, PaymentRequestInput.Prefix, new CompositeValueProvider(providers.ValueProviders));
            posted.Input = input;
        }
        else
        {
            posted.InputIsValid = true;
        }

        return posted;
    }

    private bool WantsJson() =>
        Request.Headers.Accept.Any(value => value?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private static string? FragmentFor(FilingAction action, FieldCheck? check) => action switch
    {
        FilingAction.Attach or FilingAction.RemoveAttachment => "Documents",
        FilingAction.ValidateCufe or FilingAction.ValidatePila when check is not null => check.ControlId,
        _ => null,
    };

    private RedirectResult RedirectToRequest(int contractId, int id, string? fragment) =>
        Redirect(Url.Action(nameof(Show), "PaymentRequests", new { contractId, id }, protocol: null, host: null, fragment: fragment)!);

    private RedirectResult RedirectToContract(int contractId) =>
        Redirect(Url.Action("Detail", "Contracts", new { id = contractId }, protocol: null, host: null, fragment: "plan-de-pagos")!);

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information,
        Message = "A payment request form for contract {ContractId} was refused: the body ({ContentLength} bytes announced) is over the limit")]
    private static partial void LogBodyTooLarge(ILogger logger, int contractId, long? contentLength);

    /// <summary>What a submit of the form carried.</summary>
    private sealed class PostedForm
    {
        /// <summary>No valid antiforgery token, or no readable form at all: a 400.</summary>
        public bool IsForged { get; init; }

        public bool BodyTooLarge { get; init; }

        public string? Action { get; init; }

        public Guid? ConcurrencyStamp { get; init; }

        public int? ExpectedSequence { get; init; }

        public PaymentRequestInput? Input { get; set; }

        public bool InputIsValid { get; set; }

        public AttachmentInput Upload { get; init; } = new();
    }
}
