using Microsoft.EntityFrameworkCore;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Account;

/// <summary>
/// Deletes expired server-side sessions (<see cref="DatabaseTicketStore"/>) every <see cref="SweepInterval"/>, through
/// the index on their expiry. An expired row is already refused by the cookie handler; the sweep only keeps the table
/// as small as the number of live sessions. A failed sweep is logged and tried again at the next interval.
/// </summary>
public sealed partial class SessionSweepService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionSweepService> logger)
    : PeriodicScopedService(scopes, clock)
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);

    protected override TimeSpan FirstDelay => SweepInterval;

    protected override TimeSpan Interval => SweepInterval;

    /// <summary>Deletes the sessions that expired before now; returns how many.</summary>
    public static Task<int> SweepAsync(PortalDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.UserSessions.Where(s => s.ExpiresAtUtc < nowUtc).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var deleted = await SweepAsync(services.GetRequiredService<PortalDbContext>(), Clock.GetUtcNow().UtcDateTime, cancellationToken);
        LogSwept(logger, deleted);
    }

    protected override void OnFailed(Exception exception) => LogSweepFailed(logger, exception);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Session sweep deleted {Deleted} expired sessions")]
    private static partial void LogSwept(ILogger logger, int deleted);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Session sweep failed; it will run again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
