using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Security;

[Collection(SqlitePortal.Name)]
public sealed class AccountAndSecurityTests(SqlitePortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var client = Factory.CreateClient();

        using var response = await client.GetAsync(new Uri(PortalHttp.LoginPath, UriKind.Relative));

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Server"));
        Assert.True(response.Headers.Contains("X-Correlation-Id"));
    }

    [Fact]
    public async Task The_session_cookie_is_secure_http_only_and_same_site()
    {
        var client = Factory.CreateClient();
        var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, Form(DemoAccounts.Contractor2.Email, DemoAccounts.Contractor2.Password));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PortalHttp.SessionCookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused_with_400()
    {
        var client = Factory.CreateClient();

        using var response = await PortalHttp.PostFormWithTokenAsync(client, PortalHttp.LoginPath, Form(DemoAccounts.Admin.Email, DemoAccounts.Admin.Password), token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No fue posible completar la solicitud", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(PortalHttp.SessionCookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Wrong_password_shows_the_spanish_message_and_keeps_the_email()
    {
        var client = Factory.CreateClient();

        var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, Form(DemoAccounts.Contractor.Email, "no-es-la-clave-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.Contains(AccountController.LoginFailedMessage, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DemoAccounts.Contractor.Email, page.QuerySelector("input#Email")!.GetAttribute("value"));
        Assert.Equal(string.Empty, page.QuerySelector("input#Password")!.GetAttribute("value") ?? string.Empty);
    }

    [Fact]
    public async Task Empty_fields_are_reported_next_to_each_field()
    {
        var client = Factory.CreateClient();

        var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, Form("no-es-un-correo", string.Empty));

        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal("Escriba un correo electrónico válido, por ejemplo nombre@entidad.gov.co.", page.QuerySelector("#Email-error")!.TextContent.Trim());
        Assert.Equal("Escriba su contraseña.", page.QuerySelector("#Password-error")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("input#Email")!.GetAttribute("aria-invalid"));
        Assert.Equal("Email-error", page.QuerySelector("input#Email")!.GetAttribute("aria-describedby"));
        Assert.Equal("no-es-un-correo", page.QuerySelector("input#Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Failed_attempts_never_lock_the_account()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var client = Factory.CreateClient();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var failed = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, Form(user.Email!, "clave-equivocada-" + attempt));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        await PortalHttp.SignInAsync(client, TestUsers.AccountOf(user));
    }

    [Fact]
    public async Task A_foreign_return_url_is_never_followed()
    {
        var client = Factory.CreateClient();
        var fields = Form(DemoAccounts.Contractor2.Email, DemoAccounts.Contractor2.Password);
        fields["ReturnUrl"] = "https://sitio-malicioso.example/robar";

        using var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor2);

        using var signOut = await PortalHttp.PostFormAsync(client, "/cuenta/cerrar-sesion", [], tokenPageUrl: "/contratos");
        using var after = await client.GetAsync(new Uri("/contratos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/cuenta/iniciar-sesion", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_checks_the_current_one_and_the_new_length()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(user));

        var wrong = await PortalHttp.ParseAsync(await PortalHttp.PostFormAsync(client, "/cuenta/cambiar-contrasena", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "no-es-la-actual-1",
            ["NewPassword"] = "Nueva.Clave.2026!",
            ["ConfirmPassword"] = "Nueva.Clave.2026!",
        }));
        var shortOne = await PortalHttp.ParseAsync(await PortalHttp.PostFormAsync(client, "/cuenta/cambiar-contrasena", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestUsers.Password,
            ["NewPassword"] = "Corta.1",
            ["ConfirmPassword"] = "Corta.2",
        }));
        using var ok = await PortalHttp.PostFormAsync(client, "/cuenta/cambiar-contrasena", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestUsers.Password,
            ["NewPassword"] = "Nueva.Clave.2026!",
            ["ConfirmPassword"] = "Nueva.Clave.2026!",
        });

        Assert.Equal("La contraseña actual no es correcta.", wrong.QuerySelector("#CurrentPassword-error")!.TextContent.Trim());
        Assert.Equal("La nueva contraseña debe tener al menos 12 caracteres.", shortOne.QuerySelector("#NewPassword-error")!.TextContent.Trim());
        Assert.Equal("La confirmación no coincide con la nueva contraseña.", shortOne.QuerySelector("#ConfirmPassword-error")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var withNewPassword = await Factory.SignedInAsync(new Account(user.Email!, "Nueva.Clave.2026!"));
    }

    [Fact]
    public async Task An_unknown_address_gets_the_spanish_404_page()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor2);

        using var response = await client.GetAsync(new Uri("/no-existe/esta-pagina", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No encontramos lo que busca", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_error_shows_the_spanish_500_page_with_the_correlation_id()
    {
        using var failing = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddTransient<IStartupFilter, ThrowingEndpointFilter>()));
        var client = await failing.SignedInAsync(DemoAccounts.Contractor2);

        using var response = await client.GetAsync(new Uri(ThrowingEndpointFilter.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var correlationId = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal("Ocurrió un error inesperado", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(correlationId, page.QuerySelector("code.correlation")!.TextContent.Trim());
        Assert.DoesNotContain("InvalidOperationException", page.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_without_signing_in()
    {
        using var response = await Factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> Form(string email, string password) => new()
    {
        ["Email"] = email,
        ["Password"] = password,
    };
}

/// <summary>The 30-minute idle sign-out, with the portal's clock moved by hand.</summary>
[Collection(SqlitePortal.Name)]
public sealed class IdleSignOutTests(SqlitePortalFixture fixture) : StoppedClockTests(fixture, new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Activity_within_thirty_minutes_keeps_the_session_and_thirty_one_idle_minutes_end_it()
    {
        var client = await Factory.SignedInAsync(DemoAccounts.Contractor);

        Clock.Advance(TimeSpan.FromMinutes(20));
        using var stillIn = await client.GetAsync(new Uri("/contratos", UriKind.Relative));
        Clock.Advance(TimeSpan.FromMinutes(20));
        using var slidIn = await client.GetAsync(new Uri("/contratos", UriKind.Relative));
        Clock.Advance(TimeSpan.FromMinutes(31));
        using var timedOut = await client.GetAsync(new Uri("/contratos", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, slidIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, timedOut.StatusCode);
        Assert.Contains("/cuenta/iniciar-sesion", timedOut.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
