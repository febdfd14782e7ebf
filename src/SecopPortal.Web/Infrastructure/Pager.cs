namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// What the shared pager partial shows: a summary ("Página 2 de 5 · 93 registros" or "Registros 21 a 40") and the
/// links to the neighbouring pages. Small lists count their rows and number their pages; the national-size admin
/// lists page by keyset and never count (<see cref="ForKeyset{TRow}"/>).
/// </summary>
public sealed class Pager
{
    /// <summary>A counted list: page <paramref name="page"/> of <paramref name="pageCount"/>.</summary>
    public Pager(int page, int pageCount, int totalCount, Func<int, string> urlFor)
    {
        ArgumentNullException.ThrowIfNull(urlFor);
        PreviousUrl = page > 1 ? urlFor(page - 1) : null;
        NextUrl = page < pageCount ? urlFor(page + 1) : null;
        Summary = pageCount > 1
            ? $"Página {Display.Number(page)} de {Display.Number(pageCount)} · {Display.Number(totalCount)} registros"
            : Count(totalCount);
    }

    private Pager(string summary, string? previousUrl, string? nextUrl)
    {
        Summary = summary;
        PreviousUrl = previousUrl;
        NextUrl = nextUrl;
    }

    public string Summary { get; }

    public string? PreviousUrl { get; }

    public string? NextUrl { get; }

    public bool HasLinks => PreviousUrl is not null || NextUrl is not null;

    /// <summary>A keyset-paged list; <paramref name="urlFor"/> builds the link from the (after, before) cursors.</summary>
    public static Pager ForKeyset<TRow>(KeysetPage<TRow> page, Func<string?, string?, string> urlFor)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(urlFor);
        var last = page.FirstPosition + page.Rows.Count - 1;
        var summary = page.IsOnlyPage || page.Rows.Count == 0
            ? Count(page.Rows.Count)
            : $"Registros {Display.Number(page.FirstPosition)} a {Display.Number(last)}";
        return new Pager(
            summary,
            page.PreviousCursor is { } previous ? urlFor(null, previous) : null,
            page.NextCursor is { } next ? urlFor(next, null) : null);
    }

    private static string Count(int count) => $"{Display.Number(count)} {(count == 1 ? "registro" : "registros")}";

}
