using Microsoft.AspNetCore.Html;
using SecopPortal.Domain.Common;
using System.Globalization;

namespace SecopPortal.Web.Infrastructure;

/// <summary>How the UI writes money and dates: "$ 12.762.500", "dd/MM/yyyy", Bogota time.</summary>
public static class Display
{
    public static string Money(decimal? amount) => amount is { } value ? Domain.Common.Money.Format(value) : "—";

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string DateTime(DateTime? utc) =>
        utc is { } value ? BogotaTime.ToBogota(value).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>"1.234"; a count that stopped at <paramref name="cap"/> reads "más de 1.000".</summary>
    public static string Count(int count, int cap = int.MaxValue) =>
        count > cap ? $"más de {Number(cap)}" : Number(count);

    /// <summary>"1.234": an integer with the Colombian thousands separator.</summary>
    public static string Number(int value) => value.ToString("#,0", CultureInfo.GetCultureInfo("es-CO"));

    /// <summary>The beginning of a long text, cut at a word and ended with "…" (a list's column; the whole text is on the detail page).</summary>
    public static string Excerpt(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= maxLength)
        {
            return text ?? string.Empty;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return string.Concat(text.AsSpan(0, cut > maxLength / 2 ? cut : maxLength).TrimEnd(" ,.;:"), "…");
    }

    /// <summary>
    /// A file name, e-mail or number that may be too long for its place ("certificacion_bancaria.pdf",
    /// "contratista@secop.test", "CO1.PCCNTR.7150093") in a <c>span.splittable</c>, with a &lt;wbr&gt; after each _ - . @
    /// and /, where it may go onto the next line. The text stays the same for copying, searching and screen readers; the
    /// span's CSS breaks inside a piece only when that piece alone is wider than its place.
    /// </summary>
    public static IHtmlContent Splittable(string? text)
    {
        var html = new HtmlContentBuilder().AppendHtml("<span class=\"splittable\">");
        var rest = (text ?? string.Empty).AsSpan();
        while (rest.IndexOfAny(BreakAfter) is var at and >= 0 && at < rest.Length - 1)
        {
            html.Append(rest[..(at + 1)].ToString()).AppendHtml("<wbr>");
            rest = rest[(at + 1)..];
        }

        return html.Append(rest.ToString()).AppendHtml("</span>");
    }

    private static readonly System.Buffers.SearchValues<char> BreakAfter = System.Buffers.SearchValues.Create("_-.@/");

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024d).ToString("0.#", CultureInfo.GetCultureInfo("es-CO"))} KB",
        _ => $"{(bytes / (1024d * 1024d)).ToString("0.#", CultureInfo.GetCultureInfo("es-CO"))} MB",
    };
}
