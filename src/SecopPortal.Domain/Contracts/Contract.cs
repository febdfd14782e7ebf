using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Contracts;

/// <summary>
/// A public contract in its execution phase (docs/product.md §3). Its state moves along
/// <see cref="AllowedTransitions"/>; payment requests can be filed only while <see cref="AcceptsPaymentRequests"/>.
/// </summary>
public sealed class Contract : IConcurrencyStamped
{
    // docs/product.md §3.2: the contract's states and the moves between them.
    private static readonly Dictionary<ContractStatus, ContractStatus[]> Transitions =
        new Dictionary<ContractStatus, ContractStatus[]>
        {
            [ContractStatus.Signed] = [ContractStatus.InExecution, ContractStatus.Cancelled],
            [ContractStatus.InExecution] = [ContractStatus.Suspended, ContractStatus.Terminated],
            [ContractStatus.Suspended] = [ContractStatus.InExecution, ContractStatus.Terminated],
            [ContractStatus.Terminated] = [ContractStatus.Closed],
            [ContractStatus.Closed] = [],
            [ContractStatus.Cancelled] = [],
        };

    private Contract()
    {
        Number = string.Empty;
        Purpose = string.Empty;
    }

    public Contract(int entityId, ContractDetails details, Guid contractorId, PersonType contractorPersonType, Guid supervisorId, DateTime createdAtUtc)
        : this()
    {
        EntityId = entityId;
        Status = ContractStatus.Signed;
        CreatedAtUtc = createdAtUtc;
        ConcurrencyStamp = Guid.NewGuid();
        UpdateDetails(details);
        AssignContractor(contractorId, contractorPersonType);
        AssignSupervisor(supervisorId);
    }

    public int Id { get; private set; }

    public int EntityId { get; private set; }

    /// <summary>The entity's reference, e.g. CO1.PCCNTR.129716. Unique per entity.</summary>
    public string Number { get; private set; }

    /// <summary>Objeto del contrato.</summary>
    public string Purpose { get; private set; }

    public ContractType Type { get; private set; }

    public ContractModality Modality { get; private set; }

    public decimal TotalValue { get; private set; }

    /// <summary>Valor mensual pactado (honorarios), when the contract bills a monthly fee.</summary>
    public decimal? MonthlyFee { get; private set; }

    public DateOnly SignedOn { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>Certificado de disponibilidad presupuestal.</summary>
    public string? CdpNumber { get; private set; }

    /// <summary>Registro presupuestal.</summary>
    public string? RpNumber { get; private set; }

    public ContractStatus Status { get; private set; }

    public bool RequiresElectronicInvoice { get; private set; }

    public Guid ContractorId { get; private set; }

    /// <summary>The contractor's person type when the contractor was assigned; it drives the document rules.</summary>
    public PersonType ContractorPersonType { get; private set; }

    public Guid SupervisorId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public Guid ConcurrencyStamp { get; private set; }

    /// <summary>
    /// docs/product.md §3.3: requests are filed while the contract is En ejecución or Suspendido, and still once it is
    /// Terminado, for periods within its term, until it is liquidated (Cerrado): the last cuenta de cobro is often
    /// filed after the end date.
    /// </summary>
    public bool AcceptsPaymentRequests => AcceptsPaymentRequestsIn(Status);

    /// <summary>Whether a contract in <paramref name="status"/> accepts payment requests (see <see cref="AcceptsPaymentRequests"/>).</summary>
    public static bool AcceptsPaymentRequestsIn(ContractStatus status) =>
        status is ContractStatus.InExecution or ContractStatus.Suspended or ContractStatus.Terminated;

    /// <summary>The states that accept payment requests, as the messages name them.</summary>
    public const string AcceptingStatesText = "«En ejecución», «Suspendido» o «Terminado» (hasta su liquidación)";

    public IReadOnlyList<ContractStatus> AllowedTransitions => Transitions[Status];

    public static IReadOnlyList<ContractStatus> TransitionsFrom(ContractStatus status) => Transitions[status];

    public bool CanMoveTo(ContractStatus target) => Transitions[Status].Contains(target);

    /// <summary>
    /// A persona natural with a service contract signed on or after 11/06/2022 must prove the
    /// social-security (PILA) payment with each request (docs/product.md §3.4).
    /// </summary>
    public bool RequiresPilaEvidence =>
        ContractorPersonType == PersonType.NaturalPerson
        && Type == ContractType.ProfessionalServices
        && SignedOn >= PilaRequiredSince;

    public static DateOnly PilaRequiredSince { get; } = new(2022, 6, 11);

    public bool CoversPeriod(DateOnly from, DateOnly to) => from >= StartsOn && to <= EndsOn && from <= to;

    public void UpdateDetails(ContractDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var valid = details.Validated();
        Number = valid.Number;
        Purpose = valid.Purpose;
        Type = valid.Type;
        Modality = valid.Modality;
        TotalValue = valid.TotalValue;
        MonthlyFee = valid.MonthlyFee;
        SignedOn = valid.SignedOn;
        StartsOn = valid.StartsOn;
        EndsOn = valid.EndsOn;
        CdpNumber = valid.CdpNumber;
        RpNumber = valid.RpNumber;
        RequiresElectronicInvoice = valid.RequiresElectronicInvoice;
    }

    /// <summary>Corrects the Entidad Estatal a contract was registered under (an administrator's fix).</summary>
    public void MoveToEntity(int entityId)
    {
        if (entityId <= 0)
        {
            throw new DomainValidationException([RuleViolation.Of(ContractField.EntityId, "Seleccione la Entidad Estatal.")]);
        }

        EntityId = entityId;
    }

    public void AssignContractor(Guid contractorId, PersonType personType)
    {
        if (contractorId == Guid.Empty)
        {
            throw new DomainValidationException([RuleViolation.Of(ContractField.ContractorId, "Seleccione el contratista.")]);
        }

        if (!Enum.IsDefined(personType))
        {
            throw new DomainException("El tipo de persona del contratista no es válido.");
        }

        if (contractorId == SupervisorId)
        {
            throw new DomainValidationException([RuleViolation.Of(ContractField.ContractorId, "El contratista no puede ser el supervisor de su propio contrato.")]);
        }

        ContractorId = contractorId;
        ContractorPersonType = personType;
    }

    public void AssignSupervisor(Guid supervisorId)
    {
        if (supervisorId == Guid.Empty)
        {
            throw new DomainValidationException([RuleViolation.Of(ContractField.SupervisorId, "Seleccione el supervisor.")]);
        }

        if (supervisorId == ContractorId)
        {
            throw new DomainValidationException([RuleViolation.Of(ContractField.SupervisorId, "El supervisor no puede ser el contratista del mismo contrato.")]);
        }

        SupervisorId = supervisorId;
    }

    public void ChangeStatus(ContractStatus target)
    {
        if (!CanMoveTo(target))
        {
            throw new DomainException($"Un contrato en estado «{Status.ToLabel()}» no puede pasar a «{target.ToLabel()}».");
        }

        Status = target;
    }

    public void StartExecution() => ChangeStatus(ContractStatus.InExecution);

    public void Suspend() => ChangeStatus(ContractStatus.Suspended);

    public void Resume() => ChangeStatus(ContractStatus.InExecution);

    public void Terminate() => ChangeStatus(ContractStatus.Terminated);

    public void Close() => ChangeStatus(ContractStatus.Closed);

    public void Cancel() => ChangeStatus(ContractStatus.Cancelled);

    public void RenewConcurrencyStamp() => ConcurrencyStamp = Guid.NewGuid();
}
