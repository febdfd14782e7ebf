using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>Office documents and PDFs with (or without) active content, built in memory by the tests.</summary>
public static class ActiveContentFiles
{
    private const string ContentTypesHead =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>";

    private const string WordDocumentPart =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Informe de actividades</w:t></w:r></w:p></w:body></w:document>";

    /// <summary>A DOCX whose main part is declared with <paramref name="mainContentType"/>, plus <paramref name="extraParts"/>.</summary>
    public static byte[] Docx(string mainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", string extraTypes = "", params (string Name, byte[] Content)[] extraParts) =>
        TestFiles.Zip(
        [
            ("[Content_Types].xml", TestFiles.Utf8($"{ContentTypesHead}{extraTypes}<Override PartName=\"/word/document.xml\" ContentType=\"{mainContentType}\"/></Types>")),
            ("_rels/.rels", TestFiles.Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")),
            ("word/document.xml", TestFiles.Utf8(WordDocumentPart)),
            .. extraParts,
        ]);

    /// <summary>A DOCX carrying a VBA project, as Word saves a .docm (content types still say plain .docx).</summary>
    public static byte[] DocxWithVbaProject() => Docx(extraParts: [("word/vbaProject.bin", VbaProjectBytes())]);

    /// <summary>An XLSM as Excel saves it: macro-enabled main part, the VBA content type and xl/vbaProject.bin.</summary>
    public static byte[] Xlsm() => TestFiles.Zip(
        ("[Content_Types].xml", TestFiles.Utf8($"{ContentTypesHead}<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>")),
        ("_rels/.rels", TestFiles.Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", TestFiles.Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Planilla\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/worksheets/sheet1.xml", TestFiles.Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>")),
        ("xl/vbaProject.bin", VbaProjectBytes()));

    /// <summary>A PDF that runs JavaScript when opened (<c>/OpenAction</c>).</summary>
    public static byte[] PdfWithJavaScript() => Pdf("/OpenAction << /S /JavaScript /JS (app.alert\\('hola'\\);) >> ");

    /// <summary>The first bytes of an OLE compound file (what a vbaProject.bin is).</summary>
    public static byte[] VbaProjectBytes() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Encoding.ASCII.GetBytes("Attribute VB_Name = \"ThisDocument\"")];

    /// <summary>A PDF whose catalog (object 1) has <paramref name="catalogExtra"/>, followed by <paramref name="objects"/> (numbered from 4).</summary>
    public static byte[] Pdf(string catalogExtra = "", params byte[][] objects)
    {
        const string content = "BT /F1 12 Tf 72 720 Td (Cuenta de cobro) Tj ET";
        byte[][] all =
        [
            Latin1($"<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>"),
            Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Latin1($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {objects.Length + 4} 0 R >>"),
            .. objects,
            Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Length {content.Length} >>\nstream\n{content}\nendstream")),
        ];

        using var pdf = new MemoryStream();
        pdf.Write(Latin1("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < all.Length; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Latin1(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n")));
            pdf.Write(all[i]);
            pdf.Write(Latin1("\nendobj\n"));
        }

        var xref = pdf.Position;
        var table = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {all.Length + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {all.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin1(table.ToString()));
        return pdf.ToArray();
    }

    /// <summary>An object stream holding <paramref name="objectBody"/> as object <paramref name="number"/>, deflated or not.</summary>
    public static byte[] ObjectStream(int number, string objectBody, bool deflate = true)
    {
        var header = string.Create(CultureInfo.InvariantCulture, $"{number} 0 ");
        var data = Latin1(header + objectBody);
        if (deflate)
        {
            data = Deflate(data);
        }

        var filter = deflate ? "/Filter /FlateDecode " : string.Empty;
        return
        [
            .. Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Type /ObjStm /N 1 /First {header.Length} {filter}/Length {data.Length} >>\nstream\r\n")),
            .. data,
            .. Latin1("\r\nendstream"),
        ];
    }

    /// <summary>A stream object of <paramref name="data"/> with the given dictionary entries (e.g. "/Type /EmbeddedFile").</summary>
    public static byte[] Stream(string entries, byte[] data) =>
    [
        .. Latin1(string.Create(CultureInfo.InvariantCulture, $"<< {entries} /Length {data.Length} >>\nstream\n")),
        .. data,
        .. Latin1("\nendstream"),
    ];

    public static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
