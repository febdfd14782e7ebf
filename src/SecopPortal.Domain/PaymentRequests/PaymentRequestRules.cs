using System.Text.RegularExpressions;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// The limits and document rules of a payment request (docs/product.md §7 to §11), public for the forms, the
/// database columns and the seeders. The checks that apply them are <see cref="PaymentRequestAssessor"/>'s
/// (Confirmar, Enviar) and <see cref="PaymentRequestChecks"/>' (the other commands).
/// </summary>
public static partial class PaymentRequestRules
{
    public const int NotesMaxLength = 2000;
    public const int RejectionReasonMinLength = 10;
    public const int RejectionReasonMaxLength = 2000;
    public const int CufeLength = 96;
    public const int CufeMaxLength = 96;
    public const int InvoiceNumberMaxLength = 50;
    public const int FilingNumberMaxLength = 50;
    public const int PilaNumberMinDigits = 6;
    public const int PilaNumberMaxLength = 20;
    public const int RpNumberMaxLength = 30;

    /// <summary>Largest amount a value field may hold (fits a decimal(18,2) column; docs/product.md §7).</summary>
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    /// <summary>The reception date is timely up to this business day of the month after the period (docs/product.md §8.5).</summary>
    public const int TimelyReceptionBusinessDay = 3;

    /// <summary>Example shown in messages about the evidence ZIP's name (docs/product.md §10.2).</summary>
    public const string EvidenceFileNameExample = "EVIDENCIAS_MARZO_2026.zip";

    /// <summary>
    /// docs/product.md §9: the document types the portal's default rules ask for before confirming (see
    /// <see cref="DocumentRequirements.Default"/>; an entity may set its own).
    /// </summary>
    public static IReadOnlyList<AttachmentType> RequiredDocuments(PersonType contractorPersonType, bool isFirstPayment) =>
        DocumentRequirements.Default.For(contractorPersonType, isFirstPayment);

    /// <summary>
    /// docs/product.md §10.2: whether <paramref name="fileName"/> follows SECOP's evidence naming: <c>EVIDENCIAS_&lt;MES&gt;_&lt;AÑO&gt;.zip</c>
    /// with the Spanish month in capitals (SETIEMBRE is accepted as well as SEPTIEMBRE) and a four-digit year;
    /// the extension may be in any case.
    /// </summary>
    public static bool IsValidEvidenceFileName(string? fileName) =>
        fileName is not null && EvidenceFileName().IsMatch(fileName);

    /// <summary>
    /// docs/product.md §8.5: the last timely "fecha de recepción original", the third business day of the month
    /// after the period, in <paramref name="calendar"/> (the laws' holidays alone when none is given).
    /// </summary>
    public static DateOnly LatestTimelyReception(DateOnly periodTo, HolidayCalendar? calendar = null)
    {
        var nextMonth = new DateOnly(periodTo.Year, periodTo.Month, 1).AddMonths(1);
        return (calendar ?? HolidayCalendar.BuiltIn).NthBusinessDayOfMonth(nextMonth.Year, nextMonth.Month, TimelyReceptionBusinessDay);
    }

    /// <summary>docs/product.md §8.8: whether a PILA number is well formed: digits only, at least <see cref="PilaNumberMinDigits"/>.</summary>
    public static bool IsValidPilaNumber(string? pilaNumber) =>
        pilaNumber is not null
        && pilaNumber.Length >= PilaNumberMinDigits
        && pilaNumber.Length <= PilaNumberMaxLength
        && pilaNumber.All(char.IsAsciiDigit);

    /// <summary>docs/product.md §8.2: whether a CUFE is well formed: exactly 96 hexadecimal characters.</summary>
    public static bool IsValidCufe(string? cufe) =>
        cufe is not null && cufe.Length == CufeLength && cufe.All(char.IsAsciiHexDigit);

    [GeneratedRegex(
        @"^EVIDENCIAS_(ENERO|FEBRERO|MARZO|ABRIL|MAYO|JUNIO|JULIO|AGOSTO|SEPTIEMBRE|SETIEMBRE|OCTUBRE|NOVIEMBRE|DICIEMBRE)_[0-9]{4}\.(?i:zip)\z",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex EvidenceFileName();
}
