using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

/// <summary>Users, dates and small factories shared by the payment-request tests.</summary>
internal static class TestData
{
    public const long MaxTotalBytes = 100L * 1024 * 1024;

    public static readonly Guid ContractorId = new("11111111-1111-1111-1111-111111111111");
    public static readonly Guid SupervisorId = new("22222222-2222-2222-2222-222222222222");
    public static readonly Guid OtherUserId = new("33333333-3333-3333-3333-333333333333");

    /// <summary>"Today" in Bogotá for most scenarios: after the first few monthly periods of the contract.</summary>
    public static readonly DateOnly Today = new(2026, 6, 15);
    public static readonly DateTime Now = new(2026, 6, 15, 14, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Later = Now.AddHours(1);

    /// <summary>A well-formed CUFE: 96 lowercase hexadecimal characters.</summary>
    public static readonly string Cufe = string.Concat(Enumerable.Repeat("0123456789abcdef", 6));

    /// <summary>
    /// A contract in execution from 01/02/2026 to 31/12/2026 with a monthly fee of $ 4.500.000, signed after
    /// 11/06/2022 (so a persona natural must give the PILA).
    /// </summary>
    public static Contract Contract(
        PersonType personType = PersonType.NaturalPerson,
        bool invoicing = false,
        decimal totalValue = 49_500_000m,
        decimal? monthlyFee = 4_500_000m,
        DateOnly? startsOn = null,
        DateOnly? endsOn = null,
        ContractType type = ContractType.ProfessionalServices,
        bool inExecution = true)
    {
        var starts = startsOn ?? new DateOnly(2026, 2, 1);
        var details = new ContractDetails(
            "CO1.PCCNTR.129716",
            "Prestación de servicios profesionales de apoyo a la gestión.",
            type,
            ContractModality.DirectContracting,
            totalValue,
            monthlyFee,
            SignedOn: starts.AddDays(-10),
            StartsOn: starts,
            EndsOn: endsOn ?? new DateOnly(2026, 12, 31),
            CdpNumber: "CDP-2026-001",
            RpNumber: "RP-2026-001",
            RequiresElectronicInvoice: invoicing);
        var contract = new Contract(1, details, ContractorId, personType, SupervisorId, new DateTime(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc));
        if (inExecution)
        {
            contract.StartExecution();
        }

        return contract;
    }

    /// <summary>
    /// A complete draft for the <paramref name="sequence"/>-th month of the default contract (February 2026 for
    /// the first): period, emission on the first business day after it, reception the same day, PILA paid on
    /// the 10th of the period's month.
    /// </summary>
    public static PaymentRequestDraft ValidDraft(int sequence = 1, bool invoicing = false)
    {
        var from = new DateOnly(2026, 2, 1).AddMonths(sequence - 1);
        var to = from.AddMonths(1).AddDays(-1);
        var issued = PaymentRequest.DefaultIssuedOn(to)!.Value;
        return new PaymentRequestDraft(
            IssuesElectronicInvoice: invoicing,
            Cufe: invoicing ? Cufe : null,
            InvoiceNumber: invoicing ? $"FE-{1000 + sequence}" : PaymentRequest.DefaultInvoiceNumber(sequence),
            PeriodFrom: from,
            PeriodTo: to,
            IssuedOn: issued,
            DueOn: PaymentRequest.DefaultDueOn(issued),
            ReceivedOn: issued,
            FilingNumber: sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NetValue: invoicing ? 4_000_000m : 4_500_000m,
            TotalValue: invoicing ? 4_760_000m : 4_500_000m,
            Notes: null,
            PilaNumber: "9876543210",
            PilaPaidOn: from.AddDays(9));
    }

    public static Attachment Attachment(
        AttachmentType type,
        string? fileName = null,
        long sizeBytes = 150_000,
        string contentType = "application/pdf",
        int id = 0,
        Guid? uploadedBy = null)
    {
        var isEvidence = type == AttachmentType.Evidence && fileName is null;
        var attachment = new Attachment(
            type,
            fileName ?? (isEvidence ? "EVIDENCIAS_FEBRERO_2026.zip" : $"{type}.pdf"),
            isEvidence ? "application/zip" : contentType,
            sizeBytes,
            new string('a', 64),
            $"requests/{Guid.NewGuid():N}",
            null,
            Now,
            uploadedBy ?? ContractorId);
        if (id != 0)
        {
            WithId(attachment, id);
        }

        return attachment;
    }

    /// <summary>Gives an attachment the id the database would give it.</summary>
    public static Attachment WithId(Attachment attachment, int id)
    {
        typeof(Attachment).GetProperty(nameof(Domain.PaymentRequests.Attachment.Id))!.SetValue(attachment, id);
        return attachment;
    }

    /// <summary>Another request of the contract, billing the <paramref name="sequence"/>-th month (February 2026 first).</summary>
    public static SiblingRequest Sibling(
        int sequence,
        PaymentRequestStatus status,
        decimal totalValue = 4_500_000m,
        string? invoiceNumber = null,
        DateOnly? periodFrom = null,
        DateOnly? periodTo = null)
    {
        var from = periodFrom ?? new DateOnly(2026, 2, 1).AddMonths(sequence - 1);
        var to = periodTo ?? from.AddMonths(1).AddDays(-1);
        return new SiblingRequest(100 + sequence, sequence, status, from, to, totalValue, invoiceNumber ?? PaymentRequest.DefaultInvoiceNumber(sequence));
    }
}

/// <summary>
/// Builds a payment request and its context. By default: the first request of a persona natural's contract,
/// complete, with exactly the required documents, so every rule holds; each method breaks or changes one thing.
/// </summary>
internal sealed class PaymentRequestBuilder
{
    private readonly List<SiblingRequest> _siblings = [];
    private Contract? _contract;
    private PersonType _personType = PersonType.NaturalPerson;
    private bool _invoicing;
    private int _sequence = 1;
    private Func<PaymentRequestDraft, PaymentRequestDraft> _change = d => d;
    private List<AttachmentType>? _documents;
    private bool _cufeUsedElsewhere;
    private DateOnly _today = TestData.Today;

    public Contract Contract => _contract ??= TestData.Contract(_personType, _invoicing);

    public PaymentRequestContext Context => new(Contract, _siblings, _cufeUsedElsewhere, _today);

    public DateOnly Today => _today;

    /// <summary>Persona jurídica that invoices electronically (no ARL, no PILA).</summary>
    public PaymentRequestBuilder LegalPersonInvoicing()
    {
        _personType = PersonType.LegalPerson;
        _invoicing = true;
        return this;
    }

    public PaymentRequestBuilder ForContract(Contract contract)
    {
        _contract = contract;
        _invoicing = contract.RequiresElectronicInvoice;
        _personType = contract.ContractorPersonType;
        return this;
    }

    /// <summary>Makes the request the <paramref name="sequence"/>-th, with the earlier ones already sent and approved.</summary>
    public PaymentRequestBuilder AsLaterPayment(int sequence = 2)
    {
        _sequence = sequence;
        for (var earlier = 1; earlier < sequence; earlier++)
        {
            _siblings.Add(TestData.Sibling(earlier, PaymentRequestStatus.Approved, invoiceNumber: _invoicing ? $"FE-{1000 + earlier}" : null));
        }

        return this;
    }

    public PaymentRequestBuilder WithSibling(SiblingRequest sibling)
    {
        _siblings.Add(sibling);
        return this;
    }

    public PaymentRequestBuilder With(Func<PaymentRequestDraft, PaymentRequestDraft> change)
    {
        var previous = _change;
        _change = d => change(previous(d));
        return this;
    }

    public PaymentRequestBuilder WithDocuments(params AttachmentType[] types)
    {
        _documents = [.. types];
        return this;
    }

    public PaymentRequestBuilder WithoutDocument(AttachmentType type)
    {
        _documents = RequiredDocuments().Where(t => t != type).ToList();
        return this;
    }

    public PaymentRequestBuilder CufeUsedElsewhere()
    {
        _cufeUsedElsewhere = true;
        return this;
    }

    public PaymentRequestBuilder On(DateOnly today)
    {
        _today = today;
        return this;
    }

    public PaymentRequestDraft Draft => _change(TestData.ValidDraft(_sequence, _invoicing));

    /// <summary>The request in "En edición", its documents attached with ids 1, 2, 3 …</summary>
    public PaymentRequest Build()
    {
        var request = PaymentRequest.Create(Contract, _sequence, TestData.ContractorId, Draft, TestData.Now);
        var id = 1;
        foreach (var type in _documents ?? RequiredDocuments())
        {
            request.AddAttachment(TestData.Attachment(type, id: id++), TestData.MaxTotalBytes, TestData.ContractorId, TestData.Now);
        }

        return request;
    }

    /// <summary>The request driven along the state machine's happy path to <paramref name="status"/>.</summary>
    public PaymentRequest BuildIn(PaymentRequestStatus status)
    {
        var request = Build();
        if (status == PaymentRequestStatus.Editing)
        {
            return request;
        }

        request.Confirm(Context, TestData.ContractorId, TestData.Now);
        if (status == PaymentRequestStatus.PendingRegistration)
        {
            return request;
        }

        request.Send(Context, TestData.ContractorId, TestData.Now);
        switch (status)
        {
            case PaymentRequestStatus.Sent:
                break;
            case PaymentRequestStatus.Rejected:
                request.Reject(TestData.SupervisorId, "El informe de actividades no está firmado.", TestData.Now);
                break;
            case PaymentRequestStatus.Approved:
                request.Approve(TestData.SupervisorId, request.ReceivedOn!.Value, "RP-2026-0042", _today, TestData.Now);
                break;
            case PaymentRequestStatus.Paid:
                request.Approve(TestData.SupervisorId, request.ReceivedOn!.Value, "RP-2026-0042", _today, TestData.Now);
                request.MarkPaid(TestData.SupervisorId, _today, null, _today, TestData.Now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }

        return request;
    }

    public IReadOnlyList<RuleViolation> Violations() => Build().Assess(Context).Violations;

    private List<AttachmentType> RequiredDocuments() =>
        [.. PaymentRequestRules.RequiredDocuments(_personType, isFirstPayment: _sequence == 1)];
}
