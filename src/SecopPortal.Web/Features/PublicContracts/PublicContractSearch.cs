using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PublicContracts;

/// <summary>How the public search box was read; its query value (<c>por=</c>) keeps the reading on the next pages.</summary>
public enum PublicSearchKind
{
    None = 0,

    /// <summary>The beginning of a contract number ("CO1.PCCNTR.7034…").</summary>
    Number = 1,

    /// <summary>The NIT of an entity: its contracts.</summary>
    EntityNit = 2,

    /// <summary>The beginning of an entity's name, folded (no accents, any case).</summary>
    EntityName = 3,

    /// <summary>The beginning of a contractor's name, folded.</summary>
    ContractorName = 4,
}

/// <summary>The readable query values of the public search: states (<c>estado=en-ejecucion</c>) and readings (<c>por=contratista</c>).</summary>
public static class PublicSearchValues
{
    private static readonly (PublicSearchKind Kind, string Value)[] Kinds =
    [
        (PublicSearchKind.Number, "numero"),
        (PublicSearchKind.EntityNit, "nit"),
        (PublicSearchKind.EntityName, "entidad"),
        (PublicSearchKind.ContractorName, "contratista"),
    ];

    public static IEnumerable<ContractStatus> AllStates => Enum.GetValues<ContractStatus>();

    /// <summary>A state's query value, the portal's one for every filter (<see cref="QueryValues"/>): "en-ejecucion".</summary>
    public static string ValueOf(ContractStatus status) => QueryValues.Of(status);

    /// <summary>The state a query value names (or, from older links, its English name); null (every state) for an empty or unknown value.</summary>
    public static ContractStatus? StateOf(string? value) => QueryValues.TryRead<ContractStatus>(value, out var status) ? status : null;

    public static string? ValueOf(PublicSearchKind kind) => Kinds.Where(k => k.Kind == kind).Select(k => k.Value).FirstOrDefault();

    public static PublicSearchKind KindOf(string? value) =>
        Kinds.Where(k => string.Equals(k.Value, value, StringComparison.OrdinalIgnoreCase)).Select(k => k.Kind).FirstOrDefault();
}

/// <summary>One page of the public search: the rows, the term as it was read, the state, and the entity a NIT named.</summary>
public sealed record PublicContractSearchPage(
    KeysetPage<ContractListRow> Page, string? Search, PublicSearchKind Kind, ContractStatus? Status, EntityOption? Entity)
{
    public bool IsFiltered => Kind != PublicSearchKind.None || Status is not null;
}

/// <summary>
/// "Consulta pública de contratos" (docs/product.md §17): one box read as a contract number (exact or its beginning) or
/// an entity's NIT — through the admin's search (<see cref="AdminContractListQuery"/>) —, else as the beginning of an
/// entity's name, else of a contractor's name; every reading is a prefix range on a byte-order index, read a page at a
/// time by keyset, never counted (ADR 0010).
/// </summary>
public sealed class PublicContractSearch(AdminContractListQuery numbers, ContractListQuery contracts)
{
    public async Task<PublicContractSearchPage> RunAsync(
        string? search, PublicSearchKind kind, ContractStatus? status, PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term) || term.Length > 200)
        {
            var all = await contracts.AllAsync(new ContractFilter(status), request, cancellationToken);
            return new PublicContractSearchPage(all.Keyset!, null, PublicSearchKind.None, status, null);
        }

        PublicSearchKind[] readings = kind switch
        {
            PublicSearchKind.Number or PublicSearchKind.EntityNit => [PublicSearchKind.Number],
            PublicSearchKind.EntityName or PublicSearchKind.ContractorName => [kind],
            _ => ReadingsOf(term),
        };

        PublicContractSearchPage? page = null;
        foreach (var reading in readings)
        {
            page = await ReadAsync(reading, term, status, request, cancellationToken);
            if (page is not null && (page.Page.Rows.Count > 0 || !request.IsFirst))
            {
                return page;
            }
        }

        return page ?? new PublicContractSearchPage(new KeysetPage<ContractListRow>([], 1, null, null), term, readings[^1], status, null);
    }

    /// <summary>
    /// One word with a digit or a dot ("CO1.PCCNTR.7034218", "899.999.001-7") is a number or a NIT; anything else a
    /// name, of an entity first ("alcaldia de"), then of a contractor ("maria fernanda").
    /// </summary>
    private static PublicSearchKind[] ReadingsOf(string term) =>
        !term.Any(char.IsWhiteSpace) && term.Any(c => char.IsAsciiDigit(c) || c == '.')
            ? [PublicSearchKind.Number]
            : [PublicSearchKind.EntityName, PublicSearchKind.ContractorName];

    private async Task<PublicContractSearchPage?> ReadAsync(
        PublicSearchKind reading, string term, ContractStatus? status, PageRequest request, CancellationToken cancellationToken)
    {
        if (reading == PublicSearchKind.Number)
        {
            var byNumber = await numbers.RunAsync(term, status, null, request, cancellationToken);
            return new PublicContractSearchPage(
                byNumber.Contracts.Keyset!,
                byNumber.Search,
                byNumber.SearchKind == ContractSearchKind.EntityNit ? PublicSearchKind.EntityNit : PublicSearchKind.Number,
                status,
                byNumber.SearchKind == ContractSearchKind.EntityNit ? byNumber.Entity : null);
        }

        var folded = SearchFold.Fold(term);
        if (string.IsNullOrEmpty(folded))
        {
            return null;
        }

        var filter = reading == PublicSearchKind.EntityName
            ? new ContractFilter(status, EntityNamePrefix: folded)
            : new ContractFilter(status, ContractorNamePrefix: folded);
        var named = await contracts.AllAsync(filter, request, cancellationToken);
        return new PublicContractSearchPage(named.Keyset!, term, reading, status, null);
    }
}
