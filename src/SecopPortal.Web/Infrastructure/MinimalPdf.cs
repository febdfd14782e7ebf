using System.Globalization;
using System.Text;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// A minimal, valid one-page PDF 1.4 (catalog, page tree, one page with two lines of Helvetica text, xref and
/// trailer), written without a PDF library: the demo data's documents and the tests' uploads.
/// </summary>
public static class MinimalPdf
{
    public const string DemoFooter = "Documento de demostracion - SecopPortal";

    /// <param name="title">The first line; reduced to ASCII (the standard fonts speak WinAnsi) and escaped.</param>
    /// <param name="footer">The second line.</param>
    /// <param name="padding">Bytes of comment added to the page's content stream, to make the file larger.</param>
    public static byte[] Create(string title, string footer = "Documento de prueba - SecopPortal", int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(footer);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var content = $"BT /F1 14 Tf 72 720 Td ({Escape(title)}) Tj 0 -20 Td /F1 10 Tf ({Escape(footer)}) Tj ET"
                      + (padding > 0 ? "\n%" + new string('x', padding) : string.Empty);
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length); // ASCII only: characters are bytes
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Escape(string text) =>
        new string(text.Normalize(NormalizationForm.FormD).Where(ch => ch is >= ' ' and < (char)127).ToArray())
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("(", "\\(", StringComparison.Ordinal)
            .Replace(")", "\\)", StringComparison.Ordinal);
}
