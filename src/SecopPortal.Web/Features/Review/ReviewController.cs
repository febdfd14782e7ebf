using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;

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
            id, access => access.CanReview, Review.Reject.Prefix, confirmed: true, preview: null,
            () => reject.HandleAsync(id, input, User.GetUserId(), cancellationToken),
            new ReviewPageState(ReviewForm.Reject, Reject: input), cancellationToken);
    }

    /// <summary>
    /// "Aprobar": without <c>Approve.Confirmed</c> (the first post, or JavaScript off) nothing is recorded and the page
    /// says what "Sí, aprobar" will record; the dialog of the review page posts it directly.
    /// </summary>
    [HttpPost("{id:int}/aprobar")]
    public async Task<IActionResult> Approve(int id, [Bind(Prefix = Review.Approve.Prefix)] Approve.Input input, [FromServices] Approve.Handler approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approve);
        return await DecideAsync(
            id, access => access.CanReview, Review.Approve.Prefix, input.Confirmed,
            async () => DecisionConfirmation.Pending(await approve.PreviewAsync(id, input, User.GetUserId(), cancellationToken), workspace.Today),
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
            id, access => access.CanMarkPaid, Review.MarkPaid.Prefix, input.Confirmed,
            async () => DecisionConfirmation.Pending(await markPaid.PreviewAsync(id, input, User.GetUserId(), cancellationToken), workspace.Today),
            () => markPaid.HandleAsync(id, input, User.GetUserId(), cancellationToken),
            new ReviewPageState(ReviewForm.MarkPaid, Paid: input), cancellationToken);
    }

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information,
        Message = "«Marcar como pagado» on payment request {RequestId} refused: the request body ({ContentLength} bytes announced) is over the limit")]
    private static partial void LogBodyTooLarge(ILogger logger, int requestId, long? contentLength);
}
