using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

[Collection(AdminSqliteDefinition.Name)]
public sealed class AdminContractsTests(AdminSqlitePortalFixture fixture)
{
    private const string Contractor2Name = "María Fernanda Torres León";

    [Fact]
    public async Task A_number_already_used_in_the_same_entity_is_refused_next_to_the_number()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var number = AdminPages.NewContractNumber();
        await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, number));

        var again = AdminPages.ContractForm(entityId, contractorId, supervisorId, $"  {number} ");
        again["Input.Purpose"] = "Otro objeto con el mismo número.";
        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Number", $"Ya existe un contrato con el número «{number}» en esta Entidad Estatal.");
        Assert.Equal("Otro objeto con el mismo número.", AdminPages.ValueOf(page, "Input.Purpose"));

        // The number is unique per entity, not across entities.
        var form = await PortalHttp.GetPageAsync(admin, AdminPages.NewContract);
        var otherEntity = AdminPages.ContractForm(AdminPages.OptionValue(form, "Input.EntityId", "Instituto Departamental"), contractorId, supervisorId, number);
        await AdminPages.CreateContractAsync(admin, otherEntity);
    }

    [Fact]
    public async Task An_end_date_before_the_start_is_refused_next_to_the_end_date_and_nothing_typed_is_lost()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var number = AdminPages.NewContractNumber();
        var form = AdminPages.ContractForm(entityId, contractorId, supervisorId, number);
        form["Input.EndsOn"] = "2026-01-31";
        form["Input.RequiresElectronicInvoice"] = "true";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_EndsOn", "La fecha de terminación no puede ser anterior a la fecha de inicio.");
        Assert.Equal(number, AdminPages.ValueOf(page, "Input.Number"));
        Assert.Equal("27.000.000", AdminPages.ValueOf(page, "Input.TotalValue"));
        Assert.Equal("4.500.000", AdminPages.ValueOf(page, "Input.MonthlyFee"));
        Assert.Equal("2026-01-31", AdminPages.ValueOf(page, "Input.EndsOn"));
        Assert.Equal("2026-02-03", AdminPages.ValueOf(page, "Input.StartsOn"));
        Assert.Equal(entityId, AdminPages.ValueOf(page, "Input.EntityId"));
        Assert.Equal(contractorId, AdminPages.ValueOf(page, "Input.ContractorId"));
        Assert.Equal(supervisorId, AdminPages.ValueOf(page, "Input.SupervisorId"));
        Assert.Equal("ProfessionalServices", AdminPages.ValueOf(page, "Input.Type"));
        Assert.Equal("CDP-2026-0142", AdminPages.ValueOf(page, "Input.CdpNumber"));
        Assert.True(page.GetElementById("Input_RequiresElectronicInvoice")!.HasAttribute("checked"));
        Assert.True(AdminPages.OptionTexts(page, "Input.ContractorId").Count >= 3, "The contractor select is filled again.");
    }

    [Fact]
    public async Task An_empty_form_lists_every_missing_field_in_spanish()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, new Dictionary<string, string> { ["Input.Number"] = "" });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_EntityId", "Seleccione la Entidad Estatal.");
        AdminPages.AssertFieldError(page, "Input_Number", "El número del contrato es obligatorio.");
        AdminPages.AssertFieldError(page, "Input_TotalValue", "Escriba el valor total del contrato");
        AdminPages.AssertFieldError(page, "Input_SignedOn", "Escriba la fecha de firma.");
        AdminPages.AssertFieldError(page, "Input_ContractorId", "Seleccione el contratista.");
        AdminPages.AssertFieldError(page, "Input_SupervisorId", "Seleccione el supervisor.");
        Assert.DoesNotContain("field is required", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("4500000", "4.500.000")]
    [InlineData("4.500.000", "4.500.000")]
    [InlineData("4.500.000,50", "4.500.000,50")]
    [InlineData("$ 4.500.000", "4.500.000")]
    public async Task Amounts_typed_the_colombian_way_are_stored_as_pesos(string typed, string shown)
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var form = AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber());
        form["Input.TotalValue"] = typed;
        form["Input.MonthlyFee"] = typed;

        var id = await AdminPages.CreateContractAsync(admin, form);

        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Equal(shown, AdminPages.ValueOf(edit, "Input.TotalValue"));
        Assert.Equal(shown, AdminPages.ValueOf(edit, "Input.MonthlyFee"));
        var input = edit.GetElementById("Input_TotalValue")!;
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.Equal("decimal", input.GetAttribute("inputmode"));
        var list = await PortalHttp.GetPageAsync(admin, AdminPages.Contracts);
        Assert.Contains($"$ {shown}", list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(form["Input.Number"], StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_not_an_amount_gets_one_message_and_stays_as_typed()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var form = AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber());
        form["Input.TotalValue"] = "veinte millones";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, form);

        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal(PesoAmount.InvalidMessage, AdminPages.FieldError(page, "Input_TotalValue"));
        Assert.Equal("veinte millones", AdminPages.ValueOf(page, "Input.TotalValue"));
    }

    [Fact]
    public async Task A_monthly_fee_above_the_total_is_refused_by_the_domain_next_to_the_fee()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var form = AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber());
        form["Input.MonthlyFee"] = "30.000.000";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, form);

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_MonthlyFee", "El valor mensual pactado no puede superar el valor total del contrato.");
    }

    [Fact]
    public async Task A_contractor_without_person_type_cannot_be_assigned()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var email = AdminPages.NewEmail("sin.tipo");
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            // The admin form always asks for it; an account created otherwise (e.g. an import) may lack it.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, FullName = "Contratista Sin Tipo", CreatedAtUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Sin.Tipo.2026!")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.Contractor)).Succeeded);
        }

        var (entityId, _, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var form = await PortalHttp.GetPageAsync(admin, AdminPages.NewContract);
        var contractorId = AdminPages.OptionValue(form, "Input.ContractorId", "Contratista Sin Tipo");

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_ContractorId", "«Contratista Sin Tipo» no tiene tipo de persona (natural o jurídica).");
    }

    [Fact]
    public async Task The_same_person_cannot_be_contractor_and_supervisor_of_a_contract()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var name = $"Doble Rol {Guid.NewGuid().ToString("N")[..6]}";
        await AdminPages.CreateUserAsync(admin, name, AdminPages.NewEmail("doble"), "Doble.Rol.2026!", "Contratista", "Supervisor");
        var (entityId, _, _) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var form = await PortalHttp.GetPageAsync(admin, AdminPages.NewContract);
        var both = AdminPages.OptionValue(form, "Input.ContractorId", name);
        Assert.Equal(both, AdminPages.OptionValue(form, "Input.SupervisorId", name));

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(entityId, both, both, AdminPages.NewContractNumber()));

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_SupervisorId", "El supervisor no puede ser el contratista del mismo contrato.");
    }

    [Fact]
    public async Task Allowed_state_changes_are_offered_and_applied()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));
        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Equal(["En ejecución", "Cancelado"], AdminPages.OptionTexts(edit, "StatusInput.NewStatus"));
        Assert.NotNull(edit.QuerySelector("label[for=StatusInput_NewStatus]"));
        Assert.NotNull(AdminPages.ButtonWithText(edit, "Cambiar estado"));

        var status = AdminPages.FormValues(edit, "StatusInput.NewStatus");
        status["StatusInput.NewStatus"] = "InExecution";
        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.ContractStatus(id), status, tokenPageUrl: AdminPages.EditContract(id));

        Assert.Equal(AdminPages.EditContract(id), AdminPages.Location(response));
        var after = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Contains("pasó a estado «En ejecución»", AdminPages.Flash(after), StringComparison.Ordinal);
        Assert.Equal(["Suspendido", "Terminado"], AdminPages.OptionTexts(after, "StatusInput.NewStatus"));

        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?estado=InExecution&entidad={entityId}");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), row => row.QuerySelector("a[href$='/editar']")!.GetAttribute("href") == AdminPages.EditContract(id));
        Assert.All(list.QuerySelectorAll("tbody tr .badge"), badge => Assert.Equal("En ejecución", badge.TextContent.Trim()));
        var signed = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?estado=Signed");
        Assert.DoesNotContain(signed.QuerySelectorAll("tbody tr"), row => row.QuerySelector("a[href$='/editar']")!.GetAttribute("href") == AdminPages.EditContract(id));
    }

    [Fact]
    public async Task A_state_change_the_contract_does_not_allow_is_refused_next_to_the_select()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));
        var status = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "StatusInput.NewStatus");
        status["StatusInput.NewStatus"] = "Closed";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.ContractStatus(id), status, tokenPageUrl: AdminPages.EditContract(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "StatusInput_NewStatus", "Un contrato en estado «Firmado» no puede pasar a «Cerrado».");
        var after = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Contains("Firmado", after.QuerySelector(".status-card .badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_contract_offers_no_further_state()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));
        var status = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "StatusInput.NewStatus");
        status["StatusInput.NewStatus"] = "Cancelled";
        using (var cancelled = await PortalHttp.PostFormAsync(admin, AdminPages.ContractStatus(id), status, tokenPageUrl: AdminPages.EditContract(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        var page = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));

        Assert.Null(page.QuerySelector("select[name='StatusInput.NewStatus']"));
        Assert.Contains("es un estado final", page.QuerySelector(".status-card")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reassigning_the_contract_takes_the_person_type_of_the_new_contractor()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var number = AdminPages.NewContractNumber();
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, number));
        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        var form = AdminPages.FormValues(edit, "Input.Number");
        form["Input.ContractorId"] = AdminPages.OptionValue(edit, "Input.ContractorId", "Soluciones Andinas");

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), form);

        Assert.Equal(AdminPages.EditContract(id), AdminPages.Location(response));
        using var provider = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Provider);
        var detail = await PortalHttp.GetPageAsync(provider, $"/contratos/{id}");
        Assert.Contains("Persona jurídica", detail.Body!.TextContent, StringComparison.Ordinal);
        using var formerContractor = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Contractor2);
        var mine = await PortalHttp.GetPageAsync(formerContractor, "/contratos");
        Assert.DoesNotContain(number, mine.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_edit_keeps_what_was_typed_and_the_version_that_was_loaded()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = await AdminPages.ContractPartiesAsync(admin, Contractor2Name);
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));
        var form = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "Input.Number");
        form["Input.Purpose"] = "Objeto nuevo que no debe perderse.";
        form["Input.SignedOn"] = "2026-03-01";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_StartsOn", "La fecha de inicio no puede ser anterior a la fecha de firma.");
        Assert.Equal("Objeto nuevo que no debe perderse.", AdminPages.ValueOf(page, "Input.Purpose"));
        Assert.Equal("2026-03-01", AdminPages.ValueOf(page, "Input.SignedOn"));
        Assert.Equal(form["Input.ConcurrencyStamp"], AdminPages.ValueOf(page, "Input.ConcurrencyStamp"));
    }

    [Fact]
    public async Task An_unknown_contract_is_not_found()
    {
        using var admin = await AdminPages.SignedInAsync(fixture.Factory, DemoAccounts.Admin);

        using var response = await admin.GetAsync(new Uri(AdminPages.EditContract(987654), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
