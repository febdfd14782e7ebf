using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Security;

/// <summary>
/// Sessions end on the server: a cookie copied before "Cerrar sesión", a password change, a deactivation or a role
/// change is refused afterwards, by this instance and by another one sharing the database, as two portals behind one
/// load balancer would. Instance A is the shared portal; each test starts a second instance B on its database, document
/// store and Data Protection keys.
/// </summary>
public abstract class ServerSessionTests(PortalFixture fixture) : IAsyncLifetime
{
    private const string ContractsPage = "/contratos";
    private PortalFactory? _instanceB;

    private PortalFactory A => fixture.Factory;

    private PortalFactory B => _instanceB!;

    public async Task InitializeAsync() => _instanceB = await PortalFactory.CreateSecondInstanceAsync(A);

    public async Task DisposeAsync()
    {
        if (_instanceB is not null)
        {
            await _instanceB.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_lands_on_the_sign_in_page_and_its_posts_are_refused()
    {
        var user = await TestUsers.CreateAsync(A, PortalRoles.Contractor);
        var (browser, jar) = NewBrowser(A);
        using var disposeBrowser = browser;
        await PortalHttp.SignInAsync(browser, TestUsers.AccountOf(user));
        var token = await PortalHttp.GetAntiforgeryTokenAsync(browser, "/cuenta/cambiar-contrasena");
        var stolenCookies = CookieHeader(A, jar);
        Assert.Contains(PortalHttp.SessionCookieName + "=", stolenCookies, StringComparison.Ordinal);

        using (var signOut = await PortalHttp.PostFormAsync(browser, "/cuenta/cerrar-sesion", [], tokenPageUrl: ContractsPage))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        Assert.Equal(0, await SessionCountAsync(user.Id));
        foreach (var instance in new[] { A, B })
        {
            using var replay = CookielessClient(instance, stolenCookies);
            using var page = await replay.GetAsync(new Uri(ContractsPage, UriKind.Relative));
            AssertSentToSignIn(page);

            using var post = await PortalHttp.PostFormWithTokenAsync(replay, "/cuenta/cambiar-contrasena", new Dictionary<string, string>
            {
                ["CurrentPassword"] = TestUsers.Password,
                ["NewPassword"] = "Robada.Contrasena2026!",
                ["ConfirmPassword"] = "Robada.Contrasena2026!",
            }, token);
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
            Assert.False(post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location?.ToString() == "/", "The replayed POST changed the password.");
        }

        // The password is the one the user chose: the replayed POSTs changed nothing.
        using var again = await A.SignedInAsync(TestUsers.AccountOf(user));
    }

    [Fact]
    public async Task Deactivation_through_instance_a_ends_the_session_on_instance_b()
    {
        var user = await TestUsers.CreateAsync(A, PortalRoles.Contractor);
        using var onB = await B.SignedInAsync(TestUsers.AccountOf(user));
        await AssertOpensContractsAsync(onB);
        using var admin = await A.SignedInAsync(DemoAccounts.Admin);

        using (var deactivated = await PortalHttp.PostFormAsync(admin, $"/administracion/usuarios/{user.Id}/desactivar", [], tokenPageUrl: AdminPages.EditUser(user.Id)))
        {
            Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        }

        using var next = await onB.GetAsync(new Uri(ContractsPage, UriKind.Relative));
        AssertSentToSignIn(next);
        Assert.Equal(0, await SessionCountAsync(user.Id));
    }

    [Fact]
    public async Task A_role_change_through_instance_a_ends_the_session_on_instance_b()
    {
        var user = await TestUsers.CreateAsync(A, PortalRoles.Supervisor);
        using var onB = await B.SignedInAsync(TestUsers.AccountOf(user));
        await AssertOpensContractsAsync(onB);
        using var admin = await A.SignedInAsync(DemoAccounts.Admin);

        using (var edited = await PortalHttp.PostFormAsync(admin, AdminPages.EditUser(user.Id), new Dictionary<string, string>
               {
                   ["Input.FullName"] = user.FullName,
                   ["Input.Roles"] = PortalRoles.Contractor,
                   ["Input.PersonType"] = "NaturalPerson",
                   ["Input.DocumentType"] = "CedulaDeCiudadania",
                   ["Input.DocumentNumber"] = "52123456",
               }))
        {
            Assert.True(edited.StatusCode == HttpStatusCode.Redirect, AdminPages.Summary(await PortalHttp.ParseAsync(edited)));
        }

        // The old session still says "Supervisor": it must not survive the change.
        using var next = await onB.GetAsync(new Uri("/revision", UriKind.Relative));
        AssertSentToSignIn(next);
    }

    [Fact]
    public async Task A_password_change_ends_every_session_of_the_user_on_every_instance()
    {
        const string NewPassword = "Nueva.Contrasena2026!";
        var user = await TestUsers.CreateAsync(A, PortalRoles.Contractor);
        using var onA = await A.SignedInAsync(TestUsers.AccountOf(user));
        await AssertOpensContractsAsync(onA);
        using var onB = await B.SignedInAsync(TestUsers.AccountOf(user));
        await AssertOpensContractsAsync(onB);
        Assert.Equal(2, await SessionCountAsync(user.Id));

        using (var changed = await PortalHttp.PostFormAsync(onA, "/cuenta/cambiar-contrasena", new Dictionary<string, string>
               {
                   ["CurrentPassword"] = TestUsers.Password,
                   ["NewPassword"] = NewPassword,
                   ["ConfirmPassword"] = NewPassword,
               }))
        {
            AssertSentToSignIn(changed);
        }

        Assert.Equal(0, await SessionCountAsync(user.Id));
        var login = await PortalHttp.GetPageAsync(onA, PortalHttp.LoginPath);
        Assert.Contains("Su contraseña fue cambiada", login.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        foreach (var browser in new[] { onA, onB })
        {
            using var next = await browser.GetAsync(new Uri(ContractsPage, UriKind.Relative));
            AssertSentToSignIn(next);
        }

        using var again = await B.SignedInAsync(new Account(user.Email!, NewPassword));
        await AssertOpensContractsAsync(again);
    }

    [Fact]
    public async Task The_table_keeps_only_a_hash_of_the_key_and_the_sweep_deletes_only_expired_sessions()
    {
        var user = await TestUsers.CreateAsync(A, PortalRoles.Contractor);
        var (browser, jar) = NewBrowser(A);
        using var disposeBrowser = browser;
        await PortalHttp.SignInAsync(browser, TestUsers.AccountOf(user));

        await using var scope = A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var session = await db.UserSessions.AsNoTracking().SingleAsync(s => s.UserId == user.Id);
        Assert.Matches("^[0-9A-F]{64}$", session.Id);
        Assert.DoesNotContain(session.Id, CookieHeader(A, jar), StringComparison.OrdinalIgnoreCase);
        Assert.True(session.ExpiresAtUtc > DateTime.UtcNow.AddMinutes(25) && session.ExpiresAtUtc <= DateTime.UtcNow.AddMinutes(31), $"Expires {session.ExpiresAtUtc:O}");

        // The portal is shared: other tests' sessions are in the table too. The sweep deletes exactly those that expired.
        var cutoff = session.ExpiresAtUtc.AddSeconds(-1);
        var expired = await db.UserSessions.CountAsync(s => s.ExpiresAtUtc < cutoff);
        var live = await db.UserSessions.CountAsync(s => s.ExpiresAtUtc >= cutoff);
        Assert.Equal(expired, await SessionSweepService.SweepAsync(db, cutoff, CancellationToken.None));
        Assert.Equal(live, await db.UserSessions.CountAsync());
        Assert.Equal(1, await SessionCountAsync(user.Id));
        Assert.True(await SessionSweepService.SweepAsync(db, session.ExpiresAtUtc.AddSeconds(1), CancellationToken.None) >= 1);
        Assert.Equal(0, await SessionCountAsync(user.Id));
        using var next = await browser.GetAsync(new Uri(ContractsPage, UriKind.Relative));
        AssertSentToSignIn(next);
    }

    /// <summary>The session works on the instance the client talks to: a page only signed-in users see opens.</summary>
    private static async Task AssertOpensContractsAsync(HttpClient client)
    {
        using var first = await client.GetAsync(new Uri(ContractsPage, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(PortalHttp.LoginPath, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A client that keeps its cookies where the test can read them, as a browser's cookie jar.</summary>
    private static (HttpClient Client, CookieContainer Jar) NewBrowser(PortalFactory instance)
    {
        var jar = new CookieContainer();
        return (instance.CreateDefaultClient(instance.ClientOptions.BaseAddress, new CookieContainerHandler(jar)), jar);
    }

    /// <summary>The Cookie header the browser sends, as an attacker who copied it would replay it.</summary>
    private static string CookieHeader(PortalFactory instance, CookieContainer jar) =>
        jar.GetCookieHeader(new Uri(instance.ClientOptions.BaseAddress, ContractsPage));

    private static HttpClient CookielessClient(PortalFactory instance, string cookieHeader)
    {
        var client = instance.CreateDefaultClient(instance.ClientOptions.BaseAddress);
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }

    private async Task<int> SessionCountAsync(Guid userId)
    {
        await using var scope = A.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.UserSessions.CountAsync(s => s.UserId == userId);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class ServerSessionSqliteTests(SqlitePortalFixture fixture) : ServerSessionTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class ServerSessionPostgresTests(PostgresPortalFixture fixture) : ServerSessionTests(fixture);
