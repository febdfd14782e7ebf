using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Contracts;

/// <summary>The editable data of a contract, validated as a whole.</summary>
public sealed record ContractDetails(
    string Number,
    string Purpose,
    ContractType Type,
    ContractModality Modality,
    decimal TotalValue,
    decimal? MonthlyFee,
    DateOnly SignedOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string? CdpNumber,
    string? RpNumber,
    bool RequiresElectronicInvoice)
{
    public const int NumberMaxLength = 50;
    public const int PurposeMaxLength = 2000;
    public const int BudgetNumberMaxLength = 30;

    /// <summary>Returns a trimmed copy, or throws every violated rule at once (docs/product.md §3.1).</summary>
    public ContractDetails Validated()
    {
        var rules = new RuleCollector();
        var number = (Number ?? string.Empty).Trim();
        var purpose = (Purpose ?? string.Empty).Trim();
        rules.Require(number.Length > 0, ContractField.Number, "El número del contrato es obligatorio.");
        rules.Require(number.Length <= NumberMaxLength, ContractField.Number, $"El número del contrato admite como máximo {SpanishText.Number(NumberMaxLength)} caracteres.");
        rules.Require(purpose.Length > 0, ContractField.Purpose, "El objeto del contrato es obligatorio.");
        rules.Require(purpose.Length <= PurposeMaxLength, ContractField.Purpose, $"El objeto del contrato admite como máximo {SpanishText.Number(PurposeMaxLength)} caracteres.");
        rules.Require(Enum.IsDefined(Type), ContractField.Type, "Seleccione el tipo de contrato.");
        rules.Require(Enum.IsDefined(Modality), ContractField.Modality, "Seleccione la modalidad de contratación.");
        rules.Require(TotalValue > 0, ContractField.TotalValue, "El valor total del contrato debe ser mayor que cero.");
        rules.Require(decimal.Round(TotalValue, 2) == TotalValue, ContractField.TotalValue, "El valor total admite como máximo dos decimales.");
        if (MonthlyFee is { } fee)
        {
            rules.Require(fee > 0, ContractField.MonthlyFee, "El valor mensual pactado debe ser mayor que cero.");
            rules.Require(fee <= TotalValue, ContractField.MonthlyFee, "El valor mensual pactado no puede superar el valor total del contrato.");
        }

        rules.Require(StartsOn >= SignedOn, ContractField.StartsOn, "La fecha de inicio no puede ser anterior a la fecha de firma.");
        rules.Require(EndsOn >= StartsOn, ContractField.EndsOn, "La fecha de terminación no puede ser anterior a la fecha de inicio.");
        var cdp = Clean(CdpNumber);
        var rp = Clean(RpNumber);
        rules.Require(cdp is null || cdp.Length <= BudgetNumberMaxLength, ContractField.CdpNumber, $"El número de CDP admite como máximo {SpanishText.Number(BudgetNumberMaxLength)} caracteres.");
        rules.Require(rp is null || rp.Length <= BudgetNumberMaxLength, ContractField.RpNumber, $"El número de RP admite como máximo {SpanishText.Number(BudgetNumberMaxLength)} caracteres.");
        rules.ThrowIfAny();
        return this with { Number = number, Purpose = purpose, CdpNumber = cdp, RpNumber = rp };
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
