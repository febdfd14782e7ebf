namespace SecopPortal.Infrastructure.Identity;

/// <summary>
/// One signed-in browser session, kept on the server: the cookie carries only a random key, the database keeps the
/// authentication ticket under the key's SHA-256. Deleting the row ends the session at once on every instance.
/// </summary>
public sealed class UserSession
{
    /// <summary>Length of <see cref="Id"/>: the hexadecimal SHA-256 of the cookie's key.</summary>
    public const int IdLength = 64;

    private UserSession()
    {
    }

    public UserSession(string id, Guid userId, byte[] ticket, DateTime createdAtUtc, DateTime expiresAtUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(ticket);
        Id = id;
        UserId = userId;
        Ticket = ticket;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    /// <summary>The hexadecimal SHA-256 of the key in the cookie; the key itself is never stored.</summary>
    public string Id { get; private set; } = string.Empty;

    public Guid UserId { get; private set; }

    /// <summary>The serialized authentication ticket (claims, roles, issue and expiry instants).</summary>
    public byte[] Ticket { get; private set; } = [];

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the session ends if unused (sliding); expired rows are swept.</summary>
    public DateTime ExpiresAtUtc { get; private set; }
}
