using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Review;

namespace SecopPortal.Web.Infrastructure;

/// <summary>The numbers on the menu: unread notifications (the bell) and, for a supervisor, the requests waiting for review.</summary>
public sealed record MenuCounts(int UnreadNotifications, int PendingReviews);

/// <summary>
/// Reads every number the menu shows in one statement a page, once per request (scoped): the bell, "Cuentas por
/// revisar" and the inbox page itself share it. Each count runs on its own index: Notifications by
/// (RecipientId, ReadAtUtc); the review count walks the supervisor's contracts, then their requests.
/// </summary>
public sealed class MenuBadges(PortalDbContext db)
{
    private (Guid UserId, MenuCounts Counts)? _read;

    public async Task<MenuCounts> ReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.GetUserId();
        if (_read is { } known && known.UserId == userId)
        {
            return known.Counts;
        }

        var unread = db.Notifications.Where(n => n.RecipientId == userId && n.ReadAtUtc == null);
        var me = db.Users.AsNoTracking().Where(u => u.Id == userId);
        MenuCounts? counts;
        if (user.IsSupervisor())
        {
            var pending = ReviewInboxQuery.AwaitingReview(db, userId);
            counts = await me.Select(u => new MenuCounts(unread.Count(), pending.Count())).FirstOrDefaultAsync(cancellationToken);
        }
        else
        {
            counts = await me.Select(u => new MenuCounts(unread.Count(), 0)).FirstOrDefaultAsync(cancellationToken);
        }

        counts ??= new MenuCounts(0, 0);
        _read = (userId, counts);
        return counts;
    }
}
