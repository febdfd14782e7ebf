using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>The names of the people on a request's page: contractor, supervisor, and whoever acted in its history.</summary>
public sealed record ContractSummary(
    int Id,
    string Number,
    string EntityName,
    string EntityNit,
    string Purpose,
    ContractStatus Status,
    decimal TotalValue,
    decimal? MonthlyFee,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string? RpNumber,
    string ContractorName,
    string SupervisorName,
    bool RequiresPilaEvidence,
    PersonType ContractorPersonType);

/// <summary>Everything a payment request's page shows, read once.</summary>
public sealed record PaymentRequestPage(
    PaymentRequest Request,
    ContractSummary Contract,
    PaymentRequestAssessment Assessment,
    IReadOnlyDictionary<Guid, string> PeopleNames)
{
    public string NameOf(Guid userId) => PeopleNames.TryGetValue(userId, out var name) ? name : "Usuario retirado";
}

/// <summary>
/// The database side of the payment-request screens: who may act, loading the aggregate with its contract for a
/// change (<see cref="BeginChangeAsync"/>), the rule context (siblings, CUFE uniqueness, today in Bogotá) and the page.
/// </summary>
public sealed class PaymentRequestWorkspace(PortalDbContext db, TimeProvider clock, Changes changes, PortalCalendar calendar)
{
    public DateOnly Today => BogotaTime.Today(clock);

    /// <summary>The business days of the running portal, with the administrators' holiday changes.</summary>
    public HolidayCalendar Calendar => calendar.Current;

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public Task<PaymentRequestParties?> FindPartiesAsync(int requestId, CancellationToken cancellationToken) =>
        db.PaymentRequests.AsNoTracking()
            .Where(p => p.Id == requestId)
            .Join(db.Contracts, p => p.ContractId, c => c.Id, (p, c) => new PaymentRequestParties(p.Id, p.ContractId, p.ContractorId, c.ContractorId, c.SupervisorId, p.Status, p.SendCount))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A change of one request (<see cref="ChangeScope"/>): the tracked aggregate and its contract, held to the
    /// version the user saw. Without <paramref name="seenVersion"/> check (null), only for a look that is never committed.
    /// </summary>
    /// <exception cref="DomainException">No version came with the form.</exception>
    /// <exception cref="ConcurrentChangeException">The request is no longer the version the user saw.</exception>
    public async Task<PaymentRequestChange> BeginChangeAsync(int requestId, Guid? seenVersion, CancellationToken cancellationToken, bool checkVersion = true)
    {
        var scope = changes.Begin();
        try
        {
            var request = await db.PaymentRequests
                .Include(p => p.Attachments)
                .Include(p => p.History)
                .AsSplitQuery()
                .SingleAsync(p => p.Id == requestId, cancellationToken);
            var contract = await db.Contracts.SingleAsync(c => c.Id == request.ContractId, cancellationToken);
            if (checkVersion)
            {
                scope.ExpectVersion(request, seenVersion);
            }

            return new PaymentRequestChange(scope, request, contract);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>A button of the read-only page: <paramref name="act"/> on the request under the version the page showed, then the save.</summary>
    public async Task<PaymentRequest> ChangeAsync(StateChangeCommand command, Func<PaymentRequestChange, Task> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(act);
        await using var change = await BeginChangeAsync(command.RequestId, command.SeenVersion, cancellationToken);
        await act(change);
        await change.CommitAsync(cancellationToken);
        return change.Request;
    }

    /// <summary>A change that creates a request of <paramref name="contractId"/>: the tracked contract, no version to hold.</summary>
    public async Task<(ChangeScope Scope, Contract Contract)> BeginCreationAsync(int contractId, CancellationToken cancellationToken)
    {
        var scope = changes.Begin();
        try
        {
            return (scope, await db.Contracts.SingleAsync(c => c.Id == contractId, cancellationToken));
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a new request to the change (saved by its commit).</summary>
    public void Add(PaymentRequest request) => db.PaymentRequests.Add(request);

    /// <summary>Removes a request in the change (by its commit).</summary>
    public void Remove(PaymentRequest request) => db.PaymentRequests.Remove(request);

    /// <summary>The other requests of the contract and whether the CUFE is taken, as the rules need them.</summary>
    public async Task<PaymentRequestContext> BuildContextAsync(PaymentRequest request, Contract contract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var stored = await db.PublicEntities.AsNoTracking()
            .Where(e => e.Id == contract.EntityId)
            .Select(e => new { e.FirstPaymentDocuments, e.LaterPaymentDocuments })
            .SingleAsync(cancellationToken);
        var documents = DocumentRequirements.FromStored(stored.FirstPaymentDocuments, stored.LaterPaymentDocuments);
        return await BuildContextAsync(request, contract, documents, cancellationToken);
    }

    /// <summary>The rule context when the entity's documents were already read with the contract (<see cref="FindContractPageAsync"/>).</summary>
    private async Task<PaymentRequestContext> BuildContextAsync(
        PaymentRequest request, Contract contract, DocumentRequirements documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var siblings = await SiblingsAsync(contract.Id, request.Id, cancellationToken);
        var cufeTaken = !string.IsNullOrEmpty(request.Cufe)
                        && await db.PaymentRequests.AnyAsync(p => p.Id != request.Id && p.Cufe == request.Cufe, cancellationToken);
        return new PaymentRequestContext(contract, siblings, cufeTaken, Today, Calendar, documents);
    }

    public Task<List<SiblingRequest>> SiblingsAsync(int contractId, int exceptRequestId, CancellationToken cancellationToken) =>
        db.PaymentRequests.AsNoTracking()
            .Where(p => p.ContractId == contractId && p.Id != exceptRequestId)
            .OrderBy(p => p.Sequence)
            .Select(p => new SiblingRequest(p.Id, p.Sequence, p.Status, p.PeriodFrom, p.PeriodTo, p.TotalValue, p.InvoiceNumber))
            .ToListAsync(cancellationToken);

    /// <summary>Whether another request of the portal already uses <paramref name="cufe"/> (lower-case hex).</summary>
    public Task<bool> IsCufeUsedElsewhereAsync(string cufe, int? exceptRequestId, CancellationToken cancellationToken) =>
        db.PaymentRequests.AnyAsync(p => p.Cufe == cufe && p.Id != (exceptRequestId ?? 0), cancellationToken);

    /// <summary>The next consecutive "Id de pago" of a contract.</summary>
    public async Task<int> NextSequenceAsync(int contractId, CancellationToken cancellationToken) =>
        (await db.PaymentRequests.Where(p => p.ContractId == contractId).MaxAsync(p => (int?)p.Sequence, cancellationToken) ?? 0) + 1;

    /// <summary>The request with its contract, the people involved and the live assessment, untracked.</summary>
    public async Task<PaymentRequestPage?> LoadPageAsync(int requestId, CancellationToken cancellationToken)
    {
        var request = await db.PaymentRequests.AsNoTracking()
            .Include(p => p.Attachments)
            .Include(p => p.History)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var (contract, summary, documents) = await FindContractPageAsync(request.ContractId, cancellationToken)
            ?? throw new InvalidOperationException($"Contract {request.ContractId} of payment request {request.Id} does not exist.");
        var context = await BuildContextAsync(request, contract, documents, cancellationToken);
        var peopleIds = request.History.Select(h => h.ByUserId)
            .Concat(request.Attachments.Select(a => a.UploadedById))
            .Append(request.ContractorId)
            .Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => peopleIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        return new PaymentRequestPage(request, summary, request.Assess(context), names);
    }

    /// <summary>The contract's header facts for a payment request's page (also for "Crear", before the request exists).</summary>
    public async Task<ContractSummary?> FindContractSummaryAsync(int contractId, CancellationToken cancellationToken) =>
        (await FindContractPageAsync(contractId, cancellationToken))?.Summary;

    /// <summary>
    /// The contract (for the rules), its header facts (for the page) and the documents its entity asks for, in one
    /// query.
    /// </summary>
    public async Task<(Contract Contract, ContractSummary Summary, DocumentRequirements Documents)?> FindContractPageAsync(
        int contractId, CancellationToken cancellationToken)
    {
        var row = await db.Contracts.AsNoTracking()
            .Where(c => c.Id == contractId)
            .Select(c => new
            {
                Contract = c,
                EntityName = db.PublicEntities.Where(e => e.Id == c.EntityId).Select(e => e.Name).First(),
                EntityNit = db.PublicEntities.Where(e => e.Id == c.EntityId).Select(e => e.Nit).First(),
                FirstPaymentDocuments = db.PublicEntities.Where(e => e.Id == c.EntityId).Select(e => e.FirstPaymentDocuments).First(),
                LaterPaymentDocuments = db.PublicEntities.Where(e => e.Id == c.EntityId).Select(e => e.LaterPaymentDocuments).First(),
                ContractorName = db.Users.Where(u => u.Id == c.ContractorId).Select(u => u.FullName).First(),
                SupervisorName = db.Users.Where(u => u.Id == c.SupervisorId).Select(u => u.FullName).First(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var c = row.Contract;
        var summary = new ContractSummary(
            c.Id, c.Number, row.EntityName, row.EntityNit, c.Purpose, c.Status, c.TotalValue, c.MonthlyFee,
            c.StartsOn, c.EndsOn, c.RpNumber, row.ContractorName, row.SupervisorName, c.RequiresPilaEvidence, c.ContractorPersonType);
        return (c, summary, DocumentRequirements.FromStored(row.FirstPaymentDocuments, row.LaterPaymentDocuments));
    }

    /// <summary>One attachment of one request, for a download.</summary>
    public Task<Attachment?> FindAttachmentAsync(int requestId, int attachmentId, CancellationToken cancellationToken) =>
        db.PaymentRequests.AsNoTracking()
            .Where(p => p.Id == requestId)
            .SelectMany(p => p.Attachments)
            .Where(a => a.Id == attachmentId)
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>The attachments partial's model: the page, and whether "Quitar" is offered.</summary>
/// <param name="InHostForm">
/// The list is rendered inside the request's own form (the contractor's edit page): "Quitar" is then a submit
/// button of that form (<c>formaction</c>), so the values typed in it are saved too, instead of a form of its own.
/// </param>
public sealed record PaymentRequestAttachmentsModel(PaymentRequestPage Page, bool CanRemove, bool InHostForm = false);
