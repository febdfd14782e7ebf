using System.Globalization;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.Calendar;

/// <summary>The laws' holidays merged with the administrator's changes (docs/product.md §4.1).</summary>
public class HolidayCalendarTests
{
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly DateTime Now = new(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc);

    private static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static HolidayAdjustment Added(string date, string name = "Día de prueba") => new(HolidayChangeKind.Addition, D(date), name);

    private static HolidayAdjustment Removed(string date) => new(HolidayChangeKind.Removal, D(date), "retirado");

    [Fact]
    public void Without_changes_the_calendar_is_the_laws()
    {
        var calendar = new HolidayCalendar([]);

        Assert.Equal(ColombianCalendar.HolidaysOf(2027), calendar.HolidaysOf(2027));
        Assert.True(calendar.HasSameAdjustmentsAs(HolidayCalendar.BuiltIn));
    }

    [Fact]
    public void An_addition_is_a_holiday_and_not_a_business_day()
    {
        // Wednesday 17/03/2027 is a business day by the laws.
        var calendar = new HolidayCalendar([Added("2027-03-17", "Día de la prueba")]);

        Assert.True(ColombianCalendar.IsBusinessDay(D("2027-03-17")));
        Assert.True(calendar.IsHoliday(D("2027-03-17")));
        Assert.False(calendar.IsBusinessDay(D("2027-03-17")));
        Assert.Contains(new Holiday(D("2027-03-17"), "Día de la prueba"), calendar.HolidaysOf(2027));
        Assert.Equal(ColombianCalendar.HolidaysOf(2027).Count + 1, calendar.HolidaysOf(2027).Count);
        Assert.Equal(D("2027-03-18"), calendar.FirstBusinessDayAfter(D("2027-03-16")));
        Assert.Equal(ColombianCalendar.BusinessDaysBetween(D("2027-03-01"), D("2027-03-31")) - 1, calendar.BusinessDaysBetween(D("2027-03-01"), D("2027-03-31")));
    }

    [Fact]
    public void A_removal_takes_the_laws_holiday_away()
    {
        // Monday 12/07/2027: Nuestra Señora del Rosario de Chiquinquirá (Ley 2578 de 2026), say repealed.
        var calendar = new HolidayCalendar([Removed("2027-07-12")]);

        Assert.False(calendar.IsHoliday(D("2027-07-12")));
        Assert.True(calendar.IsBusinessDay(D("2027-07-12")));
        Assert.DoesNotContain(calendar.HolidaysOf(2027), h => h.Date == D("2027-07-12"));
        Assert.Equal(D("2027-07-12"), calendar.FirstBusinessDayAfter(D("2027-07-09")));
        Assert.Equal(D("2027-07-13"), ColombianCalendar.FirstBusinessDayAfter(D("2027-07-09")));
    }

    [Fact]
    public void An_addition_on_a_removed_date_counts()
    {
        var calendar = new HolidayCalendar([Removed("2027-07-12"), Added("2027-07-12", "Nuevo festivo")]);

        Assert.True(calendar.IsHoliday(D("2027-07-12")));
        Assert.Equal(["Nuevo festivo"], calendar.HolidaysOf(2027).Where(h => h.Date == D("2027-07-12")).Select(h => h.Name));
    }

    [Fact]
    public void Changes_of_one_year_leave_the_other_years_alone()
    {
        var calendar = new HolidayCalendar([Added("2027-03-17"), Removed("2027-07-12")]);

        Assert.Equal(ColombianCalendar.HolidaysOf(2026), calendar.HolidaysOf(2026));
        Assert.Equal(ColombianCalendar.HolidaysOf(2028), calendar.HolidaysOf(2028));
    }

    [Fact]
    public void The_holidays_stay_sorted_by_date_with_the_additions_among_them()
    {
        var calendar = new HolidayCalendar([Added("2027-12-31", "Fin de año"), Added("2027-02-15", "Carnaval")]);

        var dates = calendar.HolidaysOf(2027).Select(h => h.Date).ToList();
        Assert.Equal(dates.Order(), dates);
        Assert.Equal(D("2027-02-15"), dates[2]);
        Assert.Equal(D("2027-12-31"), dates[^1]);
    }

    [Fact]
    public void Same_changes_in_another_order_are_the_same_calendar()
    {
        var one = new HolidayCalendar([Added("2027-03-17"), Removed("2027-07-12")]);
        var other = new HolidayCalendar([Removed("2027-07-12"), Added("2027-03-17")]);

        Assert.True(one.HasSameAdjustmentsAs(other));
        Assert.False(one.HasSameAdjustmentsAs(HolidayCalendar.BuiltIn));
    }

    [Fact]
    public void The_proposed_fecha_de_emision_and_the_timely_reception_follow_the_calendar_given()
    {
        // A period ending Friday 26/02/2027; Monday 01/03/2027 added as a holiday.
        var calendar = new HolidayCalendar([Added("2027-03-01")]);

        Assert.Equal(D("2027-03-01"), PaymentRequest.DefaultIssuedOn(D("2027-02-28")));
        Assert.Equal(D("2027-03-02"), PaymentRequest.DefaultIssuedOn(D("2027-02-28"), calendar));
        Assert.Equal(D("2027-03-03"), PaymentRequest.LatestTimelyReception(D("2027-02-28")));
        Assert.Equal(D("2027-03-04"), PaymentRequest.LatestTimelyReception(D("2027-02-28"), calendar));
    }

    [Fact]
    public void Adding_a_date_that_already_is_a_holiday_is_refused_next_to_the_date()
    {
        var exception = Assert.Throws<DomainValidationException>(() =>
            HolidayChange.Add(HolidayCalendar.BuiltIn, D("2027-07-12"), "Otro", "Ley 1 de 2027", Admin, Now));

        var violation = Assert.Single(exception.Violations);
        Assert.Equal("Date", violation.Field);
        Assert.Equal("El 12/07/2027 ya es festivo (Nuestra Señora del Rosario de Chiquinquirá).", violation.Message);
    }

    [Fact]
    public void Adding_without_date_name_or_norm_names_each_field()
    {
        var exception = Assert.Throws<DomainValidationException>(() => HolidayChange.Add(HolidayCalendar.BuiltIn, null, " ", null, Admin, Now));

        Assert.Equal(["Date", "Name", "LegalBasis"], exception.Violations.Select(v => v.Field));
        Assert.All(exception.Violations, v => Assert.StartsWith("Escriba", v.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_addition_records_who_when_and_the_norm_and_applies_while_in_force()
    {
        var change = HolidayChange.Add(HolidayCalendar.BuiltIn, D("2027-03-17"), "  Día de la prueba ", " Ley 9999 de 2027 ", Admin, Now);

        Assert.Equal((HolidayChangeKind.Addition, "Día de la prueba", "Ley 9999 de 2027", Admin, Now), (change.Kind, change.Name, change.LegalBasis, change.MadeById, change.MadeAtUtc));
        Assert.True(change.IsInForce);
        Assert.Equal(new HolidayAdjustment(HolidayChangeKind.Addition, D("2027-03-17"), "Día de la prueba"), change.ToAdjustment());
    }

    [Fact]
    public void Removing_takes_the_laws_name_and_refuses_a_date_that_is_no_holiday_of_the_laws()
    {
        var removal = HolidayChange.Remove(HolidayCalendar.BuiltIn, D("2027-07-12"), "Ley que la deroga", Admin, Now);
        Assert.Equal("Nuestra Señora del Rosario de Chiquinquirá", removal.Name);

        var notHoliday = Assert.Throws<DomainValidationException>(() => HolidayChange.Remove(HolidayCalendar.BuiltIn, D("2027-03-17"), "x", Admin, Now));
        Assert.Equal("El 17/03/2027 no es un festivo de la ley: no hay nada que retirar.", Assert.Single(notHoliday.Violations).Message);

        var already = new HolidayCalendar([removal.ToAdjustment()]);
        var twice = Assert.Throws<DomainValidationException>(() => HolidayChange.Remove(already, D("2027-07-12"), "x", Admin, Now));
        Assert.Equal("El festivo del 12/07/2027 ya fue retirado.", Assert.Single(twice.Violations).Message);
    }

    [Fact]
    public void Undoing_needs_a_reason_records_who_and_when_and_happens_once()
    {
        var change = HolidayChange.Add(HolidayCalendar.BuiltIn, D("2027-03-17"), "Día de la prueba", "Ley 9999 de 2027", Admin, Now);
        var other = Guid.NewGuid();

        var missing = Assert.Throws<DomainValidationException>(() => change.Withdraw("  ", other, Now.AddHours(1)));
        Assert.Equal("Reason", Assert.Single(missing.Violations).Field);
        Assert.True(change.IsInForce);

        change.Withdraw("Se agregó por error.", other, Now.AddHours(1));
        Assert.Equal((other, Now.AddHours(1), "Se agregó por error."), (change.WithdrawnById!.Value, change.WithdrawnAtUtc!.Value, change.WithdrawalReason));
        Assert.False(change.IsInForce);
        Assert.Throws<DomainException>(() => change.Withdraw("otra vez", Admin, Now.AddHours(2)));
    }

    [Fact]
    public void Only_the_movable_holidays_moved_that_year_say_so()
    {
        var rosario = NationalHolidays.All.Single(h => h.Law == "Ley 2578 de 2026");
        Assert.True(rosario.IsMovedIn(2027)); // 9 July 2027 is a Friday → Monday 12
        Assert.False(rosario.IsMovedIn(2029)); // 9 July 2029 is a Monday
        Assert.False(NationalHolidays.All.Single(h => h.Name == "Navidad").IsMovedIn(2027));
    }
}
