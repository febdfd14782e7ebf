using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// The signed-in header on phones (issue 11): whatever the length of the user's name, the page does not scroll
/// sideways (at 320 px too, card tables and long contract numbers included) and "Cerrar sesión" stays visible inside
/// the dark header, at 390 px and at 320 px.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class HeaderBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(DemoAccounts.AdminEmail)]
    [InlineData(DemoAccounts.SupervisorEmail)]
    [InlineData(DemoAccounts.ContractorEmail)]
    [InlineData(DemoAccounts.Contractor2Email)]
    [InlineData(DemoAccounts.ProviderEmail)]
    public async Task Each_demo_account_sees_Cerrar_sesion_inside_the_header_without_sideways_scroll_at_390_and_320_px(string email)
    {
        var account = DemoAccounts.WithEmail(email);
        await using var session = await fixture.NewSessionAsync($"header-{email.Split('@')[0]}", output);
        var page = session.Page;
        await page.SignInAsync(account);
        var header = page.Locator("header.topbar");
        var logout = header.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" });
        var name = header.Locator(".usermenu__name");

        // The full name stays in the page (for screen readers) and in the title, however it is cut on screen.
        await Expect(name).ToHaveTextAsync(account.FullName);
        await Expect(name).ToHaveAttributeAsync("title", account.FullName);
        await session.ScreenshotAsync("escritorio");

        foreach (var (width, height) in new[] { (PhoneLayout.Width, 844), (PhoneLayout.NarrowWidth, 640) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ReloadAsync();
            // Nothing in the header sticks out of the screen, and the whole start page fits too.
            var outside = await header.EvaluateAsync<string>(
                "(h, w) => [...h.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > w + 0.5).map(e => e.tagName.toLowerCase() + '.' + e.className + ' right=' + Math.round(e.getBoundingClientRect().right)).join(', ')",
                width);
            Assert.True(outside.Length == 0, $"The header sticks out of a {width} px screen for {email}: {outside}");
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, $"start page of {email}", width);

            await Expect(logout).ToBeVisibleAsync();
            await Expect(name).ToBeVisibleAsync();

            var button = await logout.BoundingBoxAsync() ?? throw new InvalidOperationException("Cerrar sesión has no box.");
            var bar = await header.BoundingBoxAsync() ?? throw new InvalidOperationException("The header has no box.");
            var where = $"at {width} px for {email}: button x {button.X}–{button.X + button.Width}, y {button.Y}–{button.Y + button.Height}; header x {bar.X}–{bar.X + bar.Width}, y {bar.Y}–{bar.Y + bar.Height}";
            Assert.True(button.X >= 0 && button.X + button.Width <= width, $"Cerrar sesión is outside the viewport {where}.");
            Assert.True(button.X >= bar.X && button.X + button.Width <= bar.X + bar.Width
                && button.Y >= bar.Y && button.Y + button.Height <= bar.Y + bar.Height, $"Cerrar sesión is outside the dark header {where}.");

            // The name is cut by the layout (an ellipsis), not by the edge of the screen.
            var nameBox = await name.BoundingBoxAsync() ?? throw new InvalidOperationException("The name has no box.");
            Assert.True(nameBox.X + nameBox.Width <= width, $"The user's name sticks out of the viewport at {width} px: right edge {nameBox.X + nameBox.Width}.");
            await session.ScreenshotAsync($"telefono-{width}");
        }

        Assert.Empty(session.Problems);
    }
}
