using Microsoft.EntityFrameworkCore;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Account;

/// <summary>
/// Deletes expired server-side sessions (<see cref="DatabaseTicketStore"/>) every <see cref="Interval"/>, through the
/// index on their expiry. An expired row is already refused by the cookie handler; the sweep only keeps the table
/// as small as the number of live sessions. A failed sweep is logged and tried again at the next interval.
/// </summary>
public sealed partial class SessionSweepService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SessionSweepService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Deletes the sessions that expired before now; returns how many.</summary>
    public static Task<int> SweepAsync(PortalDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.UserSessions.Where(s => s.ExpiresAtUtc < nowUtc).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, clock, stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var deleted = await SweepAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), clock.GetUtcNow().UtcDateTime, stoppingToken);
                    LogSwept(logger, deleted);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A background sweep must never take the application down: log and try again later.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Session sweep deleted {Deleted} expired sessions")]
    private static partial void LogSwept(ILogger logger, int deleted);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Session sweep failed; it will run again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
