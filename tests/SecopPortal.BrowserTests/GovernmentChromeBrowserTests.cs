using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// The government chrome (ADR 0022) in a real browser: the GOV.CO bar (first stop after "Saltar al contenido",
/// readable contrast), the operator's footer and its five pages, anonymous and signed in, at 1280, 390 and 320 px,
/// never scrolling sideways.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class GovernmentChromeBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly (string Link, string Heading)[] FooterPages =
    [
        ("Ayuda", "Ayuda"),
        ("Contacto", "Contacto"),
        ("Política de tratamiento de datos personales", "Política de tratamiento de datos personales"),
        ("Declaración de accesibilidad", "Declaración de accesibilidad"),
        ("Términos y condiciones", "Términos y condiciones"),
    ];

    [Theory]
    [InlineData(1280, 800, "escritorio")]
    [InlineData(PhoneLayout.Width, 844, "telefono")]
    [InlineData(PhoneLayout.NarrowWidth, 640, "telefono-estrecho")]
    public async Task A_visitor_reaches_GOV_CO_and_every_footer_page_from_the_sign_in_page(int width, int height, string device)
    {
        await using var session = await fixture.NewSessionAsync($"gobierno-anonimo-{device}", output);
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(PortalSignIn.Path);

        // Keyboard: "Saltar al contenido" first, then GOV.CO, whose accessible name starts with what it shows.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        var govco = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^GOV\\.CO", RegexOptions.None, TimeSpan.FromSeconds(1)) });
        await Expect(govco).ToBeFocusedAsync();
        await Expect(govco).ToHaveAttributeAsync("href", "https://www.gov.co");
        var contrast = await page.Locator(".govco-bar__link").EvaluateAsync<double>(ContrastScript);
        Assert.True(contrast >= 4.5, $"GOV.CO has a contrast of {contrast:0.00}:1 on its bar.");
        await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "sign-in page", width);
        await session.ScreenshotAsync("iniciar-sesion");

        var footer = page.GetByRole(AriaRole.Contentinfo);
        foreach (var (link, heading) in FooterPages)
        {
            await footer.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true })).ToBeVisibleAsync();
            await Expect(footer).ToContainTextAsync("Colombia Compra Eficiente");
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, $"page «{heading}»", width);
            await session.ScreenshotAsync(heading);
        }

        Assert.Empty(session.Problems);
    }

    [Theory]
    [InlineData(1280, 800, "escritorio")]
    [InlineData(PhoneLayout.Width, 844, "telefono")]
    [InlineData(PhoneLayout.NarrowWidth, 640, "telefono-estrecho")]
    public async Task A_signed_in_contractor_keeps_the_menu_on_Ayuda_and_the_chrome_fits_the_screen(int width, int height, string device)
    {
        await using var session = await fixture.NewSessionAsync($"gobierno-contratista-{device}", output);
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        await page.SignInAsync(DemoAccounts.Contractor);

        // A signed-in page: the GOV.CO bar above the dark header, the footer below; neither sticks out of the screen.
        await page.GotoAsync("/contratos");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
        foreach (var region in new[] { "nav.govco-bar", "header.topbar", "footer" })
        {
            var outside = await page.Locator(region).EvaluateAsync<string>(
                "(r, w) => [r, ...r.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > w + 0.5).map(e => e.tagName.toLowerCase() + '.' + e.className).join(', ')",
                width);
            Assert.True(outside.Length == 0, $"{region} sticks out of a {width} px screen: {outside}");
        }

        var bar = await page.Locator("nav.govco-bar").BoundingBoxAsync() ?? throw new InvalidOperationException("No GOV.CO bar.");
        var header = await page.Locator("header.topbar").BoundingBoxAsync() ?? throw new InvalidOperationException("No header.");
        Assert.True(bar.Y + bar.Height <= header.Y + 0.5, $"The GOV.CO bar (y {bar.Y}–{bar.Y + bar.Height}) is not above the header (y {header.Y}).");
        Assert.True(bar.Height <= 48, $"The GOV.CO bar is {bar.Height} px high: it should stay slim.");
        await session.ScreenshotAsync("mis-contratos");

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Ayuda", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ayuda", Exact = true, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ingresar", Exact = true })).ToHaveCountAsync(0);
        await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "Ayuda, signed in", width);
        await session.ScreenshotAsync("ayuda-con-sesion");

        Assert.Empty(session.Problems);
    }

    /// <summary>WCAG's contrast ratio of an element's text colour on its nearest opaque background.</summary>
    private const string ContrastScript =
        """
        e => {
            const rgb = c => c.match(/[\d.]+/g).map(Number);
            let bg = e, b;
            while (bg && (b = rgb(getComputedStyle(bg).backgroundColor)).length === 4 && b[3] === 0) bg = bg.parentElement;
            const lum = ([r, g, bl]) => [r, g, bl].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
            const [l1, l2] = [lum(rgb(getComputedStyle(e).color)), lum(b)].sort((x, y) => y - x);
            return (l1 + 0.05) / (l2 + 0.05);
        }
        """;
}
