using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Features.Admin;

namespace SecopPortal.Web.Tests.Admin;

public sealed class PesoAmountTests
{
    [Theory]
    [InlineData("4500000", "4500000")]
    [InlineData("4.500.000", "4500000")]
    [InlineData("4.500.000,50", "4500000.50")]
    [InlineData("4500000,5", "4500000.5")]
    [InlineData("$ 4.500.000", "4500000")]
    [InlineData(" 27.000.000 ", "27000000")]
    [InlineData("4500000.50", "4500000.50")]
    [InlineData("4.500", "4500")]
    [InlineData("950", "950")]
    public void Colombian_amounts_are_read_as_pesos(string typed, string expected)
    {
        Assert.True(PesoAmount.TryParse(typed, out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cuatro millones")]
    [InlineData("4,500,000.00")]
    [InlineData("45.00.000")]
    [InlineData("4.500.000,")]
    [InlineData("-4.500.000")]
    [InlineData("1.2.3")]
    public void Text_that_is_not_an_amount_is_refused(string typed)
    {
        Assert.False(PesoAmount.TryParse(typed, out _));
    }

    [Theory]
    [InlineData("4500000", "4.500.000")]
    [InlineData("4500000.5", "4.500.000,50")]
    [InlineData("950", "950")]
    public void Amounts_are_written_back_the_way_they_are_typed(string amount, string expected)
    {
        Assert.Equal(expected, PesoAmount.ToInputText(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
