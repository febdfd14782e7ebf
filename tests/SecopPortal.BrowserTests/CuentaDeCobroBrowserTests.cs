using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using UglyToad.PdfPig;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// "Cuenta de cobro (PDF)" as each role reaches it, and the one click that attaches the generated cuenta de cobro
/// (docs/product.md §16). Data: reads payment 1 (Pagado) of CO1.PCCNTR.7034218 and deletes the draft it creates, so
/// the demo data stays as <see cref="PortalBrowserTests"/> expects it.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class CuentaDeCobroBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private const string Contract = "CO1.PCCNTR.7034218";
    private const string LinkText = "Cuenta de cobro (PDF)";

    [Fact]
    public async Task The_contractor_the_supervisor_and_the_admin_download_the_cuenta_de_cobro_from_the_request_page()
    {
        var contractId = await fixture.ContractIdAsync(Contract);

        // The contractor: Mis contratos → Detalle → Plan de pagos → payment 1's "Detalle" → the link.
        await using var contractor = await fixture.NewSessionAsync($"{nameof(CuentaDeCobroBrowserTests)}-contratista", output);
        var c = contractor.Page;
        await c.SignInAsync(DemoAccounts.Contractor);
        await c.GotoAsync($"/contratos/{contractId.ToString(CultureInfo.InvariantCulture)}");
        var firstPayment = c.GetByRole(AriaRole.Region, new() { Name = "Plan de pagos" }).Locator("tbody tr").Filter(new() { HasText = "Pagado" }).First;
        await firstPayment.GetByRole(AriaRole.Link, new() { Name = "Detalle" }).ClickAsync();
        await Expect(c.GetByRole(AriaRole.Heading, new() { Name = "Cuenta de cobro · Id de pago 1" })).ToBeVisibleAsync();
        var requestPath = new Uri(c.Url).AbsolutePath;
        var requestId = int.Parse(Regex.Match(requestPath, @"/pagos/(\d+)", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value, CultureInfo.InvariantCulture);
        await contractor.ScreenshotAsync("solicitud-con-enlace-pdf");
        await ExpectCuentaDeCobroAsync(c);

        // The supervisor, from the review page; the admin, from the request page.
        await using var supervisor = await fixture.NewSessionAsync($"{nameof(CuentaDeCobroBrowserTests)}-supervisor", output);
        await supervisor.Page.SignInAsync(DemoAccounts.Supervisor);
        await supervisor.Page.GotoAsync($"/revision/{requestId.ToString(CultureInfo.InvariantCulture)}");
        await ExpectCuentaDeCobroAsync(supervisor.Page);

        await using var admin = await fixture.NewSessionAsync($"{nameof(CuentaDeCobroBrowserTests)}-admin", output);
        await admin.Page.SignInAsync(DemoAccounts.Admin);
        await admin.Page.GotoAsync(requestPath);
        await ExpectCuentaDeCobroAsync(admin.Page);

        foreach (var session in new[] { contractor, supervisor, admin })
        {
            Assert.Empty(session.Problems);
        }
    }

    [Fact]
    public async Task One_click_attaches_the_generated_cuenta_de_cobro_and_the_checklist_counts_it()
    {
        await using var session = await fixture.NewSessionAsync(nameof(One_click_attaches_the_generated_cuenta_de_cobro_and_the_checklist_counts_it), output);
        var page = session.Page;
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "Borrar" asks first
        await page.SignInAsync(DemoAccounts.Contractor);
        var contractId = await fixture.ContractIdAsync(Contract);
        await page.GotoAsync($"/contratos/{contractId.ToString(CultureInfo.InvariantCulture)}/pagos/crear");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Crear cuenta de cobro · Id de pago 3" })).ToBeVisibleAsync();

        // A new request has nothing to write from yet: the button appears once it exists.
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Anexar la cuenta de cobro generada (PDF)", Exact = true });
        await Expect(button).ToHaveCountAsync(0);
        await page.GetByLabel("Notas", new() { Exact = true }).FillAsync("Cuenta de cobro del mes, escrita por el portal.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cuenta de cobro · Id de pago 3" })).ToBeVisibleAsync();

        await button.ClickAsync();
        await Expect(page.Locator("#contenido > .alert--success")).ToContainTextAsync("Se anexó la cuenta de cobro generada");
        var attached = page.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr", new() { HasText = "cuenta-de-cobro-" });
        await Expect(attached).ToContainTextAsync("Cuenta de cobro o factura");
        var item = page.Locator("#lista-de-chequeo li").Filter(new() { Has = page.GetByText("Cuenta de cobro o factura", new() { Exact = true }) });
        await Expect(item.Locator(".check__mark")).ToHaveTextAsync("✓");
        await Expect(page.GetByLabel("Notas", new() { Exact = true })).ToHaveValueAsync("Cuenta de cobro del mes, escrita por el portal.");
        await session.ScreenshotAsync("cuenta-de-cobro-generada-anexada");

        await page.GetByRole(AriaRole.Button, new() { Name = "Borrar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Contrato {Contract}" })).ToBeVisibleAsync();
        Assert.Empty(session.Problems);
    }

    /// <summary>Clicks the link and reads the download back: a PDF of the request's contract with its text extractable.</summary>
    private static async Task ExpectCuentaDeCobroAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = LinkText, Exact = true }).ClickAsync());
        Assert.Equal($"cuenta-de-cobro-{Contract}-1.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(path));
        var text = string.Join('\n', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("CUENTA DE COBRO", text, StringComparison.Ordinal);
        Assert.Contains(Contract, text, StringComparison.Ordinal);
        Assert.Contains("PESOS M/CTE", text, StringComparison.Ordinal);
    }
}
