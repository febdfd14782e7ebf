using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace SecopPortal.Infrastructure.Pdf;

/// <summary>Why a source could not become pages of the bound PDF.</summary>
public enum BindProblem
{
    /// <summary>The PDF asks for a password (to open it, or the owner's to copy its pages).</summary>
    PasswordProtected,

    /// <summary>The PDF cannot be read.</summary>
    DamagedPdf,

    /// <summary>The PDF reads but has no page.</summary>
    NoPages,

    /// <summary>The PNG or JPEG cannot be decoded.</summary>
    DamagedImage,
}

/// <summary>What one source added: how many pages, or why none.</summary>
public readonly record struct BindResult(int Pages, BindProblem? Problem)
{
    public static BindResult Failed(BindProblem problem) => new(0, problem);
}

/// <summary>
/// Several documents bound into one PDF (docs/adr/0013-pdf-library.md): pages of existing PDFs copied with PDFsharp's
/// import, PNG and JPEG images each on a Letter page of their own, and pages the portal writes itself
/// (<see cref="InsertText"/>) put in front. One source is read at a time, from its stream, and released before the
/// next; a source that cannot be read adds nothing and says why. PDFsharp keeps the document it writes in memory until
/// <see cref="SaveToTemporaryFile"/>, which writes it to a file that deletes itself when the returned stream is closed.
/// </summary>
public sealed class PdfBinder : IDisposable
{
    private const double Margin = 36; // points: half an inch around an image

    /// <summary>A source at least this large is followed by a full garbage collection (see <see cref="Release"/>).</summary>
    private const long LargeSource = 4 * 1024 * 1024;
    private readonly PdfDocument _output = new();

    public PdfBinder(string title, string subject)
    {
        _output.Info.Title = title;
        _output.Info.Subject = subject;
        _output.Info.Creator = "SecopPortal";
        _output.Options.CompressContentStreams = true;
    }

    /// <summary>Pages bound so far.</summary>
    public int PageCount => _output.PageCount;

    /// <summary>Copies every page of the PDF in <paramref name="source"/> (read to its end; the caller disposes it).</summary>
    public BindResult AppendPdf(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = ImportPdf(source);
        Release(source);
        return result;
    }

    private BindResult ImportPdf(Stream source)
    {
        var askedForPassword = false;
        var before = _output.PageCount;
        try
        {
            using var input = PdfReader.Open(source, PdfDocumentOpenMode.Import, args =>
            {
                askedForPassword = true;
                args.Abort = true;
            });
            if (input.PageCount == 0)
            {
                return BindResult.Failed(BindProblem.NoPages);
            }

            foreach (var page in input.Pages)
            {
                _output.AddPage(page);
            }

            return new BindResult(input.PageCount, null);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Whatever the reader met (a syntax error, a broken cross-reference table, an encryption it refuses), the
            // source becomes no page at all: drop what was copied of it before the failure.
            while (_output.PageCount > before)
            {
                _output.Pages.RemoveAt(_output.PageCount - 1);
            }

            return BindResult.Failed(askedForPassword || IsEncryptionRefusal(e) ? BindProblem.PasswordProtected : BindProblem.DamagedPdf);
        }
    }

    /// <summary>
    /// Puts the PNG or JPEG in <paramref name="source"/> on a Letter page of its own (landscape when the image is wider
    /// than tall), scaled to fill the page inside half-inch margins, keeping its proportions. PDFsharp copies a JPEG's
    /// bytes as they are (no decoding); a PNG is decoded and written compressed.
    /// </summary>
    public BindResult AppendImage(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = DrawImage(source);
        Release(source);
        return result;
    }

    private BindResult DrawImage(Stream source)
    {
        XImage image;
        try
        {
            image = XImage.FromStream(source);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return BindResult.Failed(BindProblem.DamagedImage);
        }

        using (image)
        {
            double width, height;
            try
            {
                width = image.PointWidth;
                height = image.PointHeight;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                return BindResult.Failed(BindProblem.DamagedImage);
            }

            if (width <= 0 || height <= 0 || double.IsNaN(width) || double.IsNaN(height))
            {
                return BindResult.Failed(BindProblem.DamagedImage);
            }

            var page = _output.AddPage();
            page.Size = PageSize.Letter;
            page.Orientation = width > height ? PageOrientation.Landscape : PageOrientation.Portrait;
            var boxWidth = page.Width.Point - (2 * Margin);
            var boxHeight = page.Height.Point - (2 * Margin);
            var scale = Math.Min(boxWidth / width, boxHeight / height);
            var drawnWidth = width * scale;
            var drawnHeight = height * scale;
            try
            {
                using var graphics = XGraphics.FromPdfPage(page);
                graphics.DrawImage(image, Margin + ((boxWidth - drawnWidth) / 2), Margin + ((boxHeight - drawnHeight) / 2), drawnWidth, drawnHeight);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                _output.Pages.RemoveAt(_output.PageCount - 1);
                return BindResult.Failed(BindProblem.DamagedImage);
            }

            return new BindResult(1, null);
        }
    }

    /// <summary>A text writer whose pages go in at <paramref name="pageIndex"/> (0: in front of everything bound so far).</summary>
    public PdfTextPage InsertText(int pageIndex) => PdfTextPage.Into(_output, pageIndex);

    /// <summary>
    /// Writes the bound PDF to a temporary file and returns it open at its start; closing the stream deletes the file.
    /// The binder's memory can be released (disposed) before the stream is read.
    /// </summary>
    public Stream SaveToTemporaryFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"secopportal-{Guid.NewGuid():N}.pdf");
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.SequentialScan,
            BufferSize = 64 * 1024,
        });
        try
        {
            _output.Save(file, closeStream: false);
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose() => _output.Dispose();

    /// <summary>
    /// Reading a source leaves copies of its bytes behind (the reader's, the decoder's), large arrays that the runtime
    /// collects only in a full collection, which a busy server may not run for a while: they would add up source after
    /// source on top of the document being bound. After a large source they are collected at once, so the process
    /// holds the bound document plus one source at a time (measured: docs/adr/0013-pdf-library.md).
    /// </summary>
    private static void Release(Stream source)
    {
        if (source.CanSeek && source.Length >= LargeSource)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        }
    }

    /// <summary>
    /// A protected PDF the password callback did not see (e.g. only an owner password, which importing needs): the
    /// reader's message is the only sign PDFsharp gives of it.
    /// </summary>
    private static bool IsEncryptionRefusal(Exception e) =>
        e.Message.Contains("password", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase);
}
