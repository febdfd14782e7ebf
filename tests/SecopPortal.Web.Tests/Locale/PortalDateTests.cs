using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Locale;

/// <summary>The one reader of typed dates (forms and audit filters): dd/mm/aaaa, d/m/aaaa, ISO; why a date is wrong.</summary>
public sealed class PortalDateTests
{
    [Theory]
    [InlineData("15/03/2026", 2026, 3, 15)]
    [InlineData("5/3/2026", 2026, 3, 5)]
    [InlineData("05/3/2026", 2026, 3, 5)]
    [InlineData(" 29/02/2028 ", 2028, 2, 29)]
    [InlineData("15-03-2026", 2026, 3, 15)]
    [InlineData("15.03.2026", 2026, 3, 15)]
    [InlineData("2026-03-15", 2026, 3, 15)]
    [InlineData("31/12/9999", 9999, 12, 31)]
    public void Dates_typed_day_first_or_iso_are_read(string typed, int year, int month, int day)
    {
        Assert.True(PortalDate.TryParse(typed, out var date, out var error), error);
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("31/02/2026", "La fecha 31/02/2026 no existe: febrero de 2026 tiene 28 días.")]
    [InlineData("29/02/2027", "La fecha 29/02/2027 no existe: febrero de 2027 tiene 28 días.")]
    [InlineData("31/04/2026", "La fecha 31/04/2026 no existe: abril de 2026 tiene 30 días.")]
    [InlineData("00/01/2026", "La fecha 00/01/2026 no existe: enero de 2026 tiene 31 días.")]
    [InlineData("12/13/2026", "La fecha 12/13/2026 no existe: el mes va de 01 a 12.")]
    [InlineData("2026-02-30", "La fecha 2026-02-30 no existe: febrero de 2026 tiene 28 días.")]
    [InlineData("01/01/0000", "La fecha 01/01/0000 no existe: el año 0000 no existe.")]
    public void A_well_written_date_that_does_not_exist_says_why(string typed, string message)
    {
        Assert.False(PortalDate.TryParse(typed, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ayer")]
    [InlineData("15/03/26")]
    [InlineData("2026/03/15")]
    [InlineData("15/03-2026")]
    [InlineData("03/15/2026 10:00")]
    [InlineData("March 15, 2026")]
    [InlineData("１５/03/2026")]
    public void Text_that_is_not_a_date_says_the_format(string typed)
    {
        Assert.False(PortalDate.TryParse(typed, out _, out var error));
        Assert.Equal(PortalDate.FormatMessage, error);
    }

    [Fact]
    public void A_date_is_written_back_dd_mm_aaaa()
    {
        Assert.Equal("05/03/2026", PortalDate.ToInputText(new DateOnly(2026, 3, 5)));
    }
}
