using System.Globalization;
using System.Text;

namespace SecopPortal.Domain.Common;

/// <summary>
/// Formatting helpers for amounts in Colombian pesos (COP). Independent of the machine's culture data,
/// so the output is the same with InvariantGlobalization.
/// </summary>
public static class Money
{
    /// <summary>Largest amount (in whole pesos) supported by <see cref="ToSpanishWords"/>.</summary>
    public const decimal MaxAmountInWords = 999_999_999_999_999.99m;

    private const long Million = 1_000_000L;
    private const long Billion = 1_000_000_000_000L; // Spanish "billón" = 10^12.

    private static readonly string[] UnitsAndTeens =
    [
        "CERO", "UN", "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE",
        "DIEZ", "ONCE", "DOCE", "TRECE", "CATORCE", "QUINCE", "DIECISÉIS", "DIECISIETE", "DIECIOCHO", "DIECINUEVE",
        "VEINTE", "VEINTIÚN", "VEINTIDÓS", "VEINTITRÉS", "VEINTICUATRO", "VEINTICINCO", "VEINTISÉIS", "VEINTISIETE",
        "VEINTIOCHO", "VEINTINUEVE",
    ];

    private static readonly string[] Tens =
    [
        "", "", "", "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA", "OCHENTA", "NOVENTA",
    ];

    private static readonly string[] Hundreds =
    [
        "", "CIENTO", "DOSCIENTOS", "TRESCIENTOS", "CUATROCIENTOS", "QUINIENTOS", "SEISCIENTOS", "SETECIENTOS",
        "OCHOCIENTOS", "NOVECIENTOS",
    ];

    /// <summary>
    /// Formats <paramref name="amount"/> as Colombian pesos: <c>"$ 12.762.500"</c>, <c>"$ 1.234,50"</c>,
    /// <c>"-$ 1.000"</c>. The amount is rounded to cents (half away from zero); cents are shown, with two
    /// digits, only when they are not zero.
    /// </summary>
    public static string Format(decimal amount)
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var absolute = Math.Abs(rounded);
        var pesos = decimal.Truncate(absolute);
        var cents = (int)((absolute - pesos) * 100m);

        var builder = new StringBuilder();
        if (rounded < 0m)
        {
            builder.Append('-');
        }

        builder.Append("$ ");
        AppendGroupedDigits(builder, pesos.ToString("0", CultureInfo.InvariantCulture));
        if (cents != 0)
        {
            builder.Append(',').Append(cents.ToString("00", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes <paramref name="amount"/> in uppercase Spanish words, as used in a "cuenta de cobro":
    /// <c>12762500</c> → <c>"DOCE MILLONES SETECIENTOS SESENTA Y DOS MIL QUINIENTOS PESOS M/CTE"</c>,
    /// <c>1000000</c> → <c>"UN MILLÓN DE PESOS M/CTE"</c>, <c>1000.5</c> → <c>"MIL PESOS CON 50/100 M/CTE"</c>.
    /// The amount is rounded to cents (half away from zero).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// When <paramref name="amount"/> is negative or, once rounded, greater than <see cref="MaxAmountInWords"/>.
    /// </exception>
    public static string ToSpanishWords(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rounded, MaxAmountInWords, nameof(amount));

        var pesos = (long)decimal.Truncate(rounded);
        var cents = (int)((rounded - pesos) * 100m);

        var builder = new StringBuilder(PesosInWords(pesos));
        if (cents != 0)
        {
            builder.Append(" CON ").Append(cents.ToString("00", CultureInfo.InvariantCulture)).Append("/100");
        }

        builder.Append(" M/CTE");
        return builder.ToString();
    }

    private static void AppendGroupedDigits(StringBuilder builder, string digits)
    {
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                builder.Append('.');
            }

            builder.Append(digits[i]);
        }
    }

    private static string PesosInWords(long pesos)
    {
        if (pesos == 0)
        {
            return "CERO PESOS";
        }

        if (pesos == 1)
        {
            return "UN PESO";
        }

        var billions = pesos / Billion;
        var millions = pesos % Billion / Million;
        var rest = pesos % Million;

        var parts = new List<string>(4);
        if (billions > 0)
        {
            parts.Add(billions == 1 ? "UN BILLÓN" : BelowMillion((int)billions) + " BILLONES");
        }

        if (millions > 0)
        {
            parts.Add(millions == 1 ? "UN MILLÓN" : BelowMillion((int)millions) + " MILLONES");
        }

        if (rest > 0)
        {
            parts.Add(BelowMillion((int)rest));
        }

        // "UN MILLÓN DE PESOS", "DOS BILLONES DE PESOS": "DE" when the amount ends in a whole
        // number of millions.
        parts.Add(rest == 0 ? "DE PESOS" : "PESOS");
        return string.Join(' ', parts);
    }

    /// <summary>Words for 1..999999, with the apocopated forms used before a masculine noun ("UN", "VEINTIÚN").</summary>
    private static string BelowMillion(int number)
    {
        var thousands = number / 1000;
        var rest = number % 1000;
        var thousandsWords = thousands switch
        {
            0 => null,
            1 => "MIL",
            _ => BelowThousand(thousands) + " MIL",
        };

        if (rest == 0)
        {
            return thousandsWords ?? string.Empty;
        }

        return thousandsWords is null ? BelowThousand(rest) : thousandsWords + " " + BelowThousand(rest);
    }

    /// <summary>Words for 1..999, with apocopated "UN"/"VEINTIÚN"/"Y UN".</summary>
    private static string BelowThousand(int number)
    {
        var hundreds = number / 100;
        var rest = number % 100;
        if (hundreds == 0)
        {
            return BelowHundred(rest);
        }

        if (rest == 0)
        {
            return hundreds == 1 ? "CIEN" : Hundreds[hundreds];
        }

        return Hundreds[hundreds] + " " + BelowHundred(rest);
    }

    /// <summary>Words for 1..99.</summary>
    private static string BelowHundred(int number)
    {
        if (number < UnitsAndTeens.Length)
        {
            return UnitsAndTeens[number];
        }

        var units = number % 10;
        return units == 0 ? Tens[number / 10] : Tens[number / 10] + " Y " + UnitsAndTeens[units];
    }
}
