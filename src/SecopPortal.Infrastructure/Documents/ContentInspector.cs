using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// Recognises an uploaded file by its content (magic bytes), never by its name: PDF, PNG, JPEG, ZIP, and the ZIPs
/// that are DOCX or XLSX. Anything else — an executable renamed <c>informe.pdf</c>, a text file — is refused with a
/// Spanish message.
/// </summary>
/// <remarks>
/// <para>Reads little of a ZIP: its end record and central directory, and of an Office package also its
/// <c>[Content_Types].xml</c> (in memory, at most 1 MiB). A PDF is read once, start to end, in 64 KiB chunks, for
/// JavaScript and launch actions (<see cref="PdfActiveContentScanner"/>); only its object streams are inflated,
/// in memory and within the ZIP limits. Nothing is extracted to disk, here or anywhere else on the server.</para>
/// <para>Active content is refused (docs/product.md §10.4): macros, ActiveX controls and embedded programs in
/// Office documents (<see cref="OfficeActiveContent"/>), JavaScript and launch actions in PDFs.</para>
/// <para>
/// A ZIP's sizes are the ones its central directory declares. Those can lie, so they are used only to refuse
/// (too many entries, too large once uncompressed, suspicious compression ratio), never as a guarantee: a ZIP
/// that passes is still only ever handed back to users as it was uploaded. Archives inside a ZIP (.zip, .rar,
/// .7z, .gz, .tar, .bz2, .xz, .tgz entries) are refused: nothing here decompresses them, so a bomb nested inside
/// one could not be measured, and a contractor's evidence never needs them (docs/product.md §10.4).
/// Office documents (.docx, .xlsx) inside the ZIP are not archives for this rule.
/// </para>
/// </remarks>
public static class ContentInspector
{
    private const int PdfTailBytes = 1024;
    private const int EndOfCentralDirectoryLength = 22;
    private const int MaxZipCommentLength = ushort.MaxValue;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndOfCentralDirectoryLength = 56;

    private static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;

    private static ReadOnlySpan<byte> PdfEndMarker => "%%EOF"u8;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> ZipLocalHeaderSignature => [0x50, 0x4B, 0x03, 0x04];

    private static ReadOnlySpan<byte> ZipEndOfCentralDirectorySignature => [0x50, 0x4B, 0x05, 0x06];

    private static ReadOnlySpan<byte> Zip64LocatorSignature => [0x50, 0x4B, 0x06, 0x07];

    private static ReadOnlySpan<byte> Zip64EndOfCentralDirectorySignature => [0x50, 0x4B, 0x06, 0x06];

    /// <summary>Identifies <paramref name="content"/> and checks it is safe to keep.</summary>
    /// <param name="content">Readable and seekable (a stored file); read from its start, left at any position.</param>
    /// <param name="originalFileName">The user's name for the file, only to word the messages.</param>
    /// <param name="limits">The ZIP limits (entries, uncompressed size, compression ratio).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<InspectionResult> InspectAsync(Stream content, string originalFileName, UploadLimitsOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        if (!content.CanRead || !content.CanSeek)
        {
            throw new ArgumentException("The content must be readable and seekable (inspect the stored file).", nameof(content));
        }

        var name = SafeFileName.ForDisplay(originalFileName);
        var length = content.Length;
        if (length == 0)
        {
            return InspectionResult.Refused(RefusalReason.Empty, UploadMessages.Empty);
        }

        var header = new byte[8];
        content.Position = 0;
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var magic = header.AsSpan(0, headerLength);

        if (magic.StartsWith(PdfSignature))
        {
            if (!await EndsLikeAPdfAsync(content, length, cancellationToken))
            {
                return InspectionResult.Refused(RefusalReason.TruncatedPdf, UploadMessages.TruncatedPdf(name));
            }

            return await PdfActiveContentScanner.ScanAsync(content, limits, cancellationToken) switch
            {
                PdfScanVerdict.ActiveContent => InspectionResult.Refused(RefusalReason.PdfActiveContent, UploadMessages.PdfActiveContent(name)),
                PdfScanVerdict.CompressionRatio => InspectionResult.Refused(RefusalReason.PdfCompressionRatio, UploadMessages.PdfCompressionRatio(name)),
                _ => InspectionResult.Accepted(DetectedType.Pdf),
            };
        }

        if (magic.StartsWith(PngSignature))
        {
            return InspectionResult.Accepted(DetectedType.Png);
        }

        if (magic.StartsWith(JpegSignature))
        {
            return InspectionResult.Accepted(DetectedType.Jpeg);
        }

        if (magic.StartsWith(ZipLocalHeaderSignature) || magic.StartsWith(ZipEndOfCentralDirectorySignature))
        {
            return await InspectZipAsync(content, length, name, limits, cancellationToken);
        }

        return InspectionResult.Refused(RefusalReason.UnrecognisedContent, UploadMessages.Unrecognised(name));
    }

    /// <summary>Whether a ZIP entry is itself an archive, by its name (the entry is never opened).</summary>
    public static bool IsNestedArchive(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        return NestedArchiveExtensions.Any(ext => entryName.EndsWith(ext, StringComparison.OrdinalIgnoreCase));
    }

    private static readonly string[] NestedArchiveExtensions = [".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".zipx", ".cab", ".arj", ".lz", ".lzma", ".z"];

    /// <summary>
    /// Whether a ZIP entry's name could escape the folder it is extracted to, or fool whoever reads it: an
    /// absolute name (<c>/x</c>, <c>\x</c>, <c>\\server\x</c>, <c>C:\x</c>, <c>C:x</c>), a <c>..</c> segment
    /// with either slash (also <c>...</c> or <c>.. </c>, which Windows shortens to <c>..</c>), a control
    /// character (NUL included), or no name at all.
    /// </summary>
    public static bool IsUnsafeZipEntryName(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        if (entryName.Length == 0 || entryName[0] is '/' or '\\')
        {
            return true;
        }

        if (entryName.Length >= 2 && char.IsAsciiLetter(entryName[0]) && entryName[1] == ':')
        {
            return true;
        }

        foreach (var c in entryName)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        foreach (var segment in entryName.Split('/', '\\'))
        {
            if (segment.Contains("..", StringComparison.Ordinal) && segment.AsSpan().Trim(". ").IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> EndsLikeAPdfAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        // A PDF ends with "%%EOF" (possibly followed by a line break or some padding); a cut-off upload does not.
        var tailLength = (int)Math.Min(PdfTailBytes, length);
        var tail = new byte[tailLength];
        content.Position = length - tailLength;
        await content.ReadExactlyAsync(tail, cancellationToken);
        return tail.AsSpan().IndexOf(PdfEndMarker) >= 0;
    }

    private static async Task<InspectionResult> InspectZipAsync(Stream content, long length, string name, UploadLimitsOptions limits, CancellationToken cancellationToken)
    {
        // The end record says how many entries the central directory holds: refuse before ZipArchive
        // materialises them all. (If it understates them, ZipArchive refuses the mismatch, or the count below does.)
        var declaredEntries = await ReadDeclaredEntryCountAsync(content, length, cancellationToken);
        if (declaredEntries > (ulong)limits.MaxZipEntries)
        {
            return InspectionResult.Refused(RefusalReason.ZipTooManyEntries, UploadMessages.ZipTooManyEntries(name, limits.MaxZipEntries));
        }

        content.Position = 0;
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(content, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (Exception ex) when (IsCorruptZip(ex))
        {
            return InspectionResult.Refused(RefusalReason.CorruptZip, UploadMessages.CorruptZip(name));
        }

        await using (archive)
        {
            IReadOnlyCollection<ZipArchiveEntry> entries;
            try
            {
                entries = archive.Entries;
            }
            catch (Exception ex) when (IsCorruptZip(ex))
            {
                return InspectionResult.Refused(RefusalReason.CorruptZip, UploadMessages.CorruptZip(name));
            }

            var verdict = CheckEntries(entries, name, limits);
            if (!verdict.IsAccepted)
            {
                return verdict;
            }

            try
            {
                return await CheckOfficeActiveContentAsync(entries, name, cancellationToken) ?? verdict;
            }
            catch (Exception ex) when (IsCorruptZip(ex))
            {
                return InspectionResult.Refused(RefusalReason.CorruptZip, UploadMessages.CorruptZip(name));
            }
        }
    }

    /// <summary>An Office package (a ZIP with <c>[Content_Types].xml</c>) with macros, ActiveX or an embedded program.</summary>
    private static async Task<InspectionResult?> CheckOfficeActiveContentAsync(IReadOnlyCollection<ZipArchiveEntry> entries, string name, CancellationToken cancellationToken)
    {
        var contentTypes = entries.FirstOrDefault(e => e.FullName.Equals(OfficeActiveContent.ContentTypesPart, StringComparison.OrdinalIgnoreCase));
        if (contentTypes is null)
        {
            return null;
        }

        var reason = entries.Select(e => OfficeActiveContent.FromPartName(e.FullName)).FirstOrDefault(r => r is not null)
                     ?? await OfficeActiveContent.FromContentTypesAsync(contentTypes, cancellationToken);
        return reason switch
        {
            null => null,
            RefusalReason.OfficeMacros => InspectionResult.Refused(RefusalReason.OfficeMacros, UploadMessages.OfficeMacros(name)),
            RefusalReason.OfficeActiveX => InspectionResult.Refused(RefusalReason.OfficeActiveX, UploadMessages.OfficeActiveX(name)),
            RefusalReason.OfficeEmbeddedProgram => InspectionResult.Refused(RefusalReason.OfficeEmbeddedProgram, UploadMessages.OfficeEmbeddedProgram(name)),
            _ => InspectionResult.Refused(RefusalReason.CorruptZip, UploadMessages.CorruptZip(name)),
        };
    }

    private static InspectionResult CheckEntries(IReadOnlyCollection<ZipArchiveEntry> entries, string name, UploadLimitsOptions limits)
    {
        if (entries.Count > limits.MaxZipEntries)
        {
            return InspectionResult.Refused(RefusalReason.ZipTooManyEntries, UploadMessages.ZipTooManyEntries(name, limits.MaxZipEntries));
        }

        long totalUncompressed = 0;
        long totalCompressed = 0;
        bool hasContentTypes = false, hasWordDocument = false, hasWorkbook = false;
        foreach (var entry in entries)
        {
            var entryName = entry.FullName;
            if (IsUnsafeZipEntryName(entryName))
            {
                return InspectionResult.Refused(RefusalReason.ZipUnsafeEntryName, UploadMessages.ZipUnsafeEntryName(name));
            }

            if (IsNestedArchive(entryName))
            {
                return InspectionResult.Refused(RefusalReason.ZipNestedArchive, UploadMessages.ZipNestedArchive(name, entryName));
            }

            // Both are at most long.MaxValue and the sum is checked after every entry, so it cannot overflow.
            var uncompressed = entry.Length;
            var compressed = entry.CompressedLength;
            if (uncompressed < 0 || compressed < 0)
            {
                return InspectionResult.Refused(RefusalReason.CorruptZip, UploadMessages.CorruptZip(name));
            }

            totalUncompressed += Math.Min(uncompressed, limits.MaxZipUncompressedBytes + 1);
            totalCompressed += compressed;
            if (totalUncompressed > limits.MaxZipUncompressedBytes)
            {
                return InspectionResult.Refused(RefusalReason.ZipTooLargeUncompressed, UploadMessages.ZipTooLargeUncompressed(name, limits.MaxZipUncompressedBytes));
            }

            if (RatioTooHigh(uncompressed, compressed, limits))
            {
                return InspectionResult.Refused(RefusalReason.ZipCompressionRatio, UploadMessages.ZipCompressionRatio(name));
            }

            hasContentTypes |= entryName.Equals(OfficeActiveContent.ContentTypesPart, StringComparison.OrdinalIgnoreCase);
            hasWordDocument |= entryName.Equals("word/document.xml", StringComparison.OrdinalIgnoreCase);
            hasWorkbook |= entryName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase);
        }

        if (RatioTooHigh(totalUncompressed, totalCompressed, limits))
        {
            return InspectionResult.Refused(RefusalReason.ZipCompressionRatio, UploadMessages.ZipCompressionRatio(name));
        }

        if (hasContentTypes && hasWordDocument)
        {
            return InspectionResult.Accepted(DetectedType.Docx);
        }

        return InspectionResult.Accepted(hasContentTypes && hasWorkbook ? DetectedType.Xlsx : DetectedType.Zip);
    }

    private static bool RatioTooHigh(long uncompressed, long compressed, UploadLimitsOptions limits)
    {
        // Small content compresses as it likes (a 200 KB text file of spaces is harmless).
        if (uncompressed <= limits.ZipRatioCheckMinBytes)
        {
            return false;
        }

        return compressed <= 0 || (double)uncompressed / compressed > limits.MaxZipCompressionRatio;
    }

    private static bool IsCorruptZip(Exception ex) =>
        ex is InvalidDataException or EndOfStreamException or NotSupportedException or ArgumentOutOfRangeException;

    /// <summary>
    /// The entry count of the end of central directory record (or of its Zip64 version); 0 when there is no
    /// readable end record, which ZipArchive then refuses as corrupt.
    /// </summary>
    private static async Task<ulong> ReadDeclaredEntryCountAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        var tailLength = (int)Math.Min(length, EndOfCentralDirectoryLength + MaxZipCommentLength);
        if (tailLength < EndOfCentralDirectoryLength)
        {
            return 0;
        }

        var tail = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            var tailStart = length - tailLength;
            content.Position = tailStart;
            await content.ReadExactlyAsync(tail.AsMemory(0, tailLength), cancellationToken);
            var record = tail.AsSpan(0, tailLength);
            var at = record[..^(EndOfCentralDirectoryLength - 4)].LastIndexOf(ZipEndOfCentralDirectorySignature);
            if (at < 0)
            {
                return 0;
            }

            var entries = BinaryPrimitives.ReadUInt16LittleEndian(record[(at + 10)..]);
            if (entries != ushort.MaxValue)
            {
                return entries;
            }

            // Zip64: the locator sits right before the end record and points at the Zip64 end record.
            var locatorAt = tailStart + at - Zip64LocatorLength;
            if (locatorAt < 0)
            {
                return entries;
            }

            var locator = new byte[Zip64LocatorLength];
            content.Position = locatorAt;
            await content.ReadExactlyAsync(locator, cancellationToken);
            if (!locator.AsSpan().StartsWith(Zip64LocatorSignature))
            {
                return entries;
            }

            var zip64At = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
            if (length < Zip64EndOfCentralDirectoryLength || zip64At > (ulong)(length - Zip64EndOfCentralDirectoryLength))
            {
                return entries;
            }

            var zip64 = new byte[Zip64EndOfCentralDirectoryLength];
            content.Position = (long)zip64At;
            await content.ReadExactlyAsync(zip64, cancellationToken);
            return zip64.AsSpan().StartsWith(Zip64EndOfCentralDirectorySignature)
                ? BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32))
                : entries;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }
}
