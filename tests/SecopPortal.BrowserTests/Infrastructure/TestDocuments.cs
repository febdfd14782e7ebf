using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>
/// The files the browser tests upload, generated on the spot: small valid PDFs from a hand-written builder (no PDF
/// library) and a Windows executable renamed to ".pdf", which the portal must refuse by its content.
/// </summary>
public static class TestDocuments
{
    /// <summary>A one-page PDF whose page says <paramref name="title"/>, as a Playwright file payload.</summary>
    public static FilePayload Pdf(string fileName, string title) =>
        new() { Name = fileName, MimeType = "application/pdf", Buffer = PdfBytes(title) };

    /// <summary>
    /// The start of a Windows PE executable ("MZ" header, DOS stub, "PE\0\0" signature) under a ".pdf" name and
    /// content type: what a user gets when they rename the wrong file, or what an attacker tries.
    /// </summary>
    public static FilePayload RenamedExecutable(string fileName)
    {
        var bytes = new byte[1024];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[2] = 0x90;
        bytes[0x3C] = 0x80; // e_lfanew: where the PE header starts
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.\r\r\n$").CopyTo(bytes, 0x4E);
        Encoding.ASCII.GetBytes("PE\0\0").CopyTo(bytes, 0x80);
        return new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = bytes };
    }

    /// <summary>A minimal, valid PDF 1.4: catalog, page tree, one page with a line of Helvetica text, xref and trailer.</summary>
    public static byte[] PdfBytes(string title)
    {
        ArgumentNullException.ThrowIfNull(title);

        // The standard 14 fonts speak WinAnsi; keep the text ASCII and escape what PDF strings reserve.
        var ascii = new string(title.Normalize(NormalizationForm.FormD).Where(ch => ch is >= ' ' and < (char)127).ToArray())
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("(", "\\(", StringComparison.Ordinal)
            .Replace(")", "\\)", StringComparison.Ordinal);
        var content = $"BT /F1 14 Tf 72 720 Td ({ascii}) Tj 0 -20 Td /F1 10 Tf (Documento de prueba - SecopPortal) Tj ET";
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
}
