using Microsoft.AspNetCore.Http;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.Review;
using SecopPortal.Web.Infrastructure.Changes;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Review;

/// <summary>
/// The handler-level style, for cases rich in rules: the unit of one user action (<see cref="Approve.Handler"/>,
/// <see cref="MarkPaid.Handler"/>) resolved from the portal's own services and called directly on a real database,
/// without HTTP or HTML. What the page does with the outcome is tested once, through HTTP, in <see cref="ReviewDecisionTests"/>.
/// </summary>
public abstract class ReviewHandlerTests(PortalFixture fixture) : ReviewTests(fixture)
{

    [Fact]
    public async Task Aprobar_with_a_future_reception_date_and_no_rp_is_refused_with_each_rule_keyed_to_its_field_and_nothing_saved()
    {
        var (mine, id, stamp) = await SentRequestAsync();

        var refusal = await Assert.ThrowsAsync<DomainValidationException>(() => Factory.HandleAsync<Approve.Handler, string>(
            approve => approve.HandleAsync(id, new Approve.Input { ConcurrencyStamp = stamp, ReceivedOn = Today.AddDays(1), RpNumber = " " }, mine.Supervisor.Id, default)));

        Assert.Equal(
            [nameof(Approve.Input.ReceivedOn), nameof(Approve.Input.RpNumber)],
            refusal.Violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Sent, stored.Status);
        Assert.Equal(stamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task Aprobar_under_a_version_someone_else_changed_is_a_concurrent_change_and_changes_nothing()
    {
        var (mine, id, stamp) = await SentRequestAsync();
        var input = new Approve.Input { ConcurrencyStamp = stamp, ReceivedOn = Today, RpNumber = ReviewTestData.ContractRp };
        await Factory.HandleAsync<Approve.Handler, string>(approve => approve.HandleAsync(id, input, mine.Supervisor.Id, default));

        var second = await Assert.ThrowsAsync<ConcurrentChangeException>(() => Factory.HandleAsync<Approve.Handler, string>(
            approve => approve.HandleAsync(id, input, mine.Supervisor.Id, default)));

        Assert.Equal(VersionMessages.Stale, second.Message);
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Single(stored.History, h => h.To == PaymentRequestStatus.Approved);
    }

    [Fact]
    public async Task Aprobar_without_the_version_the_user_saw_is_refused_with_the_one_missing_version_message()
    {
        var (mine, id, _) = await SentRequestAsync();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => Factory.HandleAsync<Approve.Handler, string>(
            approve => approve.HandleAsync(id, new Approve.Input { ReceivedOn = Today, RpNumber = "RP-1" }, mine.Supervisor.Id, default)));

        Assert.Equal(VersionMessages.Missing, refusal.Message);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Aprobar_records_the_date_and_rp_and_notifies_the_contractor_in_the_same_save()
    {
        var (mine, id, stamp) = await SentRequestAsync();

        var message = await Factory.HandleAsync<Approve.Handler, string>(approve => approve.HandleAsync(
            id, new Approve.Input { ConcurrencyStamp = stamp, ReceivedOn = Today.AddDays(-1), RpNumber = "RP-2026-9001" }, mine.Supervisor.Id, default));

        Assert.StartsWith("Aprobó la cuenta de cobro con Id de pago 1.", message, StringComparison.Ordinal);
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.Equal(Today.AddDays(-1), stored.ReceivedOn);
        Assert.Equal("RP-2026-9001", stored.ApprovedRpNumber);
        Assert.NotEmpty(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
    }

    [Fact]
    public async Task Marcar_como_pagado_with_an_executable_as_support_is_refused_next_to_the_support_and_keeps_no_file()
    {
        var (mine, id, stamp) = await SentRequestAsync(RequestStage.Approved);
        var filesBefore = ReviewTestData.StoredFileCount(Factory);

        var refusal = await Assert.ThrowsAsync<DomainValidationException>(() => Factory.HandleAsync<MarkPaid.Handler, string>(
            paid => paid.HandleAsync(id, PaidInput(stamp, Today, ("extracto.pdf", TestFiles.WindowsExecutable())), mine.Supervisor.Id, default)));

        Assert.Equal(nameof(MarkPaid.Input.PaymentSupport), Assert.Single(refusal.Violations).Field);
        Assert.Equal(filesBefore, ReviewTestData.StoredFileCount(Factory));
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Marcar_como_pagado_refused_by_a_rule_after_its_support_was_stored_deletes_the_stored_support()
    {
        var (mine, id, stamp) = await SentRequestAsync(RequestStage.Approved);
        var filesBefore = ReviewTestData.StoredFileCount(Factory);

        // The support is accepted and stored first; the payment date in the future is refused after it.
        var refusal = await Assert.ThrowsAsync<DomainValidationException>(() => Factory.HandleAsync<MarkPaid.Handler, string>(
            paid => paid.HandleAsync(id, PaidInput(stamp, Today.AddDays(3), ("extracto.pdf", TestFiles.Pdf())), mine.Supervisor.Id, default)));

        Assert.Equal(nameof(MarkPaid.Input.PaidOn), Assert.Single(refusal.Violations).Field);
        Assert.Equal(filesBefore, ReviewTestData.StoredFileCount(Factory));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.DoesNotContain(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport);
    }

    [Fact]
    public async Task Marcar_como_pagado_with_its_support_keeps_exactly_that_file()
    {
        var (mine, id, stamp) = await SentRequestAsync(RequestStage.Approved);
        var filesBefore = ReviewTestData.StoredFileCount(Factory);

        await Factory.HandleAsync<MarkPaid.Handler, string>(
            paid => paid.HandleAsync(id, PaidInput(stamp, Today, ("extracto.pdf", TestFiles.Pdf())), mine.Supervisor.Id, default));

        Assert.Equal(filesBefore + 1, ReviewTestData.StoredFileCount(Factory));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Paid, stored.Status);
        Assert.Equal(TestFiles.Sha256Hex(TestFiles.Pdf()), Assert.Single(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport).Sha256);
    }

    private async Task<(ReviewCase Case, int RequestId, Guid Stamp)> SentRequestAsync(RequestStage stage = RequestStage.Sent)
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, stage);
        return (mine, id, (await ReviewTestData.LoadAsync(Factory, id)).ConcurrencyStamp);
    }

    private static MarkPaid.Input PaidInput(Guid stamp, DateOnly paidOn, (string Name, byte[] Bytes) support) => new()
    {
        ConcurrencyStamp = stamp,
        PaidOn = paidOn,
        PaymentSupport = new FormFile(new MemoryStream(support.Bytes), 0, support.Bytes.Length, "Paid.PaymentSupport", support.Name),
    };
}

[Collection(SqlitePortal.Name)]
public sealed class ReviewHandlerSqliteTests(SqlitePortalFixture fixture) : ReviewHandlerTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class ReviewHandlerPostgresTests(PostgresPortalFixture fixture) : ReviewHandlerTests(fixture);
