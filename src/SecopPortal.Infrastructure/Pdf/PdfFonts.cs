using PdfSharp.Fonts;

namespace SecopPortal.Infrastructure.Pdf;

/// <summary>
/// The one typeface of the portal's generated PDFs: DejaVu Sans (regular and bold), read from the font files the
/// system package <c>fonts-dejavu-core</c> installs and embedded (subset) in every PDF, so the text is extractable and
/// looks the same on every reader. PDFsharp's font resolver is process-wide: <see cref="Use"/> sets it once.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    /// <summary>Where Debian puts the DejaVu fonts (<c>apt-get install fonts-dejavu-core</c>).</summary>
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static PdfFonts? _installed;

    private readonly string _directory;

    private PdfFonts(string directory) => _directory = directory;

    /// <summary>Makes PDFsharp use the DejaVu files in <paramref name="directory"/>; later calls keep the first directory.</summary>
    /// <exception cref="FileNotFoundException">The font files are not there (install <c>fonts-dejavu-core</c>).</exception>
    public static void Use(string? directory = null)
    {
        lock (Gate)
        {
            if (_installed is not null)
            {
                return;
            }

            var resolver = new PdfFonts(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory);
            foreach (var face in new[] { RegularFace, BoldFace })
            {
                var path = resolver.PathOf(face);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"The PDF font {face} is missing: install the Debian package fonts-dejavu-core or set Pdf:FontDirectory.", path);
                }
            }

            GlobalFontSettings.FontResolver = resolver;
            _installed = resolver;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic)
            : null;

    public byte[]? GetFont(string faceName) =>
        faceName is RegularFace or BoldFace ? File.ReadAllBytes(PathOf(faceName)) : null;

    private string PathOf(string face) => Path.Combine(_directory, face + ".ttf");
}
