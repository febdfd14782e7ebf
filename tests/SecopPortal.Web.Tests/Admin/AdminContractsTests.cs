using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

[Collection(SqlitePortal.Name)]
public sealed class AdminContractsTests(SqlitePortalFixture fixture)
{
    [Fact]
    public async Task A_number_already_used_in_the_same_entity_is_refused_next_to_the_number()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
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
        var otherEntity = AdminPages.ContractForm(AdminPages.InstituteNit, contractorId, supervisorId, number);
        await AdminPages.CreateContractAsync(admin, otherEntity);
    }

    [Fact]
    public async Task An_end_date_before_the_start_is_refused_next_to_the_end_date_and_nothing_typed_is_lost()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
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
        Assert.Equal("31/01/2026", AdminPages.ValueOf(page, "Input.EndsOn"));
        Assert.Equal("03/02/2026", AdminPages.ValueOf(page, "Input.StartsOn"));
        Assert.Equal(entityId, AdminPages.ValueOf(page, "Input.EntityNit"));
        Assert.Equal(contractorId, AdminPages.ValueOf(page, "Input.Contractor"));
        Assert.Equal(supervisorId, AdminPages.ValueOf(page, "Input.Supervisor"));
        Assert.Equal("ProfessionalServices", AdminPages.ValueOf(page, "Input.Type"));
        Assert.Equal("CDP-2026-0142", AdminPages.ValueOf(page, "Input.CdpNumber"));
        Assert.True(page.GetElementById("Input_RequiresElectronicInvoice")!.HasAttribute("checked"));

        // What was typed is named under each field, so the admin sees whom it stands for.
        Assert.Contains("Alcaldía Municipal de Villa del Río", page.GetElementById("Input_EntityNit-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("María Fernanda Torres León — CC 1032456789", page.GetElementById("Input_Contractor-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Laura Méndez Ríos", page.GetElementById("Input_Supervisor-hint")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_form_lists_every_missing_field_in_spanish()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, new Dictionary<string, string> { ["Input.Number"] = "" });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_EntityNit", "Escriba el NIT de la Entidad Estatal.");
        AdminPages.AssertFieldError(page, "Input_Number", "El número del contrato es obligatorio.");
        AdminPages.AssertFieldError(page, "Input_TotalValue", "Escriba el valor total del contrato");
        AdminPages.AssertFieldError(page, "Input_SignedOn", "Escriba la fecha de firma.");
        AdminPages.AssertFieldError(page, "Input_Contractor", "Escriba el correo electrónico o el número de documento del contratista.");
        AdminPages.AssertFieldError(page, "Input_Supervisor", "Escriba el correo electrónico o el número de documento del supervisor.");
        Assert.DoesNotContain("field is required", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("4500000", "4.500.000")]
    [InlineData("4.500.000", "4.500.000")]
    [InlineData("4.500.000,50", "4.500.000,50")]
    [InlineData("$ 4.500.000", "4.500.000")]
    public async Task Amounts_typed_the_colombian_way_are_stored_as_pesos(string typed, string shown)
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
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
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?buscar={form["Input.Number"]}");
        Assert.Contains($"$ {shown}", list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(form["Input.Number"], StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_is_not_an_amount_gets_one_message_and_stays_as_typed()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
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
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var form = AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber());
        form["Input.MonthlyFee"] = "30.000.000";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, form);

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_MonthlyFee", "El valor mensual pactado no puede superar el valor total del contrato.");
    }

    [Fact]
    public async Task A_contractor_without_person_type_cannot_be_assigned()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("sin.tipo");
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            // The admin form always asks for it; an account created otherwise (e.g. an import) may lack it.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, FullName = "Contratista Sin Tipo", CreatedAtUtc = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, "Sin.Tipo.2026!")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PortalRoles.Contractor)).Succeeded);
        }

        var (entityId, _, supervisorId) = AdminPages.ContractParties();

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(entityId, email, supervisorId, AdminPages.NewContractNumber()));

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Contractor", "«Contratista Sin Tipo» no tiene tipo de persona (natural o jurídica).");
    }

    [Fact]
    public async Task The_same_person_cannot_be_contractor_and_supervisor_of_a_contract()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var name = $"Doble Rol {Guid.NewGuid().ToString("N")[..6]}";
        var both = AdminPages.NewEmail("doble");
        await AdminPages.CreateUserAsync(admin, name, both, "Doble.Rol.2026!", "Contratista", "Supervisor");
        var (entityId, _, _) = AdminPages.ContractParties();

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(entityId, both, both, AdminPages.NewContractNumber()));

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Supervisor", "El supervisor no puede ser el contratista del mismo contrato.");
    }

    [Fact]
    public async Task Allowed_state_changes_are_offered_and_applied()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var number = AdminPages.NewContractNumber();
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, number));
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

        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?estado=InExecution&buscar={number}");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), row => row.QuerySelector("a[href$='/editar']")!.GetAttribute("href") == AdminPages.EditContract(id));
        Assert.All(list.QuerySelectorAll("tbody tr .badge"), badge => Assert.Equal("En ejecución", badge.TextContent.Trim()));
        var signed = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Contracts}?estado=Signed&buscar={number}");
        Assert.DoesNotContain(signed.QuerySelectorAll("tbody tr"), row => row.QuerySelector("a[href$='/editar']")!.GetAttribute("href") == AdminPages.EditContract(id));
    }

    [Fact]
    public async Task A_state_change_the_contract_does_not_allow_is_refused_next_to_the_select()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
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
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
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
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var number = AdminPages.NewContractNumber();
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, number));
        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        var form = AdminPages.FormValues(edit, "Input.Number");
        Assert.Equal(contractorId, form["Input.Contractor"]);
        form["Input.Contractor"] = "901234567"; // Soluciones Andinas, by its document number (NIT without check digit).

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), form);

        Assert.Equal(AdminPages.EditContract(id), AdminPages.Location(response));
        using var provider = await fixture.Factory.SignedInAsync(DemoAccounts.Provider);
        var detail = await PortalHttp.GetPageAsync(provider, $"/contratos/{id}");
        Assert.Contains("Persona jurídica", detail.Body!.TextContent, StringComparison.Ordinal);
        using var formerContractor = await fixture.Factory.SignedInAsync(DemoAccounts.Contractor2);
        var mine = await PortalHttp.GetPageAsync(formerContractor, "/contratos");
        Assert.DoesNotContain(number, mine.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_edit_keeps_what_was_typed_and_the_version_that_was_loaded()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, contractorId, supervisorId) = AdminPages.ContractParties();
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityId, contractorId, supervisorId, AdminPages.NewContractNumber()));
        var form = AdminPages.FormValues(await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id)), "Input.Number");
        form["Input.Purpose"] = "Objeto nuevo que no debe perderse.";
        form["Input.SignedOn"] = "2026-03-01";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_StartsOn", "La fecha de inicio no puede ser anterior a la fecha de firma.");
        Assert.Equal("Objeto nuevo que no debe perderse.", AdminPages.ValueOf(page, "Input.Purpose"));
        Assert.Equal("01/03/2026", AdminPages.ValueOf(page, "Input.SignedOn"));
        Assert.Equal(form["Input.ConcurrencyStamp"], AdminPages.ValueOf(page, "Input.ConcurrencyStamp"));
    }

    [Theory]
    [InlineData("nadie.existe@prueba.gov.co", "No hay un contratista activo con ese correo.")]
    [InlineData("99999999999", "No hay un contratista activo con ese número de documento.")]
    [InlineData(DemoAccounts.SupervisorEmail, "«Laura Méndez Ríos» no tiene el rol Contratista.")]
    public async Task A_contractor_that_cannot_be_found_is_explained_next_to_the_field_and_nothing_typed_is_lost(string typed, string message)
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityId, _, supervisorId) = AdminPages.ContractParties();
        var number = AdminPages.NewContractNumber();

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(entityId, typed, supervisorId, number));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Contractor", message);
        Assert.Equal(typed, AdminPages.ValueOf(page, "Input.Contractor"));
        Assert.Equal(number, AdminPages.ValueOf(page, "Input.Number"));
        Assert.Equal(entityId, AdminPages.ValueOf(page, "Input.EntityNit"));
        Assert.NotNull(page.QuerySelector("label[for=Input_Contractor]"));
    }

    [Fact]
    public async Task A_deactivated_supervisor_is_refused_next_to_the_field()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("sup.inactivo");
        var id = await AdminPages.CreateUserAsync(admin, "Supervisor Inactivo", email, "Sup.Inactivo.2026!", "Supervisor");
        using (var deactivated = await PortalHttp.PostFormAsync(admin, $"/administracion/usuarios/{id}/desactivar", [], tokenPageUrl: AdminPages.EditUser(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        var (entityId, contractorId, _) = AdminPages.ContractParties();
        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(entityId, contractorId, email.ToUpperInvariant(), AdminPages.NewContractNumber()));

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Supervisor", "«Supervisor Inactivo» tiene la cuenta desactivada.");
    }

    [Theory]
    [InlineData("900123457-5", "No hay una Entidad Estatal con el NIT 900123457-5.")]
    [InlineData("891480085-3", "El dígito de verificación del NIT no corresponde (debería ser 7).")]
    public async Task An_entity_nit_that_names_no_entity_is_explained_next_to_the_field(string typed, string message)
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var (_, contractorId, supervisorId) = AdminPages.ContractParties();

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewContract, AdminPages.ContractForm(typed, contractorId, supervisorId, AdminPages.NewContractNumber()));

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_EntityNit", message);
        Assert.Equal(typed, AdminPages.ValueOf(page, "Input.EntityNit"));
    }

    [Theory]
    [InlineData("891.480.085-7")]
    [InlineData("8914800857")]
    [InlineData("891480085")]
    public async Task The_entity_may_be_typed_with_dots_or_without_its_check_digit_and_people_by_document_number(string nit)
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var number = AdminPages.NewContractNumber();

        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(nit, "1032456789", "52345678", number));

        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Equal(AdminPages.VillaDelRioNit, AdminPages.ValueOf(edit, "Input.EntityNit"));
        Assert.Equal(DemoAccounts.Contractor2.Email, AdminPages.ValueOf(edit, "Input.Contractor"));
        Assert.Equal(DemoAccounts.Supervisor.Email, AdminPages.ValueOf(edit, "Input.Supervisor"));
    }

    [Fact]
    public async Task The_contract_form_offers_no_list_of_every_entity_or_user()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        var page = await PortalHttp.GetPageAsync(admin, AdminPages.NewContract);

        Assert.Equal(["Input.Type", "Input.Modality"], page.QuerySelectorAll("form select").Select(s => s.GetAttribute("name")!));
        foreach (var field in new[] { "Input_EntityNit", "Input_Contractor", "Input_Supervisor" })
        {
            Assert.Equal("text", page.GetElementById(field)!.GetAttribute("type"));
            Assert.NotNull(page.QuerySelector($"label[for={field}]"));
        }
    }

    [Fact]
    public async Task An_unknown_contract_is_not_found()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await admin.GetAsync(new Uri(AdminPages.EditContract(987654), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
