using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Persistence.Configurations;
using SecopPortal.Web.Infrastructure;

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
    ContractStatus Status,
    string Purpose);

/// <summary>Page <see cref="Page"/> of a counted list.</summary>
public sealed record CountedPage(int Page, int PageCount, int TotalCount);

/// <summary>
/// One page of contracts. A person's own contracts are few: they are counted and numbered (<see cref="Counted"/>).
/// Every contract of the country is not: that list is read by keyset and never counted (<see cref="Keyset"/>).
/// </summary>
public sealed record ContractListPage(IReadOnlyList<ContractListRow> Rows, ContractListScope Scope, ContractStatus? Status)
{
    public CountedPage? Counted { get; init; }

    public KeysetPage<ContractListRow>? Keyset { get; init; }

    /// <summary>The shared pager, from the link builders of both kinds of list.</summary>
    public Pager Pager(Func<int, string> pageUrl, Func<string?, string?, string> cursorUrl) =>
        Keyset is { } keyset
            ? Infrastructure.Pager.ForKeyset(keyset, cursorUrl)
            : new Pager(Counted!.Page, Counted.PageCount, Counted.TotalCount, pageUrl);
}

/// <summary>
/// What the list of every contract is narrowed to: a state, an entity, the beginning of the contract number, or the
/// beginning of the entity's or the contractor's folded name (<c>SearchFold</c>, ADR 0010).
/// </summary>
public sealed record ContractFilter(
    ContractStatus? Status = null,
    int? EntityId = null,
    string? NumberPrefix = null,
    string? EntityNamePrefix = null,
    string? ContractorNamePrefix = null);

/// <summary>Reads one page of contracts with only the columns the list shows.</summary>
public sealed class ContractListQuery(PortalDbContext db)
{
    public const int PageSize = 20;

    /// <summary>The contractor's or the supervisor's own contracts, newest signature first, counted and numbered.</summary>
    public async Task<ContractListPage> RunAsync(
        Guid userId, ContractListScope scope, ContractStatus? status, int page, CancellationToken cancellationToken)
    {
        var contracts = scope switch
        {
            ContractListScope.AsContractor => db.Contracts.AsNoTracking().Where(c => c.ContractorId == userId),
            ContractListScope.AsSupervisor => db.Contracts.AsNoTracking().Where(c => c.SupervisorId == userId),
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Every contract is read with AllAsync, by keyset."),
        };
        if (status is { } wanted)
        {
            contracts = contracts.Where(c => c.Status == wanted);
        }

        var ordered = contracts.OrderByDescending(c => c.SignedOn).ThenByDescending(c => c.Id);
        List<ContractListRow>? firstPage = null;
        if (page <= 1)
        {
            // Most people have fewer contracts than a page: then the page itself is the count.
            firstPage = await ordered.Take(PageSize).Select(Row()).ToListAsync(cancellationToken);
            if (firstPage.Count < PageSize)
            {
                return new ContractListPage(firstPage, scope, status) { Counted = new CountedPage(1, 1, firstPage.Count) };
            }
        }

        // One person's contracts (the contract indexes lead with ContractorId and SupervisorId): cheap to count.
        var total = await contracts.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = firstPage
            ?? await ordered.Skip((page - 1) * PageSize).Take(PageSize).Select(Row()).ToListAsync(cancellationToken);
        return new ContractListPage(rows, scope, status) { Counted = new CountedPage(page, pageCount, total) };
    }

    /// <summary>
    /// Every contract (admins), a page at a time: newest signature first, from the index on the signature date
    /// (alone, after the state, or after the entity); or, when searching by number, in number order from the
    /// number's index.
    /// </summary>
    public async Task<ContractListPage> AllAsync(ContractFilter filter, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var contracts = db.Contracts.AsNoTracking();
        if (filter.Status is { } wanted)
        {
            contracts = contracts.Where(c => c.Status == wanted);
        }

        if (filter.EntityId is { } entity)
        {
            contracts = contracts.Where(c => c.EntityId == entity);
        }

        KeysetPage<ContractListRow> page;
        if (!string.IsNullOrEmpty(filter.ContractorNamePrefix))
        {
            // The contractors whose folded name starts so, in that name's index order, then each one's contracts
            // (the index leading with ContractorId): a page reads about a page of people.
            var named =
                from c in contracts
                join u in db.Users.WhereStartsWith(u => u.NormalizedFullName, filter.ContractorNamePrefix) on c.ContractorId equals u.Id
                select new NamedContract { Contract = c, Name = u.NormalizedFullName! };
            page = await KeysetPaging.ReadAsync(named, n => n.Name, n => n.Contract.Id, descending: false, OfNamed(Row()), request, PageSize, cancellationToken);
        }
        else if (!string.IsNullOrEmpty(filter.EntityNamePrefix))
        {
            // The entities whose folded name starts so, in that name's index order, then each one's contracts.
            var named =
                from c in contracts
                join e in db.PublicEntities.WhereStartsWith(e => EF.Property<string>(e, PublicEntityConfiguration.NormalizedName), filter.EntityNamePrefix)
                    on c.EntityId equals e.Id
                select new NamedContract { Contract = c, Name = EF.Property<string>(e, PublicEntityConfiguration.NormalizedName) };
            page = await KeysetPaging.ReadAsync(named, n => n.Name, n => n.Contract.Id, descending: false, OfNamed(Row()), request, PageSize, cancellationToken);
        }
        else if (!string.IsNullOrEmpty(filter.NumberPrefix))
        {
            page = await KeysetPaging.ReadAsync(
                contracts.WhereStartsWith(c => c.Number, filter.NumberPrefix), c => c.Number, c => c.Id, descending: false, Row(), request, PageSize, cancellationToken);
        }
        else
        {
            page = await KeysetPaging.ReadAsync(contracts, c => c.SignedOn, c => c.Id, descending: true, Row(), request, PageSize, cancellationToken);
        }

        return new ContractListPage(page.Rows, ContractListScope.All, filter.Status) { Keyset = page };
    }

    /// <summary>The row projection applied to the contract of a <see cref="NamedContract"/>.</summary>
    private static Expression<Func<NamedContract, ContractListRow>> OfNamed(Expression<Func<Contract, ContractListRow>> row)
    {
        var named = Expression.Parameter(typeof(NamedContract), "n");
        var contract = Expression.Property(named, nameof(NamedContract.Contract));
        return Expression.Lambda<Func<NamedContract, ContractListRow>>(new ParameterReplacer(row.Parameters[0], contract).Visit(row.Body), named);
    }

    /// <summary>
    /// The row, with the entity's and the contractor's names read by key for each of the page's rows (scalar
    /// subqueries; a First() here would make EF number every user of the country to pick one).
    /// </summary>
    private Expression<Func<Contract, ContractListRow>> Row() => c => new ContractListRow(
        c.Id,
        c.Number,
        db.PublicEntities.Where(e => e.Id == c.EntityId).Select(e => e.Name).FirstOrDefault() ?? string.Empty,
        db.Users.Where(u => u.Id == c.ContractorId).Select(u => u.FullName).FirstOrDefault() ?? string.Empty,
        c.SignedOn,
        c.EndsOn,
        c.TotalValue,
        c.Status,
        c.Purpose);
}

/// <summary>A contract with the folded name it is listed by (its contractor's or its entity's); public so EF can build it.</summary>
public sealed class NamedContract
{
    public Contract Contract { get; init; } = default!;

    public string Name { get; init; } = string.Empty;
}
