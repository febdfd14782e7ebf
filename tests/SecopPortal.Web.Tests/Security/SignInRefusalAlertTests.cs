using System.Net;
using AngleSharp.Html.Dom;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Features.Account;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Security;

/// <summary>
/// Issue 11: a locked or deactivated account is not a field to correct. After the right password the sign-in page says
/// so in an alert of its own, with what to do, and not under "Hay un dato por corregir"; a wrong password of the same
/// accounts still gets the one answer of ADR 0019, in the summary.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class SignInRefusalAlertTests(SqlitePortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_locked_account_gets_its_own_alert_with_the_end_of_the_lock_and_no_validation_summary()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        await TestUsers.ChangeAsync(Factory, user.Email!, TestUsers.Lock);

        var page = await SignInAsync(user.Email!, TestUsers.Password);

        var alert = page.QuerySelector(".login-refusal");
        Assert.NotNull(alert);
        Assert.Equal("alert", alert!.GetAttribute("role"));
        Assert.Equal("Su cuenta está bloqueada", alert.QuerySelector(".alert__title")!.TextContent.Trim());
        Assert.Contains(AccountController.LockedOutMessage, alert.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"El bloqueo termina el \d{2}/\d{2}/\d{4} \d{2}:\d{2} \(hora de Colombia\), dentro de (un minuto|\d+ minutos)\.", alert.TextContent);
        Assert.Null(page.GetElementById("errores"));
        Assert.DoesNotContain("por corregir", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_account_gets_its_own_alert_telling_to_contact_the_administrator()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        await TestUsers.ChangeAsync(Factory, user.Email!, TestUsers.Deactivate);

        var page = await SignInAsync(user.Email!, TestUsers.Password);

        var alert = page.QuerySelector(".login-refusal[role=alert]");
        Assert.NotNull(alert);
        Assert.Equal("Su cuenta está desactivada", alert!.QuerySelector(".alert__title")!.TextContent.Trim());
        Assert.Contains(AccountController.NotAllowedMessage, alert.TextContent, StringComparison.Ordinal);
        Assert.Null(page.GetElementById("errores"));
    }

    [Fact]
    public async Task A_wrong_password_of_a_locked_account_answers_like_an_unknown_email_in_the_summary()
    {
        var user = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        await TestUsers.ChangeAsync(Factory, user.Email!, TestUsers.Lock);

        var locked = await SignInAsync(user.Email!, "No.Es.La.Clave.2026");
        var unknown = await SignInAsync($"nadie.{Guid.NewGuid():N}@secop.test", "No.Es.La.Clave.2026");

        foreach (var page in new[] { locked, unknown })
        {
            Assert.Null(page.QuerySelector(".login-refusal"));
            Assert.Equal(AccountController.LoginFailedMessage, page.QuerySelector("#errores li")!.TextContent.Trim());
        }

        Assert.Equal(locked.GetElementById("errores")!.TextContent.Trim(), unknown.GetElementById("errores")!.TextContent.Trim());
    }

    private async Task<IHtmlDocument> SignInAsync(string email, string password)
    {
        var client = Factory.CreateClient();
        var token = await PortalHttp.GetAntiforgeryTokenAsync(client, PortalHttp.LoginPath);
        using var response = await PortalHttp.PostFormWithTokenAsync(
            client, PortalHttp.LoginPath, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalHttp.ParseAsync(response);
    }
}
