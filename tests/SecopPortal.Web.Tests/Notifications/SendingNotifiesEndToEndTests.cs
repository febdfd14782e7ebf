using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>
/// Through the contractor's own screen: «Enviar» on a request in "Pendiente de registro" gives the supervisor exactly
/// one notification (and the bell shows it) and queues exactly one e-mail, in the same transaction as the send.
/// </summary>
public abstract class SendingNotifiesEndToEndTests(PortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task Enviar_creates_exactly_one_notification_and_one_queued_email_for_the_supervisor()
    {
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var contract = await NotificationData.RunningContractAsync(Factory, contractor.Id, supervisor.Id);
        var request = await NotificationData.ConfirmedRequestAsync(Factory, contract);
        var requestPage = $"/contratos/{contract.Id.ToString(CultureInfo.InvariantCulture)}/pagos/{request.Id.ToString(CultureInfo.InvariantCulture)}";
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));

        var page = await PortalHttp.GetPageAsync(client, requestPage);
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .SingleOrDefault(f => (f.GetAttribute("action") ?? string.Empty).EndsWith("/enviar", StringComparison.Ordinal));
        Assert.True(form is not null, $"The request page has no «Enviar» form. Title: {page.Title}");
        using var response = await PortalHttp.PostFormWithTokenAsync(client, form!.GetAttribute("action")!, FieldsOf(form), TokenOf(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(PaymentRequestStatus.Sent, await db.PaymentRequests.Where(p => p.Id == request.Id).Select(p => p.Status).SingleAsync());
        var notification = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.RecipientId == supervisor.Id).ToListAsync());
        Assert.Equal(NotificationKind.PaymentRequestSent, notification.Kind);
        Assert.Equal($"/revision/{request.Id.ToString(CultureInfo.InvariantCulture)}", notification.LinkPath);
        Assert.Contains(contract.Number, notification.Title, StringComparison.Ordinal);
        var email = Assert.Single(await db.OutboxEmails.AsNoTracking().Where(e => e.To == supervisor.Email).ToListAsync());
        Assert.Null(email.SentAtUtc);
        Assert.Empty(await db.Notifications.AsNoTracking().Where(n => n.RecipientId == contractor.Id).ToListAsync());
        Assert.Empty(await db.OutboxEmails.AsNoTracking().Where(e => e.To == contractor.Email).ToListAsync());

        var asSupervisor = await Factory.SignedInAsync(TestUsers.AccountOf(supervisor));
        var supervisorPage = await PortalHttp.GetPageAsync(asSupervisor, "/notificaciones");
        Assert.Equal("Notificaciones, 1 sin leer", supervisorPage.QuerySelector("header a.bell")!.GetAttribute("aria-label"));
        Assert.Equal(notification.Title, supervisorPage.QuerySelector(".notification__title")!.TextContent.Trim());

        // Opening the request from "Cuentas por revisar" (not from the bell) is reading what the bell announced.
        await PortalHttp.GetPageAsync(asSupervisor, $"/revision/{request.Id.ToString(CultureInfo.InvariantCulture)}");
        var afterReview = await PortalHttp.GetPageAsync(asSupervisor, "/contratos");
        Assert.Equal("Notificaciones, ninguna sin leer", afterReview.QuerySelector("header a.bell")!.GetAttribute("aria-label"));
    }

    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Name != PortalHttp.AntiforgeryFieldName && i.Type is "hidden" or "text")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();

    private static string TokenOf(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == PortalHttp.AntiforgeryFieldName).Value;
}

[Collection(SqlitePortal.Name)]
public sealed class SendingNotifiesEndToEndOnSqliteTests(SqlitePortalFixture fixture) : SendingNotifiesEndToEndTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class SendingNotifiesEndToEndOnPostgresTests(PostgresPortalFixture fixture) : SendingNotifiesEndToEndTests(fixture);
