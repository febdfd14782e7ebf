using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// The result of checking a payment request against every rule, without changing it (docs/product.md §8),
/// and what the "Lista de chequeo" shows (§12). <see cref="Violations"/> block confirming and sending;
/// <see cref="Warnings"/> do not. Built by <see cref="PaymentRequest.Assess"/>.
/// </summary>
/// <param name="BalanceLeft">Contract value minus the totals of the non-rejected siblings and of this request.</param>
/// <param name="PeriodViolations">
/// The violations of the period rule (§8.4: inside the contract term, "desde" not after "hasta", no overlap with
/// a live sibling); they are in <see cref="Violations"/> too.
/// </param>
/// <param name="PilaViolations">The violations of the planilla's fields (§8.8); they are in <see cref="Violations"/> too.</param>
/// <param name="DataViolations">
/// Every other violation that is neither a missing document, nor the period's, nor the planilla's, nor the balance's:
/// the contract's state, the invoice, the dates, the values, the notes. With the lines above, the "Lista de chequeo"
/// shows every violation, so it is all ✓ exactly when "Confirmar" succeeds.
/// </param>
/// <param name="PilaListed">Whether the checklist has a line for the planilla: the contract asks for it, or it was filled.</param>
public sealed record PaymentRequestAssessment(
    IReadOnlyList<RuleViolation> Violations,
    IReadOnlyList<RuleViolation> Warnings,
    IReadOnlyList<ChecklistItem> Checklist,
    bool IsFirstPayment,
    decimal BalanceLeft,
    IReadOnlyList<RuleViolation> PeriodViolations,
    IReadOnlyList<RuleViolation> PilaViolations,
    IReadOnlyList<RuleViolation> DataViolations,
    bool PilaListed)
{
    public bool CanConfirm => Violations.Count == 0;

    /// <summary>
    /// Whether the contract's balance covers this request (the "saldo por facturar" rule, §8.6): the "Lista de
    /// chequeo" marks it from here, not from the wording of a message.
    /// </summary>
    public bool WithinBalance => BalanceLeft >= 0m;

    /// <summary>Whether the period is inside the contract term and overlaps no other request's (§8.4).</summary>
    public bool PeriodValid => PeriodViolations.Count == 0;

    /// <summary>Whether the planilla's number and payment date pass §8.8.</summary>
    public bool PilaValid => PilaViolations.Count == 0;

    /// <summary>Whether the contract's state, the invoice, the dates, the values and the notes pass (§8.1 to §8.7).</summary>
    public bool DataValid => DataViolations.Count == 0;

    /// <summary>
    /// The lines of documents the "Lista de chequeo" lists (§12): every required type, and an optional one only
    /// once it is attached.
    /// </summary>
    public IEnumerable<ChecklistItem> ListedDocuments => Checklist.Where(i => i.Required || i.Present);

    /// <summary>The gate of "Confirmar" and "Enviar".</summary>
    /// <exception cref="DomainValidationException">With every violation, when there is any.</exception>
    internal void ThrowIfViolations()
    {
        if (!CanConfirm)
        {
            throw new DomainValidationException(Violations);
        }
    }
}
