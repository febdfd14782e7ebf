using System.Net;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Tests.Admin;

/// <summary>The contract scenarios that must hold on both databases: creation reaching the contractor, and concurrent edits.</summary>
public abstract class AdminContractCoreTests(PortalFixture fixture)
{
    [Fact]
    public async Task Admin_creates_a_contract_for_contratista2_and_it_appears_in_their_Mis_contratos()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var number = AdminPages.NewContractNumber();

        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, number));

        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Contains($"Se creó el contrato {number}", AdminPages.Flash(edit), StringComparison.Ordinal);
        using var contractor = await fixture.Factory.SignedInAsync(DemoAccounts.Contractor2);
        var mine = await PortalHttp.GetPageAsync(contractor, "/contratos");
        Assert.Equal("Mis contratos", mine.QuerySelector("h1")!.TextContent.Trim());
        var row = mine.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        var text = row.TextContent;
        Assert.Contains("Alcaldía Municipal de Villa del Río", text, StringComparison.Ordinal);
        Assert.Contains("02/02/2026", text, StringComparison.Ordinal);
        Assert.Contains("02/08/2026", text, StringComparison.Ordinal);
        Assert.Contains("$ 27.000.000", text, StringComparison.Ordinal);
        Assert.Contains("Firmado", text, StringComparison.Ordinal);

        var detail = await PortalHttp.GetPageAsync(contractor, $"/contratos/{id}");
        Assert.Contains("Persona natural", detail.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Laura Méndez Ríos", detail.Body.TextContent, StringComparison.Ordinal);

        // Nobody else's list shows it: the other contractor gets 404 on its detail.
        using var otherContractor = await fixture.Factory.SignedInAsync(DemoAccounts.Contractor);
        using var hidden = await otherContractor.GetAsync(new Uri($"/contratos/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Saving_over_a_version_someone_else_changed_shows_the_conflict_with_the_current_data()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        using var otherAdmin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));

        var mine = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "Input.Number");
        var theirs = AdminPages.FormValues(await PortalHttp.GetPageAsync(otherAdmin, AdminPages.EditContract(id)), "Input.Number");
        theirs["Input.Purpose"] = "Objeto corregido por la otra persona.";
        using (var saved = await PortalHttp.PostFormAsync(otherAdmin, AdminPages.EditContract(id), theirs))
        {
            Assert.Equal(AdminPages.EditContract(id), AdminPages.Location(saved));
        }

        mine["Input.Purpose"] = "Objeto que escribí sin ver el cambio.";
        using var conflict = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), mine);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = await PortalHttp.ParseAsync(conflict);
        Assert.Contains(VersionMessages.Stale, AdminPages.Summary(page), StringComparison.Ordinal);
        Assert.Equal("Objeto corregido por la otra persona.", AdminPages.ValueOf(page, "Input.Purpose"));
        Assert.NotEqual(mine["Input.ConcurrencyStamp"], AdminPages.ValueOf(page, "Input.ConcurrencyStamp"));

        // Starting again from what the page shows now works.
        var retry = AdminPages.FormValues(page, "Input.Number");
        retry["Input.Purpose"] = "Objeto que escribí después de revisar.";
        using var retried = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), retry);
        Assert.Equal(AdminPages.EditContract(id), AdminPages.Location(retried));
        var after = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Equal("Objeto que escribí después de revisar.", AdminPages.ValueOf(after, "Input.Purpose"));
    }

    [Fact]
    public async Task Changing_the_state_of_a_version_someone_else_changed_shows_the_conflict()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        using var otherAdmin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));
        var stale = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "StatusInput.NewStatus");

        var theirs = AdminPages.FormValues(await PortalHttp.GetPageAsync(otherAdmin, AdminPages.EditContract(id)), "Input.Number");
        theirs["Input.RpNumber"] = "RP-2026-9999";
        using (var saved = await PortalHttp.PostFormAsync(otherAdmin, AdminPages.EditContract(id), theirs))
        {
            Assert.Equal(AdminPages.EditContract(id), AdminPages.Location(saved));
        }

        stale["StatusInput.NewStatus"] = "InExecution";
        using var conflict = await PortalHttp.PostFormAsync(admin, AdminPages.ContractStatus(id), stale, tokenPageUrl: AdminPages.EditContract(id));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = await PortalHttp.ParseAsync(conflict);
        Assert.Contains(VersionMessages.Stale, AdminPages.Summary(page), StringComparison.Ordinal);
        Assert.Contains("Firmado", page.QuerySelector(".status-card .badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("RP-2026-9999", AdminPages.ValueOf(page, "Input.RpNumber"));
        Assert.Equal(["En ejecución", "Cancelado"], AdminPages.OptionTexts(page, "StatusInput.NewStatus"));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class AdminContractCoreTestsOnSqlite(SqlitePortalFixture fixture) : AdminContractCoreTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class AdminContractCoreTestsOnPostgres(PostgresPortalFixture fixture) : AdminContractCoreTests(fixture);
