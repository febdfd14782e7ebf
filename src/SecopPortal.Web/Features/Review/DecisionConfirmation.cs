using System.Globalization;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Review;

/// <summary>One line of what a decision will record: its label and value.</summary>
/// <param name="Source">
/// On the review page's dialog, the id of the form control the value is read from when the dialog opens (the value here
/// is then what the form shows when the page is rendered); null for facts that do not depend on the form.
/// </param>
/// <param name="Format">How the dialog writes the control's value: "date" (dd/MM/yyyy), "file" (the chosen file's name) or "text".</param>
public sealed record ConfirmationFact(string Label, string Value, string? Source = null, string Format = "text");

/// <summary>
/// "Aprobaciones involuntarias" (issue 9): "Aprobar" and "Marcar como pagado" first show what will be recorded and
/// ask again, with JavaScript in a dialog on the review page and without it on a page of its own
/// (<c>Views/Review/Confirm.cshtml</c>). Only a post carrying <c>Confirmed=true</c> records. Both say the same, from here.
/// </summary>
public static class DecisionConfirmation
{
    public const string ApproveConsequence =
        "La aprobación no se puede deshacer. Se notificará al contratista en el portal y por correo electrónico, y la cuenta quedará pendiente de pago.";

    public const string PaidConsequence =
        "No se puede deshacer. Se notificará al contratista en el portal y por correo electrónico que su cuenta de cobro fue pagada.";

    public const string NoSupport = "Sin soporte de pago";

    /// <summary>What "Sí, aprobar" records, with the values of <paramref name="input"/>.</summary>
    public static IReadOnlyList<ConfirmationFact> Approval(PaymentRequestPage page, Approve.Input input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        return
        [
            .. RequestFacts(page),
            new("Nuevo estado", PaymentRequestStatus.Approved.ToLabel()),
            new("Fecha de recepción original", Display.Date(input.ReceivedOn), $"{Approve.Prefix}_{nameof(Approve.Input.ReceivedOn)}", "date"),
            new("Registro presupuestal (RP)", string.IsNullOrWhiteSpace(input.RpNumber) ? "—" : input.RpNumber.Trim(), $"{Approve.Prefix}_{nameof(Approve.Input.RpNumber)}"),
            new("Fecha de aprobación", Display.Date(today)),
        ];
    }

    /// <summary>What "Sí, marcar como pagado" records, with the values of <paramref name="input"/>.</summary>
    public static IReadOnlyList<ConfirmationFact> Payment(PaymentRequestPage page, MarkPaid.Input input, string? supportFileName, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        return
        [
            .. RequestFacts(page),
            new("Nuevo estado", PaymentRequestStatus.Paid.ToLabel()),
            new("Fecha real de pago", Display.Date(input.PaidOn), $"{MarkPaid.Prefix}_{nameof(MarkPaid.Input.PaidOn)}", "date"),
            new("Soporte de pago", supportFileName ?? NoSupport, $"{MarkPaid.Prefix}_{nameof(MarkPaid.Input.PaymentSupport)}", "file"),
            new("Fecha de registro del pago", Display.Date(today)),
        ];
    }

    /// <summary>The confirmation step of "Aprobar": the facts and the hidden fields of "Sí, aprobar".</summary>
    public static PendingDecision Pending(Approve.Input confirmed, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        return new PendingDecision(
            ReviewForm.Approve,
            Fields(Approve.Prefix, confirmed.ConcurrencyStamp, confirmed.Confirmed, (nameof(Approve.Input.ReceivedOn), IsoDate(confirmed.ReceivedOn)), (nameof(Approve.Input.RpNumber), confirmed.RpNumber)),
            page => Approval(page, confirmed, today));
    }

    /// <summary>The confirmation step of "Marcar como pagado": the facts and the hidden fields of "Sí, marcar como pagado".</summary>
    public static PendingDecision Pending(MarkPaid.Preview preview, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var confirmed = preview.Confirmed;
        return new PendingDecision(
            ReviewForm.MarkPaid,
            Fields(MarkPaid.Prefix, confirmed.ConcurrencyStamp, confirmed.Confirmed, (nameof(MarkPaid.Input.PaidOn), IsoDate(confirmed.PaidOn)), (nameof(MarkPaid.Input.PendingSupport), confirmed.PendingSupport)),
            page => Payment(page, confirmed, preview.SupportFileName, today));
    }

    /// <summary>The form's fields under its prefix (dates as yyyy-MM-dd, as the date inputs post them).</summary>
    private static Dictionary<string, string> Fields(string prefix, Guid? version, bool confirmed, params (string Name, string? Value)[] values)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{prefix}.ConcurrencyStamp"] = version?.ToString() ?? string.Empty,
            [$"{prefix}.Confirmed"] = confirmed ? "true" : "false",
        };
        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            fields[$"{prefix}.{name}"] = value!;
        }

        return fields;
    }

    private static string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<ConfirmationFact> RequestFacts(PaymentRequestPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var r = page.Request;
        yield return new("Número del contrato", page.Contract.Number);
        yield return new("Id de pago", r.Sequence.ToString(CultureInfo.InvariantCulture));
        yield return new("Número de factura", r.InvoiceNumber ?? "—");
        yield return new("Periodo", $"{Display.Date(r.PeriodFrom)} a {Display.Date(r.PeriodTo)}");
        yield return new("Valor total", Display.Money(r.TotalValue));
    }
}

/// <summary>A decision run through the domain but not recorded: which one, the hidden fields of its "Sí, …" and the facts it will record.</summary>
public sealed record PendingDecision(ReviewForm Decision, IReadOnlyDictionary<string, string> Fields, Func<PaymentRequestPage, IReadOnlyList<ConfirmationFact>> Facts);

/// <summary>How the confirmation of a decision is worded, on its page and in its dialog.</summary>
public sealed record DecisionWording(ReviewForm Decision)
{
    public bool IsApproval => Decision == ReviewForm.Approve;

    public string Title => IsApproval ? "¿Aprobar esta cuenta de cobro?" : "¿Marcar como pagada esta cuenta de cobro?";

    public string Consequence => IsApproval ? DecisionConfirmation.ApproveConsequence : DecisionConfirmation.PaidConsequence;

    public string ConfirmLabel => IsApproval ? "Sí, aprobar" : "Sí, marcar como pagado";

    public string BackLabel => IsApproval ? "Volver sin aprobar" : "Volver sin marcar como pagado";

    public string Action => IsApproval ? nameof(ReviewController.Approve) : nameof(ReviewController.MarkPaid);

    /// <summary>The decision's form on the review page ("#aprobar", "#pagado").</summary>
    public string Fragment => IsApproval ? "aprobar" : "pagado";

    /// <summary>The field "Sí, …" posts as "true".</summary>
    public string ConfirmedField => $"{(IsApproval ? Approve.Prefix : MarkPaid.Prefix)}.{nameof(Approve.Input.Confirmed)}";
}

/// <summary>The confirmation step without JavaScript: what will be recorded, and the form that records it.</summary>
public sealed class ReviewConfirmView
{
    public required PaymentRequestPage Page { get; init; }

    public required ReviewAccess Access { get; init; }

    public required DecisionWording Wording { get; init; }

    public required IReadOnlyList<ConfirmationFact> Facts { get; init; }

    /// <summary>The hidden fields of "Sí, …": the version, the values to record and <c>Confirmed=true</c>.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }
}

/// <summary>The review page's dialog for one decision (<c>Views/Review/_DecisionDialog.cshtml</c>).</summary>
public sealed record ReviewDialogModel(string Id, DecisionWording Wording, IReadOnlyList<ConfirmationFact> Facts);
