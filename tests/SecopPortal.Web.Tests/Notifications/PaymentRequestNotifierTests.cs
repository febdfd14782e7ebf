using SecopPortal.Domain.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.Notifications;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

/// <summary>
/// The notifier the payment-request screens call: one notification and one queued e-mail per event, to the right
/// person, in Spanish, committed only by the caller's SaveChanges. Requests are driven through the domain API.
/// </summary>
public abstract class PaymentRequestNotifierTests(PortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task Sending_queues_exactly_one_notification_and_one_email_for_the_supervisor_committed_with_the_callers_save()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var sent = await NotificationData.SentRequestAsync(Factory, contract);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var request = await db.PaymentRequests.SingleAsync(p => p.Id == sent.Id);
            await scope.ServiceProvider.GetRequiredService<IPaymentRequestNotifier>().PaymentRequestSentAsync(request, default);

            Assert.Equal(0, await CountNotificationsAsync(supervisor.Id));
            await db.SaveChangesAsync();
        }

        var notification = Assert.Single(await NotificationsOfAsync(supervisor.Id));
        Assert.Equal(NotificationKind.PaymentRequestSent, notification.Kind);
        Assert.Equal($"/revision/{sent.Id.ToString(CultureInfo.InvariantCulture)}", notification.LinkPath);
        Assert.Null(notification.ReadAtUtc);
        Assert.Equal($"Cuenta de cobro por revisar: contrato {contract.Number}, pago 1", notification.Title);
        var period = $"periodo del {sent.PeriodFrom!.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} al {sent.PeriodTo!.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        Assert.Equal(
            $"{contractor.FullName} envió a la Entidad Estatal la cuenta de cobro del contrato {contract.Number}: Id de pago 1, número de factura Pago 001, " +
            $"{period}, valor total {NotificationData.Money(sent.TotalValue)}. Revísela para aprobarla o rechazarla.",
            notification.Body);
        Assert.Empty(await NotificationsOfAsync(contractor.Id));

        var email = Assert.Single(await EmailsToAsync(supervisor.Email!));
        Assert.Equal($"SecopPortal: {notification.Title}", email.Subject);
        Assert.StartsWith($"Hola, {supervisor.FullName}:", email.BodyText, StringComparison.Ordinal);
        Assert.Contains(notification.Body.Replace(" Revísela para aprobarla o rechazarla.", string.Empty, StringComparison.Ordinal), email.BodyText, StringComparison.Ordinal);
        Assert.Null(email.SentAtUtc);
        Assert.Equal(0, email.Attempts);
        Assert.Empty(await EmailsToAsync(contractor.Email!));
    }

    [Fact]
    public async Task Rejecting_notifies_the_contractor_with_the_reason_and_a_link_to_their_request()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var sent = await NotificationData.SentRequestAsync(Factory, contract);
        const string reason = "El informe de actividades no corresponde al periodo cobrado; adjunte el de este mes.";

        await ChangeAndNotifyAsync(sent.Id, r => r.Reject(supervisor.Id, reason, DateTime.UtcNow), (n, r) => n.PaymentRequestRejectedAsync(r, default));

        var notification = Assert.Single(await NotificationsOfAsync(contractor.Id));
        Assert.Equal(NotificationKind.PaymentRequestRejected, notification.Kind);
        Assert.Equal($"/contratos/{contract.Id.ToString(CultureInfo.InvariantCulture)}/pagos/{sent.Id.ToString(CultureInfo.InvariantCulture)}", notification.LinkPath);
        Assert.Equal($"Cuenta de cobro rechazada: contrato {contract.Number}, pago 1", notification.Title);
        Assert.Contains($"Motivo del rechazo: «{reason.TrimEnd('.')}».", notification.Body, StringComparison.Ordinal);
        Assert.Contains("Corríjala con «Editar» y envíela de nuevo.", notification.Body, StringComparison.Ordinal);
        var email = Assert.Single(await EmailsToAsync(contractor.Email!));
        Assert.Contains(reason, email.BodyText, StringComparison.Ordinal);
        Assert.Empty(await NotificationsOfAsync(supervisor.Id));
    }

    [Fact]
    public async Task A_long_rejection_reason_is_shortened_in_the_notification_but_whole_in_the_email()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var sent = await NotificationData.SentRequestAsync(Factory, contract);
        var reason = "Falta la firma del supervisor en el informe. " + string.Concat(Enumerable.Repeat("Revise cada soporte del periodo. ", 55));

        await ChangeAndNotifyAsync(sent.Id, r => r.Reject(supervisor.Id, reason, DateTime.UtcNow), (n, r) => n.PaymentRequestRejectedAsync(r, default));

        var notification = Assert.Single(await NotificationsOfAsync(contractor.Id));
        Assert.True(notification.Body.Length <= Notification.BodyMaxLength);
        Assert.Contains("…", notification.Body, StringComparison.Ordinal);
        Assert.Contains(reason.Trim(), Assert.Single(await EmailsToAsync(contractor.Email!)).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_and_paying_each_notify_the_contractor_once()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var sent = await NotificationData.SentRequestAsync(Factory, contract);
        var today = BogotaTime.Today(TimeProvider.System);

        await ChangeAndNotifyAsync(sent.Id, r => r.Approve(supervisor.Id, r.ReceivedOn!.Value, "RP-2026-0777", today, DateTime.UtcNow), (n, r) => n.PaymentRequestApprovedAsync(r, default));
        await ChangeAndNotifyAsync(sent.Id, r => r.MarkPaid(supervisor.Id, today, null, today, DateTime.UtcNow), (n, r) => n.PaymentRequestPaidAsync(r, default));

        var notifications = (await NotificationsOfAsync(contractor.Id)).OrderBy(n => n.Id).ToList();
        Assert.Equal([NotificationKind.PaymentRequestApproved, NotificationKind.PaymentRequestPaid], notifications.Select(n => n.Kind));
        Assert.Contains("Registro presupuestal (RP): RP-2026-0777.", notifications[0].Body, StringComparison.Ordinal);
        Assert.Contains($"Fecha real de pago: {today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.", notifications[1].Body, StringComparison.Ordinal);
        Assert.Equal(2, (await EmailsToAsync(contractor.Email!)).Count);
        Assert.Empty(await NotificationsOfAsync(supervisor.Id));
    }

    [Fact]
    public async Task Calling_the_notifier_before_the_state_change_is_refused()
    {
        var (_, _, contract) = await PartiesAsync();
        var sent = await NotificationData.SentRequestAsync(Factory, contract);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.PaymentRequests.SingleAsync(p => p.Id == sent.Id);
        var notifier = scope.ServiceProvider.GetRequiredService<IPaymentRequestNotifier>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => notifier.PaymentRequestApprovedAsync(request, default));
    }

    private async Task<(ApplicationUser Contractor, ApplicationUser Supervisor, Domain.Contracts.Contract Contract)> PartiesAsync()
    {
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var contract = await NotificationData.RunningContractAsync(Factory, contractor.Id, supervisor.Id);
        return (contractor, supervisor, contract);
    }

    /// <summary>What a controller does: load, change through the domain, notify, save once.</summary>
    private async Task ChangeAndNotifyAsync(int requestId, Action<PaymentRequest> change, Func<IPaymentRequestNotifier, PaymentRequest, Task> notify)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.PaymentRequests.Include(p => p.Attachments).SingleAsync(p => p.Id == requestId);
        change(request);
        await notify(scope.ServiceProvider.GetRequiredService<IPaymentRequestNotifier>(), request);
        await db.SaveChangesAsync();
    }

    private async Task<int> CountNotificationsAsync(Guid recipientId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications.CountAsync(n => n.RecipientId == recipientId);
    }

    private async Task<List<Notification>> NotificationsOfAsync(Guid recipientId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications.AsNoTracking().Where(n => n.RecipientId == recipientId).ToListAsync();
    }

    private async Task<List<OutboxEmail>> EmailsToAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OutboxEmails.AsNoTracking().Where(e => e.To == email).ToListAsync();
    }
}

[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestNotifierOnSqliteTests(SqlitePortalFixture fixture) : PaymentRequestNotifierTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class PaymentRequestNotifierOnPostgresTests(PostgresPortalFixture fixture) : PaymentRequestNotifierTests(fixture);
