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
    public bool AcceptsPaymentRequests => Status is ContractStatus.InExecution or ContractStatus.Suspended;

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

public sealed record ContractDetailView(
    ContractGeneralInfo Contract,
    IReadOnlyList<PaymentPlanRow> PaymentPlan,
    IReadOnlyList<ExecutionDocumentRow> ExecutionDocuments,
    ContractBalance Balance,
    bool CanFilePaymentRequests,
    bool CanUploadExecutionDocuments);

/// <summary>Reads what the "Detalle" page shows, in three projections.</summary>
public sealed class ContractDetailQuery(PortalDbContext db)
{
    public Task<ContractParties?> FindPartiesAsync(int contractId, CancellationToken cancellationToken) =>
        db.Contracts.AsNoTracking()
            .Where(c => c.Id == contractId)
            .Select(c => new ContractParties(c.Id, c.ContractorId, c.SupervisorId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <param name="viewerId">
    /// A draft (never sent) is shown only to the contractor who filed it — not to whoever holds the contract now,
    /// which differs after a cesión; everyone else sees only requests sent at least once.
    /// </param>
    public async Task<ContractDetailView?> RunAsync(int contractId, bool canFile, bool canUpload, Guid viewerId, CancellationToken cancellationToken)
    {
        var info = await db.Contracts.AsNoTracking()
            .Where(c => c.Id == contractId)
            .Select(c => new
            {
                Contract = c,
                Entity = db.PublicEntities.First(e => e.Id == c.EntityId),
                Contractor = db.Users.Where(u => u.Id == c.ContractorId).Select(u => new { u.FullName, u.DocumentType, u.DocumentNumber }).First(),
                SupervisorName = db.Users.Where(u => u.Id == c.SupervisorId).Select(u => u.FullName).First(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (info is null)
        {
            return null;
        }

        var c = info.Contract;
        var general = new ContractGeneralInfo(
            c.Id, c.Number, info.Entity.Name, info.Entity.Nit, c.Purpose, c.Type, c.Modality, c.Status, c.TotalValue, c.MonthlyFee,
            c.SignedOn, c.StartsOn, c.EndsOn, c.CdpNumber, c.RpNumber, c.RequiresElectronicInvoice, c.ContractorId,
            info.Contractor.FullName, c.ContractorPersonType, info.Contractor.DocumentType, info.Contractor.DocumentNumber,
            c.SupervisorId, info.SupervisorName);

        var payments = await db.PaymentRequests.AsNoTracking()
            .Where(p => p.ContractId == contractId && (p.SendCount > 0 || p.ContractorId == viewerId))
            .OrderBy(p => p.Sequence)
            .Select(p => new PaymentPlanRow(p.Id, p.Sequence, p.InvoiceNumber, p.IssuedOn, p.ReceivedOn, p.TotalValue, p.Status))
            .ToListAsync(cancellationToken);

        var documents = await db.ExecutionDocuments.AsNoTracking()
            .Where(d => d.ContractId == contractId)
            .OrderByDescending(d => d.UploadedAtUtc)
            .Select(d => new ExecutionDocumentRow(
                d.Id,
                d.Description,
                d.FileName,
                d.UploaderSide,
                db.Users.Where(u => u.Id == d.UploadedById).Select(u => u.FullName).First(),
                d.UploadedAtUtc,
                d.SizeBytes))
            .ToListAsync(cancellationToken);

        return new ContractDetailView(general, payments, documents, ContractBalance.From(c.TotalValue, payments), canFile && general.AcceptsPaymentRequests, canUpload);
    }
}
