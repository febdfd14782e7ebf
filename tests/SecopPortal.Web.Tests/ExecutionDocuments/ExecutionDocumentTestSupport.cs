using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.ExecutionDocuments;

internal static class ExecutionDocumentPages
{
    public static string New(int contractId) => $"/contratos/{Id(contractId)}/documentos/nuevo";

    public static string Detail(int contractId, int documentId) => $"/contratos/{Id(contractId)}/documentos/{Id(documentId)}";

    public static string Download(int contractId, int documentId) => $"/contratos/{Id(contractId)}/documentos/{Id(documentId)}/descargar";

    public static string Contract(int contractId) => $"/contratos/{Id(contractId)}";

    /// <summary>What a browser posts for "Anexar": the description, the file and the form's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int contractId, string description, string fileName, HttpContent file, string? token = null)
    {
        token ??= await PortalHttp.GetAntiforgeryTokenAsync(client, New(contractId));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(description, Encoding.UTF8), "Description" },
        };
        file.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "File", fileName);
        form.Add(new StringContent(token), PortalHttp.AntiforgeryFieldName);
        return await client.PostAsync(new Uri(New(contractId), UriKind.Relative), form);
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, int contractId, string description, string fileName, byte[] bytes, string? token = null) =>
        UploadAsync(client, contractId, description, fileName, new ByteArrayContent(bytes), token);

    /// <summary>The document id at the end of a "Detalle" link of the contract page's documents table, by description.</summary>
    public static int DocumentIdFromRow(AngleSharp.Dom.IElement row)
    {
        var href = row.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Detalle").GetAttribute("href")!;
        return int.Parse(href.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>Every file the document store holds (the folder may not exist yet).</summary>
    public static IReadOnlyList<string> StoredFiles(string root) =>
        Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !SecopPortal.Web.Tests.Documents.TempFolder.IsUploadJournal(f)).ToArray() : [];

    /// <summary>Sixty bytes that start like a Windows executable.</summary>
    public static byte[] Executable() =>
        [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.\r\n$")];

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A PDF of exactly <see cref="Stream.Length"/> bytes generated as it is read ("%PDF-1.4", spaces, "%%EOF"), so a
/// test can upload tens of megabytes without holding them in memory.
/// </summary>
internal sealed class GeneratedPdfStream(long length, bool seekable = true) : Stream
{
    private static readonly byte[] Head = Encoding.ASCII.GetBytes("%PDF-1.4\n%generated\n");
    private static readonly byte[] Tail = Encoding.ASCII.GetBytes("\n%%EOF\n");
    private long _position;

    public override bool CanRead => true;

    /// <summary>Seekable (the default), HttpClient knows the form's length and sends Content-Length, as browsers do; otherwise it sends the form chunked.</summary>
    public override bool CanSeek => seekable;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[offset + i] = at < Head.Length ? Head[at]
                : at >= length - Tail.Length ? Tail[at - (length - Tail.Length)]
                : (byte)' ';
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public static HttpContent Content(long length, bool announceLength = true)
    {
        var content = new StreamContent(new GeneratedPdfStream(length, seekable: announceLength), 80 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Headers.ContentLength = length;
        return content;
    }
}
