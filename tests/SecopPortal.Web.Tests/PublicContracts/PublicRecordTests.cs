using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.ExecutionDocuments;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.PaymentRequests;

namespace SecopPortal.Web.Tests.PublicContracts;

/// <summary>
/// "Consulta pública de contratos" (docs/public-record.md): anonymous search and contract page, what they show and
/// what they never show, caching (ETag, 304, no cookie) and the per-address rate limit.
/// </summary>
public abstract class PublicRecordTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    private const string RunningNumber = "CO1.PCCNTR.7034218";

    private HttpClient Anonymous() => PortalHttp.ClientOf(Factory);

    private static string PublicPage(int id) => $"/publico/contratos/{id.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task The_exact_number_finds_that_contract_and_links_its_public_page()
    {
        var page = await PortalHttp.GetPageAsync(Anonymous(), $"/publico/contratos?q={RunningNumber}");

        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Contains(RunningNumber, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Juan Carlos Pérez Rojas", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("En ejecución", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(PublicPage(await IdOfAsync(RunningNumber)), row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("co1.pccntr.70342", RunningNumber)]
    [InlineData("juan carlos perez", RunningNumber)]
    [InlineData("MARÍA FERNANDA", "CO1.PCCNTR.7098832")]
    public async Task A_number_prefix_or_the_beginning_of_a_contractor_name_finds_the_contract(string search, string number)
    {
        var page = await PortalHttp.GetPageAsync(Anonymous(), $"/publico/contratos?q={Uri.EscapeDataString(search)}");

        Assert.Contains(number, Numbers(page));
    }

    [Fact]
    public async Task An_entity_by_name_or_by_nit_lists_its_contracts_only()
    {
        string entityName, nit;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var entity = await db.Contracts.Where(c => c.Number == RunningNumber)
                .Join(db.PublicEntities, c => c.EntityId, e => e.Id, (c, e) => new { e.Name, e.Nit }).SingleAsync();
            (entityName, nit) = (entity.Name, entity.Nit);
        }

        var byName = await PortalHttp.GetPageAsync(Anonymous(), $"/publico/contratos?q={Uri.EscapeDataString(entityName.ToLowerInvariant())}");
        var byNit = await PortalHttp.GetPageAsync(Anonymous(), $"/publico/contratos?q={nit}");

        // By name: the entities' contracts in (name, id) order, the seeded contract first. By NIT: newest signature
        // first (other tests add contracts to this entity), every row the entity's, the entity named above the list.
        Assert.Contains(RunningNumber, Numbers(byName));
        Assert.Contains($"NIT {nit}", byNit.QuerySelector(".filter-chip")!.TextContent, StringComparison.Ordinal);
        foreach (var page in new[] { byName, byNit })
        {
            Assert.NotEmpty(page.QuerySelectorAll("tbody tr"));
            Assert.All(page.QuerySelectorAll("tbody tr"), row => Assert.Contains(entityName, row.TextContent, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_state_filter_takes_readable_spanish_values()
    {
        var page = await PortalHttp.GetPageAsync(Anonymous(), "/publico/contratos?estado=terminado");

        Assert.Contains("CO1.PCCNTR.6518877", Numbers(page));
        Assert.All(page.QuerySelectorAll("tbody tr"), row => Assert.Contains("Terminado", row.TextContent, StringComparison.Ordinal));
        Assert.Equal("terminado", page.QuerySelector("select#estado option[selected]")!.GetAttribute("value"));
        Assert.DoesNotContain(page.QuerySelectorAll("select#estado option"), o => o.GetAttribute("value") == "InExecution");
    }

    [Fact]
    public async Task The_public_page_shows_the_sections_the_sent_requests_and_the_published_documents_never_a_draft_an_attachment_or_an_email()
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var sent = await PaymentRequestPages.SentRequestAsync(contract);
        var draft = await PaymentRequestPages.CreateRequestAsync(contract, new Dictionary<string, string>
        {
            ["Input.InvoiceNumber"] = "BORRADOR-777",
            ["Input.PeriodFrom"] = PaymentRequestPages.Date(PaymentRequestPages.StartsOn.AddMonths(1)),
            ["Input.PeriodTo"] = PaymentRequestPages.Date(PaymentRequestPages.StartsOn.AddMonths(2).AddDays(-1)),
        });
        using (var uploaded = await ExecutionDocumentPages.UploadAsync(contract.Contractor, contract.Id, "Informe de actividades de febrero", "informe-febrero.pdf", TestFiles.Pdf()))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        using var response = await Anonymous().GetAsync(new Uri(PublicPage(contract.Id), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await PortalHttp.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sections = page.QuerySelectorAll("section h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["1 Información general", "2 Condiciones", "3 Bienes y servicios", "6 Información presupuestal", "7 Ejecución del contrato"], sections);
        var planRows = page.QuerySelectorAll("[aria-labelledby=plan-de-pagos] tbody tr");
        var row = Assert.Single(planRows);
        Assert.Contains("Enviado", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("20/05/2026 10:00", row.QuerySelector("[data-label='Fecha de envío']")!.TextContent.Trim());
        var document = Assert.Single(page.QuerySelectorAll("[aria-labelledby=documentos-ejecucion] tbody tr"));
        Assert.Contains("Informe de actividades de febrero", document.TextContent, StringComparison.Ordinal);
        Assert.Contains("Proveedor", document.TextContent, StringComparison.Ordinal);

        // Never public: the draft, the request's attachments (names, ids, routes), e-mails, a persona natural's document.
        Assert.DoesNotContain("BORRADOR-777", html, StringComparison.Ordinal);
        Assert.DoesNotContain(contract.ContractorEmail, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(contract.SupervisorEmail, html, StringComparison.OrdinalIgnoreCase);
        // No e-mail in the page's content (the footer shows the operator's public mailbox, ADR 0022).
        Assert.DoesNotContain("@", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("1020304050", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/pagos/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("anexos", html, StringComparison.OrdinalIgnoreCase);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var attachments = await db.PaymentRequests.Where(p => p.Id == sent || p.Id == draft).SelectMany(p => p.Attachments)
                .Select(a => new { a.Id, a.FileName, a.StorageKey }).ToListAsync();
            Assert.NotEmpty(attachments);
            Assert.All(attachments, a =>
            {
                Assert.DoesNotContain(a.FileName, html, StringComparison.Ordinal);
                Assert.DoesNotContain(a.StorageKey, html, StringComparison.Ordinal);
                Assert.DoesNotContain($"/{a.Id.ToString(CultureInfo.InvariantCulture)}/descargar", html, StringComparison.Ordinal);
            });
        }

        // The published document downloads anonymously; under another contract it does not exist.
        var downloadUrl = document.QuerySelector("a[download]")!.GetAttribute("href")!;
        using var download = await Anonymous().GetAsync(new Uri(downloadUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("%PDF", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var elsewhere = downloadUrl.Replace(PublicPage(contract.Id), PublicPage(await IdOfAsync(RunningNumber)), StringComparison.Ordinal);
        using var foreign = await Anonymous().GetAsync(new Uri(elsewhere, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task A_persona_juridica_shows_its_nit_a_persona_natural_only_its_name()
    {
        var natural = await PortalHttp.GetPageAsync(Anonymous(), PublicPage(await IdOfAsync(RunningNumber)));
        var legal = await PortalHttp.GetPageAsync(Anonymous(), PublicPage(await IdOfAsync("CO1.PCCNTR.7150093")));

        var naturalContractor = ContractorFact(natural);
        Assert.Contains("Juan Carlos Pérez Rojas", naturalContractor, StringComparison.Ordinal);
        Assert.DoesNotContain("1020345678", natural.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Cédula", naturalContractor, StringComparison.Ordinal);
        Assert.Contains("NIT 901234567", ContractorFact(legal), StringComparison.Ordinal);

        // The demo contract's two earlier payments are public: the first Pagado, the second Aprobado.
        var states = natural.QuerySelectorAll("[aria-labelledby=plan-de-pagos] tbody tr [data-label=Estado]").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Pagado", "Aprobado"], states);
    }

    [Fact]
    public async Task The_page_is_cacheable_without_cookies_answers_304_to_its_etag_and_changes_when_a_request_is_sent()
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var pending = await PaymentRequestPages.PendingRequestAsync(contract);
        var client = Anonymous();

        using var first = await client.GetAsync(new Uri(PublicPage(contract.Id), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(300), first.Headers.CacheControl.MaxAge);
        Assert.False(first.Headers.Contains("Set-Cookie"), string.Join(" | ", first.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []));
        var etag = first.Headers.ETag!;
        Assert.DoesNotContain("Cerrar sesión", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, PublicPage(contract.Id));
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        var page = await PortalHttp.GetPageAsync(contract.Contractor, PaymentRequestPages.Show(contract.Id, pending));
        using (var sent = await PaymentRequestPages.PostButtonAsync(contract.Contractor, page, PaymentRequestPages.Action(contract.Id, pending, "enviar")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var afterSending = new HttpRequestMessage(HttpMethod.Get, PublicPage(contract.Id));
        afterSending.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(afterSending);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Enviado", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_is_cacheable_and_sets_no_cookie_and_a_missing_contract_is_404()
    {
        using var search = await Anonymous().GetAsync(new Uri("/publico/contratos?q=juan", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.True(search.Headers.CacheControl!.Public);
        Assert.False(search.Headers.Contains("Set-Cookie"));

        using var missing = await Anonymous().GetAsync(new Uri(PublicPage(987_654_321), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_private_contract_page_still_asks_an_anonymous_visitor_to_sign_in()
    {
        using var response = await Anonymous().GetAsync(new Uri($"/contratos/{(await IdOfAsync(RunningNumber)).ToString(CultureInfo.InvariantCulture)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(PortalHttp.LoginPath, response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_page_links_the_public_search_and_the_public_pages_link_back_to_sign_in()
    {
        var login = await PortalHttp.GetPageAsync(Anonymous(), PortalHttp.LoginPath);
        var link = login.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Consulta pública de contratos");
        Assert.Equal("/publico/contratos", link.GetAttribute("href"));

        var search = await PortalHttp.GetPageAsync(Anonymous(), "/publico/contratos");
        Assert.Equal(PortalHttp.LoginPath, search.QuerySelectorAll("header a").Single(a => a.TextContent.Trim() == "Ingresar").GetAttribute("href"));
    }

    private static List<string> Numbers(IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr [data-label='Número del contrato']").Select(td => td.TextContent.Trim()).ToList();

    private static string ContractorFact(IHtmlDocument page) =>
        page.QuerySelectorAll("#seccion-1 dt").Single(dt => dt.TextContent.Trim() == "Contratista").NextElementSibling!.TextContent;

    private async Task<int> IdOfAsync(string number)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Contracts.Where(c => c.Number == number).Select(c => c.Id).SingleAsync();
    }
}

[Collection(SqlitePortal.Name)]
public sealed class PublicRecordOnSqliteTests(SqlitePortalFixture fixture) : PublicRecordTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class PublicRecordOnPostgresTests(PostgresPortalFixture fixture) : PublicRecordTests(fixture);

/// <summary>The per-address limit of the public routes, on a portal of its own with two requests a minute.</summary>
public sealed class PublicRecordRateLimitTests
{
    [Fact]
    public async Task The_third_request_in_a_minute_gets_429_in_spanish_with_retry_after()
    {
        await using var factory = await PortalFactory.CreateAsync(
            TestDatabase.Sqlite, settings: new Dictionary<string, string?> { ["PublicRecord:PermitsPerMinute"] = "2" });
        var client = PortalHttp.ClientOf(factory);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync(new Uri("/publico/contratos", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync(new Uri("/publico/contratos?q=CO1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("Demasiadas consultas seguidas", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // The signed-in portal is not limited by the public policy.
        using var signIn = await client.GetAsync(new Uri(PortalHttp.LoginPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
