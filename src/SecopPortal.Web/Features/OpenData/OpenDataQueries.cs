using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.PublicContracts;

namespace SecopPortal.Web.Features.OpenData;

/// <summary>Which public payment requests a Plan de pagos file holds: one contract's, one entity's, or the whole country's.</summary>
public sealed record PaymentPlanScope(int? ContractId = null, int? EntityId = null)
{
    public static readonly PaymentPlanScope Country = new();
}

/// <summary>The rows of the public Plan de pagos, read as a stream (a seam the streaming test replaces).</summary>
public interface IPaymentPlanRows
{
    /// <summary>The public requests of <paramref name="scope"/>, by contract and "Id de pago", one at a time as the database returns them.</summary>
    IAsyncEnumerable<PaymentPlanCsvRow> ReadAsync(PaymentPlanScope scope, CancellationToken cancellationToken);
}

/// <summary>
/// The public requests (<see cref="PublicRecord.PaymentRequestStatuses"/>) joined by primary key to their contract,
/// entity and filer, in the order of the unique index (ContractId, Sequence), handed out row by row from the data
/// reader (no tracking, no list). One contract's or one entity's file is one statement. The whole country's is read
/// <see cref="ContractsPerStatement"/> contract ids at a time: one statement over all 20 million requests would be
/// sorted whole by the database before its first row (a parallel hash join and a 16-million-row sort at national
/// size), while a range of the index is read in its order, so the first bytes leave within a second and neither
/// the database nor the portal holds more than one range. The file is then not one snapshot: a request that changes
/// while the file is being written shows as it was when its range was read. The provider's document is selected only
/// for a persona jurídica with a NIT, so a persona natural's number never leaves the database (Ley 1581 de 2012).
/// </summary>
public sealed class PaymentPlanRows(PortalDbContext db, int contractsPerStatement) : IPaymentPlanRows
{
    /// <summary>Contract ids per statement of the whole country's file (about 20,000 requests, under PostgreSQL's JIT threshold).</summary>
    public const int ContractsPerStatement = 2_000;

    public PaymentPlanRows(PortalDbContext db)
        : this(db, ContractsPerStatement)
    {
    }

    public async IAsyncEnumerable<PaymentPlanCsvRow> ReadAsync(PaymentPlanScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var requests = db.PaymentRequests.AsNoTracking();
        if (scope.ContractId is not null || scope.EntityId is not null)
        {
            if (scope.ContractId is { } contractId)
            {
                requests = requests.Where(p => p.ContractId == contractId);
            }

            await foreach (var row in Rows(requests, scope.EntityId).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return row;
            }

            yield break;
        }

        var last = await db.Contracts.AsNoTracking().MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0;
        for (var from = 1; from <= last; from += contractsPerStatement)
        {
            var first = from;
            var next = from + contractsPerStatement;
            var range = requests.Where(p => p.ContractId >= first && p.ContractId < next);
            await foreach (var row in Rows(range, entityId: null).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return row;
            }
        }
    }

    private IQueryable<PaymentPlanCsvRow> Rows(IQueryable<PaymentRequest> requests, int? entityId)
    {
        var contracts = db.Contracts.AsNoTracking();
        if (entityId is { } entity)
        {
            contracts = contracts.Where(c => c.EntityId == entity);
        }

        return
            from p in requests.Where(PublicRecord.IsPublicRequest)
            join c in contracts on p.ContractId equals c.Id
            join e in db.PublicEntities on c.EntityId equals e.Id
            join u in db.Users on p.ContractorId equals u.Id
            orderby p.ContractId, p.Sequence
            select new PaymentPlanCsvRow(
                e.Name,
                e.Nit,
                c.Number,
                c.StartsOn,
                u.FullName,
                u.PersonType == PersonType.LegalPerson && u.DocumentType == DocumentType.Nit ? u.DocumentNumber : null,
                p.Sequence,
                p.InvoiceNumber,
                p.Cufe,
                p.FilingNumber,
                p.Status,
                p.IssuedOn,
                p.ReceivedOn,
                p.DueOn,
                p.PaidOn,
                p.NetValue,
                p.TotalValue,
                p.ApprovedRpNumber);
    }
}

/// <summary>The contract as the public release shows it: its facts, entity and current contractor (no e-mail, no persona natural's number).</summary>
public sealed record OpenContract(
    int Id,
    string Number,
    string Purpose,
    ContractStatus Status,
    decimal TotalValue,
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateTime CreatedAtUtc,
    int EntityId,
    string EntityName,
    string EntityNit,
    Guid ContractorId,
    string ContractorName,
    string? ContractorNit);

/// <summary>A public payment request of the contract, with who filed it (the payee once it is paid).</summary>
public sealed record OpenPaymentRequest(
    int Sequence,
    PaymentRequestStatus Status,
    string? InvoiceNumber,
    DateOnly? DueOn,
    DateOnly? PaidOn,
    decimal? TotalValue,
    DateTime UpdatedAtUtc,
    Guid FilerId,
    string FilerName,
    string? FilerNit);

/// <summary>A published execution document: its description and type of file, never its file name (which may name people).</summary>
public sealed record OpenDocument(int Id, string Description, string ContentType, DateTime UploadedAtUtc);

/// <summary>Everything one contract's OCDS release is made of.</summary>
public sealed record OpenContractRecord(OpenContract Contract, IReadOnlyList<OpenPaymentRequest> Requests, IReadOnlyList<OpenDocument> Documents);

/// <summary>The reads of the open data besides the Plan de pagos stream, each bounded by one contract or one index lookup.</summary>
public sealed class OpenDataQueries(PortalDbContext db)
{
    public Task<bool> ContractExistsAsync(int contractId, CancellationToken cancellationToken) =>
        db.Contracts.AsNoTracking().AnyAsync(c => c.Id == contractId, cancellationToken);

    /// <summary>The entity registered under <paramref name="nit"/> (canonical form), or null.</summary>
    public Task<int?> FindEntityIdAsync(string nit, CancellationToken cancellationToken) =>
        db.PublicEntities.AsNoTracking().Where(e => e.Nit == nit).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The contract, its public requests and its published documents in three statements; null when there is no such contract.</summary>
    public async Task<OpenContractRecord?> FindRecordAsync(int contractId, CancellationToken cancellationToken)
    {
        var contract = await (
                from c in db.Contracts.AsNoTracking()
                where c.Id == contractId
                join e in db.PublicEntities on c.EntityId equals e.Id
                join u in db.Users on c.ContractorId equals u.Id
                select new OpenContract(
                    c.Id, c.Number, c.Purpose, c.Status, c.TotalValue, c.SignedOn, c.StartsOn, c.EndsOn, c.CreatedAtUtc,
                    e.Id, e.Name, e.Nit, u.Id, u.FullName,
                    u.PersonType == PersonType.LegalPerson && u.DocumentType == DocumentType.Nit ? u.DocumentNumber : null))
            .FirstOrDefaultAsync(cancellationToken);
        if (contract is null)
        {
            return null;
        }

        var requests = await (
                from p in db.PaymentRequests.AsNoTracking().Where(PublicRecord.IsPublicRequest)
                where p.ContractId == contractId
                join u in db.Users on p.ContractorId equals u.Id
                orderby p.Sequence
                select new OpenPaymentRequest(
                    p.Sequence, p.Status, p.InvoiceNumber, p.DueOn, p.PaidOn, p.TotalValue, p.UpdatedAtUtc, u.Id, u.FullName,
                    u.PersonType == PersonType.LegalPerson && u.DocumentType == DocumentType.Nit ? u.DocumentNumber : null))
            .ToListAsync(cancellationToken);

        var documents = await db.ExecutionDocuments.AsNoTracking()
            .Where(d => d.ContractId == contractId && d.IsPublished)
            .OrderBy(d => d.UploadedAtUtc).ThenBy(d => d.Id)
            .Select(d => new OpenDocument(d.Id, d.Description, d.ContentType, d.UploadedAtUtc))
            .ToListAsync(cancellationToken);

        return new OpenContractRecord(contract, requests, documents);
    }
}
