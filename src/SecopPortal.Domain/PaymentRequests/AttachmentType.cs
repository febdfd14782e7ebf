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
        AttachmentType.ArlCertificate,
        AttachmentType.PreviousPaymentOrder,
        AttachmentType.BankCertificate,
        AttachmentType.Rut,
        AttachmentType.TaxPaymentProof,
        AttachmentType.Evidence,
        AttachmentType.Other,
    ];

    public static bool IsContractorChoice(this AttachmentType type) => ContractorChoices.Contains(type);

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
        AttachmentType.PaymentSupport => "Soporte de pago",
        _ => type.ToString(),
    };
}
