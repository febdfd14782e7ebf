using System.Text.RegularExpressions;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Documents;

public sealed class FileSystemDocumentStoreTests : IDisposable
{
    private static readonly DateTimeOffset March2026 = new(2026, 3, 15, 14, 30, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FileSystemDocumentStore _store;

    public FileSystemDocumentStoreTests()
    {
        _store = new FileSystemDocumentStore(System.IO.Path.Combine(_folder.Path, "documents"), new ManualClock(March2026));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Save_returns_a_generated_key_the_known_sha256_and_the_size()
    {
        using var content = new MemoryStream("abc"u8.ToArray());

        var stored = await _store.SaveAsync(content, 1024, CancellationToken.None);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", stored.Sha256);
        Assert.Equal(3, stored.SizeBytes);
        Assert.Matches(new Regex("^2026/03/[0-9a-f]{32}$"), stored.StorageKey);
        Assert.True(DocumentStorageKey.IsValid(stored.StorageKey));
    }

    [Fact]
    public async Task Saved_bytes_read_back_identical()
    {
        var bytes = TestFiles.RandomBytes(3 * 1024 * 1024 + 17);
        var stored = await _store.SaveAsync(new GeneratedStreamOver(bytes), bytes.Length, CancellationToken.None);

        await using var read = await _store.OpenReadAsync(stored.StorageKey, CancellationToken.None);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal(TestFiles.Sha256Hex(bytes), stored.Sha256);
    }

    [Fact]
    public async Task Two_uploads_of_the_same_file_get_different_keys()
    {
        var first = await _store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);
        var second = await _store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);

        Assert.NotEqual(first.StorageKey, second.StorageKey);
        Assert.Equal(first.Sha256, second.Sha256);
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_stored()
    {
        var stored = await _store.SaveAsync(new GeneratedStream(1000), 1000, CancellationToken.None);

        Assert.Equal(1000, stored.SizeBytes);
    }

    [Fact]
    public async Task Oversize_upload_stops_reading_at_the_limit_and_leaves_nothing_behind()
    {
        const long maxBytes = 2 * 1024 * 1024;
        var content = new GeneratedStream(maxBytes + 1);

        var error = await Assert.ThrowsAsync<DocumentTooLargeException>(() => _store.SaveAsync(content, maxBytes, CancellationToken.None));

        Assert.Equal(maxBytes, error.MaxBytes);
        Assert.Equal(maxBytes + 1, content.BytesRead);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Endless_upload_is_cut_off_right_after_the_first_byte_over_the_limit()
    {
        const long maxBytes = 25L * 1024 * 1024;
        var content = GeneratedStream.Endless();

        await Assert.ThrowsAsync<DocumentTooLargeException>(() => _store.SaveAsync(content, maxBytes, CancellationToken.None));

        Assert.Equal(maxBytes + 1, content.BytesRead);
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Upload_failing_mid_stream_leaves_no_temporary_file()
    {
        var content = new GeneratedStream(10 * 1024 * 1024, throwAfter: 3 * 1024 * 1024 + 5);

        await Assert.ThrowsAsync<IOException>(() => _store.SaveAsync(content, 25L * 1024 * 1024, CancellationToken.None));

        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Cancelled_upload_leaves_no_temporary_file()
    {
        using var cancellation = new CancellationTokenSource();
        var content = new CancellingStream(new GeneratedStream(10 * 1024 * 1024), cancelAfter: 1024 * 1024, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.SaveAsync(content, 25L * 1024 * 1024, cancellation.Token));

        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Successful_save_leaves_only_the_final_file()
    {
        var stored = await _store.SaveAsync(new GeneratedStream(500_000), 1_000_000, CancellationToken.None);

        var files = _folder.AllFiles();
        Assert.Equal(["documents/" + stored.StorageKey], files);
        Assert.DoesNotContain(files, f => f.Contains(".tmp-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("2026/03/../../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("\\\\server\\share\\x")]
    [InlineData("2026\\03\\abc")]
    [InlineData("2026//abc")]
    [InlineData("./2026/abc")]
    [InlineData(".ssh/id_rsa")]
    [InlineData("2026/03/.tmp-0123456789abcdef0123456789abcdef")]
    [InlineData("2026/03/abc%2f..")]
    [InlineData("2026/03/ab c")]
    [InlineData("")]
    public async Task Crafted_keys_are_refused_before_touching_the_disk(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync(key, CancellationToken.None));
        Assert.False(DocumentStorageKey.IsValid(key));
    }

    [Fact]
    public async Task Delete_with_a_traversal_key_leaves_the_file_outside_the_store_alone()
    {
        var outside = System.IO.Path.Combine(_folder.Path, "secret.txt");
        await File.WriteAllTextAsync(outside, "no tocar");

        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync("../secret.txt", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(outside, CancellationToken.None));

        Assert.True(File.Exists(outside));
    }

    [Theory]
    [InlineData("2026/03/0123456789abcdef0123456789abcdef", true)]
    [InlineData("2026/03/.tmp-0123456789abcdef0123456789abcdef", true)]
    [InlineData("demo/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.pdf", false)]
    [InlineData("README.txt", false)]
    [InlineData("2026/03/0123456789ABCDEF0123456789ABCDEF", false)]
    [InlineData("2026/03/x/0123456789abcdef0123456789abcdef", false)]
    public void Only_keys_the_store_generates_count_as_generated(string key, bool generated)
    {
        Assert.Equal(generated, DocumentStorageKey.IsGenerated(key));
    }

    [Fact]
    public async Task A_key_that_was_never_stored_is_not_found()
    {
        var error = await Assert.ThrowsAsync<DocumentNotFoundException>(() => _store.OpenReadAsync("2026/03/0123456789abcdef0123456789abcdef", CancellationToken.None));

        Assert.IsAssignableFrom<FileNotFoundException>(error);
        Assert.Equal("2026/03/0123456789abcdef0123456789abcdef", error.StorageKey);
    }

    [Fact]
    public async Task Delete_is_idempotent()
    {
        var stored = await _store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);

        await _store.DeleteAsync(stored.StorageKey, CancellationToken.None);
        await _store.DeleteAsync(stored.StorageKey, CancellationToken.None);
        await _store.DeleteAsync("1999/01/0123456789abcdef0123456789abcdef", CancellationToken.None);

        await Assert.ThrowsAsync<DocumentNotFoundException>(() => _store.OpenReadAsync(stored.StorageKey, CancellationToken.None));
        Assert.Empty(_folder.AllFiles());
    }

    [Fact]
    public async Task Demo_data_keys_are_readable()
    {
        var pdf = TestFiles.Pdf();
        var hash = TestFiles.Sha256Hex(pdf);
        var folder = System.IO.Path.Combine(_store.RootPath, "demo");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(System.IO.Path.Combine(folder, $"{hash}.pdf"), pdf);

        await using var read = await _store.OpenReadAsync($"demo/{hash}.pdf", CancellationToken.None);

        Assert.Equal(pdf.Length, read.Length);
    }

    [Fact]
    public async Task List_reports_stored_files_and_leftover_temporary_files()
    {
        var stored = await _store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None);
        var leftover = System.IO.Path.Combine(_store.RootPath, "2026", "03", ".tmp-0123456789abcdef0123456789abcdef");
        await File.WriteAllTextAsync(leftover, "medio archivo");
        await File.WriteAllTextAsync(System.IO.Path.Combine(_store.RootPath, "LEEME con espacios.txt"), "no es del almacén");

        var listed = new List<StoredFileInfo>();
        await foreach (var file in _store.ListAsync(CancellationToken.None))
        {
            listed.Add(file);
        }

        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, f => f.StorageKey == stored.StorageKey && !f.IsTemporary);
        Assert.Contains(listed, f => f.StorageKey == "2026/03/.tmp-0123456789abcdef0123456789abcdef" && f.IsTemporary);
        Assert.All(listed, f => Assert.True(f.LastWriteTimeUtc > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    /// <summary>A non-seekable view of a byte array.</summary>
    private sealed class GeneratedStreamOver(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Cancels a token once that many bytes went through (a user closing the browser tab mid-upload).</summary>
    private sealed class CancellingStream(GeneratedStream inner, long cancelAfter, CancellationTokenSource cancellation) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (inner.BytesRead >= cancelAfter)
            {
                await cancellation.CancelAsync();
            }

            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
