using System.Globalization;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Contracts;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// The values a new payment request starts with, before the contractor changes anything (docs/product.md §6).
/// The values are data, not message text, so they are written invariantly ("Pago 001", "12").
/// </summary>
public static class PaymentRequestDefaults
{
    /// <summary>
    /// The draft of a new request: invoicing as the contract says; a "Pago 001"-style invoice number when not
    /// invoicing; the month after the latest billed period (or the contract's first month), clipped to the
    /// contract term; emission on the first business day after the period; due on the last day of the
    /// emission month; received on the emission date, but never after <paramref name="today"/> (a date Confirmar
    /// would refuse) nor before the period (left empty while the period has not started); filing number = Id de
    /// pago; values = the monthly fee, never more than the balance left. A proposed value never breaks a rule of
    /// Confirmar.
    /// </summary>
    /// <remarks>
    /// The next period starts the day after the latest <c>PeriodTo</c> of any sibling, rejected ones
    /// included: a rejected request is corrected and sent again in the same record, so its period is
    /// still taken. The balance counts only non-rejected siblings, like the balance rule.
    /// Business days are <paramref name="calendar"/>'s (the running portal's, with the administrator's holiday
    /// changes), or the laws' alone when none is given.
    /// </remarks>
    public static PaymentRequestDraft SuggestDraft(
        Contract contract, int sequence, IReadOnlyList<SiblingRequest> siblings, DateOnly today, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(siblings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);

        var others = siblings.Where(s => s.Sequence != sequence).ToList();
        var invoicing = contract.RequiresElectronicInvoice;
        var (periodFrom, periodTo) = NextPeriod(contract, others);
        var issuedOn = periodTo is { } to ? IssuedOn(to, calendar) : null;
        var dueOn = issuedOn is { } issued ? DueOn(issued) : (DateOnly?)null;
        var receivedOn = ReceivedOn(issuedOn, periodFrom, today);
        var invoiceNumber = invoicing ? null : InvoiceNumber(sequence);
        if (invoiceNumber is not null && others.Any(s => string.Equals(s.InvoiceNumber?.Trim(), invoiceNumber, StringComparison.OrdinalIgnoreCase)))
        {
            // Another request already carries this number (the contractor numbered by hand): proposing it would break
            // the uniqueness rule, so the field is left for the contractor.
            invoiceNumber = null;
        }

        // docs/product.md §6: the monthly fee, but never more than the contract's balance left.
        var balance = contract.TotalValue - others.Where(s => s.Status != PaymentRequestStatus.Rejected).Sum(s => s.TotalValue ?? 0m);
        decimal? amount = contract.MonthlyFee is { } fee && balance > 0m ? Math.Min(fee, balance) : null;

        return new PaymentRequestDraft(
            IssuesElectronicInvoice: invoicing,
            Cufe: null,
            InvoiceNumber: invoiceNumber,
            PeriodFrom: periodFrom,
            PeriodTo: periodTo,
            IssuedOn: issuedOn,
            DueOn: dueOn,
            ReceivedOn: receivedOn,
            FilingNumber: FilingNumber(sequence),
            NetValue: amount,
            TotalValue: amount,
            Notes: null,
            PilaNumber: null,
            PilaPaidOn: null);
    }

    /// <summary>"Pago 001", "Pago 002" … : the invoice number of a contractor who does not invoice electronically.</summary>
    public static string InvoiceNumber(int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"Pago {sequence:000}");

    /// <summary>Default "Número de radicación": the Id de pago.</summary>
    public static string FilingNumber(int sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Default "Fecha de emisión": the first business day after the period (null past the calendar's range).</summary>
    public static DateOnly? IssuedOn(DateOnly periodTo, HolidayCalendar? calendar = null) =>
        periodTo.Year >= 9999 && periodTo.Month == 12 ? null : (calendar ?? HolidayCalendar.BuiltIn).FirstBusinessDayAfter(periodTo);

    /// <summary>
    /// Default "Fecha de recepción original": the emission date, or today when the emission date is still ahead
    /// (the current month is being billed before it ends); none while the period has not started, because the
    /// reception can be neither later than today nor earlier than the period (docs/product.md §8.5).
    /// </summary>
    public static DateOnly? ReceivedOn(DateOnly? issuedOn, DateOnly? periodFrom, DateOnly today)
    {
        if (issuedOn is not { } issued)
        {
            return null;
        }

        var received = issued <= today ? issued : today;
        return periodFrom is { } from && received < from ? null : received;
    }

    /// <summary>Default "Fecha de vencimiento": the last calendar day of the emission month.</summary>
    public static DateOnly DueOn(DateOnly issuedOn) => LastDayOfMonth(issuedOn);

    /// <summary>
    /// The period after the latest one billed, from its next day (or the contract's start) to the end of that
    /// month, clipped to the contract term; none when the term is used up.
    /// </summary>
    private static (DateOnly? From, DateOnly? To) NextPeriod(Contract contract, List<SiblingRequest> others)
    {
        var latestTo = others.Where(s => s.PeriodTo.HasValue).Select(s => s.PeriodTo!.Value).DefaultIfEmpty().Max();
        var start = latestTo == default ? contract.StartsOn : latestTo.AddDays(1);
        if (start < contract.StartsOn)
        {
            start = contract.StartsOn;
        }

        var end = LastDayOfMonth(start);
        if (end > contract.EndsOn)
        {
            end = contract.EndsOn;
        }

        return start <= end ? (start, end) : (null, null);
    }

    private static DateOnly LastDayOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
