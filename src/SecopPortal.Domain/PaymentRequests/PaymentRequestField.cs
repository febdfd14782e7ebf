namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// The keys of a payment request's violations (<see cref="Common.RuleViolation.Of{TField}"/>): each member is
/// named as the property of the Web input the message is shown next to, and a Web test holds every member
/// against those inputs, so a rename breaks a test rather than a page.
/// </summary>
public enum PaymentRequestField
{
    /// <summary>"CUFE" on the cuenta de cobro form.</summary>
    Cufe = 1,

    /// <summary>"Número de factura".</summary>
    InvoiceNumber,

    /// <summary>"Periodo desde".</summary>
    PeriodFrom,

    /// <summary>"Periodo hasta".</summary>
    PeriodTo,

    /// <summary>"Fecha de emisión".</summary>
    IssuedOn,

    /// <summary>"Fecha de vencimiento".</summary>
    DueOn,

    /// <summary>"Fecha de recepción original", on the form and on "Aprobar".</summary>
    ReceivedOn,

    /// <summary>"Número de radicación".</summary>
    FilingNumber,

    /// <summary>"Valor neto".</summary>
    NetValue,

    /// <summary>"Valor total".</summary>
    TotalValue,

    /// <summary>"Notas".</summary>
    Notes,

    /// <summary>"Número de planilla".</summary>
    PilaNumber,

    /// <summary>"Fecha de pago de la planilla".</summary>
    PilaPaidOn,

    /// <summary>The form's documents section (a missing required document), not an input of its own.</summary>
    Documents,

    /// <summary>"Motivo del rechazo" on "Rechazar".</summary>
    Reason,

    /// <summary>"Registro presupuestal (RP)" on "Aprobar".</summary>
    RpNumber,

    /// <summary>"Fecha real de pago" on "Marcar como pagado".</summary>
    PaidOn,

    /// <summary>"Soporte de pago" on "Marcar como pagado".</summary>
    PaymentSupport,
}
