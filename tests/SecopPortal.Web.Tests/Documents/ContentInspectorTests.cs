using System.Buffers.Binary;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Tests.Documents;

public sealed partial class ContentInspectorTests
{
    private static readonly UploadLimitsOptions Defaults = new();

    private static async Task<InspectionResult> InspectAsync(byte[] bytes, string fileName, UploadLimitsOptions? limits = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return await ContentInspector.InspectAsync(stream, fileName, limits ?? Defaults, CancellationToken.None);
    }

    private static async Task<DetectedType> AcceptedAsync(byte[] bytes, string fileName)
    {
        var result = await InspectAsync(bytes, fileName);
        Assert.True(result.IsAccepted, result.ToString());
        return result.Type;
    }

    private static async Task<InspectionResult> RefusedAsync(byte[] bytes, string fileName, RefusalReason reason, UploadLimitsOptions? limits = null)
    {
        var result = await InspectAsync(bytes, fileName, limits);
        Assert.False(result.IsAccepted, $"{fileName} was accepted as {result.Type?.Kind}");
        Assert.Equal(reason, result.Reason);
        return result;
    }

    [Fact]
    public async Task Pdf_is_recognised_by_its_content()
    {
        var type = await AcceptedAsync(TestFiles.Pdf(), "Cuenta de cobro.pdf");

        Assert.Equal(DetectedType.Pdf, type);
        Assert.Equal("application/pdf", type.ContentType);
        Assert.Equal(".pdf", type.Extension);
    }

    [Fact]
    public async Task Pdf_named_like_an_image_is_still_a_pdf()
    {
        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(TestFiles.Pdf(), "foto.png")).Kind);
    }

    [Fact]
    public async Task Pdf_with_padding_after_its_end_marker_is_accepted()
    {
        var padded = TestFiles.Pdf().Concat(new byte[600]).ToArray();

        Assert.Equal(DocumentKind.Pdf, (await AcceptedAsync(padded, "escaneado.pdf")).Kind);
    }

    [Fact]
    public async Task Truncated_pdf_is_refused()
    {
        var full = TestFiles.Pdf(padding: 8000);
        var truncated = full[..(full.Length * 6 / 10)];

        var result = await RefusedAsync(truncated, "Informe.pdf", RefusalReason.TruncatedPdf);

        Assert.Contains("«Informe.pdf»", result.RefusalMessage, StringComparison.Ordinal);
        Assert.Contains("PDF incompleto", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Png_is_recognised_by_its_content()
    {
        var type = await AcceptedAsync(TestFiles.Png1x1(), "pixel.png");

        Assert.Equal(DetectedType.Png, type);
        Assert.Equal("image/png", type.ContentType);
    }

    [Fact]
    public async Task Jpeg_is_recognised_by_its_header()
    {
        var type = await AcceptedAsync(TestFiles.JpegHeader(), "foto.jpeg");

        Assert.Equal(DetectedType.Jpeg, type);
        Assert.Equal("image/jpeg", type.ContentType);
    }

    [Fact]
    public async Task Docx_is_told_apart_from_a_plain_zip()
    {
        var type = await AcceptedAsync(TestFiles.Docx(), "informe.zip");

        Assert.Equal(DetectedType.Docx, type);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", type.ContentType);
        Assert.Equal(".docx", type.Extension);
    }

    [Fact]
    public async Task Xlsx_is_told_apart_from_a_plain_zip()
    {
        var type = await AcceptedAsync(TestFiles.Xlsx(), "planilla.xlsx");

        Assert.Equal(DetectedType.Xlsx, type);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", type.ContentType);
    }

    [Fact]
    public async Task Zip_of_evidence_is_accepted()
    {
        var zip = TestFiles.Zip(("fotos/obra-1.png", TestFiles.Png1x1()), ("acta.pdf", TestFiles.Pdf()), ("notas.txt", TestFiles.Text()));

        var type = await AcceptedAsync(zip, "EVIDENCIAS_MARZO_2026.zip");

        Assert.Equal(DetectedType.Zip, type);
        Assert.Equal("application/zip", type.ContentType);
    }

    [Fact]
    public async Task Zip_with_only_a_word_document_but_no_content_types_is_a_plain_zip()
    {
        var zip = TestFiles.Zip(("word/document.xml", TestFiles.Utf8("<w:document/>")));

        Assert.Equal(DocumentKind.Zip, (await AcceptedAsync(zip, "raro.docx")).Kind);
    }

    [Fact]
    public async Task Empty_zip_archive_is_accepted()
    {
        var empty = TestFiles.ZipWithEntries(0);
        Assert.Equal((byte)5, empty[2]); // PK\x05\x06: just the end record

        Assert.Equal(DocumentKind.Zip, (await AcceptedAsync(empty, "vacio.zip")).Kind);
    }

    [Theory]
    [InlineData("marzo/evidencias.zip")]
    [InlineData("fotos.RAR")]
    [InlineData("respaldo.7z")]
    [InlineData("datos.tar.gz")]
    public async Task Zip_nesting_another_archive_is_refused_naming_the_inner_archive(string innerName)
    {
        var inner = TestFiles.Zip(("acta.pdf", TestFiles.Pdf()));
        var outer = TestFiles.Zip((innerName, inner), ("resumen.txt", TestFiles.Text()));

        var result = await RefusedAsync(outer, "EVIDENCIAS_MARZO_2026.zip", RefusalReason.ZipNestedArchive);

        Assert.Equal(
            $"El archivo «EVIDENCIAS_MARZO_2026.zip» contiene otro archivo comprimido («{innerName}»). Descomprímalo y anexe sus documentos directamente en el ZIP.",
            result.RefusalMessage);
    }

    [Fact]
    public async Task Office_documents_inside_a_zip_are_not_nested_archives()
    {
        var outer = TestFiles.Zip(("informe.docx", TestFiles.Docx()), ("cuadro.xlsx", TestFiles.Xlsx()));

        Assert.Equal(DocumentKind.Zip, (await AcceptedAsync(outer, "EVIDENCIAS_MARZO_2026.zip")).Kind);
    }

    [Fact]
    public async Task Renamed_executable_is_refused_with_a_spanish_message()
    {
        var result = await RefusedAsync(TestFiles.WindowsExecutable(), "informe.pdf", RefusalReason.UnrecognisedContent);

        Assert.Equal(
            "El archivo «informe.pdf» no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido: se reconoce por su contenido, no por su extensión.",
            result.RefusalMessage);
    }

    [Fact]
    public async Task Elf_executable_is_refused()
    {
        await RefusedAsync(TestFiles.ElfExecutable(), "planilla.xlsx", RefusalReason.UnrecognisedContent);
    }

    [Fact]
    public async Task Text_file_renamed_pdf_is_refused()
    {
        await RefusedAsync(TestFiles.Text(), "cuenta.pdf", RefusalReason.UnrecognisedContent);
    }

    [Fact]
    public async Task Empty_file_is_refused()
    {
        var result = await RefusedAsync([], "cuenta.pdf", RefusalReason.Empty);

        Assert.Equal("El archivo está vacío.", result.RefusalMessage);
    }

    [Fact]
    public async Task One_byte_file_is_refused_as_unrecognised()
    {
        await RefusedAsync([0x25], "x.pdf", RefusalReason.UnrecognisedContent);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("evidencias/../../evil.txt")]
    [InlineData("..\\evil.txt")]
    [InlineData("evidencias\\..\\..\\evil.txt")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("\\evil.txt")]
    [InlineData("C:\\Windows\\System32\\evil.dll")]
    [InlineData("C:evil.txt")]
    [InlineData("\\\\server\\share\\evil.txt")]
    [InlineData("evil\u0000.txt.pdf")]
    [InlineData("fotos/\u001b[31mevil.txt")]
    public async Task Zip_with_an_unsafe_entry_name_is_refused(string entryName)
    {
        var zip = TestFiles.ZipWithNames("acta.pdf", entryName);

        var result = await RefusedAsync(zip, "EVIDENCIAS_MARZO_2026.zip", RefusalReason.ZipUnsafeEntryName);

        Assert.Contains("«EVIDENCIAS_MARZO_2026.zip»", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acta.pdf", false)]
    [InlineData("fotos/obra 1.png", false)]
    [InlineData("fotos/", false)]
    [InlineData("a..b/c..d.txt", false)]
    [InlineData("...", true)]
    [InlineData("a/.. /b", true)]
    [InlineData("", true)]
    public void Entry_names_are_judged_by_their_segments(string entryName, bool unsafeName)
    {
        Assert.Equal(unsafeName, ContentInspector.IsUnsafeZipEntryName(entryName));
    }

    [Fact]
    public async Task Zip_bomb_is_refused_by_its_compression_ratio()
    {
        var bomb = TestFiles.ZipBomb(50L * 1024 * 1024);
        Assert.True(bomb.Length < 200 * 1024, $"the bomb is {bomb.Length} bytes");

        var result = await RefusedAsync(bomb, "EVIDENCIAS_MARZO_2026.zip", RefusalReason.ZipCompressionRatio);

        Assert.Contains("bomba ZIP", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_very_compressible_file_in_a_zip_is_not_mistaken_for_a_bomb()
    {
        var zip = TestFiles.Zip(("espacios.txt", new byte[800 * 1024]));

        Assert.Equal(DocumentKind.Zip, (await AcceptedAsync(zip, "evidencias.zip")).Kind);
    }

    [Fact]
    public async Task Zip_larger_than_allowed_once_uncompressed_is_refused()
    {
        var limits = new UploadLimitsOptions { MaxZipUncompressedBytes = 1024 * 1024 };
        var zip = TestFiles.Zip(("a.bin", TestFiles.RandomBytes(600 * 1024)), ("b.bin", TestFiles.RandomBytes(600 * 1024)));

        var result = await RefusedAsync(zip, "evidencias.zip", RefusalReason.ZipTooLargeUncompressed, limits);

        Assert.Contains("1 MB", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_with_10001_entries_is_refused()
    {
        var result = await RefusedAsync(TestFiles.ZipWithEntries(10_001), "evidencias.zip", RefusalReason.ZipTooManyEntries);

        Assert.Contains("10.000", result.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_with_10000_entries_is_accepted()
    {
        Assert.Equal(DocumentKind.Zip, (await AcceptedAsync(TestFiles.ZipWithEntries(10_000), "evidencias.zip")).Kind);
    }

    [Fact]
    public async Task Zip_whose_end_record_understates_its_entries_is_refused()
    {
        var zip = TestFiles.ZipWithEntries(10_001);
        var endRecord = zip.Length - 22;
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(endRecord + 8), 100);
        BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(endRecord + 10), 100);

        var result = await InspectAsync(zip, "evidencias.zip");

        Assert.False(result.IsAccepted);
        Assert.Contains(result.Reason, new RefusalReason?[] { RefusalReason.ZipTooManyEntries, RefusalReason.CorruptZip });
    }

    [Fact]
    public async Task Corrupt_zip_is_refused_with_a_spanish_message()
    {
        var corrupt = new byte[] { 0x50, 0x4B, 0x03, 0x04 }.Concat(TestFiles.RandomBytes(4000)).ToArray();

        var result = await RefusedAsync(corrupt, "evidencias.zip", RefusalReason.CorruptZip);

        Assert.Equal("El archivo «evidencias.zip» parece un ZIP, pero está dañado o incompleto y no se puede abrir.", result.RefusalMessage);
    }

    [Fact]
    public async Task Zip_cut_short_by_an_interrupted_upload_is_refused()
    {
        var zip = TestFiles.Zip(("acta.pdf", TestFiles.Pdf(padding: 20_000)), ("foto.png", TestFiles.Png1x1()));

        await RefusedAsync(zip[..(zip.Length / 2)], "evidencias.zip", RefusalReason.CorruptZip);
    }

    [Fact]
    public async Task Zip_with_a_damaged_central_directory_is_refused()
    {
        var zip = TestFiles.ZipWithNames("a.txt", "b.txt");
        var endRecord = zip.Length - 22;
        var centralDirectory = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(endRecord + 16));
        zip[centralDirectory] = 0x00; // breaks the first central directory signature

        await RefusedAsync(zip, "evidencias.zip", RefusalReason.CorruptZip);
    }

    [Fact]
    public async Task Inspection_needs_a_seekable_stream()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ContentInspector.InspectAsync(new GeneratedStream(10), "x.pdf", Defaults, CancellationToken.None));
    }
}
