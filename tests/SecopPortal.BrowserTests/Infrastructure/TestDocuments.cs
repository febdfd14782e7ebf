using System.Text;
using Microsoft.Playwright;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>
/// The files the browser tests upload, generated on the spot: small valid PDFs (<see cref="MinimalPdf"/>) and a
/// Windows executable renamed to ".pdf", which the portal must refuse by its content.
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

    /// <summary>A one-page PDF saying <paramref name="title"/> (the portal's own minimal builder).</summary>
    public static byte[] PdfBytes(string title) => MinimalPdf.Create(title);
}
