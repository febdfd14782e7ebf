namespace SecopPortal.Domain.Notifications;

/// <summary>
/// An e-mail waiting to be sent (the transactional outbox). It is written in the same unit of work as the state
/// change that causes it, so it exists exactly when the change does, and is then delivered by a background
/// dispatcher that retries with exponential backoff: a mail server that is down delays an e-mail, never loses it.
/// </summary>
public sealed class OutboxEmail
{
    public const int ToMaxLength = 256;
    public const int SubjectMaxLength = 250;
    public const int BodyTextMaxLength = 20_000;
    public const int LastErrorMaxLength = 1000;

    /// <summary>The wait after the first failed attempt; each further failure doubles it.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private OutboxEmail()
    {
        To = string.Empty;
        Subject = string.Empty;
        BodyText = string.Empty;
    }

    /// <summary>Queues an e-mail, due at once.</summary>
    public OutboxEmail(string to, string subject, string bodyText, DateTime createdAtUtc)
        : this()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(bodyText);
        To = to.Trim();
        if (To.Length > ToMaxLength || To.Any(char.IsControl))
        {
            throw new ArgumentException("Not an e-mail address this outbox can hold.", nameof(to));
        }

        // Subjects are one line; a line break in one would be a header injection.
        Subject = Notification.Shorten(string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim(), SubjectMaxLength);
        BodyText = Notification.Shorten(bodyText, BodyTextMaxLength);
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string BodyText { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>How many times sending has been tried (successful or not).</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// When the dispatcher may (next) try to send it. Also the claim token: a dispatcher takes an e-mail by moving
    /// this forward, conditioned on the value it read, so two instances never send the same e-mail at once.
    /// </summary>
    public DateTime NextAttemptAtUtc { get; private set; }

    /// <summary>When the mail server accepted it; null while queued.</summary>
    public DateTime? SentAtUtc { get; private set; }

    /// <summary>Why the latest attempt failed (for operators), at most <see cref="LastErrorMaxLength"/> characters.</summary>
    public string? LastError { get; private set; }

    public bool IsSent => SentAtUtc is not null;

    /// <summary>Whether a dispatcher may try it at <paramref name="nowUtc"/>.</summary>
    public bool IsDue(DateTime nowUtc) => SentAtUtc is null && NextAttemptAtUtc <= nowUtc;

    /// <summary>
    /// Takes the e-mail for one attempt: counts the attempt and holds it back for <paramref name="lease"/>, so that
    /// if this process dies mid-attempt another one retries it after the lease instead of never.
    /// </summary>
    public void Claim(DateTime nowUtc, TimeSpan lease)
    {
        if (SentAtUtc is not null)
        {
            throw new InvalidOperationException("The e-mail was already sent.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        Attempts++;
        NextAttemptAtUtc = nowUtc + lease;
    }

    /// <summary>The mail server accepted it.</summary>
    public void MarkSent(DateTime nowUtc)
    {
        SentAtUtc = nowUtc;
        LastError = null;
    }

    /// <summary>The attempt failed: keep it queued and try again after <see cref="RetryDelayAfter"/>.</summary>
    public void RecordFailure(string error, DateTime nowUtc)
    {
        if (SentAtUtc is not null)
        {
            throw new InvalidOperationException("The e-mail was already sent.");
        }

        var message = string.IsNullOrWhiteSpace(error) ? "Unknown error." : error.Trim();
        LastError = Notification.Shorten(message, LastErrorMaxLength);
        NextAttemptAtUtc = nowUtc + RetryDelayAfter(Math.Max(1, Attempts));
    }

    /// <summary>
    /// The wait after <paramref name="failedAttempts"/> attempts: 1, 2, 4, 8, 16, 32 minutes, then 1 hour for good.
    /// </summary>
    public static TimeSpan RetryDelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var doublings = Math.Min(failedAttempts - 1, 16);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
