using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Notifications;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Notifications;

/// <summary>"Notificaciones": the signed-in user's own, newest first.</summary>
[Route("notificaciones")]
public sealed class NotificationsController(NotificationInbox inbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int pagina = 1, CancellationToken cancellationToken = default) =>
        View(await inbox.ListAsync(User.GetUserId(), pagina, cancellationToken));

    /// <summary>Opens one: marks it read and goes where it points. Another user's (or a missing) id is a 404.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Open(int id, CancellationToken cancellationToken)
    {
        var link = await inbox.OpenAsync(User.GetUserId(), id, cancellationToken);
        if (link is null)
        {
            return NotFound();
        }

        // Stored links are local paths; LocalRedirect refuses anything else should one ever slip in.
        return Notification.IsLocalPath(link) ? LocalRedirect(link) : RedirectToAction(nameof(Index));
    }

    [HttpPost("marcar-todas-leidas")]
    public async Task<IActionResult> MarkAllRead(CancellationToken cancellationToken)
    {
        var count = await inbox.MarkAllReadAsync(User.GetUserId(), cancellationToken);
        TempData["Flash"] = count switch
        {
            0 => "No tenía notificaciones sin leer.",
            1 => "Se marcó 1 notificación como leída.",
            _ => $"Se marcaron {count.ToString(CultureInfo.InvariantCulture)} notificaciones como leídas.",
        };
        return RedirectToAction(nameof(Index));
    }
}
