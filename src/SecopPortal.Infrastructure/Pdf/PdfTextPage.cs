using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace SecopPortal.Infrastructure.Pdf;

/// <summary>
/// A plain text document written top to bottom on Letter pages (the paper of Colombian public offices): headings,
/// paragraphs that wrap, label–value rows and a signature block, starting a new page when one is full. Enough for the
/// documents the portal writes itself; not a layout engine.
/// </summary>
public sealed class PdfTextPage : IDisposable
{
    private const double Margin = 56; // points: about 2 cm
    private readonly PdfDocument _document;
    private readonly bool _ownsDocument;
    private int _insertAt = -1;
    private readonly XFont _body = new(PdfFonts.Family, 10);
    private readonly XFont _bold = new(PdfFonts.Family, 10, XFontStyleEx.Bold);
    private readonly XFont _title = new(PdfFonts.Family, 14, XFontStyleEx.Bold);
    private readonly XFont _small = new(PdfFonts.Family, 8);
    private XGraphics? _graphics;
    private PdfPage? _page;
    private double _y;
    private string? _footer;

    public PdfTextPage(string title, string subject)
    {
        _document = new PdfDocument();
        _ownsDocument = true;
        _document.Info.Title = title;
        _document.Info.Subject = subject;
        _document.Info.Creator = "SecopPortal";
        NewPage();
    }

    /// <summary>
    /// Writes into <paramref name="document"/> (which the caller keeps and disposes), inserting its pages one after
    /// another from page index <paramref name="insertAt"/> on: the cover and index in front of pages already imported.
    /// </summary>
    private PdfTextPage(PdfDocument document, int insertAt)
    {
        _document = document;
        _insertAt = insertAt;
        NewPage();
    }

    /// <inheritdoc cref="PdfTextPage(PdfDocument, int)"/>
    public static PdfTextPage Into(PdfDocument document, int insertAt)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentOutOfRangeException.ThrowIfNegative(insertAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(insertAt, document.PageCount);
        return new PdfTextPage(document, insertAt);
    }

    /// <summary>How many pages this writer has made so far.</summary>
    public int PageCount { get; private set; }

    private double Width => _page!.Width.Point - (2 * Margin);

    public void Title(string text) => Write(text, _title, XParagraphAlignment.Center, after: 12);

    public void Heading(string text) => Write(text, _bold, XParagraphAlignment.Left, after: 4, before: 8);

    public void Paragraph(string text) => Write(text, _body, XParagraphAlignment.Justify, after: 6);

    public void Note(string text) => Write(text, _small, XParagraphAlignment.Left, after: 4);

    /// <summary>"Label: value" on one line (the value wraps under itself).</summary>
    public void Row(string label, string value)
    {
        const double labelWidth = 170;
        var height = Math.Max(Measure(label, _bold, labelWidth), Measure(value, _body, Width - labelWidth));
        EnsureRoom(height);
        new XTextFormatter(_graphics!).DrawString(label, _bold, XBrushes.Black, new XRect(Margin, _y, labelWidth, height));
        new XTextFormatter(_graphics!).DrawString(value, _body, XBrushes.Black, new XRect(Margin + labelWidth, _y, Width - labelWidth, height));
        _y += height + 2;
    }

    /// <summary>
    /// A line of an index: <paramref name="label"/> on the left, <paramref name="value"/> wrapping in the middle and
    /// <paramref name="trailing"/> (a page number) right-aligned in a fixed column, so its width never changes the layout.
    /// </summary>
    public void Entry(string label, string value, string trailing)
    {
        const double labelWidth = 150;
        const double trailingWidth = 60;
        var middle = Width - labelWidth - trailingWidth - 8;
        var height = Math.Max(Measure(label, _bold, labelWidth - 6), Measure(value, _body, middle));
        EnsureRoom(height);
        new XTextFormatter(_graphics!).DrawString(label, _bold, XBrushes.Black, new XRect(Margin, _y, labelWidth - 6, height));
        new XTextFormatter(_graphics!).DrawString(value, _body, XBrushes.Black, new XRect(Margin + labelWidth, _y, middle, height));
        new XTextFormatter(_graphics!) { Alignment = XParagraphAlignment.Right }
            .DrawString(trailing, _bold, XBrushes.Black, new XRect(Margin + Width - trailingWidth, _y, trailingWidth, height));
        _y += height + 4;
    }

    /// <summary>What follows starts on a new page.</summary>
    public void PageBreak() => NewPage();

    /// <summary>A line to sign on, with the signer's name and what identifies them under it.</summary>
    public void Signature(params string[] lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        EnsureRoom(60 + (lines.Length * 14));
        _y += 40;
        _graphics!.DrawLine(XPens.Black, Margin, _y, Margin + 220, _y);
        _y += 4;
        foreach (var line in lines)
        {
            Write(line, _body, XParagraphAlignment.Left, after: 0);
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>
    /// A line printed in the bottom margin of every page, followed by "Página N de M": it never takes room from the
    /// text, so it cannot push itself onto a page of its own.
    /// </summary>
    public void Footer(string text) => _footer = text;

    public byte[] ToBytes()
    {
        DrawFooters();
        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        if (_ownsDocument)
        {
            _document.Dispose();
        }
    }

    private void DrawFooters()
    {
        _graphics?.Dispose();
        _graphics = null;
        var count = _document.PageCount;
        for (var index = 0; index < count; index++)
        {
            var page = _document.Pages[index];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var numbering = $"Página {index + 1} de {count}";
            var text = string.IsNullOrEmpty(_footer) ? numbering : $"{_footer}\n{numbering}";
            var area = new XRect(Margin, page.Height.Point - Margin + 12, page.Width.Point - (2 * Margin), Margin - 18);
            new XTextFormatter(graphics).DrawString(text, _small, XBrushes.Black, area);
        }
    }

    private void Write(string text, XFont font, XParagraphAlignment alignment, double after, double before = 0)
    {
        _y += before;
        var height = Measure(text, font, Width);
        EnsureRoom(height);
        var formatter = new XTextFormatter(_graphics!) { Alignment = alignment };
        formatter.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, height));
        _y += height + after;
    }

    /// <summary>The height <paramref name="text"/> takes wrapped at <paramref name="width"/>: words are laid out line by line.</summary>
    private double Measure(string text, XFont font, double width)
    {
        var lineHeight = font.GetHeight();
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            lines++;
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics!.MeasureString(candidate, font).Width > width)
                {
                    lines++;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
        }

        return (lines * lineHeight) + 2;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > _page!.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _insertAt < 0 ? _document.AddPage() : _document.InsertPage(_insertAt++);
        PageCount++;
        _page.Size = PageSize.Letter;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }
}
