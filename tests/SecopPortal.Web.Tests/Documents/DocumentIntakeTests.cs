using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Tests.Documents;

public sealed class DocumentIntakeTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemDocumentStore _store;
    private readonly DocumentIntake _intake;

    public DocumentIntakeTests()
    {
        _store = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        _intake = new DocumentIntake(_store, Options.Create(new UploadLimitsOptions()), NullLogger<DocumentIntake>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    private Task<IntakeResult> AcceptAsync(byte[] bytes, string fileName) =>
        _intake.AcceptAsync(new MemoryStream(bytes), fileName, bytes.Length, CancellationToken.None);

    [Fact]
    public async Task Valid_pdf_is_stored_with_its_detected_type_and_display_name()
    {
        var pdf = TestFiles.Pdf();

        var result = await AcceptAsync(pdf, "C:\\Users\\juan\\Cuenta de cobro marzo ñ.pdf");

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal(DetectedType.Pdf, result.Type);
        Assert.Equal("Cuenta de cobro marzo ñ.pdf", result.DisplayFileName);
        Assert.Equal(TestFiles.Sha256Hex(pdf), result.Document.Sha256);
        Assert.Equal(pdf.Length, result.Document.SizeBytes);
        Assert.Equal([result.Document.StorageKey], _folder.AllFiles());
    }

    [Fact]
    public async Task Docx_uploaded_without_extension_is_named_docx()
    {
        var result = await AcceptAsync(TestFiles.Docx(), "Informe de actividades");

        Assert.True(result.IsAccepted, result.ToString());
        Assert.Equal("Informe de actividades.docx", result.DisplayFileName);
        Assert.Equal(DetectedType.Docx.ContentType, result.Type.ContentType);
    }

    [Fact]
    public async Task Renamed_executable_is_refused_and_nothing_is_kept()
    {
        var result = await AcceptAsync(TestFiles.WindowsExecutable(), "informe.pdf");

        Assert.False(result.IsAccepted);
        Assert.Equal(RefusalReason.UnrecognisedContent, result.Reason);
        Assert.StartsWith("El archivo «informe.pdf» no es un PDF", result.RefusalMessage, StringComparison.Ordinal);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Zip_bomb_is_refused_and_nothing_is_kept()
    {
        var result = await AcceptAsync(TestFiles.ZipBomb(50L * 1024 * 1024), "EVIDENCIAS_MARZO_2026.zip");

        Assert.Equal(RefusalReason.ZipCompressionRatio, result.Reason);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Empty_upload_is_refused_without_touching_the_store()
    {
        var result = await AcceptAsync([], "cuenta.pdf");

        Assert.Equal("El archivo está vacío.", result.RefusalMessage);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Upload_announcing_more_than_the_limit_is_refused_without_reading_it()
    {
        var content = GeneratedStream.Endless();

        var result = await _intake.AcceptAsync(content, "video.zip", 30L * 1024 * 1024, CancellationToken.None);

        Assert.Equal(RefusalReason.TooLarge, result.Reason);
        Assert.Equal("El archivo «video.zip» supera el tamaño máximo permitido de 25 MB.", result.RefusalMessage);
        Assert.Equal(0, content.BytesRead);
    }

    [Fact]
    public async Task Upload_lying_about_its_length_is_cut_off_at_the_limit_and_nothing_is_kept()
    {
        var content = new GeneratedStream(26L * 1024 * 1024, prefix: "%PDF-1.7\n"u8.ToArray());

        var result = await _intake.AcceptAsync(content, "cuenta.pdf", 1000, CancellationToken.None);

        Assert.Equal(RefusalReason.TooLarge, result.Reason);
        Assert.Equal(25L * 1024 * 1024 + 1, content.BytesRead);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task A_smaller_remaining_budget_lowers_the_limit()
    {
        var pdf = TestFiles.Pdf(padding: 5000);

        var result = await _intake.AcceptAsync(new MemoryStream(pdf), "cuenta.pdf", -1, maxBytes: 4096, CancellationToken.None);

        Assert.Equal(RefusalReason.TooLarge, result.Reason);
        Assert.Contains("4 KB", result.RefusalMessage, StringComparison.Ordinal);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Truncated_pdf_is_refused_and_nothing_is_kept()
    {
        var pdf = TestFiles.Pdf(padding: 8000);

        var result = await AcceptAsync(pdf[..(pdf.Length / 2)], "Informe.pdf");

        Assert.Equal(RefusalReason.TruncatedPdf, result.Reason);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Failed_upload_leaves_nothing_behind()
    {
        var content = new GeneratedStream(5 * 1024 * 1024, throwAfter: 1024 * 1024, prefix: "%PDF-1.7\n"u8.ToArray());

        await Assert.ThrowsAsync<IOException>(() => _intake.AcceptAsync(content, "cuenta.pdf", 5 * 1024 * 1024, CancellationToken.None));

        Assert.Empty(_folder.AllFiles());
    }
}
