using SecopPortal.Web.Features.PaymentRequests;

namespace SecopPortal.Web.Features.Review;

/// <summary>What the signed-in user may do on one request's review page, decided by the authorization handler.</summary>
/// <param name="CanReview">"Aprobar" and "Rechazar" (the contract's supervisor, never the request's contractor).</param>
/// <param name="CanMarkPaid">"Marcar como pagado" (the contract's supervisor or an administrator).</param>
/// <param name="IsContractSupervisor">Whether the user supervises the contract (the page's breadcrumbs start at their inbox).</param>
public sealed record ReviewAccess(PaymentRequestParties Parties, bool CanReview, bool CanMarkPaid, bool IsContractSupervisor);

/// <summary>The form that was posted and failed, so the page can bring it into view.</summary>
public enum ReviewForm
{
    None = 0,
    Approve = 1,
    Reject = 2,
    MarkPaid = 3,
}

/// <summary>The review page: the request as it is now, and the decision forms this user may use in its state.</summary>
public sealed class ReviewPageView
{
    public required PaymentRequestPage Page { get; init; }

    public required ReviewAccess Access { get; init; }

    public required Approve.Input Approve { get; init; }

    public required Reject.Input Reject { get; init; }

    public required MarkPaid.Input Paid { get; init; }

    /// <summary>The largest "Soporte de pago" accepted, for the hint under the file field.</summary>
    public long MaxSupportBytes { get; init; }

    /// <summary>Someone else acted first: the page shows the current state with this message.</summary>
    public string? ConflictMessage { get; init; }

    public ReviewForm FailedForm { get; init; }

    /// <summary>Today in Bogotá: the date "Aprobar" or "Marcar como pagado" will be recorded on.</summary>
    public DateOnly Today { get; init; }

    /// <summary>A support file was chosen in a form that failed for another reason: the user must choose it again.</summary>
    public bool SupportNeedsReselecting { get; init; }

    // The state decides with the domain's Can* properties, the user with the authorization handler.
    public bool OffersApprove => Access.CanReview && Page.Request.CanApprove;

    public bool OffersReject => Access.CanReview && Page.Request.CanReject;

    public bool OffersMarkPaid => Access.CanMarkPaid && Page.Request.CanMarkPaid;

    public bool OffersAnything => OffersApprove || OffersReject || OffersMarkPaid;
}
