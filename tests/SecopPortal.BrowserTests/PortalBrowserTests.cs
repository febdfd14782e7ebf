using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// The portal as users see it: the real app on Kestrel with the demo data, driven through Debian's Chromium
/// by the Spanish labels users know from SECOP II. Screenshots of every page land in artifacts/screenshots.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class PortalBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    // Contratista's contracts in the demo data.
    private const string FreshContract = "CO1.PCCNTR.7120451";
    private const string ContractWithPayments = "CO1.PCCNTR.7034218";
    private const string FinishedContract = "CO1.PCCNTR.6518877";

    private const string Contractor2Contract = "CO1.PCCNTR.7098832";
    private const string ProviderContract = "CO1.PCCNTR.7150093";

    private static readonly string[] SectionTitles =
    [
        "1 Información general", "2 Condiciones", "3 Bienes y servicios", "4 Documentos del proveedor",
        "5 Documentos del contrato", "6 Información presupuestal", "7 Ejecución del contrato",
        "8 Modificaciones del contrato", "9 Incumplimientos",
    ];

    [Theory]
    [InlineData(DemoAccounts.ContractorEmail, "contratista")]
    [InlineData(DemoAccounts.Contractor2Email, "contratista")]
    [InlineData(DemoAccounts.ProviderEmail, "contratista")]
    [InlineData(DemoAccounts.SupervisorEmail, "supervisor")]
    [InlineData(DemoAccounts.AdminEmail, "administrador")]
    public async Task Each_demo_account_signs_in_and_sees_the_menu_of_its_role(string email, string role)
    {
        await using var session = await SessionAsync($"{nameof(Each_demo_account_signs_in_and_sees_the_menu_of_its_role)}-{email.Split('@')[0]}");
        var page = session.Page;

        await page.SignInAsync(DemoAccounts.WithEmail(email));

        var menu = MainMenu(page);
        var myProcesses = menu.GetByText("Mis procesos", new() { Exact = true });
        var supervisorContracts = menu.GetByRole(AriaRole.Link, new() { Name = "Contratos", Exact = true });
        var administration = menu.GetByRole(AriaRole.Link, new() { Name = "Administración", Exact = true });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToBeVisibleAsync();

        switch (role)
        {
            case "contratista":
                await Expect(page).ToHaveURLAsync(AtPath("/contratos"));
                await Expect(Heading(page, "Mis contratos")).ToBeVisibleAsync();
                await Expect(myProcesses).ToBeVisibleAsync();
                await Expect(supervisorContracts).ToHaveCountAsync(0);
                await Expect(administration).ToHaveCountAsync(0);
                await session.ScreenshotAsync("inicio");
                await myProcesses.ClickAsync();
                await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Mis contratos", Exact = true })).ToBeVisibleAsync();
                await session.ScreenshotAsync("menu-mis-procesos");
                break;
            case "supervisor":
                await Expect(page).ToHaveURLAsync(AtPath("/contratos"));
                await Expect(Heading(page, "Contratos")).ToBeVisibleAsync();
                await Expect(supervisorContracts).ToBeVisibleAsync();
                await Expect(myProcesses).ToHaveCountAsync(0);
                await Expect(administration).ToHaveCountAsync(0);
                await session.ScreenshotAsync("inicio");
                break;
            default:
                await Expect(page).ToHaveURLAsync(AtPath("/administracion"));
                await Expect(administration).ToBeVisibleAsync();
                await Expect(myProcesses).ToHaveCountAsync(0);
                await Expect(supervisorContracts).ToHaveCountAsync(0);
                await Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await session.ScreenshotAsync("inicio");
                break;
        }

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task Contractor_sees_exactly_their_contracts_filters_them_and_reads_the_execution_section()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await session.Page.SignInAsync(DemoAccounts.Contractor);

        await OpenMyContractsAsync(page);
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.Locator("thead th")).ToHaveTextAsync(
            ["Id del contrato", "Número del contrato", "Entidad Estatal", "Fecha de firma", "Fecha de finalización", "Valor total", "Estado", "Acciones"]);
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        var numbers = await table.Locator("tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.Equal(new[] { ContractWithPayments, FinishedContract, FreshContract }.Order(), numbers.Select(n => n.Trim()).Order());
        var states = await table.Locator("tbody tr td:nth-child(7)").AllTextContentsAsync();
        Assert.Equal(["En ejecución", "En ejecución", "Terminado"], states.Select(s => s.Trim()).Order());
        await Expect(page.GetByText("3 registros")).ToBeVisibleAsync();
        await session.ScreenshotAsync("mis-contratos");

        await page.GetByLabel("Estado", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Terminado" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("estado=", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr")).ToContainTextAsync(FinishedContract);
        await Expect(table.Locator("tbody tr")).ToContainTextAsync("Terminado");
        await Expect(page.GetByLabel("Estado", new() { Exact = true })).ToHaveValueAsync("terminado");
        await session.ScreenshotAsync("filtro-terminado");

        await page.GetByLabel("Estado", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Todos" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await OpenDetailFromListAsync(page, ContractWithPayments);

        var sectionLinks = page.GetByRole(AriaRole.Navigation, new() { Name = "Secciones del contrato" }).GetByRole(AriaRole.Link);
        await Expect(sectionLinks).ToHaveTextAsync(SectionTitles);
        await Expect(page.Locator("main").GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(SectionTitles);
        await session.ScreenshotAsync("detalle-con-pagos");

        await sectionLinks.GetByText("7 Ejecución del contrato", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#seccion-7$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        var execution = page.GetByRole(AriaRole.Region, new() { Name = "7 Ejecución del contrato", Exact = true });
        await Expect(execution).ToBeInViewportAsync();
        await Expect(execution.GetByRole(AriaRole.Heading, new() { Name = "Plan de pagos", Exact = true })).ToBeVisibleAsync();
        var plan = execution.GetByRole(AriaRole.Region, new() { Name = "Plan de pagos", Exact = true }).GetByRole(AriaRole.Table);
        await Expect(plan.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(plan.Locator("tbody tr td:nth-child(6)")).ToHaveTextAsync(["Pagado", "Aprobado"]);

        var balance = execution.Locator("dl.balance");
        await Expect(balance.Locator("dt")).ToHaveTextAsync(["Valor del contrato", "Valor facturado", "Valor aprobado", "Valor pagado", "Saldo por facturar"]);
        await Expect(balance.Locator("dd").First).ToHaveTextAsync(Money.Format(4_254_000m * 6));
        await Expect(balance.Locator("dd").Nth(3)).Not.ToHaveTextAsync(Money.Format(0m));
        await Expect(execution.GetByRole(AriaRole.Heading, new() { Name = "Documentos de ejecución del contrato", Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("seccion-7-ejecucion");

        await OpenMyContractsAsync(page);
        await OpenDetailFromListAsync(page, FreshContract);
        var freshExecution = page.GetByRole(AriaRole.Region, new() { Name = "7 Ejecución del contrato", Exact = true });
        await Expect(freshExecution.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await Expect(freshExecution.GetByText("Todavía no hay pagos registrados en este contrato.")).ToBeVisibleAsync();
        await Expect(freshExecution.GetByText("No se han cargado documentos de ejecución.")).ToBeVisibleAsync();
        await freshExecution.ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("detalle-contrato-nuevo");

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task Supervisor_sees_the_contracts_of_every_contractor_and_opens_one()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await session.Page.SignInAsync(DemoAccounts.Supervisor);

        await MainMenu(page).GetByRole(AriaRole.Link, new() { Name = "Contratos", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Contratos")).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(table.Locator("thead th", new() { HasText = "Contratista" })).ToHaveCountAsync(1);
        foreach (var number in new[] { FreshContract, ContractWithPayments, FinishedContract, Contractor2Contract, ProviderContract })
        {
            await Expect(table.Locator("tbody tr", new() { HasText = number })).ToHaveCountAsync(1);
        }

        await session.ScreenshotAsync("contratos");

        await OpenDetailFromListAsync(page, ProviderContract);
        var general = page.GetByRole(AriaRole.Region, new() { Name = "1 Información general", Exact = true });
        await Expect(general).ToContainTextAsync("Soluciones Andinas de Ingeniería S.A.S.");
        await Expect(general).ToContainTextAsync("Persona jurídica");
        await session.ScreenshotAsync("detalle");

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task A_contractor_typing_the_address_of_someone_elses_contract_gets_the_404_page_and_no_data()
    {
        var othersId = await fixture.ContractIdAsync(ContractWithPayments);
        var ownId = await fixture.ContractIdAsync(Contractor2Contract);
        await using var session = await SessionAsync();
        var page = session.Page;
        await session.Page.SignInAsync(DemoAccounts.Contractor2);

        var own = await page.GotoAsync($"/contratos/{ownId}");
        Assert.Equal(200, own?.Status);
        await Expect(Heading(page, $"Contrato {Contractor2Contract}")).ToBeVisibleAsync();

        var response = await page.GotoAsync($"/contratos/{othersId}");
        Assert.Equal(404, response?.Status);
        await Expect(Heading(page, "No encontramos lo que busca")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync(ContractWithPayments);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Juan Carlos Pérez Rojas");
        Assert.DoesNotContain(ContractWithPayments, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("404");

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_keeping_the_email_and_signing_out_returns_to_the_sign_in_page()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await GotoAsync(page, PortalSignIn.Path);
        await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync(DemoAccounts.Provider.Email);
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("NoEsLaClave.2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Correo o contraseña incorrectos.");
        await Expect(page).ToHaveURLAsync(PortalSignIn.PathPattern);
        await Expect(page.GetByLabel("Correo electrónico", new() { Exact = true })).ToHaveValueAsync(DemoAccounts.Provider.Email);
        await Expect(page.GetByLabel("Contraseña", new() { Exact = true })).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("clave-incorrecta");

        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(DemoAccounts.Provider.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Expect(Heading(page, "Mis contratos")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PortalSignIn.PathPattern);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cerró sesión correctamente.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToHaveCountAsync(0);
        await session.ScreenshotAsync("sesion-cerrada");

        // The session is really gone: a protected page sends the browser back to the sign-in form.
        await page.GotoAsync("/contratos");
        await Expect(page).ToHaveURLAsync(PortalSignIn.PathPattern);
        await Expect(page.GetByLabel("Correo electrónico", new() { Exact = true })).ToBeVisibleAsync();

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task Administrator_opens_administracion_and_its_sections()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await session.Page.SignInAsync(DemoAccounts.Admin);

        await MainMenu(page).GetByRole(AriaRole.Link, new() { Name = "Administración", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AtPath("/administracion"));
        await Expect(page.Locator("main h1")).ToHaveCountAsync(1);
        await Expect(Heading(page, "Administración")).ToBeVisibleAsync();

        // The summary counts what the database holds: the demo data (2 entities, 5 users, 5 contracts) and whatever
        // other browser tests of the suite have added before this one.
        var (entities, users, contracts) = await fixture.CountsAsync();
        Assert.True(entities >= 2 && users >= 5 && contracts >= 5, $"{entities} entities, {users} users, {contracts} contracts");
        var tiles = page.Locator("main").GetByRole(AriaRole.List)
            .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Entidades Estatales", Level = 2 }) })
            .GetByRole(AriaRole.Listitem);
        await Expect(tiles).ToHaveTextAsync([Loose($@"Entidades Estatales\s+{entities}\s"), Loose($@"Usuarios\s+{users}\s"), Loose($@"Contratos\s+{contracts}\s")]);
        await session.ScreenshotAsync("resumen");

        // Each tab of the admin area opens its own page.
        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Secciones de administración" });
        foreach (var (tab, path) in new[] { ("Entidades Estatales", "/administracion/entidades"), ("Usuarios", "/administracion/usuarios"), ("Contratos", "/administracion/contratos") })
        {
            await tabs.GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(AtPath(path));
            await Expect(tabs.GetByRole(AriaRole.Link, new() { Name = tab, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await session.ScreenshotAsync(tab);
        }

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task Administrator_adds_a_national_holiday_from_the_dias_festivos_tab()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await session.Page.SignInAsync(DemoAccounts.Admin);

        // A year far from the demo data's dates: no other test's business days move.
        await GotoAsync(page, "/administracion");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Secciones de administración" }).GetByRole(AriaRole.Link, new() { Name = "Días festivos", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AtPath("/administracion/festivos"));
        await page.GetByLabel("Año", new() { Exact = true }).FillAsync("2031");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ver", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Días festivos 2031")).ToBeVisibleAsync();

        // Nothing typed: each message next to its field, announced at the top.
        await page.GetByRole(AriaRole.Button, new() { Name = "Agregar festivo", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Hay 3 datos por corregir");
        await session.ScreenshotAsync("festivos-errores");

        await page.GetByLabel("Fecha", new() { Exact = true }).FillAsync("12/03/2031");
        await page.GetByLabel("Nombre del festivo", new() { Exact = true }).FillAsync("Día de la Prueba Nacional");
        await page.GetByLabel("Norma que lo crea", new() { Exact = true }).FillAsync("Ley 9001 de 2030");
        await page.GetByRole(AriaRole.Button, new() { Name = "Agregar festivo", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Se agregó el festivo" })).ToBeVisibleAsync();
        var row = page.Locator("#festivos tbody tr", new() { HasText = "12/03/2031" });
        await Expect(row).ToContainTextAsync("Agregado por Andrea Salazar Gómez");
        await session.ScreenshotAsync("festivos-2031");

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task Administrator_finds_contracts_entities_and_users_by_what_they_type_on_a_desktop_and_on_a_phone()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await session.Page.SignInAsync(DemoAccounts.Admin);

        // Contratos: by number.
        await GotoAsync(page, "/administracion/contratos");
        await page.GetByLabel("Buscar por número del contrato o NIT de la Entidad", new() { Exact = true }).FillAsync(ProviderContract);
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
        var table = page.GetByRole(AriaRole.Table);
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr")).ToContainTextAsync("Soluciones Andinas de Ingeniería S.A.S.");
        await Expect(page.GetByText("1 registro", new() { Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("contratos-por-numero");

        // Entidades: by NIT without its check digit, then its contracts from the count.
        await GotoAsync(page, "/administracion/entidades");
        await page.GetByLabel("Buscar por NIT o nombre", new() { Exact = true }).FillAsync("891.480.085");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr")).ToContainTextAsync("Alcaldía Municipal de Villa del Río");
        await session.ScreenshotAsync("entidades-por-nit");
        await table.Locator("tbody tr").GetByRole(AriaRole.Link, new() { NameRegex = Loose("contratos de Alcaldía") }).ClickAsync();
        await Expect(page.Locator(".filter-chip")).ToContainTextAsync("Alcaldía Municipal de Villa del Río (NIT 891480085-7)");
        await session.ScreenshotAsync("contratos-de-la-entidad");

        // Usuarios: by the beginning of the name, without accents.
        await GotoAsync(page, "/administracion/usuarios");
        await page.GetByLabel("Buscar por nombre, correo o documento", new() { Exact = true }).FillAsync("maria fernanda");
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr")).ToContainTextAsync("María Fernanda Torres León");
        await session.ScreenshotAsync("usuarios-por-nombre");

        // Crear contrato: people and entity typed, a contractor that does not exist explained next to its field.
        await GotoAsync(page, "/administracion/contratos/nuevo");
        await page.GetByLabel("NIT de la Entidad Estatal", new() { Exact = true }).FillAsync("891480085-7");
        await page.GetByLabel("Contratista (correo electrónico o número de documento)", new() { Exact = true }).FillAsync("nadie@prueba.gov.co");
        await page.GetByLabel("Supervisor (correo electrónico o número de documento)", new() { Exact = true }).FillAsync(DemoAccounts.Supervisor.Email);
        await page.GetByLabel("Número del contrato", new() { Exact = true }).FillAsync("CO1.PCCNTR.9990001");
        await page.GetByLabel("Tipo de contrato", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Prestación de servicios" });
        await page.GetByLabel("Modalidad de contratación", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Objeto del contrato", new() { Exact = true }).FillAsync("Prestación de servicios profesionales de apoyo a la supervisión.");
        await page.GetByLabel("Valor total", new() { Exact = true }).FillAsync("27.000.000");
        await page.GetByLabel("Fecha de firma", new() { Exact = true }).FillAsync("02/02/2026");
        await page.GetByLabel("Fecha de inicio", new() { Exact = true }).FillAsync("03/02/2026");
        await page.GetByLabel("Fecha de terminación", new() { Exact = true }).FillAsync("02/08/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Crear contrato", Exact = true }).ClickAsync();
        await Expect(page.Locator("#Input_Contractor-error")).ToHaveTextAsync("No hay un contratista activo con ese correo.");
        await Expect(page.GetByLabel("Contratista (correo electrónico o número de documento)", new() { Exact = true })).ToHaveValueAsync("nadie@prueba.gov.co");
        await Expect(page.Locator("#Input_EntityNit-hint")).ToContainTextAsync("Alcaldía Municipal de Villa del Río");
        await session.ScreenshotAsync("crear-contrato-con-errores");

        // The same pages on a phone.
        await page.SetViewportSizeAsync(390, 844);
        await session.ScreenshotAsync("crear-contrato-telefono");
        foreach (var (name, path) in new[]
                 {
                     ("contratos-telefono", $"/administracion/contratos?buscar={ProviderContract}"),
                     ("entidades-telefono", "/administracion/entidades"),
                     ("usuarios-telefono", "/administracion/usuarios?buscar=maria%20fernanda"),
                 })
        {
            await GotoAsync(page, path);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{path} scrolls sideways on a phone.");
            await session.ScreenshotAsync(name);
        }

        AssertNoServerErrors(session);
    }

    [Fact]
    public async Task Sign_in_page_is_labelled_in_spanish_announces_errors_and_works_with_the_keyboard()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await GotoAsync(page, PortalSignIn.Path);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-CO");
        var inputs = page.Locator("input:not([type=hidden])");
        Assert.True(await inputs.CountAsync() >= 2, "the sign-in form has its e-mail and password inputs");
        foreach (var input in await inputs.AllAsync())
        {
            var id = await input.GetAttributeAsync("id");
            Assert.False(string.IsNullOrEmpty(id), $"input {await input.EvaluateAsync<string>("e => e.outerHTML")} has no id");
            await Expect(page.Locator($"label[for='{id}']")).ToHaveCountAsync(1);
        }

        await session.ScreenshotAsync("formulario");

        // The first Tab reaches the skip link, so keyboard users can jump over the header.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Saltar al contenido" })).ToBeFocusedAsync();

        // Enter in an empty form submits it; the summary is an alert and each field points at its message.
        var email = page.GetByLabel("Correo electrónico", new() { Exact = true });
        var password = page.GetByLabel("Contraseña", new() { Exact = true });
        await email.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeVisibleAsync();
        await session.ScreenshotAsync("errores");
        await Expect(summary).ToContainTextAsync("Escriba su correo electrónico.");
        await Expect(summary).ToContainTextAsync("Escriba su contraseña.");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = await email.GetAttributeAsync("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy));
        await Expect(page.Locator($"[id='{describedBy}']")).ToHaveTextAsync("Escriba su correo electrónico.");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("field is required");

        // Signing in with the keyboard only.
        await email.FocusAsync();
        await page.Keyboard.TypeAsync(DemoAccounts.Contractor2.Email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(password).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoAccounts.Contractor2.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Heading(page, "Mis contratos")).ToBeVisibleAsync();

        AssertNoServerErrors(session);
    }

    private async Task<BrowserSession> SessionAsync([CallerMemberName] string testName = "")
    {
        output.WriteLine($"portal {fixture.BaseAddress}, Chromium {fixture.BrowserVersion}, fixture start-up {fixture.StartupTime.TotalSeconds:0.00}s");
        return await fixture.NewSessionAsync(testName, output);
    }

    /// <summary>Navigates and fails at once, with the status, when the page did not answer 200.</summary>
    private static async Task GotoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Status: 200 }, $"GET {path} answered {response?.Status}: {(response is null ? string.Empty : await page.InnerTextAsync("body"))}");
    }

    private static async Task OpenMyContractsAsync(IPage page)
    {
        var menu = MainMenu(page);
        await menu.GetByText("Mis procesos", new() { Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Mis contratos", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Mis contratos")).ToBeVisibleAsync();
    }

    private static async Task OpenDetailFromListAsync(IPage page, string number)
    {
        var row = page.GetByRole(AriaRole.Table).Locator("tbody tr", new() { HasText = number });
        await row.GetByRole(AriaRole.Link, new() { Name = "Detalle" }).ClickAsync();
        await Expect(Heading(page, $"Contrato {number}")).ToBeVisibleAsync();
    }

    private static ILocator MainMenu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });

    private static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    private static Regex AtPath(string path) => new($"^[^?#]*//[^/]+{Regex.Escape(path)}(?:[?#].*)?$", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static Regex Loose(string pattern) => new(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));

    private static void AssertNoServerErrors(BrowserSession session) =>
        Assert.DoesNotContain(session.Problems, problem => problem.StartsWith("HTTP 5", StringComparison.Ordinal) || problem.StartsWith("page error", StringComparison.Ordinal));
}
