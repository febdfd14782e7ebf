using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Contracts;

/// <summary>Which contracts a list shows: the user's own as contractor, those they supervise, or all (admin).</summary>
public enum ContractListScope
{
    AsContractor = 1,
    AsSupervisor = 2,
    All = 3,
}

public sealed record ContractListRow(
    int Id,
    string Number,
    string EntityName,
    string ContractorName,
    DateOnly SignedOn,
    DateOnly EndsOn,
    decimal TotalValue,
    ContractStatus Status);

public sealed record ContractListPage(
    IReadOnlyList<ContractListRow> Rows,
    int Page,
    int PageSize,
    int TotalCount,
    ContractListScope Scope,
    ContractStatus? Status,
    int? EntityId = null)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>Reads one page of contracts with only the columns the list shows.</summary>
public sealed class ContractListQuery(PortalDbContext db)
{
    public const int PageSize = 20;

    public async Task<ContractListPage> RunAsync(
        Guid userId, ContractListScope scope, ContractStatus? status, int page, CancellationToken cancellationToken, int? entityId = null)
    {
        var contracts = db.Contracts.AsNoTracking();
        contracts = scope switch
        {
            ContractListScope.AsContractor => contracts.Where(c => c.ContractorId == userId),
            ContractListScope.AsSupervisor => contracts.Where(c => c.SupervisorId == userId),
            _ => contracts,
        };
        if (status is { } wanted)
        {
            contracts = contracts.Where(c => c.Status == wanted);
        }

        if (entityId is { } entity)
        {
            contracts = contracts.Where(c => c.EntityId == entity);
        }

        var total = await contracts.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await contracts
            .OrderByDescending(c => c.SignedOn).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new ContractListRow(
                c.Id,
                c.Number,
                db.PublicEntities.Where(e => e.Id == c.EntityId).Select(e => e.Name).First(),
                db.Users.Where(u => u.Id == c.ContractorId).Select(u => u.FullName).First(),
                c.SignedOn,
                c.EndsOn,
                c.TotalValue,
                c.Status))
            .ToListAsync(cancellationToken);
        return new ContractListPage(rows, page, PageSize, total, scope, status, entityId);
    }
}
