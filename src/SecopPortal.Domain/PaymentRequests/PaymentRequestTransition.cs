namespace SecopPortal.Domain.PaymentRequests;

/// <summary>One entry of a payment request's history: who moved it from which state to which, when and why.</summary>
public sealed class PaymentRequestTransition
{
    private PaymentRequestTransition()
    {
        Action = string.Empty;
    }

    internal PaymentRequestTransition(DateTime atUtc, Guid byUserId, PaymentRequestStatus? from, PaymentRequestStatus to, string action, string? reason)
    {
        AtUtc = atUtc;
        ByUserId = byUserId;
        From = from;
        To = to;
        Action = action;
        Reason = reason;
    }

    public int Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public Guid ByUserId { get; private set; }

    /// <summary>The previous state; null for the creation entry.</summary>
    public PaymentRequestStatus? From { get; private set; }

    public PaymentRequestStatus To { get; private set; }

    /// <summary>The Spanish button label of the action (one of <see cref="PaymentRequestActions"/>).</summary>
    public string Action { get; private set; }

    /// <summary>The reason given, e.g. the rejection reason.</summary>
    public string? Reason { get; private set; }
}

/// <summary>The Spanish labels recorded as <see cref="PaymentRequestTransition.Action"/>.</summary>
public static class PaymentRequestActions
{
    public const string Create = "Crear";
    public const string Confirm = "Confirmar";
    public const string Reopen = "Registro";
    public const string Send = "Enviar";
    public const string Reject = "Rechazar";
    public const string EditAfterRejection = "Editar";
    public const string Approve = "Aprobar";
    public const string MarkPaid = "Marcar como pagado";
}
