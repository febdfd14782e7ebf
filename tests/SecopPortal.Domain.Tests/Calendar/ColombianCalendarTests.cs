using System.Globalization;
using SecopPortal.Domain.Calendar;

namespace SecopPortal.Domain.Tests.Calendar;

public class ColombianCalendarTests
{
    private static DateOnly D(string isoDate) =>
        DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AssertHolidays(int year, (string Date, string Name)[] expected)
    {
        var actual = ColombianCalendar.HolidaysOf(year);
        Assert.Equal(
            expected.Select(e => new Holiday(D(e.Date), e.Name)),
            actual);
    }

    // ---------------------------------------------------------------- HolidaysOf

    [Fact]
    public void Holidays_of_2024_match_the_official_list()
    {
        // Easter Sunday 2024: 31 March.
        AssertHolidays(2024,
        [
            ("2024-01-01", "Año Nuevo"),
            ("2024-01-08", "Día de los Reyes Magos"),          // 6 Jan is a Saturday.
            ("2024-03-25", "Día de San José"),                 // 19 Mar is a Tuesday.
            ("2024-03-28", "Jueves Santo"),
            ("2024-03-29", "Viernes Santo"),
            ("2024-05-01", "Día del Trabajo"),
            ("2024-05-13", "Ascensión del Señor"),             // Easter + 43.
            ("2024-06-03", "Corpus Christi"),                  // Easter + 64.
            ("2024-06-10", "Sagrado Corazón de Jesús"),        // Easter + 71.
            ("2024-07-01", "San Pedro y San Pablo"),           // 29 Jun is a Saturday.
            ("2024-07-20", "Día de la Independencia"),         // Saturday, not moved.
            ("2024-08-07", "Batalla de Boyacá"),
            ("2024-08-19", "Asunción de la Virgen"),           // 15 Aug is a Thursday.
            ("2024-10-14", "Día de la Raza"),                  // 12 Oct is a Saturday.
            ("2024-11-04", "Día de Todos los Santos"),         // 1 Nov is a Friday.
            ("2024-11-11", "Independencia de Cartagena"),      // Already a Monday.
            ("2024-12-08", "Día de la Inmaculada Concepción"), // Sunday, not moved.
            ("2024-12-25", "Navidad"),
        ]);
    }

    [Fact]
    public void Holidays_of_2025_match_the_official_list()
    {
        // Easter Sunday 2025: 20 April. San Pedro y San Pablo (29 Jun, a Sunday) and
        // Sagrado Corazón (Easter + 71) are both observed on Monday 30 June.
        AssertHolidays(2025,
        [
            ("2025-01-01", "Año Nuevo"),
            ("2025-01-06", "Día de los Reyes Magos"),          // Already a Monday.
            ("2025-03-24", "Día de San José"),
            ("2025-04-17", "Jueves Santo"),
            ("2025-04-18", "Viernes Santo"),
            ("2025-05-01", "Día del Trabajo"),
            ("2025-06-02", "Ascensión del Señor"),
            ("2025-06-23", "Corpus Christi"),
            ("2025-06-30", "Sagrado Corazón de Jesús"),
            ("2025-06-30", "San Pedro y San Pablo"),
            ("2025-07-20", "Día de la Independencia"),         // Sunday, not moved.
            ("2025-08-07", "Batalla de Boyacá"),
            ("2025-08-18", "Asunción de la Virgen"),
            ("2025-10-13", "Día de la Raza"),
            ("2025-11-03", "Día de Todos los Santos"),
            ("2025-11-17", "Independencia de Cartagena"),      // 11 Nov is a Tuesday.
            ("2025-12-08", "Día de la Inmaculada Concepción"),
            ("2025-12-25", "Navidad"),
        ]);
    }

    [Fact]
    public void Holidays_of_2026_match_the_official_list()
    {
        // Easter Sunday 2026: 5 April.
        AssertHolidays(2026,
        [
            ("2026-01-01", "Año Nuevo"),
            ("2026-01-12", "Día de los Reyes Magos"),          // 6 Jan is a Tuesday.
            ("2026-03-23", "Día de San José"),
            ("2026-04-02", "Jueves Santo"),
            ("2026-04-03", "Viernes Santo"),
            ("2026-05-01", "Día del Trabajo"),
            ("2026-05-18", "Ascensión del Señor"),
            ("2026-06-08", "Corpus Christi"),
            ("2026-06-15", "Sagrado Corazón de Jesús"),
            ("2026-06-29", "San Pedro y San Pablo"),           // Already a Monday.
            ("2026-07-13", "Nuestra Señora del Rosario de Chiquinquirá"), // Ley 2578 de 2026: 9 Jul is a Thursday.
            ("2026-07-20", "Día de la Independencia"),
            ("2026-08-07", "Batalla de Boyacá"),
            ("2026-08-17", "Asunción de la Virgen"),           // 15 Aug is a Saturday.
            ("2026-10-12", "Día de la Raza"),                  // Already a Monday.
            ("2026-11-02", "Día de Todos los Santos"),         // 1 Nov is a Sunday.
            ("2026-11-16", "Independencia de Cartagena"),
            ("2026-12-08", "Día de la Inmaculada Concepción"),
            ("2026-12-25", "Navidad"),
        ]);
    }

    [Fact]
    public void Holidays_of_2027_move_the_easter_based_holidays_to_mondays()
    {
        // Easter Sunday 2027: 28 March.
        var byName = ColombianCalendar.HolidaysOf(2027).ToDictionary(h => h.Name, h => h.Date);

        Assert.Equal(D("2027-03-25"), byName["Jueves Santo"]);
        Assert.Equal(D("2027-03-26"), byName["Viernes Santo"]);
        Assert.Equal(D("2027-05-10"), byName["Ascensión del Señor"]);
        Assert.Equal(D("2027-05-31"), byName["Corpus Christi"]);
        Assert.Equal(D("2027-06-07"), byName["Sagrado Corazón de Jesús"]);
        Assert.Equal(D("2027-07-05"), byName["San Pedro y San Pablo"]);
        Assert.Equal(D("2027-11-01"), byName["Día de Todos los Santos"]);
    }

    [Theory]
    [InlineData(2000, 18)]
    [InlineData(2024, 18)]
    [InlineData(2025, 18)]
    [InlineData(2026, 19)]
    [InlineData(2030, 19)]
    [InlineData(2285, 19)]
    public void Every_year_has_its_holidays_sorted_by_date_and_moved_ones_fall_on_monday(int year, int count)
    {
        var holidays = ColombianCalendar.HolidaysOf(year);

        Assert.Equal(count, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));

        string[] movable =
        [
            "Día de los Reyes Magos", "Día de San José", "Ascensión del Señor", "Corpus Christi",
            "Sagrado Corazón de Jesús", "San Pedro y San Pablo", "Asunción de la Virgen", "Día de la Raza",
            "Día de Todos los Santos", "Independencia de Cartagena", "Nuestra Señora del Rosario de Chiquinquirá",
        ];
        Assert.All(
            holidays.Where(h => movable.Contains(h.Name)),
            h => Assert.Equal(DayOfWeek.Monday, h.Date.DayOfWeek));
        Assert.Equal(DayOfWeek.Thursday, holidays.Single(h => h.Name == "Jueves Santo").Date.DayOfWeek);
        Assert.Equal(DayOfWeek.Friday, holidays.Single(h => h.Name == "Viernes Santo").Date.DayOfWeek);
    }

    [Theory]
    [InlineData("2026-07-13")]
    [InlineData("2027-07-12")]
    [InlineData("2028-07-10")]
    [InlineData("2029-07-09")]
    [InlineData("2030-07-15")]
    public void Ley_2578_de_2026_makes_the_monday_on_or_after_9_july_a_holiday_from_2026(string date)
    {
        var day = D(date);

        Assert.True(ColombianCalendar.IsHoliday(day));
        Assert.False(ColombianCalendar.IsBusinessDay(day));
        Assert.Contains(new Holiday(day, "Nuestra Señora del Rosario de Chiquinquirá"), ColombianCalendar.HolidaysOf(day.Year));
    }

    [Fact]
    public void Before_2026_the_monday_after_9_july_is_a_business_day()
    {
        Assert.True(ColombianCalendar.IsBusinessDay(D("2025-07-14")));
        Assert.DoesNotContain(ColombianCalendar.HolidaysOf(2025), h => h.Name == "Nuestra Señora del Rosario de Chiquinquirá");
    }

    [Fact]
    public void A_period_ending_friday_10_july_2026_is_followed_by_tuesday_14_july_and_the_inbox_counts_one_day_less()
    {
        Assert.Equal(D("2026-07-14"), ColombianCalendar.FirstBusinessDayAfter(D("2026-07-10")));
        Assert.Equal(1, ColombianCalendar.BusinessDaysBetween(D("2026-07-10"), D("2026-07-14")));
    }

    [Fact]
    public void Every_holiday_names_its_law_and_the_year_it_takes_effect()
    {
        Assert.All(NationalHolidays.All, h => Assert.Matches(@"^Ley \d+ de \d{4}$", h.Law));
        Assert.All(NationalHolidays.All, h => Assert.True(h.FromYear >= int.Parse(h.Law[^4..], CultureInfo.InvariantCulture), $"{h.Name} applies before its law"));
        Assert.Equal(NationalHolidays.All.Count, NationalHolidays.All.Select(h => h.Name).Distinct().Count());
    }

    [Fact]
    public void Holidays_sharing_a_date_in_2030_are_both_listed()
    {
        // Easter 2030 is 21 April: Sagrado Corazón is Monday 1 July, and so is San Pedro (29 Jun is a Saturday).
        var onFirstOfJuly = ColombianCalendar.HolidaysOf(2030).Where(h => h.Date == D("2030-07-01")).ToList();

        Assert.Equal(["Sagrado Corazón de Jesús", "San Pedro y San Pablo"], onFirstOfJuly.Select(h => h.Name));
    }

    [Fact]
    public void Holidays_of_a_year_are_cached()
    {
        Assert.Same(ColombianCalendar.HolidaysOf(2026), ColombianCalendar.HolidaysOf(2026));
    }

    [Fact]
    public void Holidays_can_be_computed_concurrently()
    {
        var results = new IReadOnlyList<Holiday>[64];
        Parallel.For(0, results.Length, i => results[i] = ColombianCalendar.HolidaysOf(1990 + (i % 8)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Same(ColombianCalendar.HolidaysOf(1990 + (i % 8)), results[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10000)]
    public void Holidays_of_a_year_outside_the_supported_range_throw(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColombianCalendar.HolidaysOf(year));
    }

    // ---------------------------------------------------------------- EasterSunday

    [Theory]
    [InlineData(1818, "1818-03-22")] // Earliest possible date.
    [InlineData(1943, "1943-04-25")] // Latest possible date.
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2023, "2023-04-09")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2049, "2049-04-18")]
    [InlineData(2100, "2100-03-28")]
    [InlineData(2285, "2285-03-22")]
    public void Easter_sunday_matches_known_dates(int year, string expected)
    {
        var easter = ColombianCalendar.EasterSunday(year);

        Assert.Equal(D(expected), easter);
        Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
    }

    // ---------------------------------------------------------------- IsHoliday / IsBusinessDay

    [Theory]
    [InlineData("2026-01-01", true)]  // Año Nuevo.
    [InlineData("2026-01-06", false)] // Reyes Magos is moved to 12 Jan in 2026.
    [InlineData("2026-01-12", true)]
    [InlineData("2025-03-19", false)] // San José is moved to 24 Mar in 2025.
    [InlineData("2025-03-24", true)]
    [InlineData("2025-04-20", false)] // Easter Sunday itself is not a holiday.
    [InlineData("2024-04-01", false)] // Easter Monday is not a holiday in Colombia.
    [InlineData("2025-07-20", true)]  // Fixed holiday on a Sunday.
    [InlineData("2025-07-21", false)] // ... and it is not compensated on Monday.
    [InlineData("2025-11-11", false)]
    [InlineData("2025-11-17", true)]
    [InlineData("2025-12-24", false)]
    [InlineData("2025-12-31", false)]
    public void Is_holiday_follows_the_ley_emiliani(string date, bool expected)
    {
        Assert.Equal(expected, ColombianCalendar.IsHoliday(D(date)));
    }

    [Theory]
    [InlineData("2026-01-02", true)]  // Friday.
    [InlineData("2026-01-01", false)] // Thursday holiday.
    [InlineData("2026-01-03", false)] // Saturday.
    [InlineData("2026-01-04", false)] // Sunday.
    [InlineData("2026-01-06", true)]  // Tuesday; Reyes Magos moved to the 12th.
    [InlineData("2026-01-12", false)] // Monday holiday.
    [InlineData("2024-04-01", true)]  // Easter Monday.
    [InlineData("2025-06-30", false)] // Two holidays on the same Monday.
    [InlineData("2025-12-31", true)]
    public void Is_business_day_excludes_weekends_and_holidays(string date, bool expected)
    {
        Assert.Equal(expected, ColombianCalendar.IsBusinessDay(D(date)));
    }

    // ---------------------------------------------------------------- FirstBusinessDayAfter

    [Theory]
    [InlineData("2025-12-31", "2026-01-02")] // Year boundary; 1 Jan 2026 is a Thursday.
    [InlineData("2026-01-01", "2026-01-02")] // From a holiday.
    [InlineData("2026-01-02", "2026-01-05")] // Friday to Monday.
    [InlineData("2026-02-27", "2026-03-02")] // Month boundary over a weekend.
    [InlineData("2026-03-10", "2026-03-11")] // Plain weekday.
    [InlineData("2024-12-24", "2024-12-26")] // Over Navidad.
    [InlineData("2025-06-27", "2025-07-01")] // Over the double holiday of 30 Jun 2025.
    [InlineData("2026-08-15", "2026-08-18")] // Saturday before a holiday Monday.
    public void First_business_day_after_skips_weekends_and_holidays(string date, string expected)
    {
        Assert.Equal(D(expected), ColombianCalendar.FirstBusinessDayAfter(D(date)));
    }

    [Fact]
    public void First_business_day_after_a_friday_before_a_holiday_monday_is_tuesday()
    {
        // Friday 9 Jan 2026; Monday 12 Jan is Reyes Magos.
        Assert.Equal(D("2026-01-13"), ColombianCalendar.FirstBusinessDayAfter(D("2026-01-09")));
    }

    [Fact]
    public void First_business_day_after_the_wednesday_of_holy_week_is_the_monday_after_easter()
    {
        Assert.Equal(D("2026-04-06"), ColombianCalendar.FirstBusinessDayAfter(D("2026-04-01")));
        Assert.Equal(D("2024-04-01"), ColombianCalendar.FirstBusinessDayAfter(D("2024-03-27")));
    }

    // ---------------------------------------------------------------- NthBusinessDayOfMonth

    [Theory]
    [InlineData(2026, 1, 1, "2026-01-02")]  // Skips Thursday 1 Jan.
    [InlineData(2026, 1, 2, "2026-01-05")]  // Skips the weekend.
    [InlineData(2026, 1, 3, "2026-01-06")]
    [InlineData(2026, 1, 6, "2026-01-09")]
    [InlineData(2026, 1, 7, "2026-01-13")]  // Skips Monday 12 Jan (Reyes Magos).
    [InlineData(2026, 1, 20, "2026-01-30")] // Last business day of January 2026.
    [InlineData(2026, 2, 1, "2026-02-02")]  // Month starting on a Sunday.
    [InlineData(2026, 2, 20, "2026-02-27")]
    [InlineData(2025, 6, 1, "2025-06-03")]  // Monday 2 Jun 2025 is Ascensión.
    [InlineData(2025, 12, 1, "2025-12-01")]
    [InlineData(2024, 4, 1, "2024-04-01")]  // Easter Monday is a business day.
    [InlineData(2024, 3, 16, "2024-03-22")]
    [InlineData(2024, 3, 17, "2024-03-26")] // Skips San José (Monday 25 Mar).
    public void Nth_business_day_of_month_counts_only_business_days(int year, int month, int n, string expected)
    {
        Assert.Equal(D(expected), ColombianCalendar.NthBusinessDayOfMonth(year, month, n));
    }

    [Theory]
    [InlineData(2026, 1, 0)]
    [InlineData(2026, 1, -1)]
    [InlineData(2026, 1, 21)] // January 2026 has 20 business days.
    [InlineData(2026, 2, 21)] // February 2026 has 20 business days.
    [InlineData(2024, 3, 19)] // March 2024 has 18 business days (Holy Week at the end).
    [InlineData(2026, 13, 1)]
    [InlineData(2026, 0, 1)]
    public void Nth_business_day_of_month_rejects_invalid_arguments(int year, int month, int n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColombianCalendar.NthBusinessDayOfMonth(year, month, n));
    }

    // ---------------------------------------------------------------- BusinessDaysBetween

    [Theory]
    [InlineData("2026-02-13", "2026-02-16", 1)] // Friday to the following Monday.
    [InlineData("2026-02-13", "2026-02-13", 0)] // Same day.
    [InlineData("2026-02-16", "2026-02-13", 0)] // Reversed range.
    [InlineData("2026-02-13", "2026-02-15", 0)] // Friday to Sunday.
    [InlineData("2026-02-14", "2026-02-16", 1)] // Saturday to Monday.
    [InlineData("2026-01-09", "2026-01-12", 0)] // Friday to a holiday Monday.
    [InlineData("2026-01-09", "2026-01-13", 1)] // Friday to the Tuesday after a holiday Monday.
    [InlineData("2025-12-31", "2026-01-05", 2)] // Year boundary: 2 Jan and 5 Jan.
    [InlineData("2026-03-27", "2026-04-10", 8)] // Over Holy Week.
    [InlineData("2026-01-31", "2026-02-28", 20)] // The whole of February 2026.
    [InlineData("2023-12-31", "2024-12-31", 246)] // Whole year 2024.
    [InlineData("2024-12-31", "2025-12-31", 245)] // Whole year 2025.
    [InlineData("2025-12-31", "2026-12-31", 242)] // Whole year 2026: 261 weekdays, 19 holidays on weekdays (Ley 2578 added 13 Jul).
    public void Business_days_between_counts_days_after_from_up_to_and_including_to(string from, string to, int expected)
    {
        Assert.Equal(expected, ColombianCalendar.BusinessDaysBetween(D(from), D(to)));
    }

    // ---------------------------------------------------------------- AddBusinessDays

    [Theory]
    [InlineData("2026-03-10", 0, "2026-03-10")]
    [InlineData("2026-01-01", 0, "2026-01-01")] // Zero days returns the date itself, even a holiday.
    [InlineData("2026-03-10", 1, "2026-03-11")]
    [InlineData("2026-01-09", 1, "2026-01-13")] // Friday before a holiday Monday.
    [InlineData("2025-12-31", 2, "2026-01-05")] // Year boundary.
    [InlineData("2026-03-27", 8, "2026-04-10")] // Over Holy Week.
    [InlineData("2026-12-23", 3, "2026-12-29")] // Over Navidad.
    [InlineData("2026-01-03", 1, "2026-01-05")] // From a Saturday.
    [InlineData("2025-12-31", 242, "2026-12-31")] // A whole year of business days.
    public void Add_business_days_skips_weekends_and_holidays(string date, int days, string expected)
    {
        Assert.Equal(D(expected), ColombianCalendar.AddBusinessDays(D(date), days));
    }

    [Fact]
    public void Add_business_days_rejects_negative_days()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColombianCalendar.AddBusinessDays(D("2026-01-05"), -1));
    }

    [Fact]
    public void Add_business_days_is_consistent_with_business_days_between()
    {
        for (var start = D("2025-12-01"); start <= D("2026-01-31"); start = start.AddDays(1))
        {
            for (var days = 0; days <= 25; days++)
            {
                var end = ColombianCalendar.AddBusinessDays(start, days);

                Assert.Equal(days, ColombianCalendar.BusinessDaysBetween(start, end));
                Assert.True(days == 0 || ColombianCalendar.IsBusinessDay(end));
            }
        }
    }
}
