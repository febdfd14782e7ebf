using System.Text.RegularExpressions;

namespace SecopPortal.Bench;

/// <summary>
/// A benchmarked page: who signs in (null: nobody, an anonymous public page), its portal path and the baseline's path for the same reads, and the check
/// that its content is real (run on both, before and after the load). A check returns null when the page is right.
/// <paramref name="RowsOf"/>, when given, reads a page's rows as text: the portal's and the baseline's must be the same,
/// in the same order (for pages whose rows the data set does not fix in advance, such as the audit log's newest).
/// </summary>
public sealed record PageSpec(string Name, string? Email, string PortalPath, string BaselinePath, Func<string, bool, string?> Check,
    Func<string, IReadOnlyList<string>>? RowsOf = null);

public static partial class Pages
{
    public static IReadOnlyList<PageSpec> For(DataSetInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var number = data.BigContractNumber;
        return
        [
            new("detail", NamedAccounts.ContractorEmail, $"/contratos/{data.BigContractId}",
                $"/detail/{data.BigContractId}?viewer={NamedAccounts.ContractorId}",
                (html, _) => Expect(html, number, "Plan de pagos")
                             ?? Rows(html, "data-label=\"Id de pago\"", data.BigContractPayments, "Plan de pagos rows")
                             ?? Rows(html, "data-label=\"Descripción\"", data.BigContractDocuments, "execution documents")),
            new("inbox", NamedAccounts.SupervisorEmail, "/revision", $"/inbox/{NamedAccounts.SupervisorId}",
                (html, _) => Expect(html, "Cuentas por revisar")
                             ?? Rows(html, "review-inbox__contractor", data.PendingRequests, "pending requests")
                             ?? Expect(html, [.. data.PendingContractNumbers])),
            new("contracts", NamedAccounts.ContractorEmail, "/contratos", $"/contracts/{NamedAccounts.ContractorId}",
                (html, _) => Expect(html, "Mis contratos", number)
                             ?? Rows(html, "data-label=\"Id del contrato\"", data.ContractorContracts, "contracts")),
            // Until the portal filters by `buscar` it answers the unfiltered first page: accept a non-empty contract
            // table there, and require the number once the filter exists (the baseline always filters).
            new("admin-search", NamedAccounts.AdminEmail, $"/administracion/contratos?buscar={Uri.EscapeDataString(number)}",
                $"/admin-search?numero={Uri.EscapeDataString(number)}",
                (html, baseline) => Expect(html, "Número del contrato")
                                    ?? (baseline || html.Contains(number, StringComparison.Ordinal)
                                        ? Expect(html, number)
                                        : (ContractRows().Count(html) > 0 ? null : "no contract row in the unfiltered list"))),
            // The public record, anonymous: a contractor's name as typed (no entity starts so, so the portal reads it
            // as an entity's name first, then as a contractor's — the baseline sends both reads too), and a number.
            new("public-search", null, $"/publico/contratos?q={Query(PublicSearchName)}",
                $"/public-search?nombre={Query(PublicSearchFolded)}",
                (html, _) => Expect(html, "Consulta pública de contratos", NamedAccounts.ContractorName, number)
                             ?? Rows(html, "data-label=\"Número del contrato\"", data.ContractorContracts, "contracts of the named contractor")),
            new("public-number", null, $"/publico/contratos?q={Uri.EscapeDataString(number)}",
                $"/public-number?numero={Uri.EscapeDataString(number)}",
                (html, _) => Expect(html, number, NamedAccounts.ContractorName) ?? Rows(html, "data-label=\"Número del contrato\"", 1, "contracts")),
            // The big contract's public page: every request but its one draft (En edición) is public.
            new("public-detail", null, $"/publico/contratos/{data.BigContractId}", $"/public-detail/{data.BigContractId}",
                (html, _) => Expect(html, number, "Plan de pagos", NamedAccounts.ContractorName)
                             ?? Rows(html, "data-label=\"Id de pago\"", data.BigContractPayments - 1, "public Plan de pagos rows")
                             ?? Rows(html, "data-label=\"Descripción\"", data.BigContractDocuments, "published execution documents")
                             ?? (html.Contains("@bench.secop.test", StringComparison.Ordinal) ? "an e-mail address on the public page" : null)),
            // Administración → Auditoría (ADR 0020), first page, newest first, over the audit log filled by `audit-load`
            // (25 entries per contract): a full page of 50, the same rows as the baseline's one keyset query.
            new("audit", NamedAccounts.AdminEmail, "/administracion/auditoria", "/audit",
                (html, _) => Expect(html, "Auditoría") ?? Rows(html, "data-label=\"Fecha y hora\"", AuditPageSize, "audit entries"),
                AuditRows),
            // One user's entries (as the one who acted): the named contractor, the actor of one entry in 10,000.
            new("audit-filtered", NamedAccounts.AdminEmail, $"/administracion/auditoria?usuario={Uri.EscapeDataString(NamedAccounts.ContractorEmail)}",
                $"/audit?usuario={Uri.EscapeDataString(NamedAccounts.ContractorEmail)}",
                (html, _) => Expect(html, "Auditoría", NamedAccounts.ContractorEmail)
                             ?? Rows(html, "data-label=\"Fecha y hora\"", AuditPageSize, "audit entries")
                             ?? (UserCell().Matches(html).Select(m => m.Groups[1].Value.Trim())
                                     .FirstOrDefault(u => u != NamedAccounts.ContractorEmail) is { } other ? $"an entry of another user ({other})" : null),
                AuditRows),
        ];
    }

    /// <summary>Rows of the audit screen's page (AuditLogQuery.PageSize).</summary>
    public const int AuditPageSize = 50;

    /// <summary>
    /// The audit table's rows as the reader sees them: each row's cells (those with a data-label) with the tags
    /// stripped, the entities decoded and the white space collapsed, joined by " | ".
    /// </summary>
    public static IReadOnlyList<string> AuditRows(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = html.IndexOf("<tbody", StringComparison.Ordinal);
        var end = html.IndexOf("</tbody>", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return [];
        }

        return [.. RowPattern().Matches(html[start..end]).Select(row => string.Join(" | ", CellPattern().Matches(row.Value).Select(cell =>
            Space().Replace(System.Net.WebUtility.HtmlDecode(Tag().Replace(cell.Groups[1].Value, " ")), " ").Trim())))];
    }

    /// <summary>The named contractor's name as a visitor types it, and folded as the index holds it.</summary>
    public const string PublicSearchName = "Camila Contratista";

    public const string PublicSearchFolded = "camila contratista";

    /// <summary>A query value with its spaces as "+": wrk is handed the URL as Uri.ToString() writes it, which decodes "%20".</summary>
    private static string Query(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>Whether the portal's admin list already filters by number (else the page is the unfiltered list).</summary>
    public static bool AdminSearchFilters(string html, DataSetInfo data) =>
        html.Contains(data.BigContractNumber, StringComparison.Ordinal);

    private static string? Expect(string html, params string[] texts)
    {
        var missing = texts.Where(t => !html.Contains(t, StringComparison.Ordinal)).ToList();
        return missing.Count == 0 ? null : $"missing {string.Join(", ", missing.Select(m => $"«{m}»"))}";
    }

    private static string? Rows(string html, string marker, int expected, string what)
    {
        var count = Regex.Count(html, Regex.Escape(marker));
        return count == expected ? null : $"{count} {what}, expected {expected}";
    }

    [GeneratedRegex("<tr[^>]*>.*?</tr>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*data-label=\"[^\"]*\"[^>]*>(.*?)</td>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<td[^>]*data-label=\"Usuario\">([^<]*)<", RegexOptions.CultureInvariant)]
    private static partial Regex UserCell();

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();

    [GeneratedRegex("""<td[^>]*>CO1\.PCCNTR\.\d+</td>""", RegexOptions.CultureInvariant)]
    private static partial Regex ContractRows();
}
