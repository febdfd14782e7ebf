using FluentValidation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Review;

/// <summary>
/// The routes of the supervisor's side: "Cuentas por revisar" and the review page with <see cref="Approve"/>,
/// <see cref="Reject"/> and <see cref="MarkPaid"/> (one unit each, in this folder). Administrators reach the page
/// read-only from the contract's Plan de pagos and may only mark approved requests paid. A request the user may not
/// review is a 404, including, for its own contractor, even when they also hold the supervisor role.
/// </summary>
[Route("revision")]
public sealed partial class ReviewController(
    PaymentRequestWorkspace workspace,
    IAuthorizationService authorization,
    IOptions<UploadLimitsOptions> uploadLimits,
    ILogger<ReviewController> logger) : Controller
{
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
        return await PageAsync(access, new ReviewPageState(), cancellationToken);
    }

    [HttpPost("{id:int}/rechazar")]
    public async Task<IActionResult> Reject(int id, [Bind(Prefix = Review.Reject.Prefix)] Reject.Input input, [FromServices] Reject.Handler reject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reject);
        return await DecideAsync(
            id, access => access.CanReview, input, new Reject.Validator(), Review.Reject.Prefix,
            () => reject.HandleAsync(id, input, User.GetUserId(), cancellationToken),
            new ReviewPageState(ReviewForm.Reject, Reject: input), cancellationToken);
    }

    [HttpPost("{id:int}/aprobar")]
    public async Task<IActionResult> Approve(int id, [Bind(Prefix = Review.Approve.Prefix)] Approve.Input input, [FromServices] Approve.Handler approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approve);
        return await DecideAsync(
            id, access => access.CanReview, input, new Approve.Validator(), Review.Approve.Prefix,
            () => approve.HandleAsync(id, input, User.GetUserId(), cancellationToken),
            new ReviewPageState(ReviewForm.Approve, Approve: input), cancellationToken);
    }

    /// <summary>
    /// "Marcar como pagado", with an optional "Soporte de pago". Like the other uploads, the form is read under the
    /// "Uploads" limits (<see cref="UploadLimitsAttribute"/>), so a body that is too large becomes a Spanish message
    /// next to the file field; the antiforgery token is validated right after.
    /// </summary>
    [HttpPost("{id:int}/pagado")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public async Task<IActionResult> MarkPaid(int id, [FromServices] MarkPaid.Handler markPaid, [FromServices] IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markPaid);
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
                $"{Review.MarkPaid.Prefix}.{nameof(Review.MarkPaid.Input.PaymentSupport)}",
                Review.MarkPaid.BodyTooLarge(UploadMessages.FileSize(uploadLimits.Value.MaxFileBytes)));
            return await PageAsync(access, new ReviewPageState(ReviewForm.MarkPaid), cancellationToken);
        }

        if (read.Form is null)
        {
            return BadRequest();
        }

        var input = new MarkPaid.Input();
        await UploadForm.BindAsync(this, input, Review.MarkPaid.Prefix);
        return await DecideAsync(
            id, access => access.CanMarkPaid, input, new MarkPaid.Validator(), Review.MarkPaid.Prefix,
            () => markPaid.HandleAsync(id, input, User.GetUserId(), cancellationToken),
            new ReviewPageState(ReviewForm.MarkPaid, Paid: input), cancellationToken);
    }

    /// <summary>
    /// The one answer to a decision: may the user make it (404/403), is its input complete, then the unit: success →
    /// a message and back to the page; someone else acted first → 409 and the page as it is now; a broken rule → its
    /// message next to its field, with what was typed.
    /// </summary>
    private async Task<IActionResult> DecideAsync<TInput>(
        int id, Func<ReviewAccess, bool> allowed, TInput input, IValidator<TInput> validator, string prefix, Func<Task<string>> decide,
        ReviewPageState failed, CancellationToken cancellationToken)
    {
        var access = await FindAccessAsync(id, cancellationToken);
        if (access is null)
        {
            return NotFound();
        }

        if (!allowed(access))
        {
            return Forbid();
        }

        AddShapeErrors(validator.Validate(input), prefix);
        if (ModelState.IsValid)
        {
            try
            {
                TempData["Flash"] = await decide();
                return RedirectToAction(nameof(Show), new { id });
            }
            catch (ConcurrentChangeException)
            {
                ModelState.Clear();
                var conflict = await PageAsync(access, new ReviewPageState(ConflictMessage: VersionMessages.Stale), cancellationToken);
                if (conflict is ViewResult view)
                {
                    view.StatusCode = StatusCodes.Status409Conflict;
                }

                return conflict;
            }
            catch (DomainException exception)
            {
                exception.AddTo(ModelState, prefix);
            }
        }

        return await PageAsync(access, failed, cancellationToken);
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
    /// The review page as the request is now. The forms start from their defaults (the request's "Fecha de recepción
    /// original", the contract's RP, today in Bogotá) unless a failed post's input is given back to keep what was typed.
    /// </summary>
    private async Task<IActionResult> PageAsync(ReviewAccess access, ReviewPageState state, CancellationToken cancellationToken)
    {
        var page = await workspace.LoadPageAsync(access.Parties.RequestId, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        var today = workspace.Today;
        return View(nameof(Show), new ReviewPageView
        {
            Page = page,
            Access = access,
            Approve = state.Approve ?? new Approve.Input { ReceivedOn = page.Request.ReceivedOn ?? today, RpNumber = page.Contract.RpNumber },
            Reject = state.Reject ?? new Reject.Input(),
            Paid = state.Paid ?? new MarkPaid.Input { PaidOn = today },
            MaxSupportBytes = uploadLimits.Value.MaxFileBytes,
            ConflictMessage = state.ConflictMessage,
            FailedForm = state.FailedForm,
            SupportNeedsReselecting = state.Paid?.PaymentSupport is not null,
        });
    }

    /// <summary>Input-shape errors, keyed like the form's fields; a missing version goes to the summary.</summary>
    private void AddShapeErrors(FluentValidation.Results.ValidationResult result, string prefix)
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

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information,
        Message = "«Marcar como pagado» on payment request {RequestId} refused: the request body ({ContentLength} bytes announced) is over the limit")]
    private static partial void LogBodyTooLarge(ILogger logger, int requestId, long? contentLength);
}

/// <summary>What the review page shows besides the request: the form that failed, with what was typed, or the conflict message.</summary>
public sealed record ReviewPageState(
    ReviewForm FailedForm = ReviewForm.None,
    Approve.Input? Approve = null,
    Reject.Input? Reject = null,
    MarkPaid.Input? Paid = null,
    string? ConflictMessage = null);
