using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Calendar;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// The running portal's business-day calendar (docs/product.md §4.1): the laws' holidays with the administrators'
/// changes in force, as last read from the database. One per application (a singleton), so two portals in one process
/// (the tests) never share it; everything that counts business days for a user asks <see cref="Current"/> and hands it
/// to the domain. The calendar is immutable: a refresh builds a new one and swaps the reference, so a reader sees the
/// old or the new calendar whole, and the new one starts with an empty per-year cache.
/// </summary>
/// <remarks>
/// Read at start-up (after the migrations, <see cref="DatabasePreparation"/>), right after each administrator's change
/// on this instance, and every minute (<see cref="PortalCalendarRefreshService"/>), so instances sharing the database
/// agree within a minute.
/// </remarks>
public sealed partial class PortalCalendar(ILogger<PortalCalendar> logger) : IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private HolidayCalendar _current = HolidayCalendar.BuiltIn;

    /// <summary>The calendar to count business days with now.</summary>
    public HolidayCalendar Current => Volatile.Read(ref _current);

    /// <summary>Reads the changes in force and swaps the calendar if they differ from the current one's.</summary>
    public async Task RefreshAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // One refresh at a time: a periodic read that started before an administrator's change cannot overwrite the
        // calendar the change's own refresh swapped in after it.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var inForce = await db.HolidayChanges.AsNoTracking()
                .Where(c => c.WithdrawnAtUtc == null)
                .Select(c => new HolidayAdjustment(c.Kind, c.Date, c.Name))
                .ToListAsync(cancellationToken);
            var next = new HolidayCalendar(inForce);
            if (!next.HasSameAdjustmentsAs(Current))
            {
                Volatile.Write(ref _current, next);
                var additions = inForce.Count(a => a.Kind == HolidayChangeKind.Addition);
                LogCalendarChanged(logger, additions, inForce.Count - additions);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();

    [LoggerMessage(EventId = 3041, Level = LogLevel.Information, Message = "Holiday calendar now has {Additions} added and {Removals} removed national holidays")]
    private static partial void LogCalendarChanged(ILogger logger, int additions, int removals);
}

/// <summary>Reads the holiday changes every <see cref="RefreshInterval"/>, for the changes other instances made.</summary>
public sealed partial class PortalCalendarRefreshService(IServiceScopeFactory scopes, TimeProvider clock, PortalCalendar calendar, ILogger<PortalCalendarRefreshService> logger)
    : PeriodicScopedService(scopes, clock)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    protected override TimeSpan FirstDelay => RefreshInterval;

    protected override TimeSpan Interval => RefreshInterval;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        calendar.RefreshAsync(services.GetRequiredService<PortalDbContext>(), cancellationToken);

    protected override void OnFailed(Exception exception) => LogRefreshFailed(logger, exception);

    [LoggerMessage(EventId = 3042, Level = LogLevel.Error, Message = "Reading the holiday changes failed; the calendar stays as it was and is read again in a minute")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
