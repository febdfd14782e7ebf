using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>The storage keys the database refers to (every attachment and execution document).</summary>
public interface IReferencedDocumentKeys
{
    Task<IReadOnlySet<string>> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Which of <paramref name="keys"/> a row references, for the start-up sweep (<see cref="CrashedUploadSweeper"/>),
    /// which asks about a dead instance's few uploads and must not read the whole table. The default filters
    /// <see cref="GetAsync"/>; the database implementation asks about just these keys.
    /// </summary>
    async Task<IReadOnlySet<string>> FindReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var all = await GetAsync(cancellationToken);
        return keys.Where(all.Contains).ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>What one sweep did.</summary>
/// <param name="Examined">Files listed by the store.</param>
/// <param name="DeletedUnreferenced">Finished files no row referenced, older than the grace period.</param>
/// <param name="DeletedTemporary">Leftover temporary files older than the grace period.</param>
/// <param name="Failed">Files that could not be deleted (tried again next time).</param>
/// <param name="SkippedBecauseNothingIsReferenced">
/// The database referenced no document at all, so finished files were left alone (see <see cref="DocumentSweeper"/>).
/// </param>
public sealed record DocumentSweepResult(int Examined, int DeletedUnreferenced, int DeletedTemporary, int Failed, bool SkippedBecauseNothingIsReferenced);

/// <summary>
/// Deletes stored files no database row references (a row deleted, a commit that failed after the bytes were
/// saved) and temporary files of uploads that died, once they are older than
/// <see cref="UploadLimitsOptions.SweepGracePeriod"/>. Only files under keys the store generates are candidates
/// (<see cref="DocumentStorageKey.IsGenerated"/>): the demo data's and anything else put in the folder stay.
/// </summary>
/// <remarks>
/// Safe against uploads in progress because of the store's contract (bytes saved first, row committed right
/// after): the referenced keys are read before the files are listed, and only files last written before
/// "now − grace period" are candidates, so a file whose row is still on its way is always too young.
/// If the database references no document at all the finished files are left alone and a warning is logged:
/// that is what an empty or wrongly configured database looks like, and deleting every document because of it
/// would be irreversible.
/// </remarks>
public sealed partial class DocumentSweeper(
    IDocumentStore store,
    IReferencedDocumentKeys referencedKeys,
    TimeProvider clock,
    IOptions<UploadLimitsOptions> options,
    ILogger<DocumentSweeper> logger)
{
    public async Task<DocumentSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.SweepGracePeriod;
        var referenced = await referencedKeys.GetAsync(cancellationToken);
        var skipFinished = referenced.Count == 0;

        int examined = 0, unreferenced = 0, temporary = 0, failed = 0;
        await foreach (var file in store.ListAsync(cancellationToken))
        {
            examined++;
            if (file.LastWriteTimeUtc >= cutoff || !DocumentStorageKey.IsGenerated(file.StorageKey))
            {
                continue;
            }

            if (!file.IsTemporary && (skipFinished || referenced.Contains(file.StorageKey)))
            {
                continue;
            }

            try
            {
                await store.DeleteAsync(file.StorageKey, cancellationToken);
                if (file.IsTemporary)
                {
                    temporary++;
                }
                else
                {
                    unreferenced++;
                }

                LogDeleted(logger, file.StorageKey, file.IsTemporary, file.LastWriteTimeUtc);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed++;
                LogDeleteFailed(logger, ex, file.StorageKey);
            }
        }

        if (skipFinished && examined > 0)
        {
            LogNothingReferenced(logger, examined);
        }

        return new DocumentSweepResult(examined, unreferenced, temporary, failed, skipFinished);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Document sweep deleted {StorageKey} (temporary={IsTemporary}, last written {LastWriteTimeUtc:o})")]
    private static partial void LogDeleted(ILogger logger, string storageKey, bool isTemporary, DateTimeOffset lastWriteTimeUtc);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Document sweep could not delete {StorageKey}; it will try again")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string storageKey);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Document sweep found {FileCount} files but the database references no document; finished files were left alone")]
    private static partial void LogNothingReferenced(ILogger logger, int fileCount);
}
