namespace SecopPortal.Web.Infrastructure;

/// <summary>The number on a menu badge (unread notifications, requests to review).</summary>
public static class BadgeCount
{
    /// <summary>
    /// Counts, or returns null when the count fails: a badge must never cost the user the page (it may be the
    /// error page itself). A cancelled request still cancels.
    /// </summary>
    public static async Task<int?> TryCountAsync(Func<CancellationToken, Task<int>> count, Action<Exception> onFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(onFailure);
        try
        {
            return await count(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Deliberately broad: see the summary.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            onFailure(ex);
            return null;
        }
    }
}
