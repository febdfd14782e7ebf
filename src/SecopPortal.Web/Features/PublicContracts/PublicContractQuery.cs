using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Contracts;

namespace SecopPortal.Web.Features.PublicContracts;

/// <summary>
/// A row of the public Plan de pagos: a request sent to the entity and what became of it. The dates are those
/// recorded: the latest "Enviar" and "Aprobar" of its history, and the payment date the entity typed.
/// </summary>
public sealed record PublicPaymentRow(
    int Sequence,
    string? InvoiceNumber,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    DateTime? SentAtUtc,
    DateTime? ApprovedAtUtc,
    DateOnly? PaidOn,
    decimal? TotalValue,
    PaymentRequestStatus Status);

/// <summary>A published execution document: what the public list shows of it, never who by name nor where it is stored.</summary>
public sealed record PublicDocumentRow(int Id, string Description, string FileName, UploaderSide UploaderSide, DateTime UploadedAtUtc, long SizeBytes);

/// <summary>
/// The first read of the public page: sections 1 to 6 and what the rest of the page depends on, enough to answer
/// <c>If-None-Match</c> without reading further. <see cref="ETag"/> changes whenever anything the page shows changes.
/// </summary>
public sealed record PublicContractHead(ContractGeneralInfo Contract, string ETag);

public sealed record PublicContractView(
    ContractGeneralInfo Contract, IReadOnlyList<PublicPaymentRow> PaymentPlan, IReadOnlyList<PublicDocumentRow> ExecutionDocuments);

/// <summary>
/// Reads the contract's public page (docs/public-record.md) in at most three statements bounded by the contract's
/// own size: the head (contract, entity, contractor by primary key, with the versions of its public requests and
/// documents for the ETag), the public Plan de pagos, the published execution documents. The contractor's document
/// number is read only for a persona jurídica (its NIT); e-mails are never read.
/// </summary>
public sealed class PublicContractQuery(PortalDbContext db)
{
    public async Task<PublicContractHead?> FindHeadAsync(int contractId, CancellationToken cancellationToken)
    {
        var requests = db.PaymentRequests.Where(PublicRecord.IsPublicRequest);
        var row = await (
                from contract in db.Contracts.AsNoTracking()
                where contract.Id == contractId
                join entity in db.PublicEntities on contract.EntityId equals entity.Id
                join contractor in db.Users on contract.ContractorId equals contractor.Id
                join supervisor in db.Users on contract.SupervisorId equals supervisor.Id
                select new
                {
                    Contract = contract,
                    EntityName = entity.Name,
                    EntityNit = entity.Nit,
                    ContractorName = contractor.FullName,
                    DocumentType = contract.ContractorPersonType == PersonType.LegalPerson ? contractor.DocumentType : null,
                    DocumentNumber = contract.ContractorPersonType == PersonType.LegalPerson ? contractor.DocumentNumber : null,
                    SupervisorName = supervisor.FullName,
                    Requests = requests.Count(p => p.ContractId == contractId),
                    RequestsChangedAt = requests.Where(p => p.ContractId == contractId).Max(p => (DateTime?)p.UpdatedAtUtc),
                    Documents = db.ExecutionDocuments.Count(d => d.ContractId == contractId && d.IsPublished),
                    LastDocument = db.ExecutionDocuments.Where(d => d.ContractId == contractId && d.IsPublished).Max(d => (int?)d.Id),
                })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var c = row.Contract;
        var general = ContractGeneralInfo.Of(c, row.EntityName, row.EntityNit, row.ContractorName, row.DocumentType, row.DocumentNumber, row.SupervisorName);

        // The contract's own version covers sections 1–6 (an admin's edit renews it); the names of the entity and
        // the people are hashed as read; the requests' count and latest change, the documents' count and last id
        // cover the rest. Weak: the same page may be written byte for byte differently (dates in another zone).
        var version = string.Join(
            '\n',
            c.ConcurrencyStamp.ToString("N"),
            row.EntityName,
            row.EntityNit,
            row.ContractorName,
            row.DocumentType?.ToString() ?? string.Empty,
            row.DocumentNumber ?? string.Empty,
            row.SupervisorName,
            row.Requests.ToString(CultureInfo.InvariantCulture),
            row.RequestsChangedAt?.Ticks.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            row.Documents.ToString(CultureInfo.InvariantCulture),
            row.LastDocument?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(version));
        return new PublicContractHead(general, $"W/\"{Convert.ToHexStringLower(hash.AsSpan(0, 12))}\"");
    }

    public async Task<PublicContractView> RunAsync(ContractGeneralInfo general, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(general);
        var contractId = general.Id;
        var transitions = db.Set<PaymentRequestTransition>();
        var payments = await db.PaymentRequests.AsNoTracking()
            .Where(p => p.ContractId == contractId)
            .Where(PublicRecord.IsPublicRequest)
            .OrderBy(p => p.Sequence)
            .Select(p => new PublicPaymentRow(
                p.Sequence,
                p.InvoiceNumber,
                p.PeriodFrom,
                p.PeriodTo,
                transitions.Where(t => EF.Property<int>(t, "PaymentRequestId") == p.Id && t.To == PaymentRequestStatus.Sent).Max(t => (DateTime?)t.AtUtc),
                transitions.Where(t => EF.Property<int>(t, "PaymentRequestId") == p.Id && t.To == PaymentRequestStatus.Approved).Max(t => (DateTime?)t.AtUtc),
                p.PaidOn,
                p.TotalValue,
                p.Status))
            .ToListAsync(cancellationToken);

        var documents = await db.ExecutionDocuments.AsNoTracking()
            .Where(d => d.ContractId == contractId && d.IsPublished)
            .OrderByDescending(d => d.UploadedAtUtc)
            .Select(d => new PublicDocumentRow(d.Id, d.Description, d.FileName, d.UploaderSide, d.UploadedAtUtc, d.SizeBytes))
            .ToListAsync(cancellationToken);

        return new PublicContractView(general, payments, documents);
    }
}
