using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>How the cuenta de cobro routes answer: one way per kind of post, one page renderer, one conflict answer.</summary>
public sealed partial class PaymentRequestsController
{
    /// <summary>"Validar": with JavaScript (Accept: application/json) an answer about what is typed, nothing saved; without, a submit of the form.</summary>
    private async Task<IActionResult> ValidateAsync(
        int contractId, int id, Validate.What what, Validate.Handler validate, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validate);
        if (!Request.Headers.Accept.Any(value => value?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true))
        {
            return await FormButtonAsync(contractId, id, null, antiforgery, command => validate.HandleAsync(what, command, cancellationToken), cancellationToken);
        }

        if (await FindPartiesAsync(contractId, id, PaymentRequestOperations.File, cancellationToken) is null)
        {
            return NotFound();
        }

        var (outcome, post) = await FilingPost.ReadAsync(this, antiforgery, attachmentId: null, cancellationToken);
        if (outcome is UploadFormOutcome.Forged or UploadFormOutcome.Malformed)
        {
            return BadRequest();
        }

        if (post?.Input is not { } input)
        {
            return Json(new { ok = false, message = "No se recibieron los datos del formulario. Recargue la página y vuelva a intentarlo.", field = string.Empty });
        }

        if (!post.InputIsValid)
        {
            var (key, entry) = ModelState.First(e => e.Value?.Errors.Count > 0);
            return Json(new { ok = false, message = entry!.Errors[0].ErrorMessage, field = key.Replace('.', '_') });
        }

        var check = await validate.CheckTypedAsync(id, what, input, User.GetUserId(), cancellationToken);
        return Json(new { ok = check.IsSuccessful, message = check.Message, field = check.ControlId });
    }

    /// <summary>A button of the form on an existing request.</summary>
    private async Task<IActionResult> FormButtonAsync(
        int contractId, int id, int? attachmentId, IAntiforgery antiforgery, Func<FilingCommand, Task<FilingOutcome>> handle, CancellationToken cancellationToken)
    {
        if (await FindPartiesAsync(contractId, id, PaymentRequestOperations.File, cancellationToken) is null)
        {
            return NotFound();
        }

        var (outcome, post) = await FilingPost.ReadAsync(this, antiforgery, attachmentId, cancellationToken);
        return outcome switch
        {
            UploadFormOutcome.TooLarge => await TooLargeAsync(contractId, id, create: null, cancellationToken),
            _ when post is null => BadRequest(),
            _ => await AnswerAsync(contractId, id, post, () => handle(new FilingCommand(contractId, id, User.GetUserId(), post)), create: null, cancellationToken),
        };
    }

    /// <summary>The one answer to a submit of the form (see the class's summary).</summary>
    private async Task<IActionResult> AnswerAsync(
        int contractId, int? requestId, FilingPost post, Func<Task<FilingOutcome>> submit, Create.Handler? create, CancellationToken cancellationToken)
    {
        FilingOutcome outcome;
        try
        {
            outcome = await submit();
        }
        catch (ConcurrentChangeException)
        {
            return await ConflictAsync(contractId, requestId, post, create, cancellationToken);
        }

        // A field that could not be read (ModelState) is a failure too: nothing typed was saved.
        if (outcome.Succeeded && ModelState.IsValid && outcome.RequestId is { } savedId)
        {
            Flash(outcome.Flash);
            if (outcome.Check is { } check)
            {
                TempData[CheckKey] = JsonSerializer.Serialize(check);
            }

            return RedirectToRequest(contractId, savedId, outcome.Fragment);
        }

        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        Flash(outcome.Flash);
        var state = new RequestPage.FormState(outcome.AdjustedInput ?? post.Input, outcome.Attached ? new AttachmentInput() : post.Upload, outcome.Check);
        if (outcome.AdjustedInput is not null)
        {
            // Show the adjusted defaults rather than the values typed against the old Id de pago.
            ModelState.Remove($"{PaymentRequestInput.Prefix}.{nameof(PaymentRequestInput.InvoiceNumber)}");
            ModelState.Remove($"{PaymentRequestInput.Prefix}.{nameof(PaymentRequestInput.FilingNumber)}");
        }

        return outcome.RequestId is { } stored
            ? await PageAsync(contractId, stored, state, cancellationToken)
            : await NewFormAsync(contractId, create!, state, cancellationToken);
    }

    /// <summary>A button of the read-only page ("Registro", "Enviar", "Editar", "Borrar"): a state change under the version the page showed.</summary>
    private async Task<IActionResult> StateChangeAsync(
        int contractId, int id, Func<StateChangeCommand, Task<string>> change, Guid? concurrencyStamp, CancellationToken cancellationToken,
        bool toContract = false, bool confirmPage = false)
    {
        var parties = await FindPartiesAsync(contractId, id, PaymentRequestOperations.File, cancellationToken);
        if (parties is null)
        {
            return NotFound();
        }

        try
        {
            var message = await change(new StateChangeCommand(id, concurrencyStamp, User.GetUserId()));
            if (confirmPage)
            {
                return await pages.DeletePageAsync(id, cancellationToken) is { } confirm ? View("Delete", confirm) : NotFound();
            }

            Flash(message);
            return toContract ? RedirectToContract(contractId) : RedirectToRequest(contractId, id, fragment: null);
        }
        catch (ConcurrentChangeException)
        {
            return await ConflictAsync(contractId, id, new FilingPost(), create: null, cancellationToken);
        }
        catch (DomainValidationException validation)
        {
            // The read-only page has no fields to put them next to: they go in the summary, each once.
            foreach (var message in validation.Violations.Select(v => v.Message).Distinct())
            {
                ModelState.AddModelError(string.Empty, message);
            }

            ModelState.AddModelError(string.Empty, "Pulse «Registro» para volver a editar la cuenta de cobro y corregirla.");
        }
        catch (DomainException exception)
        {
            ModelState.AddModelError(string.Empty, exception.Message);
        }

        return await PageAsync(parties, RequestPage.FormState.Fresh, cancellationToken);
    }

    /// <summary>Someone else acted first: 409, the page as it is now with the one message; nothing of this submit was kept.</summary>
    private async Task<IActionResult> ConflictAsync(
        int contractId, int? requestId, FilingPost post, Create.Handler? create, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, VersionMessages.Stale);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return requestId is { } id
            ? await PageAsync(contractId, id, RequestPage.FormState.Fresh, cancellationToken)
            : await NewFormAsync(contractId, create!, new RequestPage.FormState(post.Input, post.Upload), cancellationToken);
    }

    /// <summary>A body over the limits could not be read at all: nothing was saved, and the page says why.</summary>
    private async Task<IActionResult> TooLargeAsync(int contractId, int? requestId, Create.Handler? create, CancellationToken cancellationToken)
    {
        LogBodyTooLarge(logger, contractId, Request.ContentLength);
        ModelState.AddModelError(
            $"{AttachmentInput.Prefix}.{nameof(AttachmentInput.File)}",
            $"El envío supera el tamaño máximo permitido ({UploadMessages.FileSize(limits.Value.MaxFileBytes)} por archivo): no se guardó nada. Elija un archivo más pequeño y vuelva a escribir los cambios.");
        return requestId is { } id
            ? await PageAsync(contractId, id, RequestPage.FormState.Fresh, cancellationToken)
            : await NewFormAsync(contractId, create!, RequestPage.FormState.Fresh, cancellationToken);
    }

    private async Task<IActionResult> PageAsync(int contractId, int requestId, RequestPage.FormState state, CancellationToken cancellationToken) =>
        await FindPartiesAsync(contractId, requestId, PaymentRequestOperations.File, cancellationToken) is { } parties
            ? await PageAsync(parties, state, cancellationToken)
            : NotFound();

    /// <summary>The request's page as it is now (<see cref="RequestPage"/>).</summary>
    private async Task<IActionResult> PageAsync(PaymentRequestParties parties, RequestPage.FormState state, CancellationToken cancellationToken)
    {
        var canFile = (await authorization.AuthorizeAsync(User, parties, PaymentRequestOperations.File)).Succeeded;
        return await pages.HandleAsync(parties.RequestId, canFile, state, cancellationToken) switch
        {
            PaymentRequestFormPage form => View("Edit", form),
            PaymentRequestShowPage page => View("Show", page),
            _ => NotFound(),
        };
    }

    /// <summary>The form of a new request (nothing stored), with what was typed when shown again.</summary>
    private async Task<IActionResult> NewFormAsync(int contractId, Create.Handler create, RequestPage.FormState state, CancellationToken cancellationToken)
    {
        PaymentRequestFormPage fresh;
        try
        {
            fresh = await create.NewFormAsync(contractId, User.GetUserId(), cancellationToken);
        }
        catch (DomainException exception)
        {
            TempData["FlashError"] = exception.Message;
            return RedirectToContract(contractId);
        }

        return View("Edit", state.Input is null && state.Upload is null
            ? fresh
            : new PaymentRequestFormPage
            {
                Page = fresh.Page,
                IsNew = true,
                Input = state.Input ?? fresh.Input,
                Upload = state.Upload ?? new AttachmentInput(),
                RequiresPila = fresh.RequiresPila,
                MaxFileBytes = fresh.MaxFileBytes,
                MaxRequestBytes = fresh.MaxRequestBytes,
            });
    }

    private void Flash(string? message)
    {
        if (!string.IsNullOrEmpty(message))
        {
            TempData[FlashKey] = message;
        }
    }

    private FieldCheck? CheckFromTempData() =>
        TempData[CheckKey] is string json ? JsonSerializer.Deserialize<FieldCheck>(json) : null;

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

    private RedirectResult RedirectToRequest(int contractId, int id, string? fragment) =>
        Redirect(Url.Action(nameof(Show), "PaymentRequests", new { contractId, id }, protocol: null, host: null, fragment: fragment)!);

    private RedirectResult RedirectToContract(int contractId) =>
        Redirect(Url.Action("Detail", "Contracts", new { id = contractId }, protocol: null, host: null, fragment: "plan-de-pagos")!);
}
