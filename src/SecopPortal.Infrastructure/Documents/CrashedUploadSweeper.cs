using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>What one start-up sweep did.</summary>
/// <param name="DeadInstances">Journals of instances that are gone (crashed or stopped) that were gone through.</param>
/// <param name="Entries">Uploads those instances had started and not settled.</param>
/// <param name="DeletedTemporary">Temporary files of uploads that died while writing.</param>
/// <param name="DeletedUnreferenced">Finished files whose row was never committed.</param>
/// <param name="Kept">Finished files a row references (committed just before the end): left alone.</param>
/// <param name="DeletedBuffers">ASP.NET Core form buffers (multipart files of requests being received) the dead instances left.</param>
/// <param name="Failed">Files or entries that could not be deleted (the entry stays for the next start-up).</param>
/// <param name="Elapsed">How long the sweep took.</param>
public sealed record CrashedUploadSweepResult(int DeadInstances, int Entries, int DeletedTemporary, int DeletedUnreferenced, int Kept, int DeletedBuffers, int Failed, TimeSpan Elapsed);

/// <summary>
/// The start-up sweep (ADR 0021): goes through the <see cref="UploadJournal"/>s of store instances that are gone — their
/// lock can be taken, which the kernel allows only once the owning process has died or let it go — and for each upload
/// they had started and not settled deletes its temporary file and, unless a row references its key, its finished
/// file; it deletes the form buffers the dead process left (<see cref="UploadJournal.BuffersFolderName"/>); then it removes
/// the journal. A live instance's journal (its lock held, this process's own included) is never
/// touched, so it is safe with several instances sharing the folder. Its cost is the dead instances' unsettled uploads,
/// one database query per 500 of them, not the size of the store.
/// </summary>
public sealed partial class CrashedUploadSweeper(FileSystemDocumentStore store, IReferencedDocumentKeys referencedKeys, ILogger<CrashedUploadSweeper> logger)
{
    public async Task<CrashedUploadSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        int instances = 0, entries = 0, temporary = 0, unreferenced = 0, kept = 0, buffers = 0, failed = 0;
        foreach (var journal in UploadJournal.FindDead(store.RootPath))
        {
            using (journal)
            {
                instances++;
                var allGone = true;
                try
                {
                    buffers += journal.RemoveBuffers();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failed++;
                    allGone = false;
                    LogBuffersFailed(logger, ex, journal.Folder);
                }

                var keys = journal.PendingKeys();
                entries += keys.Count;
                var referenced = keys.Count == 0 ? new HashSet<string>() : await referencedKeys.FindReferencedAsync(keys, cancellationToken);
                foreach (var key in keys)
                {
                    try
                    {
                        if (DeleteIfPresent(UploadJournal.TemporaryKeyFor(key)))
                        {
                            temporary++;
                        }

                        if (referenced.Contains(key))
                        {
                            kept++;
                        }
                        else if (DeleteIfPresent(key))
                        {
                            unreferenced++;
                            LogDeleted(logger, key);
                        }

                        journal.Remove(key);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        failed++;
                        allGone = false;
                        LogFailed(logger, ex, key);
                    }
                }

                if (allGone)
                {
                    journal.Remove();
                }
            }
        }

        watch.Stop();
        var result = new CrashedUploadSweepResult(instances, entries, temporary, unreferenced, kept, buffers, failed, watch.Elapsed);
        LogSwept(logger, result.DeadInstances, result.Entries, result.DeletedTemporary, result.DeletedUnreferenced, result.Kept, result.DeletedBuffers, result.Failed, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private bool DeleteIfPresent(string storageKey)
    {
        var path = Path.Combine(store.RootPath, storageKey.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information,
        Message = "Start-up sweep went through {Instances} stopped instances' upload journals ({Entries} unsettled uploads): deleted {Temporary} temporary and {Unreferenced} unreferenced files, kept {Kept} committed, deleted {Buffers} form buffers, {Failed} failed, in {ElapsedMs} ms")]
    private static partial void LogSwept(ILogger logger, int instances, int entries, int temporary, int unreferenced, int kept, int buffers, int failed, long elapsedMs);

    [LoggerMessage(EventId = 4131, Level = LogLevel.Information, Message = "Start-up sweep deleted {StorageKey}: its upload died before its row was committed")]
    private static partial void LogDeleted(ILogger logger, string storageKey);

    [LoggerMessage(EventId = 4132, Level = LogLevel.Warning, Message = "Start-up sweep could not clean up the upload {StorageKey}; it will try again at the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception, string storageKey);

    [LoggerMessage(EventId = 4134, Level = LogLevel.Warning, Message = "Start-up sweep could not delete the form buffers in {Folder}; it will try again at the next start")]
    private static partial void LogBuffersFailed(ILogger logger, Exception exception, string folder);

    /// <summary>For the caller: the sweep itself failed (the database did not answer); the periodic sweep remains.</summary>
    [LoggerMessage(EventId = 4133, Level = LogLevel.Error, Message = "Start-up sweep failed; the periodic sweep will remove the leftovers after its grace period")]
    public static partial void LogSweepFailed(ILogger logger, Exception exception);
}
