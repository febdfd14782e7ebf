using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>What the admin's search box was read as.</summary>
public enum ContractSearchKind
{
    None = 0,

    /// <summary>The beginning of a contract number ("CO1.PCCNTR.1297…").</summary>
    Number = 1,

    /// <summary>The NIT of an entity: its contracts.</summary>
    EntityNit = 2,
}

/// <summary>The admin's contract list: the page, the search as it was read, and the entity it is narrowed to (name and NIT, for the filter's label).</summary>
public sealed record AdminContractListPage(ContractListPage Contracts, string? Search, ContractSearchKind SearchKind, ContractStatus? Status, int? EntityId, EntityOption? Entity)
{
    public bool IsFiltered => SearchKind != ContractSearchKind.None || Status is not null || EntityId is not null;
}

/// <summary>
/// Every contract, narrowed by state, by entity (an id from the Entidades list, or the NIT typed in the search box)
/// and by the beginning of the number. A term of digits (with or without dots and check digit) is a NIT when an
/// entity has it, otherwise the beginning of a number; anything else is the beginning of a number, as typed or, when
/// that finds nothing, in capitals ("co1.pccntr.1297" finds "CO1.PCCNTR.129716").
/// </summary>
public sealed class AdminContractListQuery(PortalDbContext db, ContractListQuery contracts)
{
    public async Task<AdminContractListPage> RunAsync(string? search, ContractStatus? status, int? entityId, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            var all = await contracts.AllAsync(new ContractFilter(status, entityId), request, cancellationToken);
            return new AdminContractListPage(all, null, ContractSearchKind.None, status, entityId, await EntityAsync(entityId, cancellationToken));
        }

        if (NitSearch.TryParse(term, out var nit) && await EntityByNitAsync(nit, cancellationToken) is { } owner)
        {
            var ofEntity = await contracts.AllAsync(new ContractFilter(status, owner.Id), request, cancellationToken);
            return new AdminContractListPage(ofEntity, term, ContractSearchKind.EntityNit, status, owner.Id, owner);
        }

        var page = await contracts.AllAsync(new ContractFilter(status, entityId, term), request, cancellationToken);
        var upper = term.ToUpperInvariant();
        if (page.Rows.Count == 0 && request.IsFirst && upper != term)
        {
            term = upper;
            page = await contracts.AllAsync(new ContractFilter(status, entityId, term), request, cancellationToken);
        }

        return new AdminContractListPage(page, term, ContractSearchKind.Number, status, entityId, await EntityAsync(entityId, cancellationToken));
    }

    /// <summary>The entity whose NIT is the one typed: exactly, or its base digits without the check digit.</summary>
    private Task<EntityOption?> EntityByNitAsync(NitSearch nit, CancellationToken cancellationToken)
    {
        var withCheckDigit = nit.Prefix.Contains('-', StringComparison.Ordinal) ? nit.Prefix : nit.WithCheckDigit;
        var baseOnly = nit.Prefix.Contains('-', StringComparison.Ordinal) ? null : nit.Prefix + "-";
        var entities = db.PublicEntities.AsNoTracking();
        if (baseOnly is not null)
        {
            var byBase = PrefixSearchExtensions.StartsWith<PublicEntity>(e => e.Nit, baseOnly);
            entities = withCheckDigit is null
                ? entities.Where(byBase)
                : entities.Where(byBase).Concat(db.PublicEntities.AsNoTracking().Where(e => e.Nit == withCheckDigit));
        }
        else
        {
            entities = entities.Where(e => e.Nit == withCheckDigit);
        }

        return entities.Select(e => new EntityOption(e.Id, e.Name, e.Nit)).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<EntityOption?> EntityAsync(int? entityId, CancellationToken cancellationToken) =>
        entityId is { } id
            ? await db.PublicEntities.AsNoTracking().Where(e => e.Id == id).Select(e => new EntityOption(e.Id, e.Name, e.Nit)).FirstOrDefaultAsync(cancellationToken)
            : null;
}
