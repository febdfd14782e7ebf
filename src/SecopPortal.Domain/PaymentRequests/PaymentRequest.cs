using System.Globalization;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// A monthly payment request (cuenta de cobro o factura) of a contract, and its state machine:
/// <code>
/// Crear → En edición → Confirmar → Pendiente de registro → Enviar → Enviado a la Entidad Estatal
///            ↑   Registro ←──────────┘                                  ├─ Rechazar → Rechazado ─ Editar → En edición
///                                                                       └─ Aprobar → Aprobado ─ Marcar como pagado → Pagado
/// </code>
/// Every command is one method that checks the current state against <see cref="PaymentRequestLifecycle"/>, the
/// one table of allowed moves (throwing <see cref="InvalidTransitionException"/>), who acts (throwing
/// <see cref="DomainException"/>) and the data (throwing <see cref="DomainValidationException"/>), then moves
/// along that table and records a <see cref="PaymentRequestTransition"/>.
/// </summary>
public sealed class PaymentRequest : IConcurrencyStamped
{
    private const long BytesPerMegabyte = 1024L * 1024L;

    private static readonly NumberFormatInfo SpanishNumbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
    };

    private readonly List<Attachment> _attachments = [];
    private readonly List<PaymentRequestTransition> _history = [];

    private PaymentRequest()
    {
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    /// <summary>"Id de pago": consecutive per contract (1, 2, 3 …).</summary>
    public int Sequence { get; private set; }

    public PaymentRequestStatus Status { get; private set; }

    /// <summary>The contractor who created the request; the only one who may edit, confirm, send or delete it.</summary>
    public Guid ContractorId { get; private set; }

    /// <summary>"¿Está obligado a facturar electrónicamente?"</summary>
    public bool IssuesElectronicInvoice { get; private set; }

    /// <summary>DIAN's invoice code, lowercase hexadecimal; only when invoicing.</summary>
    public string? Cufe { get; private set; }

    /// <summary>"Número de factura" (or "Pago 001" … for those who do not invoice).</summary>
    public string? InvoiceNumber { get; private set; }

    public DateOnly? PeriodFrom { get; private set; }

    public DateOnly? PeriodTo { get; private set; }

    /// <summary>"Fecha de emisión".</summary>
    public DateOnly? IssuedOn { get; private set; }

    /// <summary>"Fecha de vencimiento" (informative).</summary>
    public DateOnly? DueOn { get; private set; }

    /// <summary>"Fecha de recepción original"; confirmed by the supervisor on approval.</summary>
    public DateOnly? ReceivedOn { get; private set; }

    /// <summary>"Número de radicación".</summary>
    public string? FilingNumber { get; private set; }

    public decimal? NetValue { get; private set; }

    public decimal? TotalValue { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>"Número de planilla" of the social-security (PILA) payment.</summary>
    public string? PilaNumber { get; private set; }

    /// <summary>"Fecha de pago de la planilla".</summary>
    public DateOnly? PilaPaidOn { get; private set; }

    /// <summary>The reason of the latest rejection (kept while the contractor corrects the request).</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>The registro presupuestal (RP) given by the supervisor on approval.</summary>
    public string? ApprovedRpNumber { get; private set; }

    /// <summary>"Fecha real de pago".</summary>
    public DateOnly? PaidOn { get; private set; }

    /// <summary>How many times the request has been sent to the entity.</summary>
    public int SendCount { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public Guid ConcurrencyStamp { get; private set; }

    public IReadOnlyList<Attachment> Attachments => _attachments;

    /// <summary>Every state change, oldest first.</summary>
    public IReadOnlyList<PaymentRequestTransition> History => _history;

    public long AttachmentsTotalBytes => _attachments.Sum(a => a.SizeBytes);

    public bool CanEdit => Allows(PaymentRequestCommand.Save);

    /// <summary>Whether the state allows confirming; the data may still break rules (see <see cref="Assess"/>).</summary>
    public bool CanConfirm => Allows(PaymentRequestCommand.Confirm);

    public bool CanReopen => Allows(PaymentRequestCommand.Reopen);

    public bool CanSend => Allows(PaymentRequestCommand.Send);

    public bool CanDelete => Allows(PaymentRequestCommand.Delete) && SendCount == 0;

    public bool CanReject => Allows(PaymentRequestCommand.Reject);

    public bool CanApprove => Allows(PaymentRequestCommand.Approve);

    public bool CanMarkPaid => Allows(PaymentRequestCommand.MarkPaid);

    public bool CanEditAfterRejection => Allows(PaymentRequestCommand.EditAfterRejection);

    public bool IsReadOnlyForContractor => !CanEdit;

    /// <summary>Whether the request's state allows <paramref name="command"/> (<see cref="PaymentRequestLifecycle"/>).</summary>
    public bool Allows(PaymentRequestCommand command) => PaymentRequestLifecycle.Allows(Status, command);

    /// <summary>Creates a request in "En edición" for <paramref name="contract"/>, filed by its contractor.</summary>
    /// <param name="sequence">The "Id de pago", the next consecutive number of the contract.</param>
    public static PaymentRequest Create(Contract contract, int sequence, Guid contractorId, PaymentRequestDraft initial, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);

        if (!contract.AcceptsPaymentRequests)
        {
            throw new DomainException(
                $"No se pueden crear cuentas de cobro porque el contrato está «{contract.Status.ToLabel()}»; solo se puede cuando está «En ejecución» o «Suspendido».");
        }

        if (contractorId != contract.ContractorId)
        {
            throw new DomainException("Solo el contratista del contrato puede crear cuentas de cobro.");
        }

        var request = new PaymentRequest
        {
            ContractId = contract.Id,
            Sequence = sequence,
            ContractorId = contractorId,
            Status = PaymentRequestStatus.Editing,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
            ConcurrencyStamp = Guid.NewGuid(),
        };
        request.Apply(Normalize(initial));
        request._history.Add(new PaymentRequestTransition(nowUtc, contractorId, null, PaymentRequestStatus.Editing, PaymentRequestActions.Create, null));
        return request;
    }

    /// <summary>
    /// The values a new request starts with (PRODUCT.md): invoicing from the contract; "Pago 001"-style
    /// invoice number when not invoicing; the month after the latest billed period (or the contract's
    /// first month), clipped to the contract term; emission on the first business day after the period;
    /// due on the last day of the emission month; received on the emission date; filing number = Id de
    /// pago; values = the monthly fee, never more than the balance left.
    /// </summary>
    /// <remarks>
    /// The next period starts the day after the latest <c>PeriodTo</c> of any sibling, rejected ones
    /// included: a rejected request is corrected and sent again in the same record, so its period is
    /// still taken. The balance counts only non-rejected siblings, like the balance rule.
    /// </remarks>
    public static PaymentRequestDraft SuggestDraft(Contract contract, int sequence, IReadOnlyList<SiblingRequest> siblings)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(siblings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);

        var others = siblings.Where(s => s.Sequence != sequence).ToList();
        var invoicing = contract.RequiresElectronicInvoice;

        DateOnly? periodFrom = null;
        DateOnly? periodTo = null;
        var latestTo = others.Where(s => s.PeriodTo.HasValue).Select(s => s.PeriodTo!.Value).DefaultIfEmpty().Max();
        var start = latestTo == default ? contract.StartsOn : latestTo.AddDays(1);
        if (start < contract.StartsOn)
        {
            start = contract.StartsOn;
        }

        var end = new DateOnly(start.Year, start.Month, DateTime.DaysInMonth(start.Year, start.Month));
        if (end > contract.EndsOn)
        {
            end = contract.EndsOn;
        }

        if (start <= end)
        {
            periodFrom = start;
            periodTo = end;
        }

        var issuedOn = periodTo is { } to ? DefaultIssuedOn(to) : null;
        var dueOn = issuedOn is { } issued ? DefaultDueOn(issued) : (DateOnly?)null;

        var balance = contract.TotalValue - others.Where(s => s.Status != PaymentRequestStatus.Rejected).Sum(s => s.TotalValue ?? 0m);
        decimal? amount = contract.MonthlyFee is { } fee && balance > 0m ? Math.Min(fee, balance) : null;

        return new PaymentRequestDraft(
            IssuesElectronicInvoice: invoicing,
            Cufe: null,
            InvoiceNumber: invoicing ? null : DefaultInvoiceNumber(sequence),
            PeriodFrom: periodFrom,
            PeriodTo: periodTo,
            IssuedOn: issuedOn,
            DueOn: dueOn,
            ReceivedOn: issuedOn,
            FilingNumber: sequence.ToString(CultureInfo.InvariantCulture),
            NetValue: amount,
            TotalValue: amount,
            Notes: null,
            PilaNumber: null,
            PilaPaidOn: null);
    }

    /// <summary>"Pago 001", "Pago 002" … : the invoice number of a contractor who does not invoice electronically.</summary>
    public static string DefaultInvoiceNumber(int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"Pago {sequence:000}");

    /// <summary>Default "Fecha de emisión": the first business day after the period (null past the calendar's range).</summary>
    public static DateOnly? DefaultIssuedOn(DateOnly periodTo) =>
        periodTo.Year >= 9999 && periodTo.Month == 12 ? null : ColombianCalendar.FirstBusinessDayAfter(periodTo);

    /// <summary>Default "Fecha de vencimiento": the last calendar day of the emission month.</summary>
    public static DateOnly DefaultDueOn(DateOnly issuedOn) =>
        new(issuedOn.Year, issuedOn.Month, DateTime.DaysInMonth(issuedOn.Year, issuedOn.Month));

    /// <summary>The last timely "Fecha de recepción original": the third business day of the month after the period.</summary>
    public static DateOnly LatestTimelyReception(DateOnly periodTo) => PaymentRequestRules.LatestTimelyReception(periodTo);

    /// <summary>The editable fields as they are now, e.g. to fill the form.</summary>
    public PaymentRequestDraft ToDraft() => new(
        IssuesElectronicInvoice, Cufe, InvoiceNumber, PeriodFrom, PeriodTo, IssuedOn, DueOn, ReceivedOn,
        FilingNumber, NetValue, TotalValue, Notes, PilaNumber, PilaPaidOn);

    /// <summary>
    /// Saves the form ("Guardar") while "En edición". The draft may be incomplete; only what cannot be
    /// stored is refused. Strings are trimmed (empty → null), the CUFE is lowercased and dropped when
    /// not invoicing.
    /// </summary>
    public void UpdateDraft(PaymentRequestDraft data, Guid userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(data);
        Ensure(PaymentRequestCommand.Save);
        EnsureContractor(userId);
        Apply(Normalize(data));
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>Checks every rule without changing anything: the live "Lista de chequeo" and the gate of Confirm and Send.</summary>
    public PaymentRequestAssessment Assess(PaymentRequestContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(ctx.Contract, nameof(ctx));
        ArgumentNullException.ThrowIfNull(ctx.Siblings, nameof(ctx));
        var contract = ctx.Contract;
        if (contract.Id != ContractId)
        {
            throw new ArgumentException("The context's contract is not the request's contract.", nameof(ctx));
        }

        var siblings = ctx.Siblings.Where(s => s.Sequence != Sequence && (Id == 0 || s.Id != Id)).ToList();
        var live = siblings.Where(s => s.Status != PaymentRequestStatus.Rejected).ToList();
        var rules = new RuleCollector();
        var warnings = new List<RuleViolation>();

        if (!contract.AcceptsPaymentRequests)
        {
            rules.Add(
                string.Empty,
                $"El contrato está «{contract.Status.ToLabel()}»: solo se pueden radicar cuentas de cobro cuando está «En ejecución» o «Suspendido».");
        }

        CheckInvoice(rules, siblings, ctx.CufeUsedElsewhere);
        CheckPeriod(rules, contract, live);
        CheckDates(rules, warnings, ctx.Today);
        var balanceBefore = contract.TotalValue - live.Sum(s => s.TotalValue ?? 0m);
        CheckValues(rules, balanceBefore);
        rules.Require(Notes is null || Notes.Length <= PaymentRequestRules.NotesMaxLength, nameof(Notes), $"Las notas admiten como máximo {FormatCount(PaymentRequestRules.NotesMaxLength)} caracteres.");
        CheckPila(rules, contract.RequiresPilaEvidence, ctx.Today);

        var isFirstPayment = !siblings.Any(s => s.Sequence < Sequence);
        var required = PaymentRequestRules.RequiredDocuments(contract.ContractorPersonType, isFirstPayment);
        var checklist = AttachmentTypeLabels.ContractorChoices
            .Select(type => new ChecklistItem(type, required.Contains(type), _attachments.Any(a => a.Type == type)))
            .ToList();
        foreach (var item in checklist.Where(i => i.Missing))
        {
            rules.Add("Documents", $"Falta anexar el documento «{item.Label}».");
        }

        return new PaymentRequestAssessment(
            rules.Violations.ToList(),
            warnings,
            checklist,
            isFirstPayment,
            balanceBefore - (TotalValue ?? 0m));
    }

    /// <summary>"Confirmar": En edición → Pendiente de registro, when every rule holds.</summary>
    /// <exception cref="DomainValidationException">With every violation of <see cref="Assess"/>.</exception>
    public void Confirm(PaymentRequestContext ctx, Guid userId, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.Confirm);
        EnsureContractor(userId);
        ThrowIfViolations(Assess(ctx));
        MoveAlong(PaymentRequestCommand.Confirm, userId, nowUtc);
    }

    /// <summary>"Registro": Pendiente de registro → En edición, to correct it before sending.</summary>
    public void Reopen(Guid userId, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.Reopen);
        EnsureContractor(userId);
        MoveAlong(PaymentRequestCommand.Reopen, userId, nowUtc);
    }

    /// <summary>
    /// "Enviar": Pendiente de registro → Enviado a la Entidad Estatal. The rules run again, since another
    /// request of the contract may have been sent meanwhile.
    /// </summary>
    public void Send(PaymentRequestContext ctx, Guid userId, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.Send);
        EnsureContractor(userId);
        ThrowIfViolations(Assess(ctx));
        SendCount++;
        MoveAlong(PaymentRequestCommand.Send, userId, nowUtc);
    }

    /// <summary>
    /// "Borrar": allowed to the contractor while En edición or Pendiente de registro and never sent.
    /// The caller removes the row.
    /// </summary>
    public void EnsureCanDelete(Guid userId)
    {
        Ensure(PaymentRequestCommand.Delete);
        EnsureContractor(userId);
        if (SendCount > 0)
        {
            throw new DomainException(
                "Esta cuenta de cobro ya fue enviada a la Entidad Estatal y no se puede borrar; corríjala y envíela de nuevo.");
        }
    }

    /// <summary>"Rechazar": Enviado → Rechazado, with a reason of at least 10 characters.</summary>
    public void Reject(Guid reviewerId, string reason, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.Reject);
        EnsureNotContractor(reviewerId, "No puede revisar su propia cuenta de cobro.");
        var text = (reason ?? string.Empty).Trim();
        var rules = new RuleCollector();
        rules.Require(
            text.Length >= PaymentRequestRules.RejectionReasonMinLength,
            "Reason",
            $"Escriba el motivo del rechazo (al menos {PaymentRequestRules.RejectionReasonMinLength} caracteres) para que el contratista sepa qué corregir.");
        rules.Require(
            text.Length <= PaymentRequestRules.RejectionReasonMaxLength,
            "Reason",
            $"El motivo del rechazo admite como máximo {FormatCount(PaymentRequestRules.RejectionReasonMaxLength)} caracteres.");
        rules.ThrowIfAny();

        RejectionReason = text;
        MoveAlong(PaymentRequestCommand.Reject, reviewerId, nowUtc, text);
    }

    /// <summary>"Editar": Rechazado → En edición; the contractor corrects the same record and sends it again.</summary>
    public void EditAfterRejection(Guid userId, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.EditAfterRejection);
        EnsureContractor(userId);
        MoveAlong(PaymentRequestCommand.EditAfterRejection, userId, nowUtc);
    }

    /// <summary>
    /// "Aprobar": Enviado → Aprobado (irreversible). The supervisor confirms the "Fecha de recepción
    /// original" and gives the RP. Violations are keyed "ReceivedOn" and "RpNumber".
    /// </summary>
    public void Approve(Guid reviewerId, DateOnly receivedOn, string rpNumber, DateOnly today, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.Approve);
        EnsureNotContractor(reviewerId, "No puede revisar su propia cuenta de cobro.");
        var rp = Clean(rpNumber);
        var rules = new RuleCollector();
        rules.Require(rp is not null, "RpNumber", "Escriba el número del registro presupuestal (RP).");
        rules.Require(
            rp is null || rp.Length <= PaymentRequestRules.RpNumberMaxLength,
            "RpNumber",
            $"El número del registro presupuestal admite como máximo {PaymentRequestRules.RpNumberMaxLength} caracteres.");
        rules.Require(receivedOn <= today, "ReceivedOn", $"La fecha de recepción original no puede ser posterior a hoy ({Format(today)}).");
        if (PeriodFrom is { } from)
        {
            rules.Require(
                receivedOn >= from,
                "ReceivedOn",
                $"La fecha de recepción original no puede ser anterior al inicio del periodo cobrado ({Format(from)}).");
        }

        rules.ThrowIfAny();

        ReceivedOn = receivedOn;
        ApprovedRpNumber = rp;
        MoveAlong(PaymentRequestCommand.Approve, reviewerId, nowUtc);
    }

    /// <summary>
    /// "Marcar como pagado": Aprobado → Pagado (irreversible), with the "Fecha real de pago" and an
    /// optional "Soporte de pago". Violations are keyed "PaidOn" and "PaymentSupport".
    /// </summary>
    public void MarkPaid(Guid userId, DateOnly paidOn, Attachment? paymentSupport, DateOnly today, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.MarkPaid);
        EnsureNotContractor(userId, "No puede marcar como pagada su propia cuenta de cobro.");
        var rules = new RuleCollector();
        rules.Require(paidOn <= today, "PaidOn", $"La fecha real de pago no puede ser posterior a hoy ({Format(today)}).");
        if (IssuedOn is { } issued)
        {
            rules.Require(
                paidOn >= issued,
                "PaidOn",
                $"La fecha real de pago no puede ser anterior a la fecha de emisión ({Format(issued)}).");
        }

        rules.Require(
            paymentSupport is null || paymentSupport.Type == AttachmentType.PaymentSupport,
            "PaymentSupport",
            $"El soporte de pago debe anexarse con el tipo «{AttachmentType.PaymentSupport.ToLabel()}».");
        rules.ThrowIfAny();

        PaidOn = paidOn;
        if (paymentSupport is not null)
        {
            _attachments.Add(paymentSupport);
        }

        MoveAlong(PaymentRequestCommand.MarkPaid, userId, nowUtc);
    }

    /// <summary>
    /// "Anexar" while En edición. Violations are keyed "Type" (a type the contractor may not choose) and
    /// "File" (size limit, evidence naming).
    /// </summary>
    /// <param name="maxTotalBytes">The configured limit for all the request's documents together.</param>
    public void AddAttachment(Attachment attachment, long maxTotalBytes, Guid userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTotalBytes);
        Ensure(PaymentRequestCommand.Attach);
        EnsureContractor(userId);

        var rules = new RuleCollector();
        if (attachment.Type == AttachmentType.PaymentSupport)
        {
            rules.Add("Type", "El soporte de pago lo anexa el supervisor al marcar la cuenta de cobro como pagada.");
        }
        else if (!attachment.Type.IsContractorChoice())
        {
            rules.Add("Type", "Seleccione un tipo de documento de la lista.");
        }

        if (attachment.Type == AttachmentType.Evidence)
        {
            rules.Require(
                PaymentRequestRules.IsValidEvidenceFileName(attachment.FileName)
                    && attachment.ContentType.Contains("zip", StringComparison.OrdinalIgnoreCase),
                "File",
                $"Las evidencias deben ser un archivo ZIP llamado EVIDENCIAS_<MES>_<AÑO>.zip, con el mes en mayúsculas; por ejemplo, {PaymentRequestRules.EvidenceFileNameExample}.");
        }

        var current = AttachmentsTotalBytes;
        rules.Require(
            current + attachment.SizeBytes <= maxTotalBytes,
            "File",
            $"Los documentos de una cuenta de cobro no pueden sumar más de {Megabytes(maxTotalBytes)} MB; ya hay {Megabytes(current)} MB anexados y este archivo tiene {Megabytes(attachment.SizeBytes)} MB.");
        rules.ThrowIfAny();

        _attachments.Add(attachment);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>"Quitar" while En edición. Returns the removed attachment so the caller can delete its bytes.</summary>
    public Attachment RemoveAttachment(int attachmentId, Guid userId, DateTime nowUtc)
    {
        Ensure(PaymentRequestCommand.Detach);
        EnsureContractor(userId);
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainException("El documento que intenta quitar no está anexado a esta cuenta de cobro.");
        _attachments.Remove(attachment);
        UpdatedAtUtc = nowUtc;
        return attachment;
    }

    public void RenewConcurrencyStamp() => ConcurrencyStamp = Guid.NewGuid();

    private static PaymentRequestDraft Normalize(PaymentRequestDraft data)
    {
        var rules = new RuleCollector();
        var cufe = data.IssuesElectronicInvoice ? Clean(data.Cufe)?.ToLowerInvariant() : null;
        var invoiceNumber = Clean(data.InvoiceNumber);
        var filingNumber = Clean(data.FilingNumber);
        var notes = Clean(data.Notes);
        var pilaNumber = Clean(data.PilaNumber);

        RequireMaxLength(rules, nameof(Cufe), cufe, PaymentRequestRules.CufeMaxLength, "El CUFE admite");
        RequireMaxLength(rules, nameof(InvoiceNumber), invoiceNumber, PaymentRequestRules.InvoiceNumberMaxLength, "El número de factura admite");
        RequireMaxLength(rules, nameof(FilingNumber), filingNumber, PaymentRequestRules.FilingNumberMaxLength, "El número de radicación admite");
        RequireMaxLength(rules, nameof(Notes), notes, PaymentRequestRules.NotesMaxLength, "Las notas admiten");
        RequireMaxLength(rules, nameof(PilaNumber), pilaNumber, PaymentRequestRules.PilaNumberMaxLength, "El número de planilla admite");
        RequireStorableAmount(rules, nameof(NetValue), data.NetValue, "El valor neto");
        RequireStorableAmount(rules, nameof(TotalValue), data.TotalValue, "El valor total");
        rules.ThrowIfAny();

        return data with
        {
            Cufe = cufe,
            InvoiceNumber = invoiceNumber,
            FilingNumber = filingNumber,
            Notes = notes,
            PilaNumber = pilaNumber,
        };
    }

    /// <param name="subjectAndVerb">The field's name with its verb in agreement, e.g. "Las notas admiten".</param>
    private static void RequireMaxLength(RuleCollector rules, string field, string? value, int maxLength, string subjectAndVerb) =>
        rules.Require(
            value is null || value.Length <= maxLength,
            field,
            $"{subjectAndVerb} como máximo {FormatCount(maxLength)} caracteres.");

    private static void RequireStorableAmount(RuleCollector rules, string field, decimal? value, string subject)
    {
        if (value is not { } amount)
        {
            return;
        }

        rules.Require(decimal.Round(amount, 2) == amount, field, $"{subject} admite como máximo dos decimales.");
        rules.Require(Math.Abs(amount) <= PaymentRequestRules.MaxAmount, field, $"{subject} es demasiado grande.");
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string Format(DateOnly date) => date.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    private static string FormatCount(int count) => count.ToString("#,0", SpanishNumbers);

    private static string Megabytes(long bytes) =>
        Math.Round((decimal)bytes / BytesPerMegabyte, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", SpanishNumbers);

    private static void ThrowIfViolations(PaymentRequestAssessment assessment)
    {
        if (!assessment.CanConfirm)
        {
            throw new DomainValidationException(assessment.Violations);
        }
    }

    private void Apply(PaymentRequestDraft data)
    {
        IssuesElectronicInvoice = data.IssuesElectronicInvoice;
        Cufe = data.Cufe;
        InvoiceNumber = data.InvoiceNumber;
        PeriodFrom = data.PeriodFrom;
        PeriodTo = data.PeriodTo;
        IssuedOn = data.IssuedOn;
        DueOn = data.DueOn;
        ReceivedOn = data.ReceivedOn;
        FilingNumber = data.FilingNumber;
        NetValue = data.NetValue;
        TotalValue = data.TotalValue;
        Notes = data.Notes;
        PilaNumber = data.PilaNumber;
        PilaPaidOn = data.PilaPaidOn;
    }

    private void CheckInvoice(RuleCollector rules, List<SiblingRequest> siblings, bool cufeUsedElsewhere)
    {
        if (IssuesElectronicInvoice)
        {
            if (Cufe is null)
            {
                rules.Add(nameof(Cufe), "Escriba el CUFE de la factura electrónica.");
            }
            else if (!PaymentRequestRules.IsValidCufe(Cufe))
            {
                rules.Add(nameof(Cufe), $"El CUFE debe tener {PaymentRequestRules.CufeLength} caracteres hexadecimales (0-9, a-f).");
            }
            else if (cufeUsedElsewhere)
            {
                rules.Add(nameof(Cufe), "Este CUFE ya está registrado en otra cuenta de cobro; revise que corresponda a esta factura.");
            }
        }

        if (InvoiceNumber is null)
        {
            rules.Add(
                nameof(InvoiceNumber),
                IssuesElectronicInvoice
                    ? "Escriba el número de la factura electrónica."
                    : $"Escriba el número de factura; si no factura electrónicamente, use el Id de pago ({DefaultInvoiceNumber(Sequence)}).");
        }
        else if (siblings.FirstOrDefault(s => string.Equals(s.InvoiceNumber?.Trim(), InvoiceNumber, StringComparison.OrdinalIgnoreCase)) is { } duplicate)
        {
            rules.Add(
                nameof(InvoiceNumber),
                $"El número de factura «{InvoiceNumber}» ya se usó en la cuenta de cobro con Id de pago {duplicate.Sequence.ToString(CultureInfo.InvariantCulture)}; use otro.");
        }
    }

    private void CheckPeriod(RuleCollector rules, Contract contract, List<SiblingRequest> live)
    {
        var term = $"del {Format(contract.StartsOn)} al {Format(contract.EndsOn)}";
        if (PeriodFrom is not { } from)
        {
            rules.Add(nameof(PeriodFrom), "Indique la fecha «Periodo desde».");
        }
        else if (from < contract.StartsOn || from > contract.EndsOn)
        {
            rules.Add(nameof(PeriodFrom), $"«Periodo desde» debe estar dentro del plazo del contrato ({term}).");
        }

        if (PeriodTo is not { } to)
        {
            rules.Add(nameof(PeriodTo), "Indique la fecha «Periodo hasta».");
        }
        else if (to < contract.StartsOn || to > contract.EndsOn)
        {
            rules.Add(nameof(PeriodTo), $"«Periodo hasta» debe estar dentro del plazo del contrato ({term}).");
        }

        if (PeriodFrom is not { } start || PeriodTo is not { } end)
        {
            return;
        }

        if (start > end)
        {
            rules.Add(nameof(PeriodTo), "«Periodo hasta» no puede ser anterior a «Periodo desde».");
            return;
        }

        foreach (var sibling in live.OrderBy(s => s.Sequence))
        {
            if (sibling.PeriodFrom is { } otherFrom && sibling.PeriodTo is { } otherTo && start <= otherTo && otherFrom <= end)
            {
                rules.Add(
                    nameof(PeriodFrom),
                    $"El periodo se cruza con el de la cuenta de cobro con Id de pago {sibling.Sequence.ToString(CultureInfo.InvariantCulture)} ({Format(otherFrom)} a {Format(otherTo)}); cobre un periodo distinto.");
            }
        }
    }

    private void CheckDates(RuleCollector rules, List<RuleViolation> warnings, DateOnly today)
    {
        if (IssuedOn is not { } issued)
        {
            rules.Add(nameof(IssuedOn), "Indique la fecha de emisión.");
        }
        else if (PeriodFrom is { } from && issued < from)
        {
            rules.Add(nameof(IssuedOn), $"La fecha de emisión no puede ser anterior al inicio del periodo cobrado ({Format(from)}).");
        }

        if (DueOn is { } due && IssuedOn is { } issuedOn && due < issuedOn)
        {
            rules.Add(nameof(DueOn), $"La fecha de vencimiento no puede ser anterior a la fecha de emisión ({Format(issuedOn)}).");
        }

        if (ReceivedOn is not { } received)
        {
            rules.Add(nameof(ReceivedOn), "Indique la fecha de recepción original.");
        }
        else
        {
            rules.Require(received <= today, nameof(ReceivedOn), $"La fecha de recepción original no puede ser posterior a hoy ({Format(today)}).");
            if (PeriodFrom is { } from && received < from)
            {
                rules.Add(nameof(ReceivedOn), $"La fecha de recepción original no puede ser anterior al inicio del periodo cobrado ({Format(from)}).");
            }

            if (PeriodTo is { } to && to.Year < 9999 && received > LatestTimelyReception(to))
            {
                warnings.Add(new RuleViolation(
                    nameof(ReceivedOn),
                    $"La fecha de recepción original es posterior al tercer día hábil del mes siguiente al periodo ({Format(LatestTimelyReception(to))}); la Entidad puede tramitar el pago en el siguiente ciclo."));
            }
        }

        rules.Require(FilingNumber is not null, nameof(FilingNumber), $"Escriba el número de radicación (normalmente el Id de pago, {Sequence.ToString(CultureInfo.InvariantCulture)}).");
    }

    private void CheckValues(RuleCollector rules, decimal balanceBefore)
    {
        CheckAmount(rules, nameof(NetValue), NetValue, "el valor neto");
        CheckAmount(rules, nameof(TotalValue), TotalValue, "el valor total");
        if (NetValue is not { } net || TotalValue is not { } total)
        {
            return;
        }

        if (IssuesElectronicInvoice)
        {
            rules.Require(total >= net, nameof(TotalValue), "El valor total no puede ser menor que el valor neto.");
        }
        else
        {
            rules.Require(
                total == net,
                nameof(TotalValue),
                "Si no factura electrónicamente, el valor total debe ser igual al valor neto (los honorarios cobrados).");
        }

        if (total > balanceBefore)
        {
            rules.Add(
                nameof(TotalValue),
                $"El valor total supera el saldo por facturar del contrato ({Money.Format(Math.Max(balanceBefore, 0m))}).");
        }
    }

    private static void CheckAmount(RuleCollector rules, string field, decimal? value, string subject)
    {
        if (value is not { } amount)
        {
            rules.Add(field, $"Indique {subject}.");
            return;
        }

        rules.Require(amount > 0m, field, $"{char.ToUpperInvariant(subject[0])}{subject[1..]} debe ser mayor que cero.");
        rules.Require(decimal.Round(amount, 2) == amount, field, $"{char.ToUpperInvariant(subject[0])}{subject[1..]} admite como máximo dos decimales.");
    }

    private void CheckPila(RuleCollector rules, bool required, DateOnly today)
    {
        if (PilaNumber is null)
        {
            rules.Require(!required, nameof(PilaNumber), "Escriba el número de la planilla de pago de seguridad social (PILA).");
        }
        else if (!PilaNumber.All(char.IsAsciiDigit))
        {
            rules.Add(nameof(PilaNumber), "El número de planilla solo admite dígitos (0-9), sin letras, espacios ni guiones.");
        }
        else if (PilaNumber.Length < PaymentRequestRules.PilaNumberMinDigits)
        {
            rules.Add(nameof(PilaNumber), $"El número de planilla debe tener al menos {PaymentRequestRules.PilaNumberMinDigits} dígitos.");
        }

        if (PilaPaidOn is not { } paid)
        {
            rules.Require(!required, nameof(PilaPaidOn), "Indique la fecha de pago de la planilla.");
            return;
        }

        rules.Require(paid <= today, nameof(PilaPaidOn), $"La fecha de pago de la planilla no puede ser posterior a hoy ({Format(today)}).");
        if (PeriodFrom is { } from)
        {
            rules.Require(
                paid >= from,
                nameof(PilaPaidOn),
                $"La fecha de pago de la planilla no puede ser anterior al inicio del periodo cobrado ({Format(from)}).");
        }
    }

    private void Ensure(PaymentRequestCommand command) => PaymentRequestLifecycle.EnsureAllowed(Status, command);

    private void EnsureContractor(Guid userId)
    {
        if (userId != ContractorId)
        {
            throw new DomainException("Solo el contratista que creó esta cuenta de cobro puede modificarla, confirmarla, enviarla o borrarla.");
        }
    }

    private void EnsureNotContractor(Guid userId, string message)
    {
        if (userId == ContractorId)
        {
            throw new DomainException(message);
        }
    }

    /// <summary>
    /// Moves to the state <paramref name="command"/> leads to in <see cref="PaymentRequestLifecycle"/>, and records
    /// it. Each command's method has already called <see cref="Ensure"/> first, before checking anything else.
    /// </summary>
    private void MoveAlong(PaymentRequestCommand command, Guid userId, DateTime nowUtc, string? reason = null)
    {
        var to = PaymentRequestLifecycle.TargetOf(command)
            ?? throw new InvalidOperationException($"{command} does not change the state.");
        _history.Add(new PaymentRequestTransition(nowUtc, userId, Status, to, PaymentRequestLifecycle.HistoryLabelOf(command)!, reason));
        Status = to;
        UpdatedAtUtc = nowUtc;
    }
}
