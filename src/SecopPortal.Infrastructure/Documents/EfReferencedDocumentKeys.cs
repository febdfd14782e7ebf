using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// The keys of every payment-request attachment and contract execution document, read with two no-tracking
/// projections (one column each), for <see cref="DocumentSweeper"/>.
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
}
