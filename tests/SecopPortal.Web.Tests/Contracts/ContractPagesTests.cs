using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Contracts;

/// <summary>"Mis contratos", "Contratos" and the contract's "Detalle", as each demo user sees them.</summary>
public abstract class ContractPagesTests(PortalFixture fixture)
{
    private static readonly string[] SectionTitles =
    [
        "Información general", "Condiciones", "Bienes y servicios", "Documentos del proveedor", "Documentos del contrato",
        "Información presupuestal", "Ejecución del contrato", "Modificaciones del contrato", "Incumplimientos",
    ];

    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task Contractor_sees_exactly_their_three_contracts_with_the_secop_columns()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);

        var page = await PortalHttp.GetPageAsync(client, "/contratos");

        Assert.Equal("Mis contratos", page.QuerySelector("h1")!.TextContent.Trim());
        var headers = page.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Equal(["Id del contrato", "Número del contrato", "Entidad Estatal", "Fecha de firma", "Fecha de finalización", "Valor total", "Estado", "Acciones"], headers);
        Assert.Equal(await NumbersOfAsync(DemoAccounts.Contractor.Email), RowNumbers(page).Order().ToList());
        Assert.All(page.QuerySelectorAll("tbody tr"), row => Assert.Equal("Detalle", row.QuerySelector("a")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Filtering_by_estado_terminado_leaves_the_finished_contract_only()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);

        var page = await PortalHttp.GetPageAsync(client, "/contratos?estado=Terminated");

        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Contains("Terminado", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("terminado", page.QuerySelector("select#estado option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_filter_with_no_match_says_so_in_spanish()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor2);

        var page = await PortalHttp.GetPageAsync(client, "/contratos?estado=Closed");

        Assert.Empty(page.QuerySelectorAll("tbody tr"));
        Assert.Contains("No tiene contratos en estado «Cerrado».", page.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_sees_only_the_contracts_they_supervise_with_the_contractor_column()
    {
        var otherSupervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var notTheirs = await TestUsers.CreateContractAsync(Factory, contractor.Id, otherSupervisor.Id);
        var client = await Factory.SignedInAsync(DemoAccounts.Supervisor);

        var page = await PortalHttp.GetPageAsync(client, "/contratos?vista=supervision");

        Assert.Equal("Contratos", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Contratista", page.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.DoesNotContain(notTheirs.Number, RowNumbers(page));
        Assert.Contains("CO1.PCCNTR.7034218", RowNumbers(page));
    }

    [Fact]
    public async Task A_list_pages_twenty_rows_at_a_time()
    {
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisorId = await TestUsers.IdOfAsync(Factory, DemoAccounts.Supervisor.Email);
        for (var i = 0; i < 23; i++)
        {
            await TestUsers.CreateContractAsync(Factory, contractor.Id, supervisorId, signedOn: new DateOnly(2026, 1, 1).AddDays(i));
        }

        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));

        var first = await PortalHttp.GetPageAsync(client, "/contratos");
        var second = await PortalHttp.GetPageAsync(client, "/contratos?pagina=2");
        var beyond = await PortalHttp.GetPageAsync(client, "/contratos?pagina=99");

        Assert.Equal(20, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Página 1 de 2 · 23 registros", first.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector(".pager a[rel=next]"));
        Assert.Equal(3, second.QuerySelectorAll("tbody tr").Length);
        Assert.Empty(RowNumbers(first).Intersect(RowNumbers(second)));
        Assert.Equal(RowNumbers(second), RowNumbers(beyond));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(19)]
    [InlineData(20)]
    public async Task A_list_of_one_page_or_less_is_counted_right(int contracts)
    {
        // Fewer rows than a page are their own count (no count statement); a full page still asks for the count.
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisorId = await TestUsers.IdOfAsync(Factory, DemoAccounts.Supervisor.Email);
        for (var i = 0; i < contracts; i++)
        {
            await TestUsers.CreateContractAsync(Factory, contractor.Id, supervisorId, signedOn: new DateOnly(2026, 1, 1).AddDays(i));
        }

        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var page = await PortalHttp.GetPageAsync(client, "/contratos");

        Assert.Equal(contracts, page.QuerySelectorAll("tbody tr").Length);
        Assert.Null(page.QuerySelector(".pager"));
        Assert.Contains($"{contracts} registros", page.QuerySelector(".pager__info")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contractor")]
    [InlineData("supervisor")]
    public async Task Each_payment_plan_row_links_to_its_own_request_for_the_viewer(string viewer)
    {
        // The row links are routed once for the table (RowUrl): each must still carry its own row's id.
        var client = await Factory.SignedInAsync(viewer == "contractor" ? DemoAccounts.Contractor : DemoAccounts.Supervisor);
        var id = await IdOfContractAsync("CO1.PCCNTR.7034218");
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var requestIds = await db.PaymentRequests.Where(p => p.ContractId == id).OrderBy(p => p.Sequence).Select(p => p.Id).ToListAsync();

        var page = await PortalHttp.GetPageAsync(client, $"/contratos/{id}");
        var hrefs = page.QuerySelector("#seccion-7 table")!.QuerySelectorAll("tbody tr a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(
            requestIds.Select(requestId => viewer == "contractor" ? $"/contratos/{id}/pagos/{requestId}" : $"/revision/{requestId}"),
            hrefs);
        foreach (var href in hrefs)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href)).StatusCode);
        }
    }

    [Fact]
    public async Task Detail_shows_the_nine_sections_in_secop_order()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);
        var id = await IdOfContractAsync("CO1.PCCNTR.7034218");

        var page = await PortalHttp.GetPageAsync(client, $"/contratos/{id}");

        var titles = page.QuerySelectorAll("section.card > h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(SectionTitles.Select((title, i) => $"{i + 1} {title}"), titles);
        Assert.Equal(9, page.QuerySelectorAll(".section-nav a").Length);
    }

    [Fact]
    public async Task Section_seven_shows_the_payment_plan_and_the_balance()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);
        var id = await IdOfContractAsync("CO1.PCCNTR.7034218");

        var page = await PortalHttp.GetPageAsync(client, $"/contratos/{id}");

        var section = page.QuerySelector("#seccion-7")!;
        var headers = section.QuerySelectorAll("table")[0].QuerySelectorAll("thead th").Select(th => th.TextContent.Trim());
        Assert.Equal(["Id de pago", "Número de factura", "Fecha de emisión", "Fecha de recepción", "Valor total de la factura", "Estado", "Acciones"], headers);
        var rows = section.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "Pago 001"], rows[0].Take(2));
        Assert.Equal("Pagado", rows[0][5]);
        Assert.Equal("$ 4.254.000", rows[0][4]);
        Assert.Equal("Aprobado", rows[1][5]);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Valor del contrato"] = "$ 25.524.000",
                ["Valor facturado"] = "$ 8.508.000",
                ["Valor aprobado"] = "$ 8.508.000",
                ["Valor pagado"] = "$ 4.254.000",
                ["Saldo por facturar"] = "$ 17.016.000",
            },
            section.QuerySelectorAll(".balance > div").ToDictionary(d => d.QuerySelector("dt")!.TextContent.Trim(), d => d.QuerySelector("dd")!.TextContent.Trim()));
        Assert.Contains("Documentos de ejecución del contrato", section.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_without_payments_shows_the_empty_state_message()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);
        var id = await IdOfContractAsync("CO1.PCCNTR.7120451");

        var page = await PortalHttp.GetPageAsync(client, $"/contratos/{id}");

        var section = page.QuerySelector("#seccion-7")!;
        Assert.Contains("Todavía no hay pagos registrados en este contrato.", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("No se han cargado documentos de ejecución.", section.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_contractor_guessing_a_contract_id_gets_404_without_its_data()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor2);
        var id = await IdOfContractAsync("CO1.PCCNTR.7034218");

        using var response = await client.GetAsync(new Uri($"/contratos/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("No encontramos lo que busca", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CO1.PCCNTR.7034218", body, StringComparison.Ordinal);
        Assert.DoesNotContain("25.524.000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisor_of_other_contracts_gets_404_on_a_contract_they_do_not_supervise()
    {
        var otherSupervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(otherSupervisor));
        var id = await IdOfContractAsync("CO1.PCCNTR.7034218");

        using var response = await client.GetAsync(new Uri($"/contratos/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_contract_id_that_does_not_exist_is_404()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);

        using var response = await client.GetAsync(new Uri("/contratos/987654", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Admin_reads_any_contract_and_the_whole_list()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Admin);
        var id = await IdOfContractAsync("CO1.PCCNTR.7150093");

        var detail = await PortalHttp.GetPageAsync(client, $"/contratos/{id}");
        var list = await PortalHttp.GetPageAsync(client, "/contratos?vista=todos");

        Assert.Contains("CO1.PCCNTR.7150093", detail.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sí", detail.QuerySelector("#seccion-2")!.TextContent, StringComparison.Ordinal);
        Assert.True(RowNumbers(list).Count >= 5);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_with_their_return_url()
    {
        var client = Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/contratos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/cuenta/iniciar-sesion?returnUrl=%2Fcontratos", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static List<string> RowNumbers(IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr").Select(row => row.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();

    private async Task<int> IdOfContractAsync(string number)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Contracts.Where(c => c.Number == number).Select(c => c.Id).SingleAsync();
    }

    private async Task<List<string>> NumbersOfAsync(string contractorEmail)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var contractorId = await db.Users.Where(u => u.Email == contractorEmail).Select(u => u.Id).SingleAsync();
        var numbers = await db.Contracts.Where(c => c.ContractorId == contractorId).Select(c => c.Number).ToListAsync();
        return numbers.Order().ToList();
    }
}

[Collection(SqlitePortal.Name)]
public sealed class ContractPagesOnSqliteTests(SqlitePortalFixture fixture) : ContractPagesTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class ContractPagesOnPostgresTests(PostgresPortalFixture fixture) : ContractPagesTests(fixture);
