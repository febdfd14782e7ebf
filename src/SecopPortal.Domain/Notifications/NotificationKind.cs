namespace SecopPortal.Domain.Notifications;

/// <summary>What happened that a user is told about, in the app and by e-mail.</summary>
public enum NotificationKind
{
    /// <summary>A contractor sent a payment request: the contract's supervisor has one to review.</summary>
    PaymentRequestSent = 1,

    /// <summary>The supervisor rejected a payment request: its contractor has to correct it.</summary>
    PaymentRequestRejected = 2,

    /// <summary>The supervisor approved a payment request.</summary>
    PaymentRequestApproved = 3,

    /// <summary>A payment request was marked paid.</summary>
    PaymentRequestPaid = 4,
}
