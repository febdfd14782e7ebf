using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// <see cref="IDocumentStore"/> on a folder (<c>Storage:Root</c>). A document is written to
/// <c>yyyy/MM/.tmp-&lt;guid&gt;</c> in its target folder, hashed and size-checked while it streams through a fixed
/// 80 KiB buffer, flushed to disk, then renamed (atomically, never overwriting) to <c>yyyy/MM/&lt;guid&gt;</c>. A
/// failure at any point deletes the temporary file, so a reader never sees a half-written document and a failed
/// upload leaves nothing behind. A crash of the process itself leaves a <c>.tmp-</c> file, or a finished file whose row was
/// never committed: each upload is recorded in this object's <see cref="UploadJournal"/> before it starts, so the next
/// start-up removes those at once (<see cref="CrashedUploadSweeper"/>); <see cref="DocumentSweeper"/> remains the safety net.
/// </summary>
public sealed class FileSystemDocumentStore : IDocumentStore, IDisposable
{
    /// <summary>Size of the copy buffer: the only memory an upload takes, whatever its size.</summary>
    public const int BufferSize = 80 * 1024;

    private readonly string _root;
    private readonly string _rootWithSeparator;
    private readonly TimeProvider _clock;

    /// <param name="rootPath">The folder; created when missing. Made absolute.</param>
    /// <param name="clock">Dates the key's folders (<c>yyyy/MM</c>, UTC).</param>
    public FileSystemDocumentStore(string rootPath, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        ArgumentNullException.ThrowIfNull(clock);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        _rootWithSeparator = _root + Path.DirectorySeparatorChar;
        _clock = clock;
        Directory.CreateDirectory(_root);
        Journal = new UploadJournal(_root);
    }

    /// <summary>The absolute folder documents are kept in.</summary>
    public string RootPath => _root;

    /// <summary>This object's record of the uploads it has started and not yet settled.</summary>
    public UploadJournal Journal { get; }

    /// <inheritdoc />
    public async Task<StoredDocument> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (!content.CanRead)
        {
            throw new ArgumentException("The content stream cannot be read.", nameof(content));
        }

        var now = _clock.GetUtcNow();
        var year = now.ToString("yyyy", CultureInfo.InvariantCulture);
        var month = now.ToString("MM", CultureInfo.InvariantCulture);
        var name = Guid.NewGuid().ToString("N");
        var key = $"{year}/{month}/{name}";
        var folder = Path.Combine(_root, year, month);
        var finalPath = Path.Combine(folder, name);
        var tempPath = Path.Combine(folder, DocumentStorageKey.TemporaryPrefix + name);
        Directory.CreateDirectory(folder);
        Journal.Begin(key);

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            var file = new FileStream(tempPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                BufferSize = 0, // the copy buffer is the only buffer
            });
            await using (file)
            {
                while (true)
                {
                    // Never ask for more than one byte past the limit: an oversize upload is detected on the
                    // first excess byte, not after reading the rest of it.
                    var wanted = (int)Math.Min(BufferSize, maxBytes - total + 1);
                    var read = await content.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                    if (total > maxBytes)
                    {
                        throw new DocumentTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(tempPath, finalPath, overwrite: false);
            return new StoredDocument(key, Convert.ToHexStringLower(hash.GetHashAndReset()), total);
        }
        catch
        {
            TryDelete(tempPath);
            Journal.End(key);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        var path = PathFor(storageKey, allowTemporary: false);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Stream stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 16 * 1024,
            });
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw DocumentNotFoundException.ForKey(storageKey, ex);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string storageKey, CancellationToken cancellationToken)
    {
        var path = PathFor(storageKey, allowTemporary: true);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone, folder and all.
        }

        Journal.End(storageKey);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Settle(IEnumerable<string> storageKeys)
    {
        ArgumentNullException.ThrowIfNull(storageKeys);
        foreach (var key in storageKeys)
        {
            Journal.End(key);
        }
    }

    /// <summary>Lets the journal's lock go (see <see cref="UploadJournal.Dispose"/>).</summary>
    public void Dispose() => Journal.Dispose();

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredFileInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!Directory.Exists(_root))
        {
            yield break;
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            MatchType = MatchType.Simple,

            // The default skips hidden files, i.e. every ".tmp-" file on Unix; symbolic links are not followed.
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        foreach (var path in Directory.EnumerateFiles(_root, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!DocumentStorageKey.IsValidOrTemporary(key))
            {
                continue;
            }

            DateTime lastWrite;
            try
            {
                lastWrite = File.GetLastWriteTimeUtc(path);
            }
            catch (IOException)
            {
                continue;
            }

            if (lastWrite.Year <= 1601)
            {
                continue; // deleted between listing and stat
            }

            yield return new StoredFileInfo(key, new DateTimeOffset(lastWrite, TimeSpan.Zero), DocumentStorageKey.IsTemporary(key));
        }
    }

    private string PathFor(string storageKey, bool allowTemporary)
    {
        var valid = allowTemporary ? DocumentStorageKey.IsValidOrTemporary(storageKey) : DocumentStorageKey.IsValid(storageKey);
        if (!valid)
        {
            throw new ArgumentException("Not a document storage key.", nameof(storageKey));
        }

        // Defence in depth: the shape check already rules out every way out of the root.
        var path = Path.GetFullPath(Path.Combine(_root, storageKey.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a document storage key.", nameof(storageKey));
        }

        return path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the sweep.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
