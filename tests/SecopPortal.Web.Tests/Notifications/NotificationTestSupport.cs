using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Notifications;

internal static class NotificationData
{
    /// <summary>Adds a notification for <paramref name="recipientId"/> straight to the database and returns its id.</summary>
    public static async Task<int> AddAsync(PortalFactory factory, Guid recipientId, string title, string linkPath, DateTime createdAtUtc, bool read = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var notification = new Notification(recipientId, NotificationKind.PaymentRequestSent, title, $"Cuerpo de «{title}».", linkPath, createdAtUtc);
        if (read)
        {
            notification.MarkRead(createdAtUtc.AddMinutes(1));
        }

        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    /// <summary>
    /// A payment request of <paramref name="contract"/> driven through the domain to "Enviado a la Entidad Estatal",
    /// with the required documents (metadata only), saved. The contract must have started a few months ago.
    /// </summary>
    public static Task<PaymentRequest> SentRequestAsync(PortalFactory factory, Contract contract) => RequestAsync(factory, contract, send: true);

    /// <summary>Like <see cref="SentRequestAsync"/>, but left in "Pendiente de registro", ready for the contractor's «Enviar».</summary>
    public static Task<PaymentRequest> ConfirmedRequestAsync(PortalFactory factory, Contract contract) => RequestAsync(factory, contract, send: false);

    private static async Task<PaymentRequest> RequestAsync(PortalFactory factory, Contract contract, bool send)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tracked = await db.Contracts.SingleAsync(c => c.Id == contract.Id);
        var today = BogotaTime.Today(TimeProvider.System);
        var now = DateTime.UtcNow;
        var draft = PaymentRequest.SuggestDraft(tracked, 1, [], today);
        draft = draft with { PilaNumber = "8450121", PilaPaidOn = draft.PeriodFrom!.Value.AddDays(5) };
        var request = PaymentRequest.Create(tracked, 1, tracked.ContractorId, draft, now);
        foreach (var type in PaymentRequestRules.RequiredDocuments(tracked.ContractorPersonType, isFirstPayment: true))
        {
            request.AddAttachment(
                new Attachment(type, $"{type}.pdf", "application/pdf", 1000, new string('a', 64), $"tests/{Guid.NewGuid():N}", null, now, tracked.ContractorId),
                long.MaxValue, tracked.ContractorId, now);
        }

        var context = new PaymentRequestContext(tracked, [], CufeUsedElsewhere: false, today);
        request.Confirm(context, tracked.ContractorId, now);
        if (send)
        {
            request.Send(context, tracked.ContractorId, now);
        }

        db.PaymentRequests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }

    /// <summary>A contract in execution that started about three months ago, so a first monthly request can be sent today.</summary>
    public static Task<Contract> RunningContractAsync(PortalFactory factory, Guid contractorId, Guid supervisorId) =>
        TestUsers.CreateContractAsync(factory, contractorId, supervisorId, signedOn: BogotaTime.Today(TimeProvider.System).AddMonths(-3));

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Money(decimal? value) => value is { } amount ? Domain.Common.Money.Format(amount) : "—";
}

/// <summary>
/// Records the SQL commands each request runs, keyed by the <see cref="Header"/> the test sends, so a test can count
/// what one page costs while the portal's background services run commands of their own.
/// </summary>
public sealed class SqlCommandProbe(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Probe";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _commands = new(StringComparer.Ordinal);

    public IReadOnlyList<string> CommandsOf(string probeId) =>
        _commands.TryGetValue(probeId, out var queue) ? queue.ToList() : [];

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } probeId)
        {
            _commands.GetOrAdd(probeId, _ => new ConcurrentQueue<string>()).Enqueue(result.CommandText);
        }

        return result;
    }
}
