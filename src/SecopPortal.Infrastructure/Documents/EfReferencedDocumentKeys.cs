using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// The keys of every payment-request attachment and contract execution document, read with two no-tracking
/// projections (one column each), for <see cref="DocumentSweeper"/>; and, for <see cref="CrashedUploadSweeper"/>, which of a
/// few keys are referenced (a <c>WHERE "StorageKey" IN (…)</c> per table, in batches).
/// </summary>
public sealed class EfReferencedDocumentKeys(PortalDbContext db) : IReferencedDocumentKeys
{
    public async Task<IReadOnlySet<string>> GetAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in db.Set<Attachment>().AsNoTracking().Select(a => a.StorageKey).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            keys.Add(key);
        }

        await foreach (var key in db.ExecutionDocuments.AsNoTracking().Select(d => d.StorageKey).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Keys asked about per statement.</summary>
    public const int BatchSize = 500;

    public async Task<IReadOnlySet<string>> FindReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            found.UnionWith(await db.Set<Attachment>().AsNoTracking().Where(a => batch.Contains(a.StorageKey)).Select(a => a.StorageKey).ToListAsync(cancellationToken));
            found.UnionWith(await db.ExecutionDocuments.AsNoTracking().Where(d => batch.Contains(d.StorageKey)).Select(d => d.StorageKey).ToListAsync(cancellationToken));
        }

        return found;
    }
}
