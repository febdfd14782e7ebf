namespace SecopPortal.Domain.Calendar;

/// <summary>A Colombian public holiday ("día festivo").</summary>
/// <param name="Date">Date on which the holiday is observed (after any move to Monday).</param>
/// <param name="Name">Spanish name of the holiday.</param>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// The built-in Colombian business-day calendar: the national holidays of the laws (<see cref="NationalHolidays"/>),
/// without any administrator's change; docs/product.md §4. The portal's pages and rules use the calendar of the
/// running portal instead (<see cref="HolidayCalendar"/> with the administrator's changes), passed to them; this
/// static one is the default where none is passed, and the reference the published-holiday tests check.
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
    /// <summary>Returns the holidays of <paramref name="year"/>, sorted by date.</summary>
    /// <remarks>
    /// 18 entries a year until 2025, 19 from 2026; when two holidays share a date both are listed, so the number
    /// of distinct dates may be smaller.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="year"/> is outside 1..9999.</exception>
    public static IReadOnlyList<Holiday> HolidaysOf(int year) => HolidayCalendar.BuiltIn.HolidaysOf(year);

    /// <inheritdoc cref="HolidayCalendar.IsHoliday"/>
    public static bool IsHoliday(DateOnly date) => HolidayCalendar.BuiltIn.IsHoliday(date);

    /// <inheritdoc cref="HolidayCalendar.IsBusinessDay"/>
    public static bool IsBusinessDay(DateOnly date) => HolidayCalendar.BuiltIn.IsBusinessDay(date);

    /// <inheritdoc cref="HolidayCalendar.FirstBusinessDayAfter"/>
    public static DateOnly FirstBusinessDayAfter(DateOnly date) => HolidayCalendar.BuiltIn.FirstBusinessDayAfter(date);

    /// <inheritdoc cref="HolidayCalendar.NthBusinessDayOfMonth"/>
    public static DateOnly NthBusinessDayOfMonth(int year, int month, int n) => HolidayCalendar.BuiltIn.NthBusinessDayOfMonth(year, month, n);

    /// <inheritdoc cref="HolidayCalendar.BusinessDaysBetween"/>
    public static int BusinessDaysBetween(DateOnly from, DateOnly to) => HolidayCalendar.BuiltIn.BusinessDaysBetween(from, to);

    /// <inheritdoc cref="HolidayCalendar.AddBusinessDays"/>
    public static DateOnly AddBusinessDays(DateOnly date, int days) => HolidayCalendar.BuiltIn.AddBusinessDays(date, days);

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
}
