using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>The kind of document attached to a payment request ("Tipo de documento").</summary>
public enum AttachmentType
{
    /// <summary>Cuenta de cobro o factura.</summary>
    PaymentClaim = 1,

    /// <summary>Informe de actividades.</summary>
    ActivityReport,

    /// <summary>Planilla de pago de seguridad social (with its payment receipt).</summary>
    SocialSecurityPayment,

    /// <summary>Certificado de ARL vigente.</summary>
    ArlCertificate,

    /// <summary>Orden de pago del mes vencido.</summary>
    PreviousPaymentOrder,

    /// <summary>Certificación bancaria.</summary>
    BankCertificate,

    /// <summary>RUT.</summary>
    Rut,

    /// <summary>Soporte de pago de impuestos.</summary>
    TaxPaymentProof,

    /// <summary>Evidencias: a ZIP named <c>EVIDENCIAS_&lt;MES&gt;_&lt;AÑO&gt;.zip</c>.</summary>
    Evidence,

    /// <summary>Otro.</summary>
    Other,

    /// <summary>
    /// A persona jurídica's proof of its payments to social security and parafiscales: a certification signed by its
    /// revisor fiscal or legal representative (art. 50 Ley 789 de 2002), in place of a PILA planilla.
    /// </summary>
    SocialSecurityCertification,

    /// <summary>Soporte de pago: attached by the supervisor when marking the request paid, never by the contractor.</summary>
    PaymentSupport = 50,
}

public static class AttachmentTypeLabels
{
    /// <summary>
    /// The types a contractor may choose in "Tipo de documento", in display order: every type but the "Soporte de
    /// pago" (docs/product.md §10.1).
    /// </summary>
    public static IReadOnlyList<AttachmentType> ContractorChoices { get; } =
    [
        AttachmentType.PaymentClaim,
        AttachmentType.ActivityReport,
        AttachmentType.SocialSecurityPayment,
        AttachmentType.SocialSecurityCertification,
        AttachmentType.ArlCertificate,
        AttachmentType.PreviousPaymentOrder,
        AttachmentType.BankCertificate,
        AttachmentType.Rut,
        AttachmentType.TaxPaymentProof,
        AttachmentType.Evidence,
        AttachmentType.Other,
    ];

    public static bool IsContractorChoice(this AttachmentType type) => ContractorChoices.Contains(type);

    /// <summary>
    /// The types a contractor of <paramref name="personType"/> may choose: a persona natural proves social security
    /// with the PILA planilla, a persona jurídica with its revisor fiscal's or legal representative's certification
    /// (art. 50 Ley 789 de 2002), so each is offered the one that fits it.
    /// </summary>
    public static IReadOnlyList<AttachmentType> ChoicesFor(PersonType personType) =>
        personType == PersonType.LegalPerson ? LegalEntityChoices : NaturalPersonChoices;

    /// <summary>The document that proves the payments to social security for a contractor of <paramref name="personType"/>.</summary>
    public static AttachmentType SocialSecurityProofFor(PersonType personType) =>
        personType == PersonType.LegalPerson ? AttachmentType.SocialSecurityCertification : AttachmentType.SocialSecurityPayment;

    private static readonly AttachmentType[] NaturalPersonChoices =
        [.. ContractorChoices.Where(t => t != AttachmentType.SocialSecurityCertification)];

    private static readonly AttachmentType[] LegalEntityChoices =
        [.. ContractorChoices.Where(t => t != AttachmentType.SocialSecurityPayment)];

    public static string ToLabel(this AttachmentType type) => type switch
    {
        AttachmentType.PaymentClaim => "Cuenta de cobro o factura",
        AttachmentType.ActivityReport => "Informe de actividades",
        AttachmentType.SocialSecurityPayment => "Planilla de pago de seguridad social",
        AttachmentType.ArlCertificate => "Certificado de ARL vigente",
        AttachmentType.PreviousPaymentOrder => "Orden de pago del mes vencido",
        AttachmentType.BankCertificate => "Certificación bancaria",
        AttachmentType.Rut => "RUT",
        AttachmentType.TaxPaymentProof => "Soporte de pago de impuestos",
        AttachmentType.Evidence => "Evidencias",
        AttachmentType.Other => "Otro",
        AttachmentType.SocialSecurityCertification => "Certificación de pagos de seguridad social y parafiscales",
        AttachmentType.PaymentSupport => "Soporte de pago",
        _ => type.ToString(),
    };
}
