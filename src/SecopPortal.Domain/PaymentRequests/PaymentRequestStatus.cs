namespace SecopPortal.Domain.PaymentRequests;

/// <summary>The states of a payment request, as SECOP II names them (see <see cref="PaymentRequestStatusLabels.ToLabel"/>).</summary>
public enum PaymentRequestStatus
{
    /// <summary>En edición: a draft, editable, may be incomplete.</summary>
    Editing = 1,

    /// <summary>Pendiente de registro: complete (confirmed) but not yet sent.</summary>
    PendingRegistration,

    /// <summary>Enviado a la Entidad Estatal: waiting for the supervisor's review.</summary>
    Sent,

    /// <summary>Rechazado: the supervisor sent it back with a reason.</summary>
    Rejected,

    /// <summary>Aprobado: irreversible.</summary>
    Approved,

    /// <summary>Pagado: irreversible.</summary>
    Paid,
}

public static class PaymentRequestStatusLabels
{
    /// <summary>The exact Spanish label SECOP II shows for the state.</summary>
    public static string ToLabel(this PaymentRequestStatus status) => status switch
    {
        PaymentRequestStatus.Editing => "En edición",
        PaymentRequestStatus.PendingRegistration => "Pendiente de registro",
        PaymentRequestStatus.Sent => "Enviado a la Entidad Estatal",
        PaymentRequestStatus.Rejected => "Rechazado",
        PaymentRequestStatus.Approved => "Aprobado",
        PaymentRequestStatus.Paid => "Pagado",
        _ => status.ToString(),
    };
}
