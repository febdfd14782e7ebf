using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.Web.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>The one way the browser tests sign in: the login form, filled and sent as a user does.</summary>
public static class PortalSignIn
{
    public const string Path = "/cuenta/iniciar-sesion";

    /// <summary>The sign-in page's address, for <c>ToHaveURLAsync</c>.</summary>
    public static readonly Regex PathPattern = new(Regex.Escape(Path), RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Opens the sign-in page, types the account's e-mail and password, sends them and waits until the portal let the user in.</summary>
    public static async Task SignInAsync(this IPage page, DemoAccount account)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(account);
        var response = await page.GotoAsync(Path);
        Assert.True(response is { Status: 200 }, $"GET {Path} answered {response?.Status}");
        await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync(account.Email);
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Iniciar sesión" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToBeVisibleAsync();
        await Expect(page).Not.ToHaveURLAsync(PathPattern);
    }
}
