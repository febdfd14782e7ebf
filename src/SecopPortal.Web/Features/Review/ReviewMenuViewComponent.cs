using Microsoft.AspNetCore.Mvc;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Review;

/// <summary>The menu's "Cuentas por revisar" and how many requests wait (null when the count could not be read).</summary>
public sealed record ReviewMenuLink(int? PendingCount, bool IsCurrentPage)
{
    /// <summary>The badge: "3", or "99+" past 99; none when nothing waits.</summary>
    public string? Badge => PendingCount switch
    {
        null or 0 => null,
        > 99 => "99+",
        var n => n.Value.ToString(PortalServices.Colombia),
    };

    /// <summary>What screen readers announce after the link text.</summary>
    public string? AccessibleCount => PendingCount switch
    {
        null or 0 => null,
        1 => "1 pendiente",
        var n => $"{n.Value.ToString(PortalServices.Colombia)} pendientes",
    };
}

/// <summary>
/// "Cuentas por revisar" in the supervisor's menu, with the number of requests waiting, read together with the bell's
/// (<see cref="MenuBadges"/>: one statement a page, none more on the inbox itself). A failed count never costs the
/// user the page.
/// </summary>
public sealed partial class ReviewMenuViewComponent(MenuBadges badges, ILogger<ReviewMenuViewComponent> logger) : ViewComponent
{
    public const string ViewPath = "~/Views/Review/_MenuLink.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.Identity?.IsAuthenticated != true || !UserClaimsPrincipal.IsSupervisor())
        {
            return Content(string.Empty);
        }

        var count = await BadgeCount.TryCountAsync(
            async cancellationToken => (await badges.ReadAsync(UserClaimsPrincipal, cancellationToken)).PendingReviews, ex => LogCountFailed(logger, ex), HttpContext.RequestAborted);

        var here = HttpContext.Request.Path.StartsWithSegments("/revision");
        return View(ViewPath, new ReviewMenuLink(count, here));
    }

    [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "The review menu could not count the requests waiting; shown without a count")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
