using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// Checks a payment request against every rule of "Confirmar" and "Enviar" (docs/product.md §8) without changing
/// it, and builds the <see cref="PaymentRequestAssessment"/> the "Lista de chequeo" shows. One instance per
/// assessment; <see cref="PaymentRequest.Assess"/> is the way in.
/// </summary>
internal sealed class PaymentRequestAssessor
{
    private readonly PaymentRequest _request;
    private readonly PaymentRequestContext _context;
    private readonly List<SiblingRequest> _siblings;
    private readonly List<SiblingRequest> _live;
    private readonly RuleCollector _rules = new();
    private readonly List<RuleViolation> _warnings = [];
    private RuleViolation? _balanceViolation;

    private PaymentRequestAssessor(PaymentRequest request, PaymentRequestContext context)
    {
        _request = request;
        _context = context;
        _siblings = context.Siblings
            .Where(s => s.Sequence != request.Sequence && (request.Id == 0 || s.Id != request.Id))
            .ToList();
        _live = _siblings.Where(s => s.Status != PaymentRequestStatus.Rejected).ToList();
    }

    private Contract Contract => _context.Contract;

    /// <summary>Checks <paramref name="request"/> in <paramref name="context"/>.</summary>
    /// <exception cref="ArgumentException">When the context is about another contract.</exception>
    public static PaymentRequestAssessment Assess(PaymentRequest request, PaymentRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(context.Contract, nameof(context));
        ArgumentNullException.ThrowIfNull(context.Siblings, nameof(context));
        if (context.Contract.Id != request.ContractId)
        {
            throw new ArgumentException("The context's contract is not the request's contract.", nameof(context));
        }

        return new PaymentRequestAssessor(request, context).Run();
    }

    private PaymentRequestAssessment Run()
    {
        CheckContract();
        CheckInvoice();
        var periodViolations = CheckPeriod();
        CheckDates();
        var balanceBefore = Contract.TotalValue - _live.Sum(s => s.TotalValue ?? 0m);
        CheckValues(balanceBefore);
        CheckNotes();
        var pilaViolations = CheckPila();
        var isFirstPayment = !_siblings.Any(s => s.Sequence < _request.Sequence);
        var checklist = CheckDocuments(isFirstPayment);

        var violations = _rules.Violations.ToList();
        var documents = RuleViolation.KeyOf(PaymentRequestField.Documents);
        var data = violations
            .Where(v => v.Field != documents && !periodViolations.Contains(v) && !pilaViolations.Contains(v) && v != _balanceViolation)
            .ToList();
        return new PaymentRequestAssessment(
            violations,
            _warnings,
            checklist,
            isFirstPayment,
            balanceBefore - (_request.TotalValue ?? 0m),
            periodViolations,
            pilaViolations,
            data,
            PilaListed: Contract.RequiresPilaEvidence || _request.PilaNumber is not null || _request.PilaPaidOn is not null);
    }

    /// <summary>docs/product.md §3.3: requests are filed only while the contract accepts them (<see cref="Contract.AcceptsPaymentRequests"/>).</summary>
    private void CheckContract()
    {
        if (!Contract.AcceptsPaymentRequests)
        {
            _rules.AddGeneral(
                $"El contrato está «{Contract.Status.ToLabel()}»: solo se pueden radicar cuentas de cobro cuando está {Contract.AcceptingStatesText}.");
        }
    }

    /// <summary>docs/product.md §8.2 (CUFE) and §8.3 (Número de factura).</summary>
    private void CheckInvoice()
    {
        var cufe = _request.Cufe;
        if (_request.IssuesElectronicInvoice)
        {
            if (cufe is null)
            {
                _rules.Add(PaymentRequestField.Cufe, "Escriba el CUFE de la factura electrónica.");
            }
            else if (!PaymentRequestRules.IsValidCufe(cufe))
            {
                _rules.Add(PaymentRequestField.Cufe, $"El CUFE debe tener {SpanishText.Count(PaymentRequestRules.CufeLength)} caracteres hexadecimales (0-9, a-f).");
            }
            else if (_context.CufeUsedElsewhere)
            {
                _rules.Add(PaymentRequestField.Cufe, "Este CUFE ya está registrado en otra cuenta de cobro; revise que corresponda a esta factura.");
            }
        }

        var number = _request.InvoiceNumber;
        if (number is null)
        {
            _rules.Add(
                PaymentRequestField.InvoiceNumber,
                _request.IssuesElectronicInvoice
                    ? "Escriba el número de la factura electrónica."
                    : $"Escriba el número de factura; si no factura electrónicamente, use el Id de pago ({PaymentRequestDefaults.InvoiceNumber(_request.Sequence)}).");
        }
        else if (_siblings.FirstOrDefault(s => string.Equals(s.InvoiceNumber?.Trim(), number, StringComparison.OrdinalIgnoreCase)) is { } duplicate)
        {
            _rules.Add(
                PaymentRequestField.InvoiceNumber,
                $"El número de factura «{number}» ya se usó en la cuenta de cobro con Id de pago {SpanishText.Number(duplicate.Sequence)}; use otro.");
        }
    }

    /// <summary>docs/product.md §8.4: the period is inside the contract term and overlaps no live sibling's.</summary>
    /// <returns>The period's violations (also added to the whole list), for the "Lista de chequeo".</returns>
    private List<RuleViolation> CheckPeriod()
    {
        var period = new RuleCollector();
        var term = $"del {SpanishText.Date(Contract.StartsOn)} al {SpanishText.Date(Contract.EndsOn)}";
        CheckWithinTerm(period, PaymentRequestField.PeriodFrom, _request.PeriodFrom, "«Periodo desde»", term);
        CheckWithinTerm(period, PaymentRequestField.PeriodTo, _request.PeriodTo, "«Periodo hasta»", term);
        if (_request.PeriodFrom is { } start && _request.PeriodTo is { } end)
        {
            if (start > end)
            {
                period.Add(PaymentRequestField.PeriodTo, "«Periodo hasta» no puede ser anterior a «Periodo desde».");
            }
            else
            {
                foreach (var sibling in _live.OrderBy(s => s.Sequence))
                {
                    if (sibling.PeriodFrom is { } otherFrom && sibling.PeriodTo is { } otherTo && start <= otherTo && otherFrom <= end)
                    {
                        period.Add(
                            PaymentRequestField.PeriodFrom,
                            $"El periodo se cruza con el de la cuenta de cobro con Id de pago {SpanishText.Number(sibling.Sequence)} ({SpanishText.Date(otherFrom)} a {SpanishText.Date(otherTo)}); cobre un periodo distinto.");
                    }
                }
            }
        }

        return AddGroup(period);
    }

    /// <summary>Adds a checklist line's violations to the whole list and returns them, for that line.</summary>
    private List<RuleViolation> AddGroup(RuleCollector group)
    {
        var violations = group.Violations.ToList();
        foreach (var violation in violations)
        {
            _rules.Add(violation.Field, violation.Message);
        }

        return violations;
    }

    /// <param name="label">The field's label in guillemets, e.g. "«Periodo desde»".</param>
    private void CheckWithinTerm(RuleCollector period, PaymentRequestField field, DateOnly? date, string label, string term)
    {
        if (date is not { } day)
        {
            period.Add(field, $"Indique la fecha {label}.");
        }
        else if (day < Contract.StartsOn || day > Contract.EndsOn)
        {
            period.Add(field, $"{label} debe estar dentro del plazo del contrato ({term}).");
        }
    }

    /// <summary>docs/product.md §8.5: Fecha de emisión, vencimiento, recepción original and Número de radicación.</summary>
    private void CheckDates()
    {
        var today = _context.Today;
        if (_request.IssuedOn is not { } issued)
        {
            _rules.Add(PaymentRequestField.IssuedOn, "Indique la fecha de emisión.");
        }
        else
        {
            PaymentRequestChecks.RequireNotBeforePeriod(_rules, PaymentRequestField.IssuedOn, issued, _request.PeriodFrom, "La fecha de emisión");
        }

        if (_request.DueOn is { } due && _request.IssuedOn is { } issuedOn && due < issuedOn)
        {
            _rules.Add(PaymentRequestField.DueOn, $"La fecha de vencimiento no puede ser anterior a la fecha de emisión ({SpanishText.Date(issuedOn)}).");
        }

        if (_request.ReceivedOn is not { } received)
        {
            _rules.Add(PaymentRequestField.ReceivedOn, "Indique la fecha de recepción original.");
        }
        else
        {
            PaymentRequestChecks.RequireReceptionDate(_rules, received, _request.PeriodFrom, today);

            // Late reception is a warning, not a block: the entity may pay in the next cycle.
            if (_request.PeriodTo is { } to && to.Year < 9999 && received > PaymentRequestRules.LatestTimelyReception(to, _context.BusinessDays))
            {
                _warnings.Add(RuleViolation.Of(
                    PaymentRequestField.ReceivedOn,
                    $"La fecha de recepción original es posterior al tercer día hábil del mes siguiente al periodo ({SpanishText.Date(PaymentRequestRules.LatestTimelyReception(to, _context.BusinessDays))}); la Entidad puede tramitar el pago en el siguiente ciclo."));
            }
        }

        _rules.Require(
            _request.FilingNumber is not null,
            PaymentRequestField.FilingNumber,
            $"Escriba el número de radicación (normalmente el Id de pago, {SpanishText.Number(_request.Sequence)}).");
    }

    /// <summary>docs/product.md §8.6: Valor neto and Valor total, and the contract's balance.</summary>
    /// <param name="balanceBefore">The contract value minus the totals of the live siblings.</param>
    private void CheckValues(decimal balanceBefore)
    {
        CheckAmount(PaymentRequestField.NetValue, _request.NetValue, "el valor neto");
        CheckAmount(PaymentRequestField.TotalValue, _request.TotalValue, "el valor total");
        if (_request.NetValue is not { } net || _request.TotalValue is not { } total)
        {
            return;
        }

        if (_request.IssuesElectronicInvoice)
        {
            _rules.Require(total >= net, PaymentRequestField.TotalValue, "El valor total no puede ser menor que el valor neto.");
        }
        else
        {
            _rules.Require(
                total == net,
                PaymentRequestField.TotalValue,
                "Si no factura electrónicamente, el valor total debe ser igual al valor neto (los honorarios cobrados).");
        }

        if (total > balanceBefore)
        {
            _balanceViolation = RuleViolation.Of(
                PaymentRequestField.TotalValue,
                $"El valor total supera el saldo por facturar del contrato ({SpanishText.Pesos(Math.Max(balanceBefore, 0m))}).");
            _rules.Add(_balanceViolation.Field, _balanceViolation.Message);
        }
    }

    /// <param name="subject">The field's name with its article, lowercase, e.g. "el valor neto".</param>
    private void CheckAmount(PaymentRequestField field, decimal? value, string subject)
    {
        if (value is not { } amount)
        {
            _rules.Add(field, $"Indique {subject}.");
            return;
        }

        var sentence = $"{char.ToUpperInvariant(subject[0])}{subject[1..]}";
        _rules.Require(amount > 0m, field, $"{sentence} debe ser mayor que cero.");
        _rules.Require(decimal.Round(amount, 2) == amount, field, $"{sentence} admite como máximo dos decimales.");
    }

    /// <summary>docs/product.md §8.7: Notas, at most 2,000 characters.</summary>
    private void CheckNotes() =>
        PaymentRequestChecks.RequireMaxLength(_rules, PaymentRequestField.Notes, _request.Notes, PaymentRequestRules.NotesMaxLength, "Las notas admiten");

    /// <summary>docs/product.md §8.8: the planilla (PILA), required when the contract asks for it (§3.4).</summary>
    /// <returns>The planilla's violations (also added to the whole list), for the "Lista de chequeo".</returns>
    private List<RuleViolation> CheckPila()
    {
        var pila = new RuleCollector();
        var required = Contract.RequiresPilaEvidence;
        var number = _request.PilaNumber;
        if (number is null)
        {
            pila.Require(!required, PaymentRequestField.PilaNumber, "Escriba el número de la planilla de pago de seguridad social (PILA).");
        }
        else if (!number.All(char.IsAsciiDigit))
        {
            pila.Add(PaymentRequestField.PilaNumber, "El número de planilla solo admite dígitos (0-9), sin letras, espacios ni guiones.");
        }
        else if (number.Length < PaymentRequestRules.PilaNumberMinDigits)
        {
            pila.Add(PaymentRequestField.PilaNumber, $"El número de planilla debe tener al menos {SpanishText.Count(PaymentRequestRules.PilaNumberMinDigits)} dígitos.");
        }

        if (_request.PilaPaidOn is not { } paid)
        {
            pila.Require(!required, PaymentRequestField.PilaPaidOn, "Indique la fecha de pago de la planilla.");
        }
        else
        {
            const string subject = "La fecha de pago de la planilla";
            PaymentRequestChecks.RequireNotAfterToday(pila, PaymentRequestField.PilaPaidOn, paid, subject, _context.Today);
            PaymentRequestChecks.RequireNotBeforePeriod(pila, PaymentRequestField.PilaPaidOn, paid, _request.PeriodFrom, subject);
        }

        return AddGroup(pila);
    }

    /// <summary>docs/product.md §8.9 and §9: every required document is attached.</summary>
    /// <returns>The "Lista de chequeo" of documents, one line per type the contractor may attach.</returns>
    private List<ChecklistItem> CheckDocuments(bool isFirstPayment)
    {
        var required = (_context.Documents ?? DocumentRequirements.Default).For(Contract.ContractorPersonType, isFirstPayment);
        var checklist = AttachmentTypeLabels.ChoicesFor(Contract.ContractorPersonType)
            .Select(type => new ChecklistItem(type, required.Contains(type), _request.Attachments.Any(a => a.Type == type)))
            .ToList();
        foreach (var item in checklist.Where(i => i.Missing))
        {
            _rules.Add(PaymentRequestField.Documents, $"Falta anexar el documento «{item.Label}».");
        }

        return checklist;
    }
}
