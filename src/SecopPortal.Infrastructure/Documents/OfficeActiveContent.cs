using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// Active content in an Office Open XML package (a ZIP with <c>[Content_Types].xml</c>: DOCX, XLSX, and their
/// macro-enabled twins DOCM, XLSM, …): VBA macros, Excel 4.0 macro sheets, ActiveX controls and programs embedded
/// as OLE objects. Judged by the parts' names and by the content types the package declares; the only part read
/// is <c>[Content_Types].xml</c>, in memory and at most <see cref="MaxContentTypesBytes"/>.
/// </summary>
internal static class OfficeActiveContent
{
    /// <summary>A real <c>[Content_Types].xml</c> is a few KiB; a larger one (or one longer than declared) is refused as damaged.</summary>
    public const int MaxContentTypesBytes = 1024 * 1024;

    public const string ContentTypesPart = "[Content_Types].xml";

    private static readonly string[] MacroFileNames = ["vbaProject.bin", "vbaProjectSignature.bin", "vbaProjectSignatureAgile.bin", "vbaData.xml"];

    private static readonly string[] MacroContentTypes = ["macroEnabled", "vnd.ms-office.vbaProject", "vbaData", "macrosheet"];

    private static readonly string[] MacroEnabledExtensions = [".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppam", ".ppsm", ".sldm"];

    private static readonly string[] ProgramExtensions =
        [".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".dll", ".cpl", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".hta", ".jar", ".lnk"];

    /// <summary>Why a part of this name is refused, or null.</summary>
    public static RefusalReason? FromPartName(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        var segments = entryName.Split('/', '\\');
        var fileName = segments[^1];
        if (MacroFileNames.Any(n => fileName.Equals(n, StringComparison.OrdinalIgnoreCase))
            || segments.Any(s => s.Equals("macrosheets", StringComparison.OrdinalIgnoreCase)))
        {
            return RefusalReason.OfficeMacros;
        }

        if (segments.Any(s => s.Equals("activeX", StringComparison.OrdinalIgnoreCase)))
        {
            return RefusalReason.OfficeActiveX;
        }

        if (segments.Any(s => s.Equals("embeddings", StringComparison.OrdinalIgnoreCase)))
        {
            if (HasExtension(fileName, MacroEnabledExtensions))
            {
                return RefusalReason.OfficeMacros;
            }

            if (HasExtension(fileName, ProgramExtensions))
            {
                return RefusalReason.OfficeEmbeddedProgram;
            }
        }

        return null;
    }

    /// <summary>Why the content types a package declares are refused (macro-enabled, VBA, ActiveX), or null.</summary>
    public static async Task<RefusalReason?> FromContentTypesAsync(ZipArchiveEntry contentTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contentTypes);
        if (contentTypes.Length > MaxContentTypesBytes)
        {
            return RefusalReason.CorruptZip;
        }

        // The declared length may lie: read one byte more than declared to find out.
        var declaredLength = (int)contentTypes.Length;
        var buffer = new byte[declaredLength + 1];
        int length;
        var part = await contentTypes.OpenAsync(cancellationToken);
        await using (part)
        {
            length = await part.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }

        if (length > declaredLength)
        {
            return RefusalReason.CorruptZip;
        }

        var declared = DeclaredContentTypes(buffer.AsSpan(0, length).ToArray());
        if (MacroContentTypes.Any(t => declared.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            return RefusalReason.OfficeMacros;
        }

        return declared.Contains("vnd.ms-office.activeX", StringComparison.OrdinalIgnoreCase) ? RefusalReason.OfficeActiveX : null;
    }

    /// <summary>
    /// The ContentType attributes, entities resolved (<c>macro&#69;nabled</c>); the whole text when it is not
    /// well-formed XML (Office would not open it, but nothing is lost by looking).
    /// </summary>
    private static string DeclaredContentTypes(byte[] xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxContentTypesBytes * 2L };
        var declared = new StringBuilder();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute("ContentType") is { } contentType)
                {
                    declared.Append(contentType).Append('\n');
                }
            }

            return declared.ToString();
        }
        catch (XmlException)
        {
            using var text = new StreamReader(new MemoryStream(xml, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return text.ReadToEnd();
        }
    }

    private static bool HasExtension(string fileName, string[] extensions) =>
        extensions.Any(ext => fileName.EndsWith(ext, StringComparison.OrdinalIgnoreCase));
}
