using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// The checks of what a command of <see cref="PaymentRequest"/> is given: the contract of "Crear", the draft of
/// "Guardar", the reason of "Rechazar", the data of "Aprobar" and "Marcar como pagado", the document of "Anexar".
/// The data checks throw <see cref="DomainValidationException"/> with every violation at once, keyed by
/// <see cref="PaymentRequestField"/> or <see cref="UploadField"/>. The rules of "Confirmar" and "Enviar" are
/// <see cref="PaymentRequestAssessor"/>'s.
/// </summary>
internal static class PaymentRequestChecks
{
    /// <summary>
    /// docs/product.md §3.3 and §5.3: requests are created only while the contract accepts them (En ejecución,
    /// Suspendido, or Terminado until it is liquidated), and only by its contractor.
    /// </summary>
    /// <exception cref="DomainException">When either does not hold.</exception>
    public static void Creation(Contract contract, Guid contractorId)
    {
        if (!contract.AcceptsPaymentRequests)
        {
            throw new DomainException(
                $"No se pueden crear cuentas de cobro porque el contrato está «{contract.Status.ToLabel()}»; solo se puede cuando está {Contract.AcceptingStatesText}.");
        }

        if (contractorId != contract.ContractorId)
        {
            throw new DomainException("Solo el contratista del contrato puede crear cuentas de cobro.");
        }
    }

    /// <summary>
    /// docs/product.md §7: what a draft must be to be stored ("Guardar"): strings trimmed (empty → null), the CUFE
    /// lowercased and dropped when not invoicing, lengths within the columns, amounts with at most two decimals.
    /// </summary>
    /// <returns>The draft as it is stored.</returns>
    public static PaymentRequestDraft Storable(PaymentRequestDraft data)
    {
        var rules = new RuleCollector();
        var cufe = data.IssuesElectronicInvoice ? Clean(data.Cufe)?.ToLowerInvariant() : null;
        var invoiceNumber = Clean(data.InvoiceNumber);
        var filingNumber = Clean(data.FilingNumber);
        var notes = Clean(data.Notes);
        var pilaNumber = Clean(data.PilaNumber);

        RequireMaxLength(rules, PaymentRequestField.Cufe, cufe, PaymentRequestRules.CufeMaxLength, "El CUFE admite");
        RequireMaxLength(rules, PaymentRequestField.InvoiceNumber, invoiceNumber, PaymentRequestRules.InvoiceNumberMaxLength, "El número de factura admite");
        RequireMaxLength(rules, PaymentRequestField.FilingNumber, filingNumber, PaymentRequestRules.FilingNumberMaxLength, "El número de radicación admite");
        RequireMaxLength(rules, PaymentRequestField.Notes, notes, PaymentRequestRules.NotesMaxLength, "Las notas admiten");
        RequireMaxLength(rules, PaymentRequestField.PilaNumber, pilaNumber, PaymentRequestRules.PilaNumberMaxLength, "El número de planilla admite");
        RequireStorableAmount(rules, PaymentRequestField.NetValue, data.NetValue, "El valor neto");
        RequireStorableAmount(rules, PaymentRequestField.TotalValue, data.TotalValue, "El valor total");
        rules.ThrowIfAny();

        return data with
        {
            Cufe = cufe,
            InvoiceNumber = invoiceNumber,
            FilingNumber = filingNumber,
            Notes = notes,
            PilaNumber = pilaNumber,
        };
    }

    /// <summary>docs/product.md §11.1: the reason of "Rechazar", at least 10 and at most 2,000 characters.</summary>
    /// <returns>The reason, trimmed.</returns>
    public static string RejectionReason(string? reason)
    {
        var text = (reason ?? string.Empty).Trim();
        var rules = new RuleCollector();
        rules.Require(
            text.Length >= PaymentRequestRules.RejectionReasonMinLength,
            PaymentRequestField.Reason,
            $"Escriba el motivo del rechazo (al menos {SpanishText.Count(PaymentRequestRules.RejectionReasonMinLength)} caracteres) para que el contratista sepa qué corregir.");
        RequireMaxLength(rules, PaymentRequestField.Reason, text, PaymentRequestRules.RejectionReasonMaxLength, "El motivo del rechazo admite");
        rules.ThrowIfAny();
        return text;
    }

    /// <summary>
    /// docs/product.md §11.2: "Aprobar" needs the RP and a "Fecha de recepción original" neither in the future nor
    /// before the period billed.
    /// </summary>
    /// <returns>The RP number, trimmed.</returns>
    public static string Approval(DateOnly receivedOn, string? rpNumber, DateOnly? periodFrom, DateOnly today)
    {
        var rp = Clean(rpNumber);
        var rules = new RuleCollector();
        rules.Require(rp is not null, PaymentRequestField.RpNumber, "Escriba el número del registro presupuestal (RP).");
        RequireMaxLength(rules, PaymentRequestField.RpNumber, rp, PaymentRequestRules.RpNumberMaxLength, "El número del registro presupuestal admite");
        RequireReceptionDate(rules, receivedOn, periodFrom, today);
        rules.ThrowIfAny();
        return rp!;
    }

    /// <summary>
    /// docs/product.md §11.3: the "Fecha real de pago" is neither in the future nor before the emission date, and
    /// the optional document is a "Soporte de pago".
    /// </summary>
    public static void Payment(DateOnly paidOn, DateOnly? issuedOn, Attachment? paymentSupport, DateOnly today)
    {
        var rules = new RuleCollector();
        RequireNotAfterToday(rules, PaymentRequestField.PaidOn, paidOn, "La fecha real de pago", today);
        if (issuedOn is { } issued)
        {
            rules.Require(
                paidOn >= issued,
                PaymentRequestField.PaidOn,
                $"La fecha real de pago no puede ser anterior a la fecha de emisión ({SpanishText.Date(issued)}).");
        }

        rules.Require(
            paymentSupport is null || paymentSupport.Type == AttachmentType.PaymentSupport,
            PaymentRequestField.PaymentSupport,
            $"El soporte de pago debe anexarse con el tipo «{AttachmentType.PaymentSupport.ToLabel()}».");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// docs/product.md §10: a document the contractor attaches has a type from the list (never the "Soporte de
    /// pago"), evidence follows the ZIP naming, and all the request's documents fit in
    /// <paramref name="maxTotalBytes"/>.
    /// </summary>
    /// <param name="currentBytes">What the request's documents already add up to.</param>
    public static void Attachment(Attachment attachment, long currentBytes, long maxTotalBytes)
    {
        var rules = new RuleCollector();
        if (attachment.Type == AttachmentType.PaymentSupport)
        {
            rules.Add(UploadField.Type, "El soporte de pago lo anexa el supervisor al marcar la cuenta de cobro como pagada.");
        }
        else if (!attachment.Type.IsContractorChoice())
        {
            rules.Add(UploadField.Type, "Seleccione un tipo de documento de la lista.");
        }

        if (attachment.Type == AttachmentType.Evidence)
        {
            rules.Require(
                PaymentRequestRules.IsValidEvidenceFileName(attachment.FileName)
                    && attachment.ContentType.Contains("zip", StringComparison.OrdinalIgnoreCase),
                UploadField.File,
                $"Las evidencias deben ser un archivo ZIP llamado EVIDENCIAS_<MES>_<AÑO>.zip, con el mes en mayúsculas; por ejemplo, {PaymentRequestRules.EvidenceFileNameExample}.");
        }

        rules.Require(
            currentBytes + attachment.SizeBytes <= maxTotalBytes,
            UploadField.File,
            $"Los documentos de una cuenta de cobro no pueden sumar más de {SpanishText.Megabytes(maxTotalBytes)} MB; ya hay {SpanishText.Megabytes(currentBytes)} MB anexados y este archivo tiene {SpanishText.Megabytes(attachment.SizeBytes)} MB.");
        rules.ThrowIfAny();
    }

    /// <summary>
    /// docs/product.md §8.5: the "Fecha de recepción original" is neither later than today nor earlier than the
    /// period billed. Checked by "Confirmar" and again by "Aprobar", where the supervisor confirms it.
    /// </summary>
    public static void RequireReceptionDate(RuleCollector rules, DateOnly receivedOn, DateOnly? periodFrom, DateOnly today)
    {
        const string subject = "La fecha de recepción original";
        RequireNotAfterToday(rules, PaymentRequestField.ReceivedOn, receivedOn, subject, today);
        RequireNotBeforePeriod(rules, PaymentRequestField.ReceivedOn, receivedOn, periodFrom, subject);
    }

    /// <param name="subject">The date's name as a sentence starts it, e.g. "La fecha de pago de la planilla".</param>
    public static void RequireNotAfterToday(RuleCollector rules, PaymentRequestField field, DateOnly date, string subject, DateOnly today) =>
        rules.Require(date <= today, field, $"{subject} no puede ser posterior a hoy ({SpanishText.Date(today)}).");

    /// <param name="subject">The date's name as a sentence starts it, e.g. "La fecha de emisión".</param>
    public static void RequireNotBeforePeriod(RuleCollector rules, PaymentRequestField field, DateOnly date, DateOnly? periodFrom, string subject)
    {
        if (periodFrom is { } from)
        {
            rules.Require(date >= from, field, $"{subject} no puede ser anterior al inicio del periodo cobrado ({SpanishText.Date(from)}).");
        }
    }

    /// <param name="subjectAndVerb">The field's name with its verb in agreement, e.g. "Las notas admiten".</param>
    public static void RequireMaxLength(RuleCollector rules, PaymentRequestField field, string? value, int maxLength, string subjectAndVerb) =>
        rules.Require(
            value is null || value.Length <= maxLength,
            field,
            $"{subjectAndVerb} como máximo {SpanishText.Count(maxLength)} caracteres.");

    /// <summary>The value trimmed, or null when nothing is left.</summary>
    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static void RequireStorableAmount(RuleCollector rules, PaymentRequestField field, decimal? value, string subject)
    {
        if (value is not { } amount)
        {
            return;
        }

        rules.Require(decimal.Round(amount, 2) == amount, field, $"{subject} admite como máximo dos decimales.");
        rules.Require(Math.Abs(amount) <= PaymentRequestRules.MaxAmount, field, $"{subject} es demasiado grande.");
    }
}
