using SecopPortal.Domain.Common;
using System.Globalization;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>
/// Checks a social-security (PILA) payment: the "Validar" next to "Número de planilla". The real check asks the
/// contributions operator; this interface is that external edge, so the portal runs on
/// <see cref="LocalRulesPilaValidator"/> and tests can stand in for the operator.
/// </summary>
public interface IPilaValidator
{
    Task<PilaValidationResult> ValidateAsync(PilaQuery query, CancellationToken cancellationToken);
}

/// <summary>What the operator is asked about.</summary>
/// <param name="PlanillaNumber">"Número de planilla" as typed (trimmed; may be empty).</param>
/// <param name="PaidOn">"Fecha de pago de la planilla".</param>
/// <param name="PeriodFrom">"Periodo desde" of the request: the payment cannot be older than the period.</param>
/// <param name="IsRequired">Whether the contract must prove the PILA payment (<c>Contract.RequiresPilaEvidence</c>).</param>
/// <param name="ContributorDocumentNumber">The contractor's identity document, which the operator needs to find the planilla.</param>
public sealed record PilaQuery(string? PlanillaNumber, DateOnly? PaidOn, DateOnly? PeriodFrom, bool IsRequired, string? ContributorDocumentNumber);

/// <summary>The answer shown next to the planilla: "Consulta exitosa" or the reason it failed.</summary>
/// <param name="IsSuccessful">Whether the planilla was found and is consistent with the request.</param>
/// <param name="Message">Spanish, shown as is.</param>
/// <param name="Field">The field the answer belongs to: <c>PilaNumber</c> or <c>PilaPaidOn</c>.</param>
public sealed record PilaValidationResult(bool IsSuccessful, string Message, string Field)
{
    public const string SuccessMessage = "Consulta exitosa";

    public static PilaValidationResult Success() => new(true, SuccessMessage, nameof(PaymentRequest.PilaNumber));

    public static PilaValidationResult Failure(string field, string message) => new(false, message, field);
}

/// <summary>
/// The built-in answer, from the local rules of docs/product.md §8.8: the check applies only to contracts that must prove the
/// payment; the planilla number has only digits, at least six; the payment date is not in the future and not
/// before the period starts.
/// </summary>
public sealed class LocalRulesPilaValidator(TimeProvider clock) : IPilaValidator
{
    public const string NotApplicableMessage =
        "Este contrato no exige validar la planilla: la validación aplica a personas naturales con contratos de prestación de servicios firmados desde el 11/06/2022.";

    public Task<PilaValidationResult> ValidateAsync(PilaQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(Check(query, BogotaTime.Today(clock)));
    }

    private static PilaValidationResult Check(PilaQuery query, DateOnly today)
    {
        const string number = nameof(PaymentRequest.PilaNumber);
        const string paidOn = nameof(PaymentRequest.PilaPaidOn);
        if (!query.IsRequired)
        {
            return PilaValidationResult.Failure(number, NotApplicableMessage);
        }

        var planilla = query.PlanillaNumber?.Trim();
        if (string.IsNullOrEmpty(planilla))
        {
            return PilaValidationResult.Failure(number, "Escriba el número de la planilla antes de validarla.");
        }

        if (!planilla.All(char.IsAsciiDigit))
        {
            return PilaValidationResult.Failure(number, "No se encontró la planilla: el número solo admite dígitos (0-9), sin letras, espacios ni guiones.");
        }

        if (!PaymentRequestRules.IsValidPilaNumber(planilla))
        {
            return PilaValidationResult.Failure(
                number,
                string.Create(CultureInfo.InvariantCulture, $"No se encontró la planilla: el número debe tener entre {PaymentRequestRules.PilaNumberMinDigits} y {PaymentRequestRules.PilaNumberMaxLength} dígitos."));
        }

        if (query.PaidOn is not { } paid)
        {
            return PilaValidationResult.Failure(paidOn, "Indique la fecha de pago de la planilla antes de validarla.");
        }

        if (paid > today)
        {
            return PilaValidationResult.Failure(paidOn, $"La fecha de pago de la planilla no puede ser posterior a hoy ({Display.Date(today)}).");
        }

        if (query.PeriodFrom is { } from && paid < from)
        {
            return PilaValidationResult.Failure(paidOn, $"La planilla se pagó antes del inicio del periodo cobrado ({Display.Date(from)}); anexe la planilla del periodo.");
        }

        return PilaValidationResult.Success();
    }
}
