using System.Globalization;
using System.Text;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Web.Features.Notifications;

/// <summary>The facts of a request the messages mention, read in one query.</summary>
public sealed record PaymentRequestMessageFacts(
    string ContractNumber,
    Guid SupervisorId,
    string SupervisorName,
    string? SupervisorEmail,
    string ContractorName,
    string? ContractorEmail);

/// <summary>One message: the notification's title and body, and the e-mail's subject and text.</summary>
public sealed record PaymentRequestMessage(
    NotificationKind Kind,
    Guid RecipientId,
    string RecipientName,
    string? RecipientEmail,
    string Title,
    string Body,
    string LinkPath,
    string EmailSubject,
    string EmailText);

/// <summary>
/// Words the notifications and e-mails of payment requests in Spanish: the contract number, the Id de pago, the
/// número de factura, the period (dd/MM/yyyy) and the valor total ($ 12.762.500), plus what each event adds
/// (the reason of a rejection, the RP of an approval, the date of a payment).
/// </summary>
public static class PaymentRequestMessages
{
    /// <summary>The contractor's page of a request.</summary>
    public static string ContractorLink(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Create(CultureInfo.InvariantCulture, $"/contratos/{request.ContractId}/pagos/{request.Id}");
    }

    /// <summary>The supervisor's review page of a request.</summary>
    public static string SupervisorLink(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Create(CultureInfo.InvariantCulture, $"/revision/{request.Id}");
    }

    /// <param name="kind">What happened.</param>
    /// <param name="request">The request, already in the state <paramref name="kind"/> reports.</param>
    /// <param name="facts">The contract and the people.</param>
    /// <param name="publicBaseUrl">The portal's address for full links in e-mails; null to describe where to look instead.</param>
    public static PaymentRequestMessage Compose(NotificationKind kind, PaymentRequest request, PaymentRequestMessageFacts facts, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(facts);
        var sequence = request.Sequence.ToString(CultureInfo.InvariantCulture);
        var about = $"del contrato {facts.ContractNumber}: {Summary(request)}";
        string title, lead, tail, link;
        Guid recipientId;
        string recipientName;
        string? recipientEmail;
        string? fullReason = null;

        switch (kind)
        {
            case NotificationKind.PaymentRequestSent:
                var resent = request.SendCount > 1;
                title = $"{(resent ? "Cuenta de cobro corregida" : "Cuenta de cobro")} por revisar: contrato {facts.ContractNumber}, pago {sequence}";
                lead = $"{facts.ContractorName} {(resent ? "volvió a enviar, corregida," : "envió")} a la Entidad Estatal la cuenta de cobro {about}.";
                tail = "Revísela para aprobarla o rechazarla.";
                (recipientId, recipientName, recipientEmail, link) = (facts.SupervisorId, facts.SupervisorName, facts.SupervisorEmail, SupervisorLink(request));
                break;
            case NotificationKind.PaymentRequestRejected:
                fullReason = request.RejectionReason ?? string.Empty;
                title = $"Cuenta de cobro rechazada: contrato {facts.ContractNumber}, pago {sequence}";
                lead = $"{facts.SupervisorName} rechazó la cuenta de cobro {about}.";
                tail = "Corríjala con «Editar» y envíela de nuevo.";
                (recipientId, recipientName, recipientEmail, link) = (request.ContractorId, facts.ContractorName, facts.ContractorEmail, ContractorLink(request));
                break;
            case NotificationKind.PaymentRequestApproved:
                title = $"Cuenta de cobro aprobada: contrato {facts.ContractNumber}, pago {sequence}";
                lead = $"{facts.SupervisorName} aprobó la cuenta de cobro {about}.";
                tail = request.ApprovedRpNumber is { Length: > 0 } rp ? $"Registro presupuestal (RP): {rp}." : string.Empty;
                (recipientId, recipientName, recipientEmail, link) = (request.ContractorId, facts.ContractorName, facts.ContractorEmail, ContractorLink(request));
                break;
            case NotificationKind.PaymentRequestPaid:
                title = $"Cuenta de cobro pagada: contrato {facts.ContractNumber}, pago {sequence}";
                lead = $"La Entidad Estatal marcó como pagada la cuenta de cobro {about}.";
                tail = request.PaidOn is { } paidOn ? $"Fecha real de pago: {Date(paidOn)}." : string.Empty;
                (recipientId, recipientName, recipientEmail, link) = (request.ContractorId, facts.ContractorName, facts.ContractorEmail, ContractorLink(request));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a payment-request notification.");
        }

        title = Notification.Shorten(title, Notification.TitleMaxLength);
        var body = fullReason is null
            ? Join(lead, tail)
            : Join(lead, "Motivo del rechazo: «" + Notification.Shorten(fullReason.Trim().TrimEnd('.'), Math.Max(20, Notification.BodyMaxLength - lead.Length - tail.Length - 30)) + "».", tail);
        body = Notification.Shorten(body, Notification.BodyMaxLength);

        var text = new StringBuilder()
            .Append("Hola, ").Append(recipientName).Append(':').Append('\n').Append('\n')
            .Append(lead).Append('\n').Append('\n');
        if (fullReason is not null)
        {
            text.Append("Motivo del rechazo:").Append('\n').Append(fullReason).Append('\n').Append('\n');
        }

        if (tail.Length > 0)
        {
            text.Append(tail).Append('\n').Append('\n');
        }

        text.Append(publicBaseUrl is { Length: > 0 } baseUrl
                ? $"Ábrala en SecopPortal: {baseUrl.TrimEnd('/')}{link}"
                : "Encuéntrela en SecopPortal, en «Notificaciones» (la campana de la barra superior).")
            .Append('\n').Append('\n')
            .Append("--").Append('\n')
            .Append("SecopPortal · Ejecución de contratos del Estado colombiano").Append('\n')
            .Append("Este es un mensaje automático; por favor no lo responda.").Append('\n');

        return new PaymentRequestMessage(kind, recipientId, recipientName, recipientEmail, title, body, link, $"SecopPortal: {title}", text.ToString());
    }

    /// <summary>"Id de pago 3, número de factura Pago 003, periodo del 01/03/2026 al 31/03/2026, valor total $ 4.254.000".</summary>
    public static string Summary(PaymentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = new List<string> { $"Id de pago {request.Sequence.ToString(CultureInfo.InvariantCulture)}" };
        if (!string.IsNullOrWhiteSpace(request.InvoiceNumber))
        {
            parts.Add($"número de factura {request.InvoiceNumber}");
        }

        if (request.PeriodFrom is { } from && request.PeriodTo is { } to)
        {
            parts.Add($"periodo del {Date(from)} al {Date(to)}");
        }

        if (request.TotalValue is { } total)
        {
            parts.Add($"valor total {Money.Format(total)}");
        }

        return string.Join(", ", parts);
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Join(params string[] sentences) => string.Join(' ', sentences.Where(s => s.Length > 0));
}
