using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>Real files of every kind, generated in memory by the tests (no fixtures on disk).</summary>
public static class TestFiles
{
    /// <summary>A valid one-page PDF (the portal's own minimal builder).</summary>
    /// <param name="padding">Bytes of comment added to the page's content stream, to make it larger.</param>
    public static byte[] Pdf(int padding = 0) => MinimalPdf.Create("Cuenta de cobro", padding: padding);

    /// <summary>A valid 1×1 PNG (one grey pixel): signature, IHDR, IDAT (zlib), IEND, each with its CRC.</summary>
    public static byte[] Png1x1()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1, 8-bit greyscale
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write([0, 0x80]); // filter "none", one grey pixel
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The start of a JPEG (SOI + JFIF APP0 segment + a few bytes).</summary>
    public static byte[] JpegHeader() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")),
        ("_rels/.rels", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")),
        ("word/document.xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Informe de actividades</w:t></w:r></w:p></w:body></w:document>")));

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>")),
        ("_rels/.rels", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Planilla\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")),
        ("xl/worksheets/sheet1.xml", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>")));

    /// <summary>A ZIP with the given entries (deflated).</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A ZIP whose entries have these exact names (each with a few bytes).</summary>
    public static byte[] ZipWithNames(params string[] names) => Zip(names.Select(n => (n, Utf8("contenido"))).ToArray());

    /// <summary>A ZIP with <paramref name="count"/> empty entries.</summary>
    public static byte[] ZipWithEntries(int count)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                archive.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"evidencias/{i:D5}.txt"), CompressionLevel.NoCompression);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A ZIP bomb: one entry of <paramref name="zeroBytes"/> zeros, written 64 KiB at a time (never the whole
    /// content in memory), deflated to about a thousandth of that.
    /// </summary>
    public static byte[] ZipBomb(long zeroBytes)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("evidencias.txt", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[64 * 1024];
            for (long written = 0; written < zeroBytes; written += zeros.Length)
            {
                entry.Write(zeros, 0, (int)Math.Min(zeros.Length, zeroBytes - written));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A Windows executable's first bytes (MZ header, DOS stub text).</summary>
    public static byte[] WindowsExecutable()
    {
        var bytes = new byte[512];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        bytes[2] = 0x90;
        bytes[0x3C] = 0x80;
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(bytes, 0x4E);
        bytes[0x80] = (byte)'P';
        bytes[0x81] = (byte)'E';
        return bytes;
    }

    /// <summary>A Linux executable's first bytes (ELF, 64-bit, little-endian).</summary>
    public static byte[] ElfExecutable()
    {
        var bytes = new byte[256];
        byte[] ident = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0];
        ident.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Text() => Utf8("Cuenta de cobro No. 3 — esto es texto plano, no un PDF.\n");

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>
/// A non-seekable stream of generated bytes (never held in memory), counting what was read; optionally endless,
/// optionally failing after a number of bytes.
/// </summary>
public sealed class GeneratedStream(long length, byte fill = (byte)'a', long throwAfter = -1, byte[]? prefix = null, byte[]? suffix = null) : Stream
{
    private readonly byte[] _prefix = prefix ?? [];
    private readonly byte[] _suffix = suffix ?? [];

    /// <summary>An endless stream.</summary>
    public static GeneratedStream Endless(byte fill = (byte)'a') => new(long.MaxValue, fill);

    public long BytesRead { get; private set; }

    public long ReadCalls { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ReadCalls++;
        if (throwAfter >= 0 && BytesRead >= throwAfter)
        {
            throw new IOException("The client went away.");
        }

        var remaining = length - BytesRead;
        var count = (int)Math.Min(buffer.Length, remaining);
        if (throwAfter >= 0)
        {
            count = (int)Math.Min(count, throwAfter - BytesRead);
        }

        for (var i = 0; i < count; i++)
        {
            var position = BytesRead + i;
            buffer[i] = position < _prefix.Length
                ? _prefix[position]
                : length - position <= _suffix.Length ? _suffix[_suffix.Length - (length - position)] : fill;
        }

        BytesRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A temp folder deleted on dispose; <see cref="AllFiles"/> sees hidden (".tmp-") files too.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"secopportal-documents-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public IReadOnlyList<string> AllFiles(string? under = null) =>
        Directory.EnumerateFiles(under ?? Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'))
            .Where(f => !IsUploadJournal(f))
            .ToList();

    /// <summary>Whether a path is in the stores' upload journals (<c>.uploads/</c>, ADR 0021) rather than a document.</summary>
    public static bool IsUploadJournal(string path) =>
        path.Replace('\\', '/').Split('/').Contains(SecopPortal.Infrastructure.Documents.UploadJournal.FolderName);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
