using System.Net;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

[Collection(SqlitePortal.Name)]
public sealed class AdminUsersTests(SqlitePortalFixture fixture)
{
    private const string GoodPassword = "Nueva.Clave2026!";

    [Fact]
    public async Task Create_without_roles_and_with_a_short_password_shows_both_messages_and_keeps_the_typed_data()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("sin.rol");

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewUser, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Camila Ortiz Ruiz",
            ["Input.Email"] = email,
            ["Input.Password"] = "Corta.1!",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Roles", "Seleccione al menos un rol.", fieldIsControl: false);
        AdminPages.AssertFieldError(page, "Input_Password", "La contraseña inicial debe tener al menos 12 caracteres.");
        Assert.Equal("Camila Ortiz Ruiz", AdminPages.ValueOf(page, "Input.FullName"));
        Assert.Equal(email, AdminPages.ValueOf(page, "Input.Email"));
        Assert.True(string.IsNullOrEmpty(AdminPages.ValueOf(page, "Input.Password")), "The password must not be sent back to the browser.");
        Assert.NotNull(page.QuerySelector("label[for=Input_Roles_Contratista]"));

        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(email)}");
        Assert.Empty(list.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Create_a_contractor_without_person_data_asks_for_it_and_keeps_the_roles_checked()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewUser, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Pedro Gómez",
            ["Input.Email"] = AdminPages.NewEmail("pedro"),
            ["Input.Password"] = GoodPassword,
            ["Input.Roles"] = "Contratista",
        });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_PersonType", "Seleccione el tipo de persona: es obligatorio para el rol Contratista.");
        AdminPages.AssertFieldError(page, "Input_DocumentType", "Seleccione el tipo de documento: es obligatorio para el rol Contratista.");
        AdminPages.AssertFieldError(page, "Input_DocumentNumber", "Escriba el número de documento: es obligatorio para el rol Contratista.");
        Assert.True(page.GetElementById("Input_Roles_Contratista")!.HasAttribute("checked"));
        Assert.False(page.GetElementById("Input_Roles_Supervisor")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task A_password_identity_rejects_is_explained_in_spanish_next_to_the_field()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("debil");

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewUser, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Usuario de clave débil",
            ["Input.Email"] = email,
            ["Input.Password"] = "solominusculas",
            ["Input.Roles"] = "Supervisor",
        });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Password", "La contraseña debe tener al menos una letra mayúscula (A-Z).");
        AdminPages.AssertFieldError(page, "Input_Password", "La contraseña debe tener al menos un número (0-9).");
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(email)}");
        Assert.Empty(list.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_refused_next_to_the_email()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewUser, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Copia del supervisor",
            ["Input.Email"] = DemoAccounts.Supervisor.Email,
            ["Input.Password"] = GoodPassword,
            ["Input.Roles"] = "Supervisor",
        });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Email", $"Ya existe un usuario con el correo «{DemoAccounts.Supervisor.Email}».");
    }

    [Fact]
    public async Task A_created_user_is_listed_and_found_by_name_with_roles_person_type_and_state()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("listado");
        var name = $"Valentina Listado {Guid.NewGuid().ToString("N")[..6]}";
        await AdminPages.CreateUserAsync(admin, name, email, GoodPassword, "Contratista", "Supervisor");

        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(name.ToLowerInvariant())}");

        var headers = list.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).Take(6);
        Assert.Equal(["Nombre", "Correo electrónico", "Roles", "Tipo de persona", "Estado", "Bloqueado hasta"], headers);
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal([name, email, "Contratista, Supervisor", "Persona natural", "Activo", "—"], cells.Take(6));
        Assert.Equal(name, list.GetElementById("buscar")!.GetAttribute("value")!.Trim(), ignoreCase: true);
    }

    [Fact]
    public async Task The_user_list_is_paged()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < UserListQuery.PageSize + 1; i++)
        {
            await AdminPages.CreateUserAsync(admin, $"Paginado {tag} {i:00}", AdminPages.NewEmail($"pag{i}"), GoodPassword, "Supervisor");
        }

        var first = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar=paginado%20{tag}");
        Assert.Equal(UserListQuery.PageSize, first.QuerySelectorAll("tbody tr").Length);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await PortalHttp.GetPageAsync(admin, next);
        var last = Assert.Single(second.QuerySelectorAll("tbody tr"));
        Assert.Contains($"Paginado {tag} 20", last.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_open_session_and_refuses_their_sign_in()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("desactivar");
        var id = await AdminPages.CreateUserAsync(admin, "Andrés Desactivado", email, GoodPassword, "Contratista");
        using var session = await fixture.Factory.SignedInAsync(new Account(email, GoodPassword));
        using (var before = await session.GetAsync(new Uri("/contratos", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditUser(id));
        Assert.NotNull(AdminPages.ButtonWithText(edit, "Desactivar"));
        using (var deactivated = await PortalHttp.PostFormAsync(admin, $"/administracion/usuarios/{id}/desactivar", [], tokenPageUrl: AdminPages.EditUser(id)))
        {
            Assert.Equal(AdminPages.EditUser(id), AdminPages.Location(deactivated));
        }

        var after = await PortalHttp.GetPageAsync(admin, AdminPages.EditUser(id));
        Assert.Contains("Sus sesiones abiertas se cerraron.", AdminPages.Flash(after), StringComparison.Ordinal);
        Assert.Equal("Desactivado", after.QuerySelector(".account-card .badge")!.TextContent.Trim());
        Assert.NotNull(AdminPages.ButtonWithText(after, "Reactivar"));
        Assert.Null(AdminPages.ButtonWithText(after, "Desactivar"));

        using (var next = await session.GetAsync(new Uri("/contratos", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
            Assert.Equal(PortalHttp.LoginPath, AdminPages.PathOf(next.Headers.Location!));
        }

        using var other = fixture.Factory.CreateClient();
        using var signIn = await PortalHttp.PostFormAsync(other, PortalHttp.LoginPath, new Dictionary<string, string> { ["Email"] = email, ["Password"] = GoodPassword });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var refused = await PortalHttp.ParseAsync(signIn);
        Assert.Contains(AccountController.NotAllowedMessage, refused.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(email)}");
        Assert.Contains("Desactivado", Assert.Single(list.QuerySelectorAll("tbody tr")).TextContent, StringComparison.Ordinal);

        using (var reactivated = await PortalHttp.PostFormAsync(admin, $"/administracion/usuarios/{id}/reactivar", [], tokenPageUrl: AdminPages.EditUser(id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        }

        using var again = await fixture.Factory.SignedInAsync(new Account(email, GoodPassword));
        using var contracts = await again.GetAsync(new Uri("/contratos", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, contracts.StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(DemoAccounts.Admin.Email)}");
        var editUrl = Assert.Single(list.QuerySelectorAll("tbody tr")).QuerySelector("a[href$='/editar']")!.GetAttribute("href")!;
        var edit = await PortalHttp.GetPageAsync(admin, editUrl);
        Assert.Null(AdminPages.ButtonWithText(edit, "Desactivar"));

        using var response = await PortalHttp.PostFormAsync(admin, editUrl.Replace("/editar", "/desactivar", StringComparison.Ordinal), [], tokenPageUrl: editUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await PortalHttp.GetPageAsync(admin, editUrl);
        Assert.Contains(UserAdministration.SelfDeactivationMessage, AdminPages.FlashError(after), StringComparison.Ordinal);
        Assert.Equal("Activo", after.QuerySelector(".account-card .badge")!.TextContent.Trim());
    }

    [Fact]
    public async Task Unlock_clears_the_lockout_so_the_user_can_sign_in_at_once()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("bloqueado");
        var id = await AdminPages.CreateUserAsync(admin, "Lucía Bloqueada", email, GoodPassword, "Supervisor");

        // Failed sign-ins no longer lock an account (ADR 0019); a lock set otherwise (LockoutEnd) is honoured.
        await TestUsers.ChangeAsync(fixture.Factory, email, TestUsers.Lock);
        using var guesser = fixture.Factory.CreateClient();
        using var wrong = await PortalHttp.PostFormAsync(guesser, PortalHttp.LoginPath, new Dictionary<string, string> { ["Email"] = email, ["Password"] = "Equivocada.2026!" });
        using var right = await PortalHttp.PostFormAsync(guesser, PortalHttp.LoginPath, new Dictionary<string, string> { ["Email"] = email, ["Password"] = GoodPassword });

        Assert.Contains(AccountController.LoginFailedMessage, (await PortalHttp.ParseAsync(wrong)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(AccountController.LockedOutMessage, (await PortalHttp.ParseAsync(right)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(email)}");
        Assert.NotNull(Assert.Single(list.QuerySelectorAll("tbody tr")).QuerySelector(".badge--locked"));
        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditUser(id));
        Assert.NotNull(AdminPages.ButtonWithText(edit, "Desbloquear"));

        using (var unlocked = await PortalHttp.PostFormAsync(admin, $"/administracion/usuarios/{id}/desbloquear", [], tokenPageUrl: AdminPages.EditUser(id)))
        {
            Assert.Equal(AdminPages.EditUser(id), AdminPages.Location(unlocked));
        }

        var after = await PortalHttp.GetPageAsync(admin, AdminPages.EditUser(id));
        Assert.Contains("Se desbloqueó la cuenta", AdminPages.Flash(after), StringComparison.Ordinal);
        Assert.Null(AdminPages.ButtonWithText(after, "Desbloquear"));
        using var signedIn = await fixture.Factory.SignedInAsync(new Account(email, GoodPassword));
    }

    [Fact]
    public async Task Edit_changes_name_roles_and_person_data()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var email = AdminPages.NewEmail("editar");
        var id = await AdminPages.CreateUserAsync(admin, "Nombre Inicial", email, GoodPassword, "Supervisor");

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.EditUser(id), new List<KeyValuePair<string, string>>
        {
            new("Input.FullName", "Nombre Corregido"),
            new("Input.Roles", "Contratista"),
            new("Input.PersonType", "LegalPerson"),
            new("Input.DocumentType", "Nit"),
            new("Input.DocumentNumber", "900123456"),
        });

        Assert.Equal(AdminPages.EditUser(id), AdminPages.Location(response));
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(email)}");
        var cells = Assert.Single(list.QuerySelectorAll("tbody tr")).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Nombre Corregido", email, "Contratista", "Persona jurídica"], cells.Take(4));

        // The new contractor is found by the new name and document, and can now be given a contract by document number.
        var byName = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar=nombre%20corregido&rol=Contratista");
        Assert.Contains(byName.QuerySelectorAll("tbody tr"), row => row.TextContent.Contains(email, StringComparison.Ordinal));
        var byOldName = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar=nombre%20inicial");
        Assert.DoesNotContain(byOldName.QuerySelectorAll("tbody tr"), row => row.TextContent.Contains(email, StringComparison.Ordinal));
        var (entityNit, _, supervisor) = AdminPages.ContractParties();
        await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityNit, "900123456", supervisor, AdminPages.NewContractNumber()));
    }

    [Fact]
    public async Task An_admin_cannot_take_the_administrator_role_from_themselves()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Users}?buscar={Uri.EscapeDataString(DemoAccounts.Admin.Email)}");
        var editUrl = Assert.Single(list.QuerySelectorAll("tbody tr")).QuerySelector("a[href$='/editar']")!.GetAttribute("href")!;

        using var response = await PortalHttp.PostFormAsync(admin, editUrl, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Andrea Salazar Gómez",
            ["Input.Roles"] = "Supervisor",
        });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Input_Roles", UserAdministration.SelfAdminRoleMessage, fieldIsControl: false);
        using var stillAdmin = await admin.GetAsync(new Uri(AdminPages.Home, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }
}
