namespace SecopPortal.Domain.Contracts;

/// <summary>
/// The keys of a contract's violations (<see cref="Common.RuleViolation.Of{TField}"/>), named as the contract's
/// own properties. The details are the admin form's fields by the same name; the people and the entity are
/// chosen on the form under other names, and the form moves those messages to them.
/// </summary>
public enum ContractField
{
    /// <summary>"Número del contrato".</summary>
    Number = 1,

    /// <summary>"Objeto".</summary>
    Purpose,

    /// <summary>"Tipo de contrato".</summary>
    Type,

    /// <summary>"Modalidad".</summary>
    Modality,

    /// <summary>"Valor total".</summary>
    TotalValue,

    /// <summary>"Valor mensual pactado".</summary>
    MonthlyFee,

    /// <summary>"Fecha de inicio".</summary>
    StartsOn,

    /// <summary>"Fecha de terminación".</summary>
    EndsOn,

    /// <summary>"CDP".</summary>
    CdpNumber,

    /// <summary>"RP".</summary>
    RpNumber,

    /// <summary>The Entidad Estatal (chosen on the form by its NIT).</summary>
    EntityId,

    /// <summary>The contratista (chosen on the form by e-mail or document number).</summary>
    ContractorId,

    /// <summary>The supervisor (chosen on the form by e-mail or document number).</summary>
    SupervisorId,
}
