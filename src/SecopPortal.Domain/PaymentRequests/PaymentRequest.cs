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
    private const string OwnReviewMessage = "No puede revisar su propia cuenta de cobro.";

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

    /// <summary>Back "En edición" after a rejection: the supervisor's reason is still what the contractor is correcting.</summary>
    public bool IsCorrectingRejection => Status == PaymentRequestStatus.Editing && SendCount > 0 && !string.IsNullOrEmpty(RejectionReason);

    /// <summary>The latest "Enviar" (a request corrected after a rejection is sent more than once); null if never sent.</summary>
    public PaymentRequestTransition? LastSending => _history.Where(h => h.To == PaymentRequestStatus.Sent).OrderBy(h => h.AtUtc).LastOrDefault();

    /// <summary>Whether the request's state allows <paramref name="command"/> (<see cref="PaymentRequestLifecycle"/>).</summary>
    public bool Allows(PaymentRequestCommand command) => PaymentRequestLifecycle.Allows(Status, command);

    /// <summary>
    /// Creates a request in "En edición" for <paramref name="contract"/>, filed by its contractor while the
    /// contract accepts requests (<see cref="PaymentRequestChecks.Creation"/>).
    /// </summary>
    /// <param name="sequence">The "Id de pago", the next consecutive number of the contract.</param>
    public static PaymentRequest Create(Contract contract, int sequence, Guid contractorId, PaymentRequestDraft initial, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);

        PaymentRequestChecks.Creation(contract, contractorId);
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
        request.Apply(PaymentRequestChecks.Storable(initial));
        request._history.Add(new PaymentRequestTransition(nowUtc, contractorId, null, PaymentRequestStatus.Editing, PaymentRequestActions.Create, null));
        return request;
    }

    /// <summary>The draft a new request starts with (<see cref="PaymentRequestDefaults.SuggestDraft"/>).</summary>
    public static PaymentRequestDraft SuggestDraft(
        Contract contract, int sequence, IReadOnlyList<SiblingRequest> siblings, DateOnly today, HolidayCalendar? calendar = null) =>
        PaymentRequestDefaults.SuggestDraft(contract, sequence, siblings, today, calendar);

    /// <summary>"Pago 001", "Pago 002" … (<see cref="PaymentRequestDefaults.InvoiceNumber"/>).</summary>
    public static string DefaultInvoiceNumber(int sequence) => PaymentRequestDefaults.InvoiceNumber(sequence);

    /// <summary>Default "Fecha de emisión" (<see cref="PaymentRequestDefaults.IssuedOn"/>).</summary>
    public static DateOnly? DefaultIssuedOn(DateOnly periodTo, HolidayCalendar? calendar = null) => PaymentRequestDefaults.IssuedOn(periodTo, calendar);

    /// <summary>Default "Fecha de vencimiento" (<see cref="PaymentRequestDefaults.DueOn"/>).</summary>
    public static DateOnly DefaultDueOn(DateOnly issuedOn) => PaymentRequestDefaults.DueOn(issuedOn);

    /// <summary>The last timely "Fecha de recepción original" (<see cref="PaymentRequestRules.LatestTimelyReception"/>).</summary>
    public static DateOnly LatestTimelyReception(DateOnly periodTo, HolidayCalendar? calendar = null) => PaymentRequestRules.LatestTimelyReception(periodTo, calendar);

    /// <summary>The editable fields as they are now, e.g. to fill the form.</summary>
    public PaymentRequestDraft ToDraft() => new(
        IssuesElectronicInvoice, Cufe, InvoiceNumber, PeriodFrom, PeriodTo, IssuedOn, DueOn, ReceivedOn,
        FilingNumber, NetValue, TotalValue, Notes, PilaNumber, PilaPaidOn);

    /// <summary>
    /// Saves the form ("Guardar") while "En edición". The draft may be incomplete; only what cannot be
    /// stored is refused (docs/product.md §7). Strings are trimmed (empty → null), the CUFE is lowercased and
    /// dropped when not invoicing.
    /// </summary>
    public void UpdateDraft(PaymentRequestDraft data, Guid userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(data);
        EnsureContractorMay(PaymentRequestCommand.Save, userId);
        Apply(PaymentRequestChecks.Storable(data));
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// Checks every rule without changing anything (docs/product.md §8): the live "Lista de chequeo" and the
    /// gate of Confirm and Send.
    /// </summary>
    public PaymentRequestAssessment Assess(PaymentRequestContext ctx) => PaymentRequestAssessor.Assess(this, ctx);

    /// <summary>"Confirmar": En edición → Pendiente de registro, when every rule holds.</summary>
    /// <exception cref="DomainValidationException">With every violation of <see cref="Assess"/>.</exception>
    public void Confirm(PaymentRequestContext ctx, Guid userId, DateTime nowUtc)
    {
        EnsureContractorMay(PaymentRequestCommand.Confirm, userId);
        Assess(ctx).ThrowIfViolations();
        MoveAlong(PaymentRequestCommand.Confirm, userId, nowUtc);
    }

    /// <summary>"Registro": Pendiente de registro → En edición, to correct it before sending.</summary>
    public void Reopen(Guid userId, DateTime nowUtc)
    {
        EnsureContractorMay(PaymentRequestCommand.Reopen, userId);
        MoveAlong(PaymentRequestCommand.Reopen, userId, nowUtc);
    }

    /// <summary>
    /// "Enviar": Pendiente de registro → Enviado a la Entidad Estatal. The rules run again, since another
    /// request of the contract may have been sent meanwhile.
    /// </summary>
    public void Send(PaymentRequestContext ctx, Guid userId, DateTime nowUtc)
    {
        EnsureContractorMay(PaymentRequestCommand.Send, userId);
        Assess(ctx).ThrowIfViolations();
        SendCount++;
        MoveAlong(PaymentRequestCommand.Send, userId, nowUtc);
    }

    /// <summary>
    /// "Borrar": allowed to the contractor while En edición or Pendiente de registro and never sent
    /// (docs/product.md §5.4). The caller removes the row.
    /// </summary>
    public void EnsureCanDelete(Guid userId)
    {
        EnsureContractorMay(PaymentRequestCommand.Delete, userId);
        if (SendCount > 0)
        {
            throw new DomainException(
                "Esta cuenta de cobro ya fue enviada a la Entidad Estatal y no se puede borrar; corríjala y envíela de nuevo.");
        }
    }

    /// <summary>
    /// "Rechazar": Enviado → Rechazado, with a reason of at least 10 characters (docs/product.md §11.1).
    /// Violations are keyed <see cref="PaymentRequestField.Reason"/>.
    /// </summary>
    public void Reject(Guid reviewerId, string reason, DateTime nowUtc)
    {
        EnsureReviewerMay(PaymentRequestCommand.Reject, reviewerId, OwnReviewMessage);
        var text = PaymentRequestChecks.RejectionReason(reason);
        RejectionReason = text;
        MoveAlong(PaymentRequestCommand.Reject, reviewerId, nowUtc, text);
    }

    /// <summary>"Editar": Rechazado → En edición; the contractor corrects the same record and sends it again.</summary>
    public void EditAfterRejection(Guid userId, DateTime nowUtc)
    {
        EnsureContractorMay(PaymentRequestCommand.EditAfterRejection, userId);
        MoveAlong(PaymentRequestCommand.EditAfterRejection, userId, nowUtc);
    }

    /// <summary>
    /// "Aprobar": Enviado → Aprobado (irreversible). The supervisor confirms the "Fecha de recepción
    /// original" and gives the RP (docs/product.md §11.2). Violations are keyed
    /// <see cref="PaymentRequestField.ReceivedOn"/> and <see cref="PaymentRequestField.RpNumber"/>.
    /// </summary>
    public void Approve(Guid reviewerId, DateOnly receivedOn, string rpNumber, DateOnly today, DateTime nowUtc)
    {
        EnsureReviewerMay(PaymentRequestCommand.Approve, reviewerId, OwnReviewMessage);
        var rp = PaymentRequestChecks.Approval(receivedOn, rpNumber, PeriodFrom, today);
        ReceivedOn = receivedOn;
        ApprovedRpNumber = rp;
        MoveAlong(PaymentRequestCommand.Approve, reviewerId, nowUtc);
    }

    /// <summary>
    /// "Marcar como pagado": Aprobado → Pagado (irreversible), with the "Fecha real de pago" and an optional
    /// "Soporte de pago" (docs/product.md §11.3). Violations are keyed <see cref="PaymentRequestField.PaidOn"/>
    /// and <see cref="PaymentRequestField.PaymentSupport"/>.
    /// </summary>
    public void MarkPaid(Guid userId, DateOnly paidOn, Attachment? paymentSupport, DateOnly today, DateTime nowUtc)
    {
        EnsureReviewerMay(PaymentRequestCommand.MarkPaid, userId, "No puede marcar como pagada su propia cuenta de cobro.");
        PaymentRequestChecks.Payment(paidOn, IssuedOn, paymentSupport, today);
        PaidOn = paidOn;
        if (paymentSupport is not null)
        {
            _attachments.Add(paymentSupport);
        }

        MoveAlong(PaymentRequestCommand.MarkPaid, userId, nowUtc);
    }

    /// <summary>
    /// "Anexar" while En edición (docs/product.md §10). Violations are keyed <see cref="UploadField.Type"/> (a
    /// type the contractor may not choose) and <see cref="UploadField.File"/> (size limit, evidence naming).
    /// </summary>
    /// <param name="maxTotalBytes">The configured limit for all the request's documents together.</param>
    public void AddAttachment(Attachment attachment, long maxTotalBytes, Guid userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTotalBytes);
        EnsureContractorMay(PaymentRequestCommand.Attach, userId);
        PaymentRequestChecks.Attachment(attachment, AttachmentsTotalBytes, maxTotalBytes);
        _attachments.Add(attachment);
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// "Quitar" while En edición; never the "Soporte de pago" (<see cref="Attachment.RemovableByContractor"/>).
    /// Returns the removed attachment so the caller can delete its bytes.
    /// </summary>
    public Attachment RemoveAttachment(int attachmentId, Guid userId, DateTime nowUtc)
    {
        EnsureContractorMay(PaymentRequestCommand.Detach, userId);
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId && a.RemovableByContractor)
            ?? throw new DomainException("El documento que intenta quitar no está anexado a esta cuenta de cobro.");
        _attachments.Remove(attachment);
        UpdatedAtUtc = nowUtc;
        return attachment;
    }

    public void RenewConcurrencyStamp() => ConcurrencyStamp = Guid.NewGuid();

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

    /// <summary>
    /// Checks that the state allows <paramref name="command"/> (<see cref="PaymentRequestLifecycle"/>), then that
    /// <paramref name="userId"/> is the request's contractor, the only one who acts on it while it is theirs.
    /// </summary>
    private void EnsureContractorMay(PaymentRequestCommand command, Guid userId)
    {
        PaymentRequestLifecycle.EnsureAllowed(Status, command);
        if (userId != ContractorId)
        {
            throw new DomainException("Solo el contratista que creó esta cuenta de cobro puede modificarla, confirmarla, enviarla o borrarla.");
        }
    }

    /// <summary>
    /// Checks that the state allows <paramref name="command"/>, then that <paramref name="userId"/> is not the
    /// request's contractor: nobody reviews or pays their own request (docs/product.md §2).
    /// </summary>
    /// <param name="message">Why not, in the words of the command.</param>
    private void EnsureReviewerMay(PaymentRequestCommand command, Guid userId, string message)
    {
        PaymentRequestLifecycle.EnsureAllowed(Status, command);
        if (userId == ContractorId)
        {
            throw new DomainException(message);
        }
    }

    /// <summary>
    /// Moves to the state <paramref name="command"/> leads to in <see cref="PaymentRequestLifecycle"/>, and records
    /// it. Each command's method has already checked the state first (<see cref="EnsureContractorMay"/>,
    /// <see cref="EnsureReviewerMay"/>), before checking anything else.
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
