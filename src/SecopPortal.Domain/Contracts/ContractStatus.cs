namespace SecopPortal.Domain.Contracts;

/// <summary>Contract states, as SECOP's open data names them.</summary>
public enum ContractStatus
{
    Signed = 1,
    InExecution = 2,
    Suspended = 3,
    Terminated = 4,
    Closed = 5,
    Cancelled = 6,
}

public static class ContractStatusLabels
{
    public static string ToLabel(this ContractStatus status) => status switch
    {
        ContractStatus.Signed => "Firmado",
        ContractStatus.InExecution => "En ejecución",
        ContractStatus.Suspended => "Suspendido",
        ContractStatus.Terminated => "Terminado",
        ContractStatus.Closed => "Cerrado",
        ContractStatus.Cancelled => "Cancelado",
        _ => status.ToString(),
    };
}

/// <summary>Kinds of contract (tipo de contrato) used by Colombian entities in SECOP II.</summary>
public enum ContractType
{
    ProfessionalServices = 1,
    Supply = 2,
    Works = 3,
    Consultancy = 4,
    Purchase = 5,
    Lease = 6,
    Other = 99,
}

/// <summary>Selection procedure (modalidad de contratación).</summary>
public enum ContractModality
{
    DirectContracting = 1,
    PublicTender = 2,
    AbbreviatedSelection = 3,
    MeritContest = 4,
    MinimumAmount = 5,
    SpecialRegime = 6,
}

public static class ContractLabels
{
    public static string ToLabel(this ContractType type) => type switch
    {
        ContractType.ProfessionalServices => "Prestación de servicios",
        ContractType.Supply => "Suministro",
        ContractType.Works => "Obra",
        ContractType.Consultancy => "Consultoría",
        ContractType.Purchase => "Compraventa",
        ContractType.Lease => "Arrendamiento",
        ContractType.Other => "Otro",
        _ => type.ToString(),
    };

    public static string ToLabel(this ContractModality modality) => modality switch
    {
        ContractModality.DirectContracting => "Contratación directa",
        ContractModality.PublicTender => "Licitación pública",
        ContractModality.AbbreviatedSelection => "Selección abreviada",
        ContractModality.MeritContest => "Concurso de méritos",
        ContractModality.MinimumAmount => "Mínima cuantía",
        ContractModality.SpecialRegime => "Régimen especial",
        _ => modality.ToString(),
    };
}
