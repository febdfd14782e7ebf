using Microsoft.Extensions.Logging.Abstractions;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Tests.Documents;

/// <summary>
/// The start-up sweep (ADR 0021): what a dead instance left of its uploads goes at once, what a live one is writing is
/// never touched. A "dead" instance is a store object whose journal lock was let go with uploads still unsettled, which
/// is what the kernel leaves when a process dies.
/// </summary>
public sealed class CrashedUploadSweeperTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystemDocumentStore _self;

    public CrashedUploadSweeperTests()
    {
        _self = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
    }

    public void Dispose()
    {
        _self.Dispose();
        _folder.Dispose();
    }

    private string PathOf(string key) => Path.Combine(_folder.Path, key);

    private static async Task<string> SaveAsync(FileSystemDocumentStore store) =>
        (await store.SaveAsync(new MemoryStream(TestFiles.Pdf()), 1_000_000, CancellationToken.None)).StorageKey;

    /// <summary>An upload that died while its bytes were being written: only the temporary file is there.</summary>
    private async Task<string> DiedWhileWritingAsync(FileSystemDocumentStore store)
    {
        var key = await SaveAsync(store);
        File.Move(PathOf(key), PathOf(UploadJournal.TemporaryKeyFor(key)));
        return key;
    }

    private CrashedUploadSweeper Sweeper(params string[] referenced) =>
        new(_self, new FixedKeys(referenced), NullLogger<CrashedUploadSweeper>.Instance);

    /// <summary>A multipart file ASP.NET Core is buffering for a request (its names are ASPNETCORE_&lt;guid&gt;.tmp).</summary>
    private static string Buffer(UploadJournal journal)
    {
        Directory.CreateDirectory(journal.BuffersFolder);
        var path = Path.Combine(journal.BuffersFolder, $"ASPNETCORE_{Guid.NewGuid()}.tmp");
        File.WriteAllBytes(path, TestFiles.Pdf());
        return path;
    }

    private string[] JournalFolders() => Directory.GetDirectories(Path.Combine(_folder.Path, UploadJournal.FolderName)).Select(Path.GetFileName).ToArray()!;

    [Fact]
    public async Task Start_up_sweep_deletes_a_dead_instances_unreferenced_and_temporary_files_and_keeps_its_referenced_one()
    {
        var dead = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        var unreferenced = await SaveAsync(dead);
        var committed = await SaveAsync(dead);
        var writing = await DiedWhileWritingAsync(dead);
        dead.Dispose();
        Assert.True(Directory.Exists(dead.Journal.Folder), "a journal with unsettled uploads outlives its owner");
        // What a killed process leaves and a stopped one does not: the form buffers of the requests it was receiving.
        var buffers = new[] { Buffer(dead.Journal), Buffer(dead.Journal) };

        var result = await Sweeper(committed).SweepAsync(CancellationToken.None);

        Assert.False(File.Exists(PathOf(unreferenced)));
        Assert.True(File.Exists(PathOf(committed)));
        Assert.False(File.Exists(PathOf(UploadJournal.TemporaryKeyFor(writing))));
        Assert.False(Directory.Exists(dead.Journal.Folder));
        Assert.Equal([_self.Journal.InstanceId.ToString("N")], JournalFolders());
        Assert.All(buffers, b => Assert.False(File.Exists(b)));
        Assert.Equal(new CrashedUploadSweepResult(1, 3, 1, 1, 1, 2, 0, result.Elapsed), result);
        Assert.Equal([committed], _folder.AllFiles());
    }

    [Fact]
    public async Task Start_up_sweep_leaves_a_live_instances_uploads_alone()
    {
        using var live = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        var saved = await SaveAsync(live);
        var writing = await DiedWhileWritingAsync(live);
        var buffer = Buffer(live.Journal);

        var result = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.True(File.Exists(buffer));
        Assert.True(File.Exists(PathOf(saved)));
        Assert.True(File.Exists(PathOf(UploadJournal.TemporaryKeyFor(writing))));
        Assert.Equal(new[] { saved, writing }.Order(StringComparer.Ordinal), live.Journal.Pending().Order(StringComparer.Ordinal));
        Assert.Equal(0, result.DeadInstances);
    }

    [Fact]
    public async Task Start_up_sweep_leaves_alone_a_journal_whose_lock_another_file_handle_holds()
    {
        var other = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        var saved = await SaveAsync(other);
        other.Dispose();

        // Someone else (another process, as far as the sweep can tell) holds the lock again.
        using (new FileStream(Path.Combine(other.Journal.Folder, UploadJournal.LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var result = await Sweeper().SweepAsync(CancellationToken.None);

            Assert.Equal(0, result.DeadInstances);
            Assert.True(File.Exists(PathOf(saved)));
        }

        // Once it is let go, the journal is a dead one's.
        var after = await Sweeper().SweepAsync(CancellationToken.None);
        Assert.Equal(1, after.DeletedUnreferenced);
        Assert.False(File.Exists(PathOf(saved)));
    }

    [Fact]
    public async Task Start_up_sweep_leaves_alone_a_journal_still_being_prepared()
    {
        var other = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        var saved = await SaveAsync(other);
        other.Dispose();
        var starting = other.Journal.Folder + ".starting";
        Directory.Move(other.Journal.Folder, starting);

        var result = await Sweeper().SweepAsync(CancellationToken.None);

        Assert.Equal(0, result.DeadInstances);
        Assert.True(File.Exists(PathOf(saved)));
        Assert.True(Directory.Exists(starting));
    }

    [Fact]
    public async Task A_settled_upload_and_a_deleted_one_leave_nothing_in_the_journal_and_a_stopped_store_removes_its_folder_with_its_buffers()
    {
        var store = new FileSystemDocumentStore(_folder.Path, TimeProvider.System);
        Assert.True(Directory.Exists(store.Journal.BuffersFolder), "the form buffers folder is made with the journal");
        var committed = await SaveAsync(store);
        var refused = await SaveAsync(store);
        Buffer(store.Journal); // a request the host let go when it stopped
        Assert.Equal(2, store.Journal.Pending().Count);

        store.Settle([committed]);
        await store.DeleteAsync(refused, CancellationToken.None);
        Assert.Empty(store.Journal.Pending());
        store.Dispose();

        Assert.False(Directory.Exists(store.Journal.Folder));
        Assert.Equal(0, (await Sweeper().SweepAsync(CancellationToken.None)).DeadInstances);
        Assert.Equal([committed], _folder.AllFiles());
    }

    [Fact]
    public async Task A_failed_upload_leaves_nothing_in_the_journal()
    {
        await Assert.ThrowsAsync<DocumentTooLargeException>(() => _self.SaveAsync(new MemoryStream(TestFiles.Pdf(padding: 2000)), 1000, CancellationToken.None));

        Assert.Empty(_self.Journal.Pending());
        Assert.Empty(_folder.AllFiles());
    }

    private sealed class FixedKeys(params string[] keys) : IReferencedDocumentKeys
    {
        public Task<IReadOnlySet<string>> GetAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The start-up sweep must ask about its keys only.");

        public Task<IReadOnlySet<string>> FindReferencedAsync(IReadOnlyCollection<string> asked, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlySet<string>>(asked.Intersect(keys, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));
    }
}
