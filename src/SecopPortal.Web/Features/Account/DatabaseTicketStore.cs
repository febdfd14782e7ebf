using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Account;

/// <summary>
/// Keeps the session cookie's authentication ticket in the database (<see cref="UserSession"/>), so that a session
/// ends on the server: "Cerrar sesión" deletes its row, and a password change, a deactivation or a role change deletes
/// every row of the user (<see cref="PortalDbContext"/> does it in the same transaction). Each request costs one
/// read by primary key; a replayed cookie whose row is gone lands on the sign-in page, on every instance.
/// </summary>
/// <remarks>
/// The cookie carries a random 256-bit key (inside the data-protected cookie); the table stores only the key's
/// SHA-256, so a copy of the table cannot be turned into cookies. Reads, renewals and removals use the request's own
/// DbContext (without a request, a scope of its own); a new session is saved in a scope of its own.
/// </remarks>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    // Every signed-in request runs it.
    private static readonly CompiledQuery<Func<PortalDbContext, string, CancellationToken, Task<byte[]?>>> TicketById = new(() =>
        EF.CompileAsyncQuery((PortalDbContext db, string id, CancellationToken cancellationToken) =>
            db.UserSessions.Where(s => s.Id == id).Select(s => s.Ticket).FirstOrDefault()));

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var userId = UserIdOf(ticket);
        var key = Base64UrlKey();
        var now = clock.GetUtcNow().UtcDateTime;

        // A scope of its own: saving must not flush whatever else the request's DbContext is tracking.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.UserSessions.Add(new UserSession(Hash(key), userId, TicketSerializer.Default.Serialize(ticket), now, ExpiresAt(ticket, now)));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>
    /// The cookie handler renews the ticket on sliding expiration, after the security stamp check, and when someone
    /// signs in from a browser whose session is still open (then the ticket may even be another user's).
    /// </summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Hash(key);
        var userId = UserIdOf(ticket);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var expires = ExpiresAt(ticket, clock.GetUtcNow().UtcDateTime);

        // Only a session that still exists is renewed: one ended meanwhile (on any instance) stays ended.
        return UseAsync(httpContext, db => db.UserSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.UserId, userId).SetProperty(s => s.Ticket, bytes).SetProperty(s => s.ExpiresAtUtc, expires),
                cancellationToken));
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        byte[]? bytes = null;
        await UseAsync(httpContext, async db => bytes = await TicketById.For(db)(db, id, cancellationToken));
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        return UseAsync(httpContext, db => db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken));
    }

    /// <summary>The key's SHA-256 in hexadecimal: what the table stores.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static Guid UserIdOf(AuthenticationTicket ticket) =>
        Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs the user's id claim."));

    private static string Base64UrlKey() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    // The cookie handler always sets ExpiresUtc (issued + ExpireTimeSpan, sliding); a day is only a fallback.
    private static DateTime ExpiresAt(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now.AddDays(1);

    private async Task UseAsync(HttpContext? httpContext, Func<PortalDbContext, Task> work)
    {
        if (httpContext?.RequestServices.GetService<PortalDbContext>() is { } requestDb)
        {
            await work(requestDb);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }
}
