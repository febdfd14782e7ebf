using System.Globalization;

namespace SecopPortal.Domain.Common;

/// <summary>
/// How the domain writes numbers, dates and amounts inside its Spanish messages, which the UI shows as they
/// are: the one place that decides "2.000", "12,5", "25/03/2026" and "$ 12.762.500". Independent of the
/// machine's culture data, so the text is the same with InvariantGlobalization (docs/product.md §1).
/// </summary>
public static class SpanishText
{
    private const long BytesPerMegabyte = 1024L * 1024L;

    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
    };

    /// <summary>A calendar date as the portal shows it: <c>"25/03/2026"</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    /// <summary>A quantity (characters, digits) with the Colombian thousands separator: <c>"2.000"</c>.</summary>
    public static string Count(int count) => count.ToString("#,0", Numbers);

    /// <summary>
    /// A number written plainly, without thousands separator: <c>"12"</c>. For numbers that name something (an
    /// Id de pago, a check digit) and for the limits of the contract form, which have always read that way.
    /// </summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A size in megabytes (MiB), rounded half away from zero to one decimal: <c>"12,5"</c>, <c>"100"</c>.</summary>
    public static string Megabytes(long bytes) =>
        Math.Round((decimal)bytes / BytesPerMegabyte, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", Numbers);

    /// <summary>An amount in Colombian pesos: <c>"$ 12.762.500"</c> (see <see cref="Money.Format"/>).</summary>
    public static string Pesos(decimal amount) => Money.Format(amount);
}
