using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Tests.Common;

/// <summary>How numbers, dates and amounts read inside the domain's Spanish messages.</summary>
public sealed class SpanishTextTests
{
    [Fact]
    public void Dates_read_day_month_year_with_slashes() =>
        Assert.Equal("05/03/2026", SpanishText.Date(new DateOnly(2026, 3, 5)));

    [Theory]
    [InlineData(6, "6")]
    [InlineData(2000, "2.000")]
    [InlineData(1234567, "1.234.567")]
    public void Counts_have_the_thousands_separator(int count, string expected) =>
        Assert.Equal(expected, SpanishText.Count(count));

    [Fact]
    public void Numbers_that_name_something_have_no_separator() =>
        Assert.Equal("2000", SpanishText.Number(2000));

    [Theory]
    [InlineData(100L * 1024 * 1024, "100")]
    [InlineData(12L * 1024 * 1024 + 512 * 1024, "12,5")]
    [InlineData(150_000L, "0,1")]
    [InlineData(2048L * 1024 * 1024, "2.048")]
    public void Megabytes_have_one_decimal_at_most(long bytes, string expected) =>
        Assert.Equal(expected, SpanishText.Megabytes(bytes));

    [Fact]
    public void Pesos_read_as_money() =>
        Assert.Equal("$ 12.762.500", SpanishText.Pesos(12_762_500m));
}
