using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>The contract form. Property names match <see cref="ContractDetails"/> so the domain's violations land next to their fields.</summary>
public sealed class ContractInput
{
    /// <summary>The entity's NIT, with its check digit ("899999001-7", "899.999.001-7" or "8999990017").</summary>
    public string? EntityNit { get; set; }

    public string? Number { get; set; }

    public string? Purpose { get; set; }

    public ContractType? Type { get; set; }

    public ContractModality? Modality { get; set; }

    [ModelBinder(typeof(PesoAmountModelBinder))]
    public decimal? TotalValue { get; set; }

    [ModelBinder(typeof(PesoAmountModelBinder))]
    public decimal? MonthlyFee { get; set; }

    public DateOnly? SignedOn { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public string? CdpNumber { get; set; }

    public string? RpNumber { get; set; }

    public bool RequiresElectronicInvoice { get; set; }

    /// <summary>The contractor's e-mail or document number.</summary>
    public string? Contractor { get; set; }

    /// <summary>The supervisor's e-mail or document number.</summary>
    public string? Supervisor { get; set; }

    /// <summary>The version the admin loaded; only when editing.</summary>
    public Guid? ConcurrencyStamp { get; set; }

    public ContractDetails ToDetails() => new(
        Number ?? string.Empty,
        Purpose ?? string.Empty,
        Type!.Value,
        Modality!.Value,
        TotalValue!.Value,
        MonthlyFee,
        SignedOn!.Value,
        StartsOn!.Value,
        EndsOn!.Value,
        CdpNumber,
        RpNumber,
        RequiresElectronicInvoice);
}

/// <summary>Only what the form needs to build a <see cref="ContractDetails"/>; the rules themselves are the domain's.</summary>
public sealed class ContractInputValidator : AbstractValidator<ContractInput>
{
    public ContractInputValidator()
    {
        RuleFor(x => x.EntityNit).NotEmpty().WithMessage("Escriba el NIT de la Entidad Estatal.");
        RuleFor(x => x.Number).NotEmpty().WithMessage("El número del contrato es obligatorio.");
        RuleFor(x => x.Purpose).NotEmpty().WithMessage("El objeto del contrato es obligatorio.");
        RuleFor(x => x.Type).NotNull().WithMessage("Seleccione el tipo de contrato.");
        RuleFor(x => x.Modality).NotNull().WithMessage("Seleccione la modalidad de contratación.");
        RuleFor(x => x.TotalValue).NotNull().WithMessage("Escriba el valor total del contrato, por ejemplo 27.000.000.");
        RuleFor(x => x.SignedOn).NotNull().WithMessage("Escriba la fecha de firma.");
        RuleFor(x => x.StartsOn).NotNull().WithMessage("Escriba la fecha de inicio.");
        RuleFor(x => x.EndsOn).NotNull().WithMessage("Escriba la fecha de terminación.");
        RuleFor(x => x.Contractor).NotEmpty().WithMessage("Escriba el correo electrónico o el número de documento del contratista.");
        RuleFor(x => x.Supervisor).NotEmpty().WithMessage("Escriba el correo electrónico o el número de documento del supervisor.");
    }
}

public sealed class ContractStatusInput
{
    public ContractStatus? NewStatus { get; set; }

    public Guid? ConcurrencyStamp { get; set; }
}

/// <summary>The contract's current state and where it may go next.</summary>
public sealed record ContractStatusPanel(int Id, string Number, ContractStatus Status, IReadOnlyList<ContractStatus> AllowedTransitions, Guid ConcurrencyStamp);

public sealed record ContractSnapshot(ContractInput Input, ContractStatusPanel Status);

public sealed class ContractFormPage
{
    public required ContractInput Input { get; init; }

    /// <summary>Who and what the typed NIT and e-mails stand for now, shown under each field.</summary>
    public required ContractParties Parties { get; init; }

    /// <summary>Null while creating.</summary>
    public ContractStatusPanel? Status { get; init; }

    public required ContractStatusInput StatusInput { get; init; }
}

public sealed record EntityOption(int Id, string Name, string Nit);

/// <summary>A person as the contract form names them under the field: "María Fernanda Torres León — CC 52123456".</summary>
public sealed record PartyOption(Guid Id, string FullName, DocumentType? DocumentType, string? DocumentNumber, bool IsActive)
{
    public string Label
    {
        get
        {
            var document = DocumentType is { } type && !string.IsNullOrEmpty(DocumentNumber) ? $"{Abbreviation(type)} {DocumentNumber}" : "sin documento registrado";
            return IsActive ? $"{FullName} — {document}" : $"{FullName} — {document} (desactivado)";
        }
    }

    /// <summary>The short forms Colombian forms use: CC, CE, NIT, PA, PPT.</summary>
    private static string Abbreviation(DocumentType type) => type switch
    {
        Domain.Common.DocumentType.CedulaDeCiudadania => "CC",
        Domain.Common.DocumentType.CedulaDeExtranjeria => "CE",
        Domain.Common.DocumentType.Nit => "NIT",
        Domain.Common.DocumentType.Pasaporte => "PA",
        Domain.Common.DocumentType.PermisoPorProteccionTemporal => "PPT",
        _ => type.ToLabel(),
    };
}

/// <summary>What the form's NIT and the two people's e-mails or documents stand for, when each names exactly one entity, or one user of the role.</summary>
public sealed record ContractParties(EntityOption? Entity, PartyOption? Contractor, PartyOption? Supervisor);
