using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Contracts;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>The fields a contractor edits on a payment request. A draft may be incomplete.</summary>
public sealed record PaymentRequestDraft(
    bool IssuesElectronicInvoice,
    string? Cufe,
    string? InvoiceNumber,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    DateOnly? ReceivedOn,
    string? FilingNumber,
    decimal? NetValue,
    decimal? TotalValue,
    string? Notes,
    string? PilaNumber,
    DateOnly? PilaPaidOn);

/// <summary>Another payment request of the same contract, as far as the rules need it.</summary>
public sealed record SiblingRequest(
    int Id,
    int Sequence,
    PaymentRequestStatus Status,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    decimal? TotalValue,
    string? InvoiceNumber);

/// <summary>What the rules need beyond the request itself.</summary>
/// <param name="Contract">The request's contract.</param>
/// <param name="Siblings">The other requests of the contract (the request itself is ignored if included).</param>
/// <param name="CufeUsedElsewhere">Whether the request's CUFE is already used by another request of the portal.</param>
/// <param name="Today">Today's calendar date in Bogotá.</param>
/// <param name="Calendar">The running portal's business days (with the administrator's holiday changes); the laws' alone when null.</param>
/// <param name="Documents">The documents the contract's entity asks for; null means the portal's default rules.</param>
public sealed record PaymentRequestContext(
    Contract Contract,
    IReadOnlyList<SiblingRequest> Siblings,
    bool CufeUsedElsewhere,
    DateOnly Today,
    HolidayCalendar? Calendar = null,
    DocumentRequirements? Documents = null)
{
    /// <summary>The calendar the rules count business days with.</summary>
    public HolidayCalendar BusinessDays => Calendar ?? HolidayCalendar.BuiltIn;
}

/// <summary>One line of the "Lista de chequeo" of documents.</summary>
public sealed record ChecklistItem(AttachmentType Type, bool Required, bool Present)
{
    public string Label => Type.ToLabel();

    public bool Missing => Required && !Present;
}
