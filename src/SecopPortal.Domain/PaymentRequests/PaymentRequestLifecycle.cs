namespace SecopPortal.Domain.PaymentRequests;

/// <summary>Everything a user can do to a payment request, each allowed only in the states of <see cref="PaymentRequestLifecycle"/>.</summary>
public enum PaymentRequestCommand
{
    /// <summary>"Guardar": the form's data.</summary>
    Save = 1,

    /// <summary>"Anexar": a supporting document.</summary>
    Attach,

    /// <summary>"Quitar": a supporting document.</summary>
    Detach,

    /// <summary>"Confirmar".</summary>
    Confirm,

    /// <summary>"Registro": back to editing before sending.</summary>
    Reopen,

    /// <summary>"Enviar" to the Entidad Estatal.</summary>
    Send,

    /// <summary>"Borrar" a request never sent.</summary>
    Delete,

    /// <summary>"Rechazar" (supervisor).</summary>
    Reject,

    /// <summary>"Editar" a rejected request to send it again.</summary>
    EditAfterRejection,

    /// <summary>"Aprobar" (supervisor).</summary>
    Approve,

    /// <summary>"Marcar como pagado" (supervisor or entity).</summary>
    MarkPaid,
}

/// <summary>
/// The payment request's life in one table: for each command, the states it is allowed in, the state it leads
/// to (none when it changes the data but not the state) and the words of the refusal
/// ("No se puede {verb} cuando el estado es «…»"). <see cref="PaymentRequest"/> checks every command here and
/// moves only along it; docs/lifecycle.md draws the same table and docs/product.md §5.2 says it in words.
/// </summary>
public static class PaymentRequestLifecycle
{
    private static readonly Dictionary<PaymentRequestCommand, Step> Steps = new()
    {
        [PaymentRequestCommand.Save] = new([PaymentRequestStatus.Editing], null, "guardar cambios", null),
        [PaymentRequestCommand.Attach] = new([PaymentRequestStatus.Editing], null, "anexar documentos", null),
        [PaymentRequestCommand.Detach] = new([PaymentRequestStatus.Editing], null, "quitar documentos", null),
        [PaymentRequestCommand.Confirm] = new(
            [PaymentRequestStatus.Editing], PaymentRequestStatus.PendingRegistration, "confirmar", PaymentRequestActions.Confirm),
        [PaymentRequestCommand.Reopen] = new(
            [PaymentRequestStatus.PendingRegistration], PaymentRequestStatus.Editing, "volver a edición", PaymentRequestActions.Reopen),
        [PaymentRequestCommand.Send] = new(
            [PaymentRequestStatus.PendingRegistration], PaymentRequestStatus.Sent, "enviar", PaymentRequestActions.Send),
        [PaymentRequestCommand.Delete] = new(
            [PaymentRequestStatus.Editing, PaymentRequestStatus.PendingRegistration], null, "borrar", null),
        [PaymentRequestCommand.Reject] = new(
            [PaymentRequestStatus.Sent], PaymentRequestStatus.Rejected, "rechazar", PaymentRequestActions.Reject),
        [PaymentRequestCommand.EditAfterRejection] = new(
            [PaymentRequestStatus.Rejected], PaymentRequestStatus.Editing, "editar", PaymentRequestActions.EditAfterRejection),
        [PaymentRequestCommand.Approve] = new(
            [PaymentRequestStatus.Sent], PaymentRequestStatus.Approved, "aprobar", PaymentRequestActions.Approve),
        [PaymentRequestCommand.MarkPaid] = new(
            [PaymentRequestStatus.Approved], PaymentRequestStatus.Paid, "marcar como pagado", PaymentRequestActions.MarkPaid),
    };

    /// <summary>Whether <paramref name="command"/> is allowed in <paramref name="status"/>.</summary>
    public static bool Allows(PaymentRequestStatus status, PaymentRequestCommand command) => StepOf(command).From.Contains(status);

    /// <summary>The commands allowed in <paramref name="status"/>.</summary>
    public static IReadOnlyList<PaymentRequestCommand> CommandsIn(PaymentRequestStatus status) =>
        Steps.Where(s => s.Value.From.Contains(status)).Select(s => s.Key).ToList();

    /// <summary>The state <paramref name="command"/> leads to; null when it leaves the state as it is.</summary>
    public static PaymentRequestStatus? TargetOf(PaymentRequestCommand command) => StepOf(command).To;

    /// <summary>
    /// The label its history entry records (one of <see cref="PaymentRequestActions"/>); null for a command that
    /// does not change the state.
    /// </summary>
    public static string? HistoryLabelOf(PaymentRequestCommand command) => StepOf(command).HistoryLabel;

    /// <summary>Throws <see cref="Common.InvalidTransitionException"/> unless <paramref name="command"/> is allowed in <paramref name="status"/>.</summary>
    public static void EnsureAllowed(PaymentRequestStatus status, PaymentRequestCommand command)
    {
        if (!Allows(status, command))
        {
            throw new Common.InvalidTransitionException(StepOf(command).Verb, status.ToLabel());
        }
    }

    private static Step StepOf(PaymentRequestCommand command) =>
        Steps.TryGetValue(command, out var step) ? step : throw new ArgumentOutOfRangeException(nameof(command), command, "Not a payment request command.");

    private sealed record Step(PaymentRequestStatus[] From, PaymentRequestStatus? To, string Verb, string? HistoryLabel);
}
