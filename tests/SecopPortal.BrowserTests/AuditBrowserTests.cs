using System.Text;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Administración → Auditoría as an administrator uses it: the entry of the sign-in just made, a filter by user, a
/// date that does not exist told next to its field with what was typed kept, the CSV download, and the page on a
/// phone. Only reads (and signs in, which every browser test does).
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class AuditBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_administrator_finds_a_sign_in_filters_by_user_is_told_about_a_bad_date_and_downloads_the_csv()
    {
        await using var session = await fixture.NewSessionAsync(nameof(The_administrator_finds_a_sign_in_filters_by_user_is_told_about_a_bad_date_and_downloads_the_csv), output);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Supervisor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToHaveCountAsync(0);
        await page.SignInAsync(DemoAccounts.Admin);

        await page.GotoAsync("/administracion");
        await page.GetByRole(AriaRole.Link, new() { Name = "Auditoría", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Auditoría", Level = 1 })).ToBeVisibleAsync();
        var log = page.GetByRole(AriaRole.Table);
        await Expect(log).ToContainTextAsync(DemoAccounts.AdminEmail);
        await Expect(log).ToContainTextAsync("Inicio de sesión");
        await session.ScreenshotAsync("auditoria");

        // Only the supervisor's entries: their sign-in and sign-out, and no one else's.
        await page.GetByLabel("Usuario (correo electrónico)").FillAsync(DemoAccounts.SupervisorEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        var rows = log.Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var row in await rows.AllAsync())
        {
            await Expect(row.Locator("td[data-label=Usuario]")).ToHaveTextAsync(DemoAccounts.SupervisorEmail);
        }

        await Expect(log).ToContainTextAsync("Cierre de sesión");
        await session.ScreenshotAsync("auditoria-filtro-usuario");

        // A date that does not exist: told next to its field, everything typed kept.
        await page.GetByLabel("Desde (dd/mm/aaaa)").FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        var from = page.GetByLabel("Desde (dd/mm/aaaa)");
        await Expect(from).ToHaveValueAsync("31/02/2026");
        await Expect(from).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#desde-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Usuario (correo electrónico)")).ToHaveValueAsync(DemoAccounts.SupervisorEmail);
        await session.ScreenshotAsync("auditoria-fecha-invalida");

        // The CSV of the same filter, once the date is right.
        await from.FillAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Descargar CSV" }).ClickAsync());
        Assert.Matches(@"^auditoria-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The CSV starts with the UTF-8 BOM, for Excel.");
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(Encoding.UTF8.Preamble.Length)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, $"Header plus the supervisor's sign-in and sign-out; got {lines.Length} lines.");
        Assert.All(lines.Skip(1), line => Assert.Contains(DemoAccounts.SupervisorEmail, line, StringComparison.Ordinal));

        await page.SetViewportSizeAsync(PhoneLayout.Width, 844);
        await page.ReloadAsync();
        await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "audit log");
        await session.ScreenshotAsync("auditoria-telefono");
        Assert.Empty(session.Problems);
    }
}
