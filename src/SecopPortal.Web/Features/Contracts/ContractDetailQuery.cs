using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Contracts;

public sealed record ContractGeneralInfo(
    int Id,
    string Number,
    string EntityName,
    string EntityNit,
    string Purpose,
    ContractType Type,
    ContractModality Modality,
    ContractStatus Status,
    decimal TotalValue,
    decimal? MonthlyFee,
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string? CdpNumber,
    string? RpNumber,
    bool RequiresElectronicInvoice,
    Guid ContractorId,
    string ContractorName,
    PersonType ContractorPersonType,
    DocumentType? ContractorDocumentType,
    string? ContractorDocumentNumber,
    Guid SupervisorId,
    string SupervisorName)
{
    /// <summary>Sections 1 to 6 from the contract and the names read beside it (the private and the public page).</summary>
    public static ContractGeneralInfo Of(
        Contract c, string entityName, string entityNit, string contractorName, DocumentType? documentType, string? documentNumber, string supervisorName)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ContractGeneralInfo(
            c.Id, c.Number, entityName, entityNit, c.Purpose, c.Type, c.Modality, c.Status, c.TotalValue, c.MonthlyFee,
            c.SignedOn, c.StartsOn, c.EndsOn, c.CdpNumber, c.RpNumber, c.RequiresElectronicInvoice, c.ContractorId,
            contractorName, c.ContractorPersonType, documentType, documentNumber, c.SupervisorId, supervisorName);
    }

    public bool AcceptsPaymentRequests => Contract.AcceptsPaymentRequestsIn(Status);

    public ContractParties Parties => new(Id, ContractorId, SupervisorId);

    /// <summary>Calendar days of the term, both ends included.</summary>
    public int TermDays => EndsOn.DayNumber - StartsOn.DayNumber + 1;
}

public sealed record PaymentPlanRow(
    int Id,
    int Sequence,
    string? InvoiceNumber,
    DateOnly? IssuedOn,
    DateOnly? ReceivedOn,
    decimal? TotalValue,
    PaymentRequestStatus Status);

public sealed record ExecutionDocumentRow(
    int Id,
    string Description,
    string FileName,
    UploaderSide UploaderSide,
    string UploadedByName,
    DateTime UploadedAtUtc,
    long SizeBytes);

/// <summary>Section 7's balance. Every request that is not rejected counts as billed, as in the domain's balance rule.</summary>
public sealed record ContractBalance(decimal ContractValue, decimal Billed, decimal Approved, decimal Paid)
{
    public decimal LeftToBill => ContractValue - Billed;

    public static ContractBalance From(decimal contractValue, IEnumerable<PaymentPlanRow> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        decimal billed = 0, approved = 0, paid = 0;
        foreach (var payment in payments)
        {
            var total = payment.TotalValue ?? 0;
            if (payment.Status != PaymentRequestStatus.Rejected)
            {
                billed += total;
            }

            if (payment.Status is PaymentRequestStatus.Approved or PaymentRequestStatus.Paid)
            {
                approved += total;
            }

            if (payment.Status is PaymentRequestStatus.Paid)
            {
                paid += total;
            }
        }

        return new ContractBalance(contractValue, billed, approved, paid);
    }
}

/// <summary>On which side of the contract the viewer stands, as the authorization handler decided it.</summary>
public enum ContractViewer
{
    /// <summary>An administrator (or anyone else allowed to read): the full list, the review pages.</summary>
    Other = 0,

    /// <summary>The contract's contractor: "Mis contratos", their own request pages.</summary>
    Contractor = 1,

    /// <summary>The contract's supervisor: the supervision list, the review pages.</summary>
    Supervisor = 2,
}

public sealed record ContractDetailView(
    ContractGeneralInfo Contract,
    IReadOnlyList<PaymentPlanRow> PaymentPlan,
    IReadOnlyList<ExecutionDocumentRow> ExecutionDocuments,
    ContractBalance Balance,
    bool CanFilePaymentRequests,
    bool CanUploadExecutionDocuments,
    ContractViewer Viewer);

/// <summary>
/// Reads what the "Detalle" page shows in three statements, each bounded by the contract's own size: the contract
/// with its entity and parties (plain joins by primary key, so the cost does not grow with the number of users or
/// entities in the country), its Plan de pagos, and its execution documents.
/// </summary>
public sealed class ContractDetailQuery(PortalDbContext db)
{
    public Task<ContractParties?> FindPartiesAsync(int contractId, CancellationToken cancellationToken) =>
        db.Contracts.AsNoTracking()
            .Where(c => c.Id == contractId)
            .Select(c => new ContractParties(c.Id, c.ContractorId, c.SupervisorId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Section 1's facts and the parties, enough to authorize before reading the rest; null when there is no such contract.</summary>
    public async Task<ContractGeneralInfo?> FindGeneralInfoAsync(int contractId, CancellationToken cancellationToken)
    {
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
                    contractor.DocumentType,
                    contractor.DocumentNumber,
                    SupervisorName = supervisor.FullName,
                })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        return ContractGeneralInfo.Of(row.Contract, row.EntityName, row.EntityNit, row.ContractorName, row.DocumentType, row.DocumentNumber, row.SupervisorName);
    }

    /// <param name="general">The contract, as <see cref="FindGeneralInfoAsync"/> read it.</param>
    /// <param name="viewerId">
    /// A draft (never sent) is shown only to the contractor who filed it — not to whoever holds the contract now,
    /// which differs after a cesión; everyone else sees only requests sent at least once.
    /// </param>
    /// <param name="viewer">The viewer's side (<see cref="ContractViewer"/>); the contractor's side is the one that files.</param>
    public async Task<ContractDetailView> RunAsync(ContractGeneralInfo general, ContractViewer viewer, bool canUpload, Guid viewerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(general);
        var contractId = general.Id;
        var payments = await db.PaymentRequests.AsNoTracking()
            .Where(p => p.ContractId == contractId && (p.SendCount > 0 || p.ContractorId == viewerId))
            .OrderBy(p => p.Sequence)
            .Select(p => new PaymentPlanRow(p.Id, p.Sequence, p.InvoiceNumber, p.IssuedOn, p.ReceivedOn, p.TotalValue, p.Status))
            .ToListAsync(cancellationToken);

        var documents = await (
                from d in db.ExecutionDocuments.AsNoTracking()
                where d.ContractId == contractId
                join uploader in db.Users on d.UploadedById equals uploader.Id
                orderby d.UploadedAtUtc descending
                select new ExecutionDocumentRow(d.Id, d.Description, d.FileName, d.UploaderSide, uploader.FullName, d.UploadedAtUtc, d.SizeBytes))
            .ToListAsync(cancellationToken);

        return new ContractDetailView(general, payments, documents, ContractBalance.From(general.TotalValue, payments), viewer == ContractViewer.Contractor && general.AcceptsPaymentRequests, canUpload, viewer);
    }
}
