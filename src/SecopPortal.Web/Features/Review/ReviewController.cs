using System.Globalization;
using FluentValidation.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Review;

/// <summary>
/// The supervisor's side of the payment requests: "Cuentas por revisar" and the review page with "Aprobar",
/// "Rechazar" and "Marcar como pagado". Administrators reach the page read-only from the contract's Plan de pagos and
/// may only mark approved requests paid. A request the user may not review is a 404, including, for its own
/// contractor, even when they also hold the supervisor role (they have the contractor's page).
/// </summary>
[Route("revision")]
public sealed partial class ReviewController(
    PaymentRequestWorkspace workspace,
    IAuthorizationService authorization,
    PaymentReview review,
    IOptions<UploadLimitsOptions> uploadLimits,
    ILogger<ReviewController> logger) : Controller
{
    public const string ApprovePrefix = "Approve";
    public const string RejectPrefix = "Reject";
    public const string PaidPrefix = "Paid";

    /// <summary>"Cuentas por revisar", oldest first, 20 a page.</summary>
    [HttpGet("")]
    [Authorize(Roles = PortalRoles.Supervisor)]
    public async Task<IActionResult> Index([FromServices] ReviewInboxQuery inbox, int pagina = 1, CancellationToken cancellationToken = default) =>
        View(await inbox.RunAsync(User, pagina, cancellationToken));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, [FromServices] NotificationInbox notifications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        var access = await FindAccessAsync(id, cancellationToken);
        if (access is null)
        {
            return NotFound();
        }

        await notifications.MarkReadForPageAsync(User.GetUserId(), Request.Path, cancellationToken);
        return await PageAsync(access, ReviewForm.None, cancellationToken);
    }

    [HttpPost("{id:int}/rechazar")]
    public async Task<IActionResult> Reject(int id, [Bind(Prefix = RejectPrefix)] RejectInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var access = await FindAccessAsync(id, cancellationToken);
        if (access is null)
        {
            return NotFound();
        }

        if (!access.CanReview)
        {
            return Forbid();
        }

        AddShapeErrors(new RejectInputValidator().Validate(input), RejectPrefix);
        return await TryDecideAsync(id, access, RejectPrefix, async () =>
            {
                var request = await review.RejectAsync(id, input.ConcurrencyStamp!.Value, input.Reason, User.GetUserId(), cancellationToken);
                return $"Rechazó la cuenta de cobro con Id de pago {Number(request.Sequence)}. El contratista recibirá el motivo y podrá corregirla y enviarla de nuevo.";
            }, cancellationToken)
            ?? await PageAsync(access, ReviewForm.Reject, cancellationToken, reject: input);
    }

    [HttpPost("{id:int}/aprobar")]
    public async Task<IActionResult> Approve(int id, [Bind(Prefix = ApprovePrefix)] ApproveInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var access = await FindAccessAsync(id, cancellationToken);
        if (access is null)
        {
            return NotFound();
        }

        if (!access.CanReview)
        {
            return Forbid();
        }

        AddShapeErrors(new ApproveInputValidator().Validate(input), ApprovePrefix);
        return await TryDecideAsync(id, access, ApprovePrefix, async () =>
            {
                var request = await review.ApproveAsync(
                    id, input.ConcurrencyStamp!.Value, input.ReceivedOn!.Value, input.RpNumber, User.GetUserId(), cancellationToken);
                return $"Aprobó la cuenta de cobro con Id de pago {Number(request.Sequence)}. Se notificó al contratista.";
            }, cancellationToken)
            ?? await PageAsync(access, ReviewForm.Approve, cancellationToken, approve: input);
    }

    /// <summary>
    /// "Marcar como pagado", with an optional "Soporte de pago". Like the other uploads, the form is read here under
    /// the "Uploads" limits (<see cref="UploadLimitsAttribute"/>) rather than by model binding, so a body that is too
    /// large becomes a Spanish message next to the file field; the antiforgery token is validated right after.
    /// </summary>
    [HttpPost("{id:int}/pagado")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public async Task<IActionResult> MarkPaid(int id, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        var access = await FindAccessAsync(id, cancellationToken);
        if (access is null)
        {
            return NotFound();
        }

        if (!access.CanMarkPaid)
        {
            return Forbid();
        }

        var read = await UploadForm.ReadAsync(HttpContext, antiforgery, cancellationToken);
        if (read.Outcome == UploadFormOutcome.TooLarge)
        {
            LogBodyTooLarge(logger, id, Request.ContentLength);
            ModelState.AddModelError(
                $"{PaidPrefix}.{nameof(MarkPaidInput.PaymentSupport)}",
                ReviewMessages.BodyTooLarge(UploadMessages.FileSize(uploadLimits.Value.MaxFileBytes)));
            return await PageAsync(access, ReviewForm.MarkPaid, cancellationToken);
        }

        if (read.Form is not { } form)
        {
            return BadRequest();
        }

        var input = BindMarkPaid(form);
        AddShapeErrors(new MarkPaidInputValidator().Validate(input), PaidPrefix);
        return await TryDecideAsync(id, access, PaidPrefix, async () =>
            {
                var request = await review.MarkPaidAsync(
                    id, input.ConcurrencyStamp!.Value, input.PaidOn!.Value, input.PaymentSupport, User.GetUserId(), cancellationToken);
                return $"Marcó como pagada la cuenta de cobro con Id de pago {Number(request.Sequence)}"
                       + (input.PaymentSupport is null ? "." : ", con su soporte de pago.");
            }, cancellationToken)
            ?? await PageAsync(access, ReviewForm.MarkPaid, cancellationToken, paid: input);
    }

    /// <summary>The fields of the "Marcar como pagado" form, read from the form collection as model binding would.</summary>
    private MarkPaidInput BindMarkPaid(IFormCollection form)
    {
        var input = new MarkPaidInput();
        if (Guid.TryParse(form[$"{PaidPrefix}.{nameof(MarkPaidInput.ConcurrencyStamp)}"].ToString(), out var stamp))
        {
            input.ConcurrencyStamp = stamp;
        }

        var paidOnKey = $"{PaidPrefix}.{nameof(MarkPaidInput.PaidOn)}";
        var paidOn = form[paidOnKey];
        var typed = paidOn.ToString().Trim();
        ModelState.SetModelValue(paidOnKey, paidOn, typed);
        if (typed.Length > 0)
        {
            if (DateOnly.TryParseExact(typed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                input.PaidOn = date;
            }
            else
            {
                ModelState.AddModelError(paidOnKey, $"El valor «{typed}» no es válido.");
            }
        }

        if (ModelState.GetFieldValidationState(paidOnKey) == ModelValidationState.Unvalidated)
        {
            // Kept only to show what was typed; unvalidated would make the whole ModelState invalid.
            ModelState.MarkFieldValid(paidOnKey);
        }

        input.PaymentSupport = form.Files.GetFile($"{PaidPrefix}.{nameof(MarkPaidInput.PaymentSupport)}");
        return input;
    }

    /// <summary>
    /// The user's access to the request's review page, or null (→ 404) when they may not see it there: not found,
    /// never sent, not their contract, or their own request (whatever roles they hold).
    /// </summary>
    private async Task<ReviewAccess?> FindAccessAsync(int id, CancellationToken cancellationToken)
    {
        var parties = await workspace.FindPartiesAsync(id, cancellationToken);
        var userId = User.GetUserId();
        if (parties is null || parties.RequestContractorId == userId
            || !(await authorization.AuthorizeAsync(User, parties, PaymentRequestOperations.Read)).Succeeded)
        {
            return null;
        }

        var canReview = (await authorization.AuthorizeAsync(User, parties, PaymentRequestOperations.Review)).Succeeded;
        var canMarkPaid = (await authorization.AuthorizeAsync(User, parties, PaymentRequestOperations.MarkPaid)).Succeeded;
        return new ReviewAccess(parties, canReview, canMarkPaid, userId == parties.SupervisorId);
    }

    /// <summary>
    /// Runs a decision once its input has the right shape: success → a flash and back to the page; someone else acted
    /// first → the conflict page; a broken rule → its message next to its field, and null so the caller re-renders.
    /// </summary>
    private async Task<IActionResult?> TryDecideAsync(int id, ReviewAccess access, string prefix, Func<Task<string>> decide, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return null;
        }

        try
        {
            TempData["Flash"] = await decide();
            return RedirectToAction(nameof(Show), new { id });
        }
        catch (ConcurrentChangeException)
        {
            return await ConflictAsync(access, cancellationToken);
        }
        catch (DomainException exception)
        {
            workspace.DiscardChanges();
            exception.AddTo(ModelState, prefix);
            return null;
        }
    }

    /// <summary>Someone else acted first: nothing was saved; show the request as it is now, with the message.</summary>
    private async Task<IActionResult> ConflictAsync(ReviewAccess access, CancellationToken cancellationToken)
    {
        workspace.DiscardChanges();
        ModelState.Clear();
        var result = await PageAsync(access, ReviewForm.None, cancellationToken, conflictMessage: ConcurrentChangeException.DefaultMessage);
        if (result is ViewResult view)
        {
            view.StatusCode = StatusCodes.Status409Conflict;
        }

        return result;
    }

    /// <summary>
    /// The review page as the request is now. The forms start from their defaults (the request's "Fecha de recepción
    /// original", the contract's RP, today in Bogotá) unless a failed post's input is given back to keep what was typed.
    /// </summary>
    private async Task<IActionResult> PageAsync(
        ReviewAccess access,
        ReviewForm failedForm,
        CancellationToken cancellationToken,
        ApproveInput? approve = null,
        RejectInput? reject = null,
        MarkPaidInput? paid = null,
        string? conflictMessage = null)
    {
        var page = await workspace.LoadPageAsync(access.Parties.RequestId, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        var today = workspace.Today;
        var view = new ReviewPageView
        {
            Page = page,
            Access = access,
            Approve = approve ?? new ApproveInput { ReceivedOn = page.Request.ReceivedOn ?? today, RpNumber = page.Contract.RpNumber },
            Reject = reject ?? new RejectInput(),
            Paid = paid ?? new MarkPaidInput { PaidOn = today },
            MaxSupportBytes = uploadLimits.Value.MaxFileBytes,
            ConflictMessage = conflictMessage,
            FailedForm = failedForm,
            SupportNeedsReselecting = paid?.PaymentSupport is not null,
        };
        return View(nameof(Show), view);
    }

    /// <summary>Input-shape errors, keyed like the form's fields; a missing version goes to the summary.</summary>
    private void AddShapeErrors(ValidationResult result, string prefix)
    {
        foreach (var error in result.Errors)
        {
            var key = error.PropertyName is "ConcurrencyStamp" or "" ? string.Empty : $"{prefix}.{error.PropertyName}";

            // A value that could not be read already has its message; one message per field.
            if (key.Length > 0 && ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            ModelState.AddModelError(key, error.ErrorMessage);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information,
        Message = "«Marcar como pagado» on payment request {RequestId} refused: the request body ({ContentLength} bytes announced) is over the limit")]
    private static partial void LogBodyTooLarge(ILogger logger, int requestId, long? contentLength);
}
