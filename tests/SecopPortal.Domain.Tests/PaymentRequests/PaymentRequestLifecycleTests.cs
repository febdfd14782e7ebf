using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

/// <summary>
/// What the lifecycle table records besides the moves (those are checked pair by pair against the hand-written
/// table of <see cref="PaymentRequestStateMachineTests"/>): the button each change is recorded under, and the
/// refusal's words.
/// </summary>
public sealed class PaymentRequestLifecycleTests
{
    [Theory]
    [InlineData(PaymentRequestCommand.Confirm, PaymentRequestStatus.PendingRegistration, "Confirmar")]
    [InlineData(PaymentRequestCommand.Reopen, PaymentRequestStatus.Editing, "Registro")]
    [InlineData(PaymentRequestCommand.Send, PaymentRequestStatus.Sent, "Enviar")]
    [InlineData(PaymentRequestCommand.Reject, PaymentRequestStatus.Rejected, "Rechazar")]
    [InlineData(PaymentRequestCommand.EditAfterRejection, PaymentRequestStatus.Editing, "Editar")]
    [InlineData(PaymentRequestCommand.Approve, PaymentRequestStatus.Approved, "Aprobar")]
    [InlineData(PaymentRequestCommand.MarkPaid, PaymentRequestStatus.Paid, "Marcar como pagado")]
    public void A_state_change_leads_to_its_state_and_is_recorded_under_its_button(PaymentRequestCommand command, PaymentRequestStatus target, string label)
    {
        Assert.Equal(target, PaymentRequestLifecycle.TargetOf(command));
        Assert.Equal(label, PaymentRequestLifecycle.HistoryLabelOf(command));
    }

    [Fact]
    public void Commands_that_keep_the_state_record_no_history()
    {
        PaymentRequestCommand[] keeping = [PaymentRequestCommand.Save, PaymentRequestCommand.Attach, PaymentRequestCommand.Detach, PaymentRequestCommand.Delete];

        Assert.All(keeping, command => Assert.Null(PaymentRequestLifecycle.TargetOf(command)));
        Assert.All(keeping, command => Assert.Null(PaymentRequestLifecycle.HistoryLabelOf(command)));
    }

    [Fact]
    public void A_refusal_names_the_action_and_the_state_in_spanish()
    {
        var refusal = Assert.Throws<InvalidTransitionException>(
            () => PaymentRequestLifecycle.EnsureAllowed(PaymentRequestStatus.Paid, PaymentRequestCommand.Approve));

        Assert.Equal("No se puede aprobar cuando el estado es «Pagado».", refusal.Message);
    }
}
