using System.Collections.Concurrent;

namespace SecopPortal.Domain.Calendar;

/// <summary>A Colombian public holiday ("día festivo").</summary>
/// <param name="Date">Date on which the holiday is observed (after any move to Monday).</param>
/// <param name="Name">Spanish name of the holiday.</param>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// Colombian business-day calendar according to Ley 51 de 1983 ("Ley Emiliani"); docs/product.md §4.
/// </summary>
/// <remarks>
/// <para>
/// The holidays are data (<see cref="NationalHolidays"/>): the eighteen of Ley 51 de 1983 — six fixed civil and
/// religious dates, Jueves and Viernes Santo, and ten observed on the following Monday when they do not already
/// fall on one (seven fixed-date ones and three tied to Easter) — and, from 2026, Nuestra Señora del Rosario de
/// Chiquinquirá (9 July, moved to Monday; Ley 2578 de 2026): nineteen a year since then.
/// </para>
/// <para>
/// Two holidays can be observed on the same date (for example in 2025 both San Pedro y San Pablo and
/// Sagrado Corazón de Jesús fall on Monday 30 June); <see cref="HolidaysOf"/> then returns both entries.
/// Holidays that fall on a Saturday or Sunday without being movable are not compensated.
/// </para>
/// <para>Business days are Monday to Friday, excluding holidays.</para>
/// </remarks>
public static class ColombianCalendar
{
    private static readonly ConcurrentDictionary<int, YearData> Cache = new();

    /// <summary>Returns the holidays of <paramref name="year"/>, sorted by date.</summary>
    /// <remarks>
    /// 18 entries a year until 2025, 19 from 2026; when two holidays share a date both are listed, so the number
    /// of distinct dates may be smaller.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="year"/> is outside 1..9999.</exception>
    public static IReadOnlyList<Holiday> HolidaysOf(int year) => GetYear(year).Holidays;

    /// <summary>Returns whether <paramref name="date"/> is a Colombian public holiday.</summary>
    public static bool IsHoliday(DateOnly date) => GetYear(date.Year).Dates.Contains(date);

    /// <summary>Returns whether <paramref name="date"/> is a business day (Monday to Friday and not a holiday).</summary>
    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>Returns the first business day strictly after <paramref name="date"/>.</summary>
    public static DateOnly FirstBusinessDayAfter(DateOnly date)
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
    public static DateOnly NthBusinessDayOfMonth(int year, int month, int n)
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
    public static int BusinessDaysBetween(DateOnly from, DateOnly to)
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
    public static DateOnly AddBusinessDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var current = date;
        for (var i = 0; i < days; i++)
        {
            current = FirstBusinessDayAfter(current);
        }

        return current;
    }

    /// <summary>Returns Easter Sunday of <paramref name="year"/> (Gregorian computus, Meeus/Jones/Butcher algorithm).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="year"/> is outside 1..9999.</exception>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static YearData GetYear(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        return Cache.GetOrAdd(year, static y => BuildYear(y));
    }

    private static YearData BuildYear(int year)
    {
        // OrderBy is stable: holidays sharing a date keep the order of NationalHolidays.All.
        var sorted = NationalHolidays.All
            .Where(definition => definition.AppliesIn(year))
            .Select(definition => new Holiday(definition.DateIn(year), definition.Name))
            .OrderBy(h => h.Date)
            .ToArray();
        return new YearData(Array.AsReadOnly(sorted), sorted.Select(h => h.Date).ToHashSet());
    }

    private sealed record YearData(IReadOnlyList<Holiday> Holidays, HashSet<DateOnly> Dates);
}
