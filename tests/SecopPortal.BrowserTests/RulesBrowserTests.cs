using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Rules users hit, as they see them: a persona jurídica's form asks for the revisor fiscal's certification instead
/// of the planilla, and an administrator sets the documents an entity asks for. Leaves the demo data as it found it.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class RulesBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private const string ProviderContract = "CO1.PCCNTR.7150093";

    [Fact]
    public async Task A_persona_juridica_opens_Crear_and_is_asked_for_the_certification_not_the_planilla_on_a_desktop_and_a_phone()
    {
        var contractId = await fixture.ContractIdAsync(ProviderContract);
        await using var session = await fixture.NewSessionAsync(nameof(A_persona_juridica_opens_Crear_and_is_asked_for_the_certification_not_the_planilla_on_a_desktop_and_a_phone), output);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Provider);

        await page.GotoAsync($"/contratos/{contractId}/pagos/crear");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Seguridad social y parafiscales" })).ToContainTextAsync("artículo 50 de la Ley 789 de 2002");
        await Expect(page.GetByLabel("Número de planilla")).ToHaveCountAsync(0);
        var checklist = page.GetByRole(AriaRole.Region, new() { Name = "Lista de chequeo" });
        await Expect(checklist).ToContainTextAsync("Certificación de pagos de seguridad social y parafiscales");
        await Expect(checklist).Not.ToContainTextAsync("Planilla de pago de seguridad social");
        await session.ScreenshotAsync("crear-persona-juridica");

        // This account has the longest demo name; the header gives way to it (issue 11), so the whole page fits.
        await page.SetViewportSizeAsync(PhoneLayout.Width, 844);
        await page.ReloadAsync();
        await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "Crear page of a persona jurídica");
        await page.GetByRole(AriaRole.Group, new() { Name = "Seguridad social y parafiscales" }).ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("crear-persona-juridica-telefono");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task The_administrator_asks_for_the_certificacion_bancaria_on_every_payment_and_goes_back_to_the_portals_rules()
    {
        await using var session = await fixture.NewSessionAsync(nameof(The_administrator_asks_for_the_certificacion_bancaria_on_every_payment_and_goes_back_to_the_portals_rules), output);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Admin);

        await page.GotoAsync("/administracion/entidades");
        await page.GetByRole(AriaRole.Link, new() { Name = "Documentos requeridos de Alcaldía Municipal de Villa del Río" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Documentos requeridos", Level = 1 })).ToBeVisibleAsync();
        var later = page.GetByRole(AriaRole.Group, new() { Name = "Pagos siguientes" });
        var bank = later.GetByLabel("Certificación bancaria");
        await Expect(bank).Not.ToBeCheckedAsync();
        await Expect(later.GetByLabel("Cuenta de cobro o factura")).ToBeDisabledAsync();
        await session.ScreenshotAsync("documentos-requeridos");

        try
        {
            await bank.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Se guardaron los documentos requeridos" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Pagos siguientes" }).GetByLabel("Certificación bancaria")).ToBeCheckedAsync();
            await session.ScreenshotAsync("documentos-requeridos-guardados");

            await page.SetViewportSizeAsync(PhoneLayout.Width, 844);
            await page.ReloadAsync();
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "entity documents page");
            await session.ScreenshotAsync("documentos-requeridos-telefono");
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Usar las reglas del portal" }).ClickAsync();
        }

        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Pagos siguientes" }).GetByLabel("Certificación bancaria")).Not.ToBeCheckedAsync();
        Assert.Empty(session.Problems);
    }
}
