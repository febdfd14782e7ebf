using System.Net;
using AngleSharp.Html.Dom;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Review;

/// <summary>"Cuentas por revisar": what a supervisor finds waiting, in which order, and for how long.</summary>
public abstract class ReviewInboxTests(PortalFixture fixture) : ReviewTests(fixture)
{
    private static readonly string[] Columns =
    [
        "Contratista", "Contrato", "Entidad Estatal", "Id de pago", "Número de factura", "Periodo", "Valor total", "Enviada",
        "Días hábiles en espera", "Acciones",
    ];

    [Fact]
    public async Task Inbox_lists_only_sent_requests_of_supervised_contracts_oldest_first_with_business_days_waiting()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var secondContractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var secondContract = await ReviewTestData.NewContractAsync(Factory, secondContractor.Id, mine.Supervisor.Id);
        var otherSupervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var notMine = await ReviewTestData.NewContractAsync(Factory, mine.Contractor.Id, otherSupervisor.Id);

        // First contract: Id de pago 1 sent on 03/11, rejected, corrected and sent again on Thursday 12/11 at 21:00 in
        // Bogotá (already Friday 13/11 in UTC); Id de pago 2 is still a draft.
        var resent = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Resent, ReviewTestData.BogotaUtc(2026, 11, 12, 21));
        await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Draft);

        // Second contract: 1 approved, 2 sent on Thursday 05/11, 3 rejected.
        await ReviewTestData.NewRequestAsync(Factory, secondContract.Id, RequestStage.Approved, ReviewTestData.BogotaUtc(2026, 10, 5, 9));
        var older = await ReviewTestData.NewRequestAsync(Factory, secondContract.Id, RequestStage.Sent, ReviewTestData.BogotaUtc(2026, 11, 5, 10));
        await ReviewTestData.NewRequestAsync(Factory, secondContract.Id, RequestStage.Rejected, ReviewTestData.BogotaUtc(2026, 11, 6, 10));

        // Someone else's contract: sent, but not to this supervisor.
        await ReviewTestData.NewRequestAsync(Factory, notMine.Id, RequestStage.Sent, ReviewTestData.BogotaUtc(2026, 11, 2, 10));

        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Inbox);

        Assert.Equal("Cuentas por revisar", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(Columns, page.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToArray());
        var rows = Rows(page);
        Assert.Equal(2, rows.Count);

        // Oldest first. 05/11 → 20/11: 10 business days (Monday 16/11 is a holiday). 12/11 → 20/11: 5, counted from
        // the Bogotá date of the last "Enviar" (from the UTC date, 13/11, it would be 4).
        Assert.Equal(
            [secondContractor.FullName, secondContract.Number, "Alcaldía Municipal de Villa del Río", "2", "Pago 002", "01/02/2026 – 28/02/2026", "$ 2.000.000", "05/11/2026", "10"],
            rows[0].Cells);
        Assert.Equal(
            [mine.Contractor.FullName, mine.ContractNumber, "Alcaldía Municipal de Villa del Río", "1", "Pago 001", "01/01/2026 – 31/01/2026", "$ 2.000.000", "12/11/2026", "5"],
            rows[1].Cells);
        Assert.Equal(ReviewPages.Show(older), rows[0].ReviewLink);
        Assert.Equal(ReviewPages.Show(resent), rows[1].ReviewLink);
    }

    [Fact]
    public async Task An_empty_inbox_says_so_in_spanish()
    {
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(supervisor));

        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Inbox);

        Assert.Empty(page.QuerySelectorAll("tbody tr"));
        Assert.Contains("No tiene cuentas de cobro por revisar.", page.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_supervisors_menu_has_cuentas_por_revisar_with_the_number_waiting_and_the_contractors_does_not()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);

        var supervisor = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var supervisorPage = await PortalHttp.GetPageAsync(supervisor, "/contratos?vista=supervision");
        var contractor = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Contractor));
        var contractorPage = await PortalHttp.GetPageAsync(contractor, "/contratos");

        var menu = supervisorPage.QuerySelectorAll("nav.mainnav a").Select(a => a.TextContent.Trim()).ToList();
        var contratos = menu.FindIndex(t => t == "Contratos");
        Assert.True(contratos >= 0, $"Menu: {string.Join(" | ", menu)}");
        Assert.StartsWith("Cuentas por revisar", menu[contratos + 1], StringComparison.Ordinal);
        var link = supervisorPage.QuerySelector("nav.mainnav a.review-menu")!;
        Assert.Equal(ReviewPages.Inbox, link.GetAttribute("href"));
        Assert.Equal("2", link.QuerySelector(".review-menu__count")!.TextContent.Trim());
        Assert.Contains("2 pendientes", link.TextContent, StringComparison.Ordinal);
        Assert.Null(contractorPage.QuerySelector("nav.mainnav a.review-menu"));
    }

    [Fact]
    public async Task Only_supervisors_open_the_inbox()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);

        using var response = await client.GetAsync(new Uri(ReviewPages.Inbox, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/cuenta/acceso-denegado", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var client = Factory.CreateClient();

        using var response = await client.GetAsync(new Uri(ReviewPages.Inbox, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(PortalHttp.LoginPath, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    protected sealed record InboxRow(string[] Cells, string? ReviewLink);

    protected static List<InboxRow> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("tbody tr")
            .Select(tr =>
            {
                var cells = tr.QuerySelectorAll("td").ToList();
                return new InboxRow(
                    cells.Take(cells.Count - 1).Select(td => td.TextContent.Trim()).ToArray(),
                    cells[^1].QuerySelector("a")?.GetAttribute("href"));
            })
            .ToList();
}

[Collection(SqlitePortal.Name)]
public sealed class ReviewInboxSqliteTests(SqlitePortalFixture fixture) : ReviewInboxTests(fixture)
{
    [Fact]
    public async Task The_inbox_pages_twenty_requests_at_a_time_oldest_first()
    {
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var contract = await ReviewTestData.NewContractAsync(Factory, contractor.Id, supervisor.Id, new DateOnly(2024, 1, 1), months: 24);
        var ids = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add(await ReviewTestData.NewRequestAsync(Factory, contract.Id, RequestStage.Sent, ReviewTestData.BogotaUtc(2026, 10, 1, 8).AddHours(i)));
        }

        var client = await Factory.SignedInAsync(TestUsers.AccountOf(supervisor));
        var first = await PortalHttp.GetPageAsync(client, ReviewPages.Inbox);
        var second = await PortalHttp.GetPageAsync(client, ReviewPages.Inbox + "?pagina=2");

        Assert.Equal(ids.Take(20).Select(ReviewPages.Show), Rows(first).Select(r => r.ReviewLink));
        Assert.Equal([ReviewPages.Show(ids[20])], Rows(second).Select(r => r.ReviewLink));
        Assert.Contains("Página 1 de 2 · 21 registros", first.QuerySelector(".pager")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("21", first.QuerySelector("a.review-menu .review-menu__count")!.TextContent.Trim());
    }
}

[Collection(PostgresPortal.Name)]
public sealed class ReviewInboxPostgresTests(PostgresPortalFixture fixture) : ReviewInboxTests(fixture);
