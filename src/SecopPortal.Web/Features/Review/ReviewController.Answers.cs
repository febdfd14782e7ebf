using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Review;

/// <summary>How the review routes answer: who may see the page, one answer per decision, one page renderer.</summary>
public sealed partial class ReviewController
{
    /// <summary>
    /// The one answer to a decision: may the user make it (404/403), is its input complete, then the unit: success →
    /// a message and back to the page; someone else acted first → 409 and the page as it is now; a broken rule → its
    /// message next to its field, with what was typed.
    /// </summary>
    /// <param name="confirmed">Whether the post carries the confirmation; without it (and with a <paramref name="preview"/>) nothing is recorded.</param>
    /// <param name="preview">The decision run through the domain without saving, for the confirmation step; null for a decision without one.</param>
    private async Task<IActionResult> DecideAsync(
        int id, Func<ReviewAccess, bool> allowed, string prefix, bool confirmed, Func<Task<PendingDecision>>? preview, Func<Task<string>> decide,
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

        // The input's shape was validated by MVC (FormValidation) when it was bound.
        if (ModelState.IsValid)
        {
            try
            {
                if (!confirmed && preview is not null)
                {
                    return await ConfirmationPageAsync(access, await preview(), cancellationToken);
                }

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

    /// <summary>The confirmation step without JavaScript: the request as it is now and what "Sí, …" will record.</summary>
    private async Task<IActionResult> ConfirmationPageAsync(ReviewAccess access, PendingDecision pending, CancellationToken cancellationToken)
    {
        var page = await workspace.LoadPageAsync(access.Parties.RequestId, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        return View("Confirm", new ReviewConfirmView
        {
            Page = page,
            Access = access,
            Wording = new DecisionWording(pending.Decision),
            Facts = pending.Facts(page),
            Fields = pending.Fields,
        });
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
            Today = today,
            ConflictMessage = state.ConflictMessage,
            FailedForm = state.FailedForm,
            SupportNeedsReselecting = state.Paid?.PaymentSupport is not null,
        });
    }
}

/// <summary>What the review page shows besides the request: the form that failed, with what was typed, or the conflict message.</summary>
public sealed record ReviewPageState(
    ReviewForm FailedForm = ReviewForm.None,
    Approve.Input? Approve = null,
    Reject.Input? Reject = null,
    MarkPaid.Input? Paid = null,
    string? ConflictMessage = null);
