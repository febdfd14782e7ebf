using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Notifications;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Notifications;

public sealed record NotificationRow(int Id, NotificationKind Kind, string Title, string Body, DateTime CreatedAtUtc, bool IsRead);

public sealed record NotificationListPage(IReadOnlyList<NotificationRow> Rows, int Page, int PageCount, int TotalCount, int UnreadCount);

/// <summary>A user's notifications: the bell's count, the list, opening one, marking all read. Always the user's own.</summary>
public sealed class NotificationInbox(PortalDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>One page, newest first.</summary>
    public async Task<NotificationListPage> ListAsync(Guid userId, int page, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId);
        var counts = await mine
            .GroupBy(n => n.RecipientId)
            .Select(g => new { Total = g.Count(), Unread = g.Count(n => n.ReadAtUtc == null) })
            .FirstOrDefaultAsync(cancellationToken);
        var total = counts?.Total ?? 0;
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = total == 0
            ? []
            : await mine
                .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .Select(n => new NotificationRow(n.Id, n.Kind, n.Title, n.Body, n.CreatedAtUtc, n.ReadAtUtc != null))
                .ToListAsync(cancellationToken);
        return new NotificationListPage(rows, page, pageCount, total, counts?.Unread ?? 0);
    }

    /// <summary>Marks the user's notification read and says where it leads; null when it is not theirs (or does not exist).</summary>
    public async Task<string?> OpenAsync(Guid userId, int notificationId, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.RecipientId == userId, cancellationToken);
        if (notification is null)
        {
            return null;
        }

        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return notification.LinkPath;
    }

    /// <summary>Marks every unread notification of the user read, in one UPDATE; returns how many.</summary>
    public Task<int> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications
            .Where(n => n.RecipientId == userId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
    }

    /// <summary>
    /// Marks read the user's unread notifications that lead to <paramref name="linkPath"/>: opening a request's page
    /// is reading what was announced about it. One UPDATE; returns how many.
    /// </summary>
    public Task<int> MarkReadForPageAsync(Guid userId, string linkPath, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications
            .Where(n => n.RecipientId == userId && n.ReadAtUtc == null && n.LinkPath == linkPath)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
    }
}
