using System.Collections.Concurrent;

namespace SecopPortal.Domain.Calendar;

/// <summary>What an administrator's change does to the national holiday list (docs/product.md §4.1).</summary>
public enum HolidayChangeKind
{
    /// <summary>A date the laws' rules do not produce becomes a holiday (a new law, a one-off decree).</summary>
    Addition = 1,

    /// <summary>A date the laws' rules produce stops being a holiday (a repealed law, a decree moving it).</summary>
    Removal = 2,
}

/// <summary>One administrator's change in force, as the calendar needs it: what, which date, and the holiday's name.</summary>
public sealed record HolidayAdjustment(HolidayChangeKind Kind, DateOnly Date, string Name);

/// <summary>
/// A Colombian business-day calendar: the national holidays of the laws (<see cref="NationalHolidays"/>) with the
/// administrator's changes in force (<see cref="HolidayAdjustment"/>); docs/product.md §4. Immutable: a new list of
/// changes is a new calendar, so a calendar's per-year cache never goes stale and can be swapped atomically.
/// </summary>
/// <remarks>
/// The holidays of a year are the laws' holidays whose date no removal names, plus every addition of that year.
/// A removal only takes away the laws' holidays of its date; an addition always counts, so a date removed (a law
/// repealed) and added again later (a new law) is a holiday. Two holidays on one date are both listed.
/// </remarks>
public sealed class HolidayCalendar
{
    private readonly ConcurrentDictionary<int, YearData> _years = new();
    private readonly ILookup<int, HolidayAdjustment> _adjustmentsByYear;

    /// <summary>A calendar with <paramref name="adjustments"/> (the changes in force) over the laws' holidays.</summary>
    public HolidayCalendar(IEnumerable<HolidayAdjustment> adjustments)
    {
        ArgumentNullException.ThrowIfNull(adjustments);
        var sorted = adjustments
            .OrderBy(a => a.Date)
            .ThenBy(a => a.Kind)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToArray();
        Adjustments = Array.AsReadOnly(sorted);
        _adjustmentsByYear = sorted.ToLookup(a => a.Date.Year);
    }

    /// <summary>The laws' holidays only, with no administrator's change (the static <see cref="ColombianCalendar"/>).</summary>
    public static HolidayCalendar BuiltIn { get; } = new([]);

    /// <summary>The changes in force, sorted by date.</summary>
    public IReadOnlyList<HolidayAdjustment> Adjustments { get; }

    /// <summary>Whether <paramref name="other"/> has exactly the same changes (so swapping it in would change nothing).</summary>
    public bool HasSameAdjustmentsAs(HolidayCalendar other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Adjustments.SequenceEqual(other.Adjustments);
    }

    /// <summary>Returns the holidays of <paramref name="year"/>, sorted by date (two on one date are both listed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="year"/> is outside 1..9999.</exception>
    public IReadOnlyList<Holiday> HolidaysOf(int year) => GetYear(year).Holidays;

    /// <summary>The laws' holidays observed on <paramref name="date"/>, whether or not an administrator removed them.</summary>
    public static IReadOnlyList<Holiday> LawHolidaysOn(DateOnly date) =>
        NationalHolidays.ObservedIn(date.Year).Where(h => h.Date == date).Select(h => new Holiday(h.Date, h.Definition.Name)).ToList();

    /// <summary>Returns whether <paramref name="date"/> is a Colombian public holiday.</summary>
    public bool IsHoliday(DateOnly date) => GetYear(date.Year).Dates.Contains(date);

    /// <summary>Returns whether <paramref name="date"/> is a business day (Monday to Friday and not a holiday).</summary>
    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>Returns the first business day strictly after <paramref name="date"/>.</summary>
    public DateOnly FirstBusinessDayAfter(DateOnly date)
    {
        var current = date.AddDays(1);
        while (!IsBusinessDay(current))
        {
            current = current.AddDays(1);
        }

        return current;
    }

    /// <summary>Returns the <paramref name="n"/>-th (1-based) business day of the given month.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// When <paramref name="n"/> is less than 1, when the month has fewer than <paramref name="n"/>
    /// business days, or when <paramref name="year"/>/<paramref name="month"/> are not a valid month.
    /// </exception>
    public DateOnly NthBusinessDayOfMonth(int year, int month, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);

        var daysInMonth = DateTime.DaysInMonth(year, month);
        var found = 0;
        for (var day = 1; day <= daysInMonth; day++)
        {
            var date = new DateOnly(year, month, day);
            if (IsBusinessDay(date) && ++found == n)
            {
                return date;
            }
        }

        throw new ArgumentOutOfRangeException(
            nameof(n),
            n,
            $"The month {year:D4}-{month:D2} has only {found} business days.");
    }

    /// <summary>
    /// Counts the business days <c>d</c> with <paramref name="from"/> &lt; <c>d</c> &lt;= <paramref name="to"/>,
    /// i.e. how many business days have elapsed since <paramref name="from"/> when looking at it on
    /// <paramref name="to"/>. The start date itself is never counted; the end date is counted when it
    /// is a business day.
    /// </summary>
    /// <example>
    /// A request sent on a Friday and looked at on the following Monday (not a holiday) has waited
    /// 1 business day; looked at on the same day, 0.
    /// </example>
    /// <returns>The number of business days, or 0 when <paramref name="to"/> &lt;= <paramref name="from"/>.</returns>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var current = from; current < to;)
        {
            current = current.AddDays(1);
            if (IsBusinessDay(current))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Returns the date that is <paramref name="days"/> business days after <paramref name="date"/>
    /// (so that <c>BusinessDaysBetween(date, result) == days</c>). With 0, returns
    /// <paramref name="date"/> itself even when it is not a business day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="days"/> is negative.</exception>
    public DateOnly AddBusinessDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var current = date;
        for (var i = 0; i < days; i++)
        {
            current = FirstBusinessDayAfter(current);
        }

        return current;
    }

    private YearData GetYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        return _years.GetOrAdd(year, BuildYear);
    }

    private YearData BuildYear(int year)
    {
        var changes = _adjustmentsByYear[year].ToList();
        var removed = changes.Where(a => a.Kind == HolidayChangeKind.Removal).Select(a => a.Date).ToHashSet();
        var added = changes.Where(a => a.Kind == HolidayChangeKind.Addition).Select(a => new Holiday(a.Date, a.Name));

        // OrderBy is stable: holidays sharing a date keep the order of NationalHolidays.All, then the additions'.
        var sorted = NationalHolidays.ObservedIn(year)
            .Where(h => !removed.Contains(h.Date))
            .Select(h => new Holiday(h.Date, h.Definition.Name))
            .Concat(added)
            .OrderBy(h => h.Date)
            .ToArray();
        return new YearData(Array.AsReadOnly(sorted), sorted.Select(h => h.Date).ToHashSet());
    }

    private sealed record YearData(IReadOnlyList<Holiday> Holidays, HashSet<DateOnly> Dates);
}
