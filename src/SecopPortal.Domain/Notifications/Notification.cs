namespace SecopPortal.Domain.Notifications;

/// <summary>
/// One message in a user's "Notificaciones" (the bell): what happened, in Spanish, and where to look at it.
/// Created in the same unit of work as the state change it reports, so the two are committed together.
/// </summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int LinkPathMaxLength = 300;

    private Notification()
    {
        Title = string.Empty;
        Body = string.Empty;
        LinkPath = string.Empty;
    }

    /// <param name="recipientId">The user who sees it.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="title">One line, at most <see cref="TitleMaxLength"/> characters.</param>
    /// <param name="body">The details, at most <see cref="BodyMaxLength"/> characters.</param>
    /// <param name="linkPath">
    /// Where opening it leads: a path of the portal (<c>/revision/12</c>), never another site; at most
    /// <see cref="LinkPathMaxLength"/> characters.
    /// </param>
    /// <param name="createdAtUtc">When it happened.</param>
    public Notification(Guid recipientId, NotificationKind kind, string title, string body, string linkPath, DateTime createdAtUtc)
        : this()
    {
        if (recipientId == Guid.Empty)
        {
            throw new ArgumentException("A notification needs a recipient.", nameof(recipientId));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind.");
        }

        RecipientId = recipientId;
        Kind = kind;
        Title = Required(title, TitleMaxLength, nameof(title));
        Body = Required(body, BodyMaxLength, nameof(body));
        LinkPath = Required(linkPath, LinkPathMaxLength, nameof(linkPath));
        if (!IsLocalPath(LinkPath))
        {
            throw new ArgumentException("The link must be a path of the portal, such as /revision/12.", nameof(linkPath));
        }

        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }

    public Guid RecipientId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    /// <summary>A path of the portal (starts with a single '/').</summary>
    public string LinkPath { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>When the recipient opened it (or marked all read); null while unread.</summary>
    public DateTime? ReadAtUtc { get; private set; }

    public bool IsRead => ReadAtUtc is not null;

    /// <summary>Marks it read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    /// <summary>
    /// Whether <paramref name="path"/> stays on the portal: starts with one '/', not "//" or "/\" (which browsers
    /// read as another host), and has no control characters.
    /// </summary>
    public static bool IsLocalPath(string? path) =>
        !string.IsNullOrEmpty(path)
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    /// <summary>
    /// Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> characters, ending in "…" when cut, so a
    /// long rejection reason still fits a title or body.
    /// </summary>
    public static string Shorten(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }

    private static string Required(string value, int maxLength, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new ArgumentException($"At most {maxLength} characters (got {trimmed.Length}).", parameterName);
        }

        return trimmed;
    }
}
