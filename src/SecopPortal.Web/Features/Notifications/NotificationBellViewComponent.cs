using Microsoft.AspNetCore.Mvc;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Notifications;

/// <summary>The bell's state: how many unread notifications, or null when the count could not be read.</summary>
public sealed record NotificationBell(int? UnreadCount)
{
    /// <summary>"Notificaciones, 3 sin leer": what screen readers announce for the bell.</summary>
    public string AccessibleLabel => UnreadCount switch
    {
        null => "Notificaciones",
        0 => "Notificaciones, ninguna sin leer",
        var n => $"Notificaciones, {n} sin leer",
    };

    /// <summary>The badge: "3", or "99+" past 99.</summary>
    public string? Badge => UnreadCount switch
    {
        null or 0 => null,
        > 99 => "99+",
        var n => n.Value.ToString(PortalServices.Colombia),
    };
}

/// <summary>
/// "Notificaciones" in the top bar with the unread count, read with the menu's other numbers in one statement a page
/// (<see cref="MenuBadges"/>). If the database cannot answer
/// (the page being rendered may be the error page), the bell shows without a count rather than failing the page.
/// </summary>
public sealed partial class NotificationBellViewComponent(MenuBadges badges, ILogger<NotificationBellViewComponent> logger) : ViewComponent
{
    public const string ViewPath = "~/Views/Notifications/_Bell.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.Identity?.IsAuthenticated != true)
        {
            return Content(string.Empty);
        }

        var count = await BadgeCount.TryCountAsync(
            async cancellationToken => (await badges.ReadAsync(UserClaimsPrincipal, cancellationToken)).UnreadNotifications, ex => LogCountFailed(logger, ex), HttpContext.RequestAborted);

        return View(ViewPath, new NotificationBell(count));
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "The notification bell could not count unread notifications; shown without a count")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
