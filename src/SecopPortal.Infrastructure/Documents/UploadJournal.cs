using System.Globalization;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// What one running <see cref="FileSystemDocumentStore"/> is in the middle of writing, so that after a crash (kill -9,
/// out of memory, a power cut of the container) another process can tell the dead process's leftovers from a live
/// instance's uploads in progress and remove them at once (ADR 0021).
/// </summary>
/// <remarks>
/// <para>
/// Each store object owns the folder <c>&lt;root&gt;/.uploads/&lt;instance id&gt;/</c> (a new id per object) and keeps its
/// <c>owner.lock</c> open with <see cref="FileShare.None"/> for its whole life. On Linux .NET takes an exclusive
/// <c>flock</c> on it, which the kernel drops when the process dies however it dies: a folder whose lock can be taken
/// belongs to a process that is gone. The folder is prepared as <c>&lt;id&gt;.starting</c> and renamed once its lock is
/// held, so a folder that has its final name always has a held lock while its owner lives (the lock belongs to the open
/// file, not to the name).
/// </para>
/// <para>
/// Before an upload writes a byte, the store creates an empty entry named after the key it will have
/// (<c>yyyy-MM-&lt;32 hex&gt;</c> for <c>yyyy/MM/&lt;32 hex&gt;</c>, the temporary file being <c>yyyy/MM/.tmp-&lt;32 hex&gt;</c>).
/// The entry goes when the file's fate no longer depends on this process: the upload failed (its file deleted), the file
/// was deleted, or the caller settled it (its row committed, or the file handed on to a later request and so to the
/// grace-period sweep). Entries are not flushed to disk: a machine crash may lose them, and then the periodic sweep
/// (one-hour grace period) is the safety net, as before.
/// </para>
/// </remarks>
public sealed class UploadJournal : IDisposable
{
    /// <summary>The folder of every instance's journal, under the store's root (hidden: no key can start with a dot).</summary>
    public const string FolderName = ".uploads";

    /// <summary>The file each owner keeps locked.</summary>
    public const string LockFileName = "owner.lock";

    /// <summary>
    /// The subfolder where the portal process that owns this journal has ASP.NET Core buffer the multipart files of the
    /// requests it receives (<c>ASPNETCORE_TEMP</c>, see <c>FormBuffers</c> in the web project): the buffers go with the journal
    /// when the process is gone, and are on the store's volume.
    /// </summary>
    public const string BuffersFolderName = "buffers";

    private const string StartingSuffix = ".starting";

    private readonly FileStream _lock;
    private bool _disposed;

    /// <summary>Creates this instance's journal under <paramref name="root"/> and locks it for the life of the object.</summary>
    public UploadJournal(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        InstanceId = Guid.NewGuid();
        var journals = Path.Combine(root, FolderName);
        var starting = Path.Combine(journals, InstanceId.ToString("N") + StartingSuffix);
        Folder = Path.Combine(journals, InstanceId.ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            // Creating the file with FileShare.None is atomic there (and a folder with an open file cannot be renamed).
            Directory.CreateDirectory(Path.Combine(Folder, BuffersFolderName));
            _lock = CreateLock(Folder);
            return;
        }

        // On Unix the lock is an flock taken just after the file is created: prepared under another name, so that no
        // sweeper can take the lock in between and think the folder is a dead instance's.
        Directory.CreateDirectory(Path.Combine(starting, BuffersFolderName));
        _lock = CreateLock(starting);
        try
        {
            Directory.Move(starting, Folder);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }

        static FileStream CreateLock(string folder) => new(Path.Combine(folder, LockFileName), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
        });
    }

    /// <summary>This object's id: the name of its folder.</summary>
    public Guid InstanceId { get; }

    /// <summary>The absolute folder of this journal.</summary>
    public string Folder { get; }

    /// <summary>The absolute folder for this process's form buffers (<see cref="BuffersFolderName"/>), created with the journal.</summary>
    public string BuffersFolder => Path.Combine(Folder, BuffersFolderName);

    /// <summary>The journal entry's name for a generated key (or its temporary file); null for any other key.</summary>
    public static string? EntryNameFor(string storageKey)
    {
        if (!DocumentStorageKey.IsGenerated(storageKey))
        {
            return null;
        }

        var segments = storageKey.Split('/');
        var name = segments[2].StartsWith(DocumentStorageKey.TemporaryPrefix, StringComparison.Ordinal)
            ? segments[2][DocumentStorageKey.TemporaryPrefix.Length..]
            : segments[2];
        return string.Create(CultureInfo.InvariantCulture, $"{segments[0]}-{segments[1]}-{name}");
    }

    /// <summary>The key an entry stands for (<c>yyyy-MM-x</c> → <c>yyyy/MM/x</c>); null when the name is no entry's.</summary>
    public static string? KeyFor(string entryName)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        if (entryName.Length < 9 || entryName[4] != '-' || entryName[7] != '-')
        {
            return null;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"{entryName[..4]}/{entryName[5..7]}/{entryName[8..]}");
        return DocumentStorageKey.IsGenerated(key) && !DocumentStorageKey.IsTemporary(key) ? key : null;
    }

    /// <summary>The temporary file's key of a generated key (<c>yyyy/MM/x</c> → <c>yyyy/MM/.tmp-x</c>).</summary>
    public static string TemporaryKeyFor(string storageKey)
    {
        ArgumentNullException.ThrowIfNull(storageKey);
        var slash = storageKey.LastIndexOf('/');
        return string.Concat(storageKey.AsSpan(0, slash + 1), DocumentStorageKey.TemporaryPrefix, storageKey.AsSpan(slash + 1));
    }

    /// <summary>Records that an upload to <paramref name="storageKey"/> is about to be written.</summary>
    public void Begin(string storageKey)
    {
        var name = EntryNameFor(storageKey) ?? throw new ArgumentException("Not a generated storage key.", nameof(storageKey));
        ObjectDisposedException.ThrowIf(_disposed, this);
        using (new FileStream(Path.Combine(Folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
        }
    }

    /// <summary>Forgets <paramref name="storageKey"/> (nothing happens if it was never recorded, or by another instance).</summary>
    public void End(string storageKey)
    {
        var name = EntryNameFor(storageKey);
        if (name is null || _disposed)
        {
            return;
        }

        try
        {
            File.Delete(Path.Combine(Folder, name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next start-up sweep, which judges it by the database: harmless.
        }
    }

    /// <summary>The keys of the uploads recorded and not yet ended (for tests and diagnostics).</summary>
    public IReadOnlyList<string> Pending() =>
        Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Select(n => KeyFor(n!)).OfType<string>().ToList();

    /// <summary>
    /// Releases the lock. The form buffers are deleted (the host has stopped serving when the store is disposed). The
    /// folder is removed when nothing is pending; otherwise it stays for the next start-up sweep (its lock is free now, so
    /// it is judged like a dead instance's: by the database).
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var empty = false;
        try
        {
            // A buffer that cannot be deleted keeps the lock file, so the next start-up sweep finds the folder and tries again.
            DeleteBuffers(BuffersFolder);
            empty = Pending().Count == 0;
            if (empty)
            {
                File.Delete(Path.Combine(Folder, LockFileName));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            empty = false;
        }

        _lock.Dispose();
        if (empty)
        {
            TryDeleteFolder(Folder);
        }
    }

    /// <summary>
    /// The journals under <paramref name="root"/> whose owner is gone, each locked by the returned object until it is
    /// disposed; a live instance's journal (its lock held) and folders still being prepared are never returned.
    /// </summary>
    public static IEnumerable<DeadUploadJournal> FindDead(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var journals = Path.Combine(root, FolderName);
        if (!Directory.Exists(journals))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(journals))
        {
            var name = Path.GetFileName(folder);
            if (name.Length != 32 || !name.All(char.IsAsciiHexDigitLower))
            {
                continue; // "<id>.starting": an instance preparing its journal (or one that died within that instant: empty)
            }

            FileStream? held;
            try
            {
                held = new FileStream(Path.Combine(folder, LockFileName), new FileStreamOptions
                {
                    Mode = FileMode.Open,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Locked: its owner lives. Missing: another sweeper has just finished with it.
                continue;
            }

            yield return new DeadUploadJournal(folder, held);
        }
    }

    /// <summary>
    /// Deletes the form buffers folder and what is in it; returns how many files were deleted. Throws when one could not
    /// be (the folder stays, with the files not deleted, for the next start-up sweep).
    /// </summary>
    internal static int DeleteBuffers(string buffers)
    {
        if (!Directory.Exists(buffers))
        {
            return 0;
        }

        var files = Directory.GetFiles(buffers, "*", SearchOption.AllDirectories);
        Directory.Delete(buffers, recursive: true);
        return files.Length;
    }

    internal static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not empty (something not ours in it) or already gone.
        }
    }
}

/// <summary>A dead instance's journal, locked by this process until disposed (see <see cref="UploadJournal.FindDead"/>).</summary>
public sealed class DeadUploadJournal : IDisposable
{
    private readonly FileStream _lock;

    internal DeadUploadJournal(string folder, FileStream heldLock)
    {
        Folder = folder;
        _lock = heldLock;
    }

    /// <summary>The absolute folder.</summary>
    public string Folder { get; }

    /// <summary>The keys of the uploads the dead instance had started and not settled.</summary>
    public IReadOnlyList<string> PendingKeys() =>
        Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Select(n => UploadJournal.KeyFor(n!)).OfType<string>().ToList();

    /// <summary>Removes the entry of <paramref name="storageKey"/>.</summary>
    public void Remove(string storageKey)
    {
        var name = UploadJournal.EntryNameFor(storageKey) ?? throw new ArgumentException("Not a generated storage key.", nameof(storageKey));
        File.Delete(Path.Combine(Folder, name));
    }

    /// <summary>
    /// Deletes the form buffers the dead process left (requests it was receiving when it died: users' documents); returns
    /// how many files that was.
    /// </summary>
    public int RemoveBuffers() => UploadJournal.DeleteBuffers(Path.Combine(Folder, UploadJournal.BuffersFolderName));

    /// <summary>Removes the lock file and the folder (only when nothing else is left in it), then lets the lock go.</summary>
    public void Remove()
    {
        File.Delete(Path.Combine(Folder, UploadJournal.LockFileName));
        _lock.Dispose();
        UploadJournal.TryDeleteFolder(Folder);
    }

    public void Dispose() => _lock.Dispose();
}
