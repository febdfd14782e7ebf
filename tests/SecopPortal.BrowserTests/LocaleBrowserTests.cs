using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// The portal in a browser set to English (issue 11): dates are still shown and typed dd/mm/aaaa (not the browser's
/// mm/dd/yyyy), a date that does not exist is told next to its field with what was typed kept, file boxes speak
/// Spanish and name the chosen file, and filters put Spanish values in the address bar. Saves one contract unchanged
/// and uploads nothing.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class LocaleBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private const string English = "en-US";
    private const string SupplyContract = "CO1.PCCNTR.7150093";
    private const string RunningContract = "CO1.PCCNTR.7034218";

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task An_english_browser_shows_and_takes_dates_as_dd_mm_aaaa_and_is_told_when_a_date_does_not_exist()
    {
        await using var session = await fixture.NewSessionAsync(nameof(An_english_browser_shows_and_takes_dates_as_dd_mm_aaaa_and_is_told_when_a_date_does_not_exist), output, locale: English);
        var page = session.Page;
        Assert.Equal(English, await page.EvaluateAsync<string>("navigator.language"));
        await page.SignInAsync(DemoAccounts.Admin);
        var id = await fixture.ContractIdAsync(SupplyContract);
        await page.GotoAsync($"/administracion/contratos/{id.ToString(CultureInfo.InvariantCulture)}/editar");

        var signedOn = page.GetByLabel("Fecha de firma", new() { Exact = true });
        await Expect(signedOn).ToHaveAttributeAsync("type", "text");
        await Expect(signedOn).ToHaveAttributeAsync("placeholder", "dd/mm/aaaa");
        await Expect(signedOn).ToHaveAttributeAsync("inputmode", "numeric");
        await Expect(signedOn).ToHaveAccessibleDescriptionAsync(Pattern("dd/mm/aaaa"));
        var shown = await signedOn.InputValueAsync();
        var date = DateOnly.ParseExact(shown, "dd/MM/yyyy", CultureInfo.InvariantCulture);
        await session.ScreenshotAsync("fechas-en-ingles");

        // The same date typed d/m/aaaa is read as that date and comes back dd/mm/aaaa: the contract is saved unchanged.
        await signedOn.FillAsync(date.ToString("d/M/yyyy", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Se guardaron los cambios del contrato {SupplyContract}." })).ToBeVisibleAsync();
        await Expect(signedOn).ToHaveValueAsync(shown);

        // A date that does not exist: said next to the field, in Spanish, with what was typed kept; nothing saved.
        await signedOn.FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.Locator("#Input_SignedOn-error")).ToHaveTextAsync("La fecha 31/02/2026 no existe: febrero de 2026 tiene 28 días.");
        await Expect(signedOn).ToHaveValueAsync("31/02/2026");
        await Expect(signedOn).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(signedOn).ToHaveAccessibleDescriptionAsync(Pattern("no existe"));
        await session.ScreenshotAsync("fecha-que-no-existe");

        // Text that is not a date says the format.
        await signedOn.FillAsync("feb 2 2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.Locator("#Input_SignedOn-error")).ToHaveTextAsync(PortalDate.FormatMessage);
        await Expect(signedOn).ToHaveValueAsync("feb 2 2026");

        await page.SetViewportSizeAsync(PhoneLayout.Width, 844);
        await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "the contract form with a date error");
        await session.ScreenshotAsync("fecha-que-no-existe-telefono");
    }

    [Fact]
    public async Task An_english_browser_gets_a_spanish_file_picker_that_the_keyboard_reaches_and_that_names_the_file()
    {
        await using var session = await fixture.NewSessionAsync(nameof(An_english_browser_gets_a_spanish_file_picker_that_the_keyboard_reaches_and_that_names_the_file), output, locale: English);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Contractor);
        var id = await fixture.ContractIdAsync(RunningContract);
        await page.GotoAsync($"/contratos/{id.ToString(CultureInfo.InvariantCulture)}/documentos/nuevo");

        var picker = page.Locator(".file-picker");
        await Expect(picker).ToContainTextAsync(FilePickerTagHelper.ButtonText);
        await Expect(picker.Locator(".file-picker__name")).ToHaveTextAsync(FilePickerTagHelper.NoFileText);
        var file = page.GetByLabel("Archivo", new() { Exact = true });
        await Expect(file).ToHaveAttributeAsync("type", "file");
        await Expect(file).ToHaveAccessibleDescriptionAsync(Pattern($"^{FilePickerTagHelper.NoFileText}"));
        await session.ScreenshotAsync("selector-de-archivo");

        // The keyboard reaches the real input from the field before it.
        await page.GetByLabel("Descripción", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(file).ToBeFocusedAsync();

        await file.SetInputFilesAsync(TestDocuments.Pdf("acta-de-inicio.pdf", $"Acta de inicio - {RunningContract}"));
        await Expect(picker.Locator(".file-picker__name")).ToHaveTextAsync("acta-de-inicio.pdf");
        await Expect(file).ToHaveAccessibleDescriptionAsync(Pattern("^acta-de-inicio\\.pdf"));
        await session.ScreenshotAsync("selector-de-archivo-elegido");

        await page.SetViewportSizeAsync(PhoneLayout.NarrowWidth, 640);
        await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "the file picker", PhoneLayout.NarrowWidth);
        await session.ScreenshotAsync("selector-de-archivo-telefono");
    }

    [Fact]
    public async Task Filters_put_spanish_values_in_the_address_and_old_english_ones_still_work()
    {
        await using var session = await fixture.NewSessionAsync(nameof(Filters_put_spanish_values_in_the_address_and_old_english_ones_still_work), output, locale: English);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Admin);

        await page.GotoAsync("/contratos");
        await page.GetByLabel("Estado", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "En ejecución" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Pattern("[?&]estado=en-ejecucion(&|$)"));
        await Expect(page.GetByRole(AriaRole.Table).Locator("tbody tr").First).ToContainTextAsync("En ejecución");

        // A bookmark from before: the English name is still read, and the form shows the Spanish value.
        await page.GotoAsync("/contratos?estado=InExecution");
        await Expect(page.GetByLabel("Estado", new() { Exact = true })).ToHaveValueAsync("en-ejecucion");

        await page.GotoAsync("/administracion/auditoria");
        await page.GetByLabel("Evento", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Inicio de sesión" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Pattern("[?&]tipo=inicio-de-sesion(&|$)"));
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(DemoAccounts.AdminEmail);
        await page.GotoAsync("/administracion/auditoria?tipo=SignInSucceeded");
        await Expect(page.GetByLabel("Evento", new() { Exact = true })).ToHaveValueAsync("inicio-de-sesion");
        await session.ScreenshotAsync("filtro-en-espanol");
    }
}
