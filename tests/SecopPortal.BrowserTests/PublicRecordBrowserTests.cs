using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// "Consulta pública de contratos" as an anonymous visitor uses it (docs/product.md §17): from the sign-in page to
/// the search, a contract's public page and back, on a desktop and on a phone.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class PublicRecordBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private const string ContractWithPayments = "CO1.PCCNTR.7034218";

    [Theory]
    [InlineData(1280, 800, "escritorio")]
    [InlineData(390, 844, "telefono")]
    public async Task A_visitor_without_an_account_searches_and_reads_a_contract_from_the_sign_in_page(int width, int height, string device)
    {
        await using var session = await SessionAsync($"{nameof(A_visitor_without_an_account_searches_and_reads_a_contract_from_the_sign_in_page)}-{device}");
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        var response = await page.GotoAsync(PortalSignIn.Path);
        Assert.Equal(200, response?.Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Consulta pública de contratos", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Consulta pública de contratos")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToHaveCountAsync(0);
        await AssertNoSidewaysScrollAsync(page, "the public search");
        await session.ScreenshotAsync("consulta");

        // A contractor's name as registered, without accents; then the state.
        await page.GetByLabel("Buscar", new() { Exact = true }).FillAsync("juan carlos perez");
        await page.GetByLabel("Estado del contrato", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "En ejecución" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Buscar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("estado=en-ejecucion", RegexOptions.None, TimeSpan.FromSeconds(1)));
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = ContractWithPayments })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("contratistas cuyo nombre empieza por");
        await AssertNoSidewaysScrollAsync(page, "the search results");
        await session.ScreenshotAsync("resultados");

        await rows.Filter(new() { HasText = ContractWithPayments }).GetByRole(AriaRole.Link, new() { Name = $"Ver contrato {ContractWithPayments}" }).ClickAsync();
        await Expect(Heading(page, $"Contrato {ContractWithPayments}")).ToBeVisibleAsync();
        await Expect(page.Locator("section h2")).ToHaveTextAsync(
            ["1 Información general", "2 Condiciones", "3 Bienes y servicios", "6 Información presupuestal", "7 Ejecución del contrato"]);
        var plan = page.GetByRole(AriaRole.Region, new() { Name = "Plan de pagos" });
        await Expect(plan.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(plan).ToContainTextAsync("Aprobado");
        await Expect(plan).ToContainTextAsync("Pagado");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("@");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("1020345678");
        await AssertNoSidewaysScrollAsync(page, "the contract's public page");
        await session.ScreenshotAsync("contrato-publico");

        // Its open data: the Plan de pagos as CSV (the same two requests) and the OCDS release.
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Plan de pagos (CSV)", Exact = true }).ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await csv.PathAsync())).Where(line => line.Length > 0).ToList();
        Assert.StartsWith("nombre_entidad,nit_entidad,id_del_contrato,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Count);
        Assert.All(lines.Skip(1), line => Assert.Contains(ContractWithPayments, line, StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "Publicación OCDS (JSON)", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/publico/contratos/\d+/ocds\.json$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await Expect(page.Locator("body")).ToContainTextAsync(new Regex("\"ocid\":\\s*\"ocds-k50g02-\\d+\"", RegexOptions.None, TimeSpan.FromSeconds(1)));
        await page.GoBackAsync();
        await Expect(Heading(page, $"Contrato {ContractWithPayments}")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Iniciar sesión")).ToBeVisibleAsync();

        Assert.DoesNotContain(session.Problems, problem => problem.StartsWith("HTTP ", StringComparison.Ordinal) || problem.StartsWith("page error", StringComparison.Ordinal));
    }

    private async Task<BrowserSession> SessionAsync([CallerMemberName] string testName = "")
    {
        output.WriteLine($"portal {fixture.BaseAddress}, Chromium {fixture.BrowserVersion}");
        return await fixture.NewSessionAsync(testName, output);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{what} scrolls sideways at {page.ViewportSize?.Width}px.");

    private static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });
}
