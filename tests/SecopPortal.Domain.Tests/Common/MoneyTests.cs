using System.Globalization;
using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Tests.Common;

public class MoneyTests
{
    private static decimal M(string invariantAmount) => decimal.Parse(invariantAmount, CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- Format

    [Theory]
    [InlineData("0", "$ 0")]
    [InlineData("1", "$ 1")]
    [InlineData("999", "$ 999")]
    [InlineData("1000", "$ 1.000")]
    [InlineData("12762500", "$ 12.762.500")]
    [InlineData("100000", "$ 100.000")]
    [InlineData("1000000", "$ 1.000.000")]
    [InlineData("999999999999999", "$ 999.999.999.999.999")]
    [InlineData("1234.50", "$ 1.234,50")]
    [InlineData("1234.5", "$ 1.234,50")]
    [InlineData("1234.05", "$ 1.234,05")]
    [InlineData("0.99", "$ 0,99")]
    [InlineData("1000.00", "$ 1.000")]          // Zero cents are not shown.
    [InlineData("1234.567", "$ 1.234,57")]      // Rounded to cents.
    [InlineData("1234.565", "$ 1.234,57")]      // Half away from zero.
    [InlineData("999.999", "$ 1.000")]          // Rounding carries into the pesos.
    [InlineData("-1000", "-$ 1.000")]
    [InlineData("-1234.5", "-$ 1.234,50")]
    [InlineData("-0.001", "$ 0")]               // Rounds to zero: no sign.
    public void Format_uses_dot_thousands_and_comma_cents(string amount, string expected)
    {
        Assert.Equal(expected, Money.Format(M(amount)));
    }

    [Fact]
    public void Format_does_not_depend_on_the_current_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal("$ 12.762.500", Money.Format(12_762_500m));
            Assert.Equal("$ 1.234,50", Money.Format(1_234.50m));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    // ---------------------------------------------------------------- ToSpanishWords

    [Theory]
    [InlineData("0", "CERO PESOS M/CTE")]
    [InlineData("1", "UN PESO M/CTE")]
    [InlineData("2", "DOS PESOS M/CTE")]
    [InlineData("10", "DIEZ PESOS M/CTE")]
    [InlineData("15", "QUINCE PESOS M/CTE")]
    [InlineData("16", "DIECISÉIS PESOS M/CTE")]
    [InlineData("20", "VEINTE PESOS M/CTE")]
    [InlineData("21", "VEINTIÚN PESOS M/CTE")]
    [InlineData("22", "VEINTIDÓS PESOS M/CTE")]
    [InlineData("23", "VEINTITRÉS PESOS M/CTE")]
    [InlineData("26", "VEINTISÉIS PESOS M/CTE")]
    [InlineData("30", "TREINTA PESOS M/CTE")]
    [InlineData("31", "TREINTA Y UN PESOS M/CTE")]
    [InlineData("45", "CUARENTA Y CINCO PESOS M/CTE")]
    [InlineData("99", "NOVENTA Y NUEVE PESOS M/CTE")]
    [InlineData("100", "CIEN PESOS M/CTE")]
    [InlineData("101", "CIENTO UN PESOS M/CTE")]
    [InlineData("115", "CIENTO QUINCE PESOS M/CTE")]
    [InlineData("200", "DOSCIENTOS PESOS M/CTE")]
    [InlineData("500", "QUINIENTOS PESOS M/CTE")]
    [InlineData("700", "SETECIENTOS PESOS M/CTE")]
    [InlineData("900", "NOVECIENTOS PESOS M/CTE")]
    [InlineData("999", "NOVECIENTOS NOVENTA Y NUEVE PESOS M/CTE")]
    [InlineData("1000", "MIL PESOS M/CTE")]
    [InlineData("1001", "MIL UN PESOS M/CTE")]
    [InlineData("2000", "DOS MIL PESOS M/CTE")]
    [InlineData("21000", "VEINTIÚN MIL PESOS M/CTE")]
    [InlineData("31000", "TREINTA Y UN MIL PESOS M/CTE")]
    [InlineData("100000", "CIEN MIL PESOS M/CTE")]
    [InlineData("101000", "CIENTO UN MIL PESOS M/CTE")]
    [InlineData("500000", "QUINIENTOS MIL PESOS M/CTE")]
    [InlineData("999999", "NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS M/CTE")]
    [InlineData("1000000", "UN MILLÓN DE PESOS M/CTE")]
    [InlineData("1000001", "UN MILLÓN UN PESOS M/CTE")]
    [InlineData("1500000", "UN MILLÓN QUINIENTOS MIL PESOS M/CTE")]
    [InlineData("2000000", "DOS MILLONES DE PESOS M/CTE")]
    [InlineData("12762500", "DOCE MILLONES SETECIENTOS SESENTA Y DOS MIL QUINIENTOS PESOS M/CTE")]
    [InlineData("21000000", "VEINTIÚN MILLONES DE PESOS M/CTE")]
    [InlineData("100000000", "CIEN MILLONES DE PESOS M/CTE")]
    [InlineData("1000000000", "MIL MILLONES DE PESOS M/CTE")]
    [InlineData("1001000000", "MIL UN MILLONES DE PESOS M/CTE")]
    [InlineData("2500000000", "DOS MIL QUINIENTOS MILLONES DE PESOS M/CTE")]
    [InlineData("1000000000000", "UN BILLÓN DE PESOS M/CTE")]
    [InlineData("2000001000000", "DOS BILLONES UN MILLÓN DE PESOS M/CTE")]
    [InlineData("1000000000001", "UN BILLÓN UN PESOS M/CTE")]
    [InlineData(
        "999999999999999",
        "NOVECIENTOS NOVENTA Y NUEVE BILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE MILLONES "
        + "NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS M/CTE")]
    public void To_spanish_words_writes_whole_pesos(string amount, string expected)
    {
        Assert.Equal(expected, Money.ToSpanishWords(M(amount)));
    }

    [Theory]
    [InlineData("1000.50", "MIL PESOS CON 50/100 M/CTE")]
    [InlineData("1000.5", "MIL PESOS CON 50/100 M/CTE")]
    [InlineData("1000.05", "MIL PESOS CON 05/100 M/CTE")]
    [InlineData("1.99", "UN PESO CON 99/100 M/CTE")]
    [InlineData("0.50", "CERO PESOS CON 50/100 M/CTE")]
    [InlineData("1000000.25", "UN MILLÓN DE PESOS CON 25/100 M/CTE")]
    [InlineData("1000.00", "MIL PESOS M/CTE")]          // Zero cents are omitted.
    [InlineData("1000.004", "MIL PESOS M/CTE")]         // Rounded to cents.
    [InlineData("999.995", "MIL PESOS M/CTE")]          // Rounding carries into the pesos.
    public void To_spanish_words_writes_cents_as_a_fraction(string amount, string expected)
    {
        Assert.Equal(expected, Money.ToSpanishWords(M(amount)));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-0.01")]
    [InlineData("1000000000000000")]
    [InlineData("999999999999999.995")] // Rounds up to 10^15.
    public void To_spanish_words_rejects_negative_or_too_large_amounts(string amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.ToSpanishWords(M(amount)));
    }
}
