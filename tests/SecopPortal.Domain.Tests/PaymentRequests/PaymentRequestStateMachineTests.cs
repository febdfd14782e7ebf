using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

public class PaymentRequestStateMachineTests
{
    /// <summary>The allowed (state, action) pairs and the state each leads to (null: the state does not change).</summary>
    private static readonly Dictionary<(PaymentRequestStatus, PaymentRequestCommand), PaymentRequestStatus?> Allowed = new()
    {
        [(PaymentRequestStatus.Editing, PaymentRequestCommand.Confirm)] = PaymentRequestStatus.PendingRegistration,
        [(PaymentRequestStatus.Editing, PaymentRequestCommand.Delete)] = null,
        [(PaymentRequestStatus.Editing, PaymentRequestCommand.Save)] = null,
        [(PaymentRequestStatus.Editing, PaymentRequestCommand.Attach)] = null,
        [(PaymentRequestStatus.Editing, PaymentRequestCommand.Detach)] = null,
        [(PaymentRequestStatus.PendingRegistration, PaymentRequestCommand.Reopen)] = PaymentRequestStatus.Editing,
        [(PaymentRequestStatus.PendingRegistration, PaymentRequestCommand.Send)] = PaymentRequestStatus.Sent,
        [(PaymentRequestStatus.PendingRegistration, PaymentRequestCommand.Delete)] = null,
        [(PaymentRequestStatus.Sent, PaymentRequestCommand.Reject)] = PaymentRequestStatus.Rejected,
        [(PaymentRequestStatus.Sent, PaymentRequestCommand.Approve)] = PaymentRequestStatus.Approved,
        [(PaymentRequestStatus.Rejected, PaymentRequestCommand.EditAfterRejection)] = PaymentRequestStatus.Editing,
        [(PaymentRequestStatus.Approved, PaymentRequestCommand.MarkPaid)] = PaymentRequestStatus.Paid,
    };

    public static TheoryData<PaymentRequestStatus, PaymentRequestCommand> AllowedPairs => Pairs(allowed: true);

    /// <summary>The domain's lifecycle table says the same as this hand-written one, pair by pair.</summary>
    [Fact]
    public void The_lifecycle_table_is_the_expected_one()
    {
        foreach (var state in Enum.GetValues<PaymentRequestStatus>())
        {
            foreach (var command in Enum.GetValues<PaymentRequestCommand>())
            {
                var allowed = Allowed.TryGetValue((state, command), out var target);
                Assert.Equal(allowed, PaymentRequestLifecycle.Allows(state, command));
                if (allowed)
                {
                    Assert.Equal(target, PaymentRequestLifecycle.TargetOf(command));
                }
            }
        }
    }

    public static TheoryData<PaymentRequestStatus, PaymentRequestCommand> ForbiddenPairs => Pairs(allowed: false);

    [Fact]
    public void Every_state_and_action_pair_is_covered_by_one_of_the_theories()
    {
        Assert.Equal(
            Enum.GetValues<PaymentRequestStatus>().Length * Enum.GetValues<PaymentRequestCommand>().Length,
            AllowedPairs.Count + ForbiddenPairs.Count);
        Assert.Equal(12, AllowedPairs.Count);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void Allowed_action_succeeds_and_transitions_are_recorded(PaymentRequestStatus state, PaymentRequestCommand action)
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.BuildIn(state);
        var historyBefore = request.History.Count;
        var attachmentsBefore = request.Attachments.Count;

        Perform(action, request, builder);

        var target = Allowed[(state, action)];
        if (target is { } to)
        {
            Assert.Equal(to, request.Status);
            Assert.Equal(historyBefore + 1, request.History.Count);
            var entry = request.History[^1];
            Assert.Equal(state, entry.From);
            Assert.Equal(to, entry.To);
            Assert.Equal(ActorOf(action), entry.ByUserId);
            Assert.Equal(TestData.Later, entry.AtUtc);
            Assert.Equal(TestData.Later, request.UpdatedAtUtc);
        }
        else
        {
            Assert.Equal(state, request.Status);
            Assert.Equal(historyBefore, request.History.Count);
            switch (action)
            {
                case PaymentRequestCommand.Save:
                    Assert.Equal("Corrección del periodo.", request.Notes);
                    break;
                case PaymentRequestCommand.Attach:
                    Assert.Equal(attachmentsBefore + 1, request.Attachments.Count);
                    break;
                case PaymentRequestCommand.Detach:
                    Assert.Equal(attachmentsBefore - 1, request.Attachments.Count);
                    Assert.DoesNotContain(request.Attachments, a => a.Id == 1);
                    break;
                case PaymentRequestCommand.Delete:
                    Assert.True(request.CanDelete);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(ForbiddenPairs))]
    public void Forbidden_action_throws_invalid_transition_and_changes_nothing(PaymentRequestStatus state, PaymentRequestCommand action)
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.BuildIn(state);
        var historyBefore = request.History.Count;
        var updatedBefore = request.UpdatedAtUtc;

        var error = Assert.Throws<InvalidTransitionException>(() => Perform(action, request, builder));

        Assert.Equal(state, request.Status);
        Assert.Equal(historyBefore, request.History.Count);
        Assert.Equal(updatedBefore, request.UpdatedAtUtc);
        Assert.Equal(state.ToLabel(), error.FromState);
        Assert.Contains($"«{state.ToLabel()}»", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PaymentRequestStatus.Editing, true, false, false, false, false, false, true)]
    [InlineData(PaymentRequestStatus.PendingRegistration, false, true, false, false, false, false, true)]
    [InlineData(PaymentRequestStatus.Sent, false, false, true, true, false, false, false)]
    [InlineData(PaymentRequestStatus.Rejected, false, false, false, false, false, true, false)]
    [InlineData(PaymentRequestStatus.Approved, false, false, false, false, true, false, false)]
    [InlineData(PaymentRequestStatus.Paid, false, false, false, false, false, false, false)]
    public void Can_properties_follow_the_state(
        PaymentRequestStatus state,
        bool canEdit,
        bool canSend,
        bool canReject,
        bool canApprove,
        bool canMarkPaid,
        bool canEditAfterRejection,
        bool canDelete)
    {
        var request = new PaymentRequestBuilder().BuildIn(state);

        Assert.Equal(canEdit, request.CanEdit);
        Assert.Equal(canEdit, request.CanConfirm);
        Assert.Equal(!canEdit, request.IsReadOnlyForContractor);
        Assert.Equal(canSend, request.CanSend);
        Assert.Equal(canSend, request.CanReopen);
        Assert.Equal(canReject, request.CanReject);
        Assert.Equal(canApprove, request.CanApprove);
        Assert.Equal(canMarkPaid, request.CanMarkPaid);
        Assert.Equal(canEditAfterRejection, request.CanEditAfterRejection);
        Assert.Equal(canDelete, request.CanDelete);
    }

    [Fact]
    public void Create_starts_in_editing_with_a_creation_entry()
    {
        var builder = new PaymentRequestBuilder();

        var request = PaymentRequest.Create(builder.Contract, 1, TestData.ContractorId, builder.Draft, TestData.Now);

        Assert.Equal(PaymentRequestStatus.Editing, request.Status);
        Assert.Equal(1, request.Sequence);
        Assert.Equal(TestData.ContractorId, request.ContractorId);
        Assert.NotEqual(Guid.Empty, request.ConcurrencyStamp);
        Assert.Equal(TestData.Now, request.CreatedAtUtc);
        var entry = Assert.Single(request.History);
        Assert.Null(entry.From);
        Assert.Equal(PaymentRequestStatus.Editing, entry.To);
        Assert.Equal("Crear", entry.Action);
        Assert.Equal(TestData.ContractorId, entry.ByUserId);
    }

    [Fact]
    public void Create_by_someone_other_than_the_contractor_is_refused()
    {
        var builder = new PaymentRequestBuilder();

        var error = Assert.Throws<DomainException>(
            () => PaymentRequest.Create(builder.Contract, 1, TestData.SupervisorId, builder.Draft, TestData.Now));

        Assert.Contains("contratista", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_on_a_contract_not_in_execution_is_refused()
    {
        var contract = TestData.Contract(inExecution: false);

        var error = Assert.Throws<DomainException>(
            () => PaymentRequest.Create(contract, 1, TestData.ContractorId, TestData.ValidDraft(), TestData.Now));

        Assert.Contains("Firmado", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_on_a_suspended_contract_is_allowed()
    {
        var contract = TestData.Contract();
        contract.Suspend();

        var request = PaymentRequest.Create(contract, 1, TestData.ContractorId, TestData.ValidDraft(), TestData.Now);

        Assert.Equal(PaymentRequestStatus.Editing, request.Status);
    }

    [Fact]
    public void Confirm_with_broken_rules_throws_every_violation_and_keeps_the_draft()
    {
        var builder = new PaymentRequestBuilder()
            .With(d => d with { InvoiceNumber = null, TotalValue = null })
            .WithoutDocument(AttachmentType.Rut);
        var request = builder.Build();

        var error = Assert.Throws<DomainValidationException>(() => request.Confirm(builder.Context, TestData.ContractorId, TestData.Later));

        Assert.Equal(["Documents", "InvoiceNumber", "TotalValue"], error.Violations.Select(v => v.Field).Distinct().Order());
        Assert.Equal(PaymentRequestStatus.Editing, request.Status);
        Assert.Equal(new DateOnly(2026, 2, 1), request.PeriodFrom);
        Assert.Single(request.History);
    }

    [Fact]
    public void Confirm_from_editing_moves_to_pending_registration()
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.Build();

        request.Confirm(builder.Context, TestData.ContractorId, TestData.Later);

        Assert.Equal(PaymentRequestStatus.PendingRegistration, request.Status);
        Assert.Equal("Confirmar", request.History[^1].Action);
    }

    [Fact]
    public void Send_from_pending_registration_moves_to_sent()
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.BuildIn(PaymentRequestStatus.PendingRegistration);

        request.Send(builder.Context, TestData.ContractorId, TestData.Later);

        Assert.Equal(PaymentRequestStatus.Sent, request.Status);
        Assert.Equal(1, request.SendCount);
        Assert.Equal("Enviar", request.History[^1].Action);
    }

    [Fact]
    public void Send_runs_the_rules_again_when_another_request_was_sent_meanwhile()
    {
        var builder = new PaymentRequestBuilder().AsLaterPayment(2);
        var request = builder.BuildIn(PaymentRequestStatus.PendingRegistration);
        builder.WithSibling(TestData.Sibling(3, PaymentRequestStatus.Sent, periodFrom: new DateOnly(2026, 3, 15), periodTo: new DateOnly(2026, 4, 14)));

        var error = Assert.Throws<DomainValidationException>(() => request.Send(builder.Context, TestData.ContractorId, TestData.Later));

        Assert.Contains(error.Violations, v => v.Field == "PeriodFrom");
        Assert.Equal(PaymentRequestStatus.PendingRegistration, request.Status);
        Assert.Equal(0, request.SendCount);
    }

    [Fact]
    public void Reopen_records_registro_and_allows_editing_again()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.PendingRegistration);

        request.Reopen(TestData.ContractorId, TestData.Later);

        Assert.True(request.CanEdit);
        Assert.Equal("Registro", request.History[^1].Action);
    }

    [Fact]
    public void Rejected_request_is_corrected_and_sent_again_in_the_same_record_keeping_every_round()
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.BuildIn(PaymentRequestStatus.Rejected);

        request.EditAfterRejection(TestData.ContractorId, TestData.Later);
        request.UpdateDraft(request.ToDraft() with { Notes = "Se anexa el informe firmado." }, TestData.ContractorId, TestData.Later);
        request.Confirm(builder.Context, TestData.ContractorId, TestData.Later);
        request.Send(builder.Context, TestData.ContractorId, TestData.Later);

        Assert.Equal(PaymentRequestStatus.Sent, request.Status);
        Assert.Equal(2, request.SendCount);
        Assert.Equal(
            ["Crear", "Confirmar", "Enviar", "Rechazar", "Editar", "Confirmar", "Enviar"],
            request.History.Select(h => h.Action));
        Assert.Equal("El informe de actividades no está firmado.", request.History[3].Reason);
        Assert.Equal("El informe de actividades no está firmado.", request.RejectionReason);
    }

    [Fact]
    public void A_request_edited_after_a_rejection_is_correcting_it_until_it_is_sent_again_and_its_last_sending_is_the_second()
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.BuildIn(PaymentRequestStatus.Rejected);
        var firstSending = request.LastSending;
        Assert.NotNull(firstSending);
        Assert.False(request.IsCorrectingRejection);

        var resent = TestData.Later.AddHours(2);
        request.EditAfterRejection(TestData.ContractorId, TestData.Later);
        Assert.True(request.IsCorrectingRejection);

        request.Confirm(builder.Context, TestData.ContractorId, resent);
        request.Send(builder.Context, TestData.ContractorId, resent);

        Assert.False(request.IsCorrectingRejection);
        Assert.Equal(resent, request.LastSending!.AtUtc);
        Assert.NotEqual(firstSending.AtUtc, request.LastSending.AtUtc);
    }

    [Fact]
    public void A_new_request_was_never_sent_and_corrects_nothing()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Editing);

        Assert.Null(request.LastSending);
        Assert.False(request.IsCorrectingRejection);
    }

    [Fact]
    public void Delete_after_the_request_was_once_sent_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Rejected);
        request.EditAfterRejection(TestData.ContractorId, TestData.Later);

        Assert.False(request.CanDelete);
        var error = Assert.Throws<DomainException>(() => request.EnsureCanDelete(TestData.ContractorId));
        Assert.IsNotType<InvalidTransitionException>(error);
    }

    [Fact]
    public void Delete_by_someone_other_than_the_contractor_is_refused()
    {
        var request = new PaymentRequestBuilder().Build();

        Assert.Throws<DomainException>(() => request.EnsureCanDelete(TestData.OtherUserId));
    }

    [Theory]
    [InlineData(PaymentRequestCommand.Confirm)]
    [InlineData(PaymentRequestCommand.Save)]
    [InlineData(PaymentRequestCommand.Attach)]
    [InlineData(PaymentRequestCommand.Detach)]
    public void Editing_actions_by_another_user_are_refused(PaymentRequestCommand action)
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.Build();

        var error = Assert.Throws<DomainException>(() => Perform(action, request, builder, TestData.OtherUserId));

        Assert.IsNotType<InvalidTransitionException>(error);
        Assert.Equal(PaymentRequestStatus.Editing, request.Status);
    }

    [Theory]
    [InlineData(PaymentRequestCommand.Reopen, PaymentRequestStatus.PendingRegistration)]
    [InlineData(PaymentRequestCommand.Send, PaymentRequestStatus.PendingRegistration)]
    [InlineData(PaymentRequestCommand.EditAfterRejection, PaymentRequestStatus.Rejected)]
    public void Contractor_actions_by_the_supervisor_are_refused(PaymentRequestCommand action, PaymentRequestStatus state)
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.BuildIn(state);

        Assert.Throws<DomainException>(() => Perform(action, request, builder, TestData.SupervisorId));

        Assert.Equal(state, request.Status);
    }

    [Fact]
    public void Reject_with_a_nine_character_reason_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        var error = Assert.Throws<DomainValidationException>(() => request.Reject(TestData.SupervisorId, "  Sin firma  ", TestData.Later));

        Assert.Equal("Reason", Assert.Single(error.Violations).Field);
        Assert.Equal(PaymentRequestStatus.Sent, request.Status);
    }

    [Fact]
    public void Reject_with_a_ten_character_reason_is_accepted_and_kept_in_history()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        request.Reject(TestData.SupervisorId, " Sin firmas ", TestData.Later);

        Assert.Equal(PaymentRequestStatus.Rejected, request.Status);
        Assert.Equal("Sin firmas", request.RejectionReason);
        Assert.Equal("Sin firmas", request.History[^1].Reason);
        Assert.Equal("Rechazar", request.History[^1].Action);
    }

    [Fact]
    public void Reject_with_a_reason_over_2000_characters_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        var error = Assert.Throws<DomainValidationException>(() => request.Reject(TestData.SupervisorId, new string('x', 2001), TestData.Later));

        Assert.Equal("Reason", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Contractor_approving_own_request_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        var error = Assert.Throws<DomainException>(
            () => request.Approve(TestData.ContractorId, request.ReceivedOn!.Value, "RP-1", TestData.Today, TestData.Later));

        Assert.Equal("No puede revisar su propia cuenta de cobro.", error.Message);
        Assert.Equal(PaymentRequestStatus.Sent, request.Status);
    }

    [Fact]
    public void Contractor_rejecting_own_request_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        var error = Assert.Throws<DomainException>(() => request.Reject(TestData.ContractorId, "Me equivoqué de periodo.", TestData.Later));

        Assert.Equal("No puede revisar su propia cuenta de cobro.", error.Message);
    }

    [Fact]
    public void Contractor_marking_own_request_paid_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Approved);

        Assert.Throws<DomainException>(() => request.MarkPaid(TestData.ContractorId, TestData.Today, null, TestData.Today, TestData.Later));
        Assert.Equal(PaymentRequestStatus.Approved, request.Status);
    }

    [Fact]
    public void Approve_stores_the_confirmed_reception_date_and_the_rp()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        request.Approve(TestData.SupervisorId, new DateOnly(2026, 3, 3), "  RP-2026-0042 ", TestData.Today, TestData.Later);

        Assert.Equal(PaymentRequestStatus.Approved, request.Status);
        Assert.Equal(new DateOnly(2026, 3, 3), request.ReceivedOn);
        Assert.Equal("RP-2026-0042", request.ApprovedRpNumber);
        Assert.Equal("Aprobar", request.History[^1].Action);
    }

    [Theory]
    [InlineData("", "2026-03-02", "RpNumber")]
    [InlineData("RP-1234567890-1234567890-1234567", "2026-03-02", "RpNumber")]
    [InlineData("RP-1", "2026-06-16", "ReceivedOn")]
    [InlineData("RP-1", "2026-01-31", "ReceivedOn")]
    public void Approve_with_invalid_data_is_refused(string rp, string receivedOn, string field)
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Sent);

        var error = Assert.Throws<DomainValidationException>(
            () => request.Approve(TestData.SupervisorId, DateOnly.Parse(receivedOn, System.Globalization.CultureInfo.InvariantCulture), rp, TestData.Today, TestData.Later));

        Assert.Equal(field, Assert.Single(error.Violations).Field);
        Assert.Equal(PaymentRequestStatus.Sent, request.Status);
    }

    [Fact]
    public void Mark_paid_stores_the_date_and_appends_the_payment_support()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Approved);
        var support = TestData.Attachment(AttachmentType.PaymentSupport, "soporte.pdf", uploadedBy: TestData.SupervisorId);

        request.MarkPaid(TestData.SupervisorId, new DateOnly(2026, 3, 20), support, TestData.Today, TestData.Later);

        Assert.Equal(PaymentRequestStatus.Paid, request.Status);
        Assert.Equal(new DateOnly(2026, 3, 20), request.PaidOn);
        Assert.Same(support, request.Attachments[^1]);
        Assert.Equal("Marcar como pagado", request.History[^1].Action);
    }

    [Theory]
    [InlineData("2026-06-16")]
    [InlineData("2026-03-01")]
    public void Mark_paid_in_the_future_or_before_emission_is_refused(string paidOn)
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Approved);

        var error = Assert.Throws<DomainValidationException>(
            () => request.MarkPaid(TestData.SupervisorId, DateOnly.Parse(paidOn, System.Globalization.CultureInfo.InvariantCulture), null, TestData.Today, TestData.Later));

        Assert.Equal("PaidOn", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Mark_paid_with_a_support_of_another_type_is_refused()
    {
        var request = new PaymentRequestBuilder().BuildIn(PaymentRequestStatus.Approved);

        var error = Assert.Throws<DomainValidationException>(
            () => request.MarkPaid(TestData.SupervisorId, TestData.Today, TestData.Attachment(AttachmentType.Other), TestData.Today, TestData.Later));

        Assert.Equal("PaymentSupport", Assert.Single(error.Violations).Field);
    }

    private static TheoryData<PaymentRequestStatus, PaymentRequestCommand> Pairs(bool allowed)
    {
        var data = new TheoryData<PaymentRequestStatus, PaymentRequestCommand>();
        foreach (var state in Enum.GetValues<PaymentRequestStatus>())
        {
            foreach (var action in Enum.GetValues<PaymentRequestCommand>())
            {
                if (Allowed.ContainsKey((state, action)) == allowed)
                {
                    data.Add(state, action);
                }
            }
        }

        return data;
    }

    private static Guid ActorOf(PaymentRequestCommand action) => action switch
    {
        PaymentRequestCommand.Reject or PaymentRequestCommand.Approve or PaymentRequestCommand.MarkPaid => TestData.SupervisorId,
        _ => TestData.ContractorId,
    };

    private static void Perform(PaymentRequestCommand action, PaymentRequest request, PaymentRequestBuilder builder, Guid? user = null)
    {
        var actor = user ?? ActorOf(action);
        var later = TestData.Later;
        switch (action)
        {
            case PaymentRequestCommand.Confirm:
                request.Confirm(builder.Context, actor, later);
                break;
            case PaymentRequestCommand.Reopen:
                request.Reopen(actor, later);
                break;
            case PaymentRequestCommand.Send:
                request.Send(builder.Context, actor, later);
                break;
            case PaymentRequestCommand.Delete:
                request.EnsureCanDelete(actor);
                break;
            case PaymentRequestCommand.Reject:
                request.Reject(actor, "Falta la planilla de seguridad social.", later);
                break;
            case PaymentRequestCommand.EditAfterRejection:
                request.EditAfterRejection(actor, later);
                break;
            case PaymentRequestCommand.Approve:
                request.Approve(actor, request.ReceivedOn ?? builder.Today, "RP-2026-0042", builder.Today, later);
                break;
            case PaymentRequestCommand.MarkPaid:
                request.MarkPaid(actor, builder.Today, null, builder.Today, later);
                break;
            case PaymentRequestCommand.Save:
                request.UpdateDraft(request.ToDraft() with { Notes = "Corrección del periodo." }, actor, later);
                break;
            case PaymentRequestCommand.Attach:
                request.AddAttachment(TestData.Attachment(AttachmentType.Other), TestData.MaxTotalBytes, actor, later);
                break;
            case PaymentRequestCommand.Detach:
                request.RemoveAttachment(1, actor, later);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
