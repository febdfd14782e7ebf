using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.Admin;

/// <summary>"Agregar festivo": the date, the holiday's name and the norm that creates it, all required.</summary>
public sealed class HolidayInput
{
    public DateOnly? Date { get; set; }

    public string? Name { get; set; }

    public string? LegalBasis { get; set; }
}

/// <summary>"Retirar festivo" of the laws: the date and the norm or reason, required.</summary>
public sealed class HolidayRemovalInput
{
    public DateOnly? Date { get; set; }

    public string? LegalBasis { get; set; }
}

/// <summary>"Deshacer" an administrator's change: why, required.</summary>
public sealed class HolidayWithdrawalInput
{
    public string? Reason { get; set; }
}

/// <summary>One holiday of the year as the list shows it, with where it comes from and what the administrator may do.</summary>
/// <param name="InForce">False for a holiday of the laws an administrator removed (listed struck through).</param>
/// <param name="ChangeId">The administrator's change behind the row (the addition, or the removal), to undo it.</param>
public sealed record HolidayListRow(DateOnly Date, string Name, string Origin, bool InForce, int? ChangeId)
{
    /// <summary>A holiday of the laws in force: "Retirar" makes a removal.</summary>
    public bool IsLawHoliday => InForce && ChangeId is null;

    public string DayOfWeek => Date.ToString("dddd", PortalServices.Colombia);
}

/// <summary>One administrator's change, as the audit trail lists it.</summary>
public sealed record HolidayChangeRow(
    int Id,
    HolidayChangeKind Kind,
    DateOnly Date,
    string Name,
    string LegalBasis,
    string MadeBy,
    DateTime MadeAtUtc,
    string? WithdrawnBy,
    DateTime? WithdrawnAtUtc,
    string? WithdrawalReason)
{
    public bool InForce => WithdrawnAtUtc is null;

    /// <summary>The day it was made, in Bogotá.</summary>
    public DateOnly MadeOn => DateOnly.FromDateTime(BogotaTime.ToBogota(MadeAtUtc));

    public string KindLabel => Kind == HolidayChangeKind.Addition ? "Festivo agregado" : "Festivo retirado";
}

/// <summary>"Días festivos" of one year: the holidays, the form to add one, and every change made to the year.</summary>
public sealed record HolidayYearPage(int Year, IReadOnlyList<HolidayListRow> Holidays, IReadOnlyList<HolidayChangeRow> Changes, HolidayInput Input)
{
    public int BusinessDayCount { get; init; }
}

/// <summary>The confirmation of "Retirar" for a holiday of the laws (no JavaScript needed).</summary>
public sealed record HolidayRemovalPage(DateOnly? Date, IReadOnlyList<Holiday> Holidays, HolidayRemovalInput Input);

/// <summary>The confirmation of "Deshacer" for one change.</summary>
public sealed record HolidayWithdrawalPage(HolidayChangeRow Change, HolidayWithdrawalInput Input);

/// <summary>
/// The national holidays an administrator maintains without a release (docs/product.md §4.1): the year's list with the
/// origin of each holiday, adding one, removing one of the laws, undoing a change. Every change is a row that is never
/// deleted (who, when, norm; who undid it, when, why), is logged (<see cref="AdminLog"/>), and refreshes this
/// instance's calendar at once (<see cref="PortalCalendar"/>; the others within a minute).
/// </summary>
public sealed class HolidayAdministration(PortalDbContext db, PortalCalendar calendar, Changes changes, TimeProvider clock, ILogger<HolidayAdministration> logger)
{
    public const string InputPrefix = "Input";

    public int CurrentYear => BogotaTime.Today(clock).Year;

    public async Task<HolidayYearPage> YearPageAsync(int year, HolidayInput input, CancellationToken cancellationToken)
    {
        var changeRows = await ChangeRowsAsync(db.HolidayChanges.Where(c => c.Date >= new DateOnly(year, 1, 1) && c.Date <= new DateOnly(year, 12, 31)), cancellationToken);
        var inForce = changeRows.Where(c => c.InForce).ToList();
        var rows = new List<HolidayListRow>();
        foreach (var (definition, date) in NationalHolidays.ObservedIn(year))
        {
            var law = definition.IsMovedIn(year) ? $"{definition.Law} (trasladado al lunes)" : definition.Law;
            var removal = inForce.FirstOrDefault(c => c.Kind == HolidayChangeKind.Removal && c.Date == date);
            rows.Add(removal is null
                ? new HolidayListRow(date, definition.Name, law, InForce: true, ChangeId: null)
                : new HolidayListRow(date, definition.Name, $"{law}. Retirado por {removal.MadeBy} el {Display.Date(removal.MadeOn)} — {removal.LegalBasis}", InForce: false, removal.Id));
        }

        rows.AddRange(inForce
            .Where(c => c.Kind == HolidayChangeKind.Addition)
            .Select(c => new HolidayListRow(c.Date, c.Name, $"Agregado por {c.MadeBy} el {Display.Date(c.MadeOn)} — {c.LegalBasis}", InForce: true, c.Id)));
        var current = calendar.Current;
        var businessDays = current.BusinessDaysBetween(new DateOnly(year, 1, 1).AddDays(-1), new DateOnly(year, 12, 31));
        return new HolidayYearPage(year, rows.OrderBy(r => r.Date).ToList(), changeRows, input) { BusinessDayCount = businessDays };
    }

    /// <summary>The confirmation page of removing <paramref name="date"/>; null when it is no holiday of the laws in force.</summary>
    public HolidayRemovalPage? RemovalPage(DateOnly date, HolidayRemovalInput input)
    {
        var current = calendar.Current;
        var holidays = HolidayCalendar.LawHolidaysOn(date);
        var removed = current.Adjustments.Any(a => a.Kind == HolidayChangeKind.Removal && a.Date == date);
        return holidays.Count == 0 || removed ? null : new HolidayRemovalPage(date, holidays, input);
    }

    public async Task<HolidayWithdrawalPage?> WithdrawalPageAsync(int id, HolidayWithdrawalInput input, CancellationToken cancellationToken)
    {
        var row = (await ChangeRowsAsync(db.HolidayChanges.Where(c => c.Id == id), cancellationToken)).SingleOrDefault();
        return row is null ? null : new HolidayWithdrawalPage(row, input);
    }

    /// <summary>Adds a holiday; returns the flash message (with a note when it falls on a weekend).</summary>
    /// <exception cref="DomainValidationException">With a message per field.</exception>
    public async Task<string> AddAsync(HolidayInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var change = HolidayChange.Add(calendar.Current, input.Date, input.Name, input.LegalBasis, adminId, clock.GetUtcNow().UtcDateTime);
        db.HolidayChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        AdminLog.HolidayAdded(logger, adminId, change.Id, change.Date, change.LegalBasis);
        await calendar.RefreshAsync(db, cancellationToken);
        var message = $"Se agregó el festivo «{change.Name}» del {DayAndDate(change.Date)}.";
        return change.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? $"{message} Como cae en {Weekday(change.Date)}, que ya no era día hábil, no cambia ningún plazo."
            : message;
    }

    /// <exception cref="DomainValidationException">With a message per field.</exception>
    public async Task<HolidayChange> RemoveAsync(HolidayRemovalInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var change = HolidayChange.Remove(calendar.Current, input.Date, input.LegalBasis, adminId, clock.GetUtcNow().UtcDateTime);
        db.HolidayChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        AdminLog.HolidayRemoved(logger, adminId, change.Id, change.Date, change.LegalBasis);
        await calendar.RefreshAsync(db, cancellationToken);
        return change;
    }

    /// <summary>Undoes change <paramref name="id"/>; null when it does not exist.</summary>
    /// <exception cref="DomainException">Already undone, or no reason given.</exception>
    /// <exception cref="ConcurrentChangeException">Another administrator undid it at the same time.</exception>
    public async Task<HolidayChange?> WithdrawAsync(int id, HolidayWithdrawalInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var scope = changes.Begin();
        var change = await db.HolidayChanges.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (change is null)
        {
            return null;
        }

        change.Withdraw(input.Reason, adminId, clock.GetUtcNow().UtcDateTime);
        await scope.CommitAsync(cancellationToken);
        AdminLog.HolidayChangeWithdrawn(logger, adminId, change.Id, change.Kind, change.Date);
        await calendar.RefreshAsync(db, cancellationToken);
        return change;
    }

    /// <summary>"lunes 13/07/2026".</summary>
    public static string DayAndDate(DateOnly date) => $"{Weekday(date)} {Display.Date(date)}";

    private static string Weekday(DateOnly date) => date.ToString("dddd", PortalServices.Colombia);

    private async Task<List<HolidayChangeRow>> ChangeRowsAsync(IQueryable<HolidayChange> query, CancellationToken cancellationToken) =>
        await query.AsNoTracking()
            .OrderBy(c => c.Date).ThenBy(c => c.Id)
            .Select(c => new HolidayChangeRow(
                c.Id,
                c.Kind,
                c.Date,
                c.Name,
                c.LegalBasis,
                db.Users.Where(u => u.Id == c.MadeById).Select(u => u.FullName).First(),
                c.MadeAtUtc,
                db.Users.Where(u => u.Id == c.WithdrawnById).Select(u => u.FullName).FirstOrDefault(),
                c.WithdrawnAtUtc,
                c.WithdrawalReason))
            .ToListAsync(cancellationToken);

    /// <summary>The year in "?anio=", when it is one the calendar knows.</summary>
    public static int? ParseYear(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= HolidayChange.FirstYear and <= HolidayChange.LastYear ? year : null;
}
