using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

public class PaymentRequestDraftTests
{
    private static readonly PaymentRequestDraft Empty = new(false, null, null, null, null, null, null, null, null, null, null, null, null, null);

    [Fact]
    public void An_incomplete_draft_is_saved_as_is()
    {
        var request = new PaymentRequestBuilder().Build();

        request.UpdateDraft(Empty with { NetValue = -5m, PilaNumber = "12A" }, TestData.ContractorId, TestData.Later);

        Assert.Null(request.PeriodFrom);
        Assert.Null(request.InvoiceNumber);
        Assert.Equal(-5m, request.NetValue);
        Assert.Equal("12A", request.PilaNumber);
        Assert.Equal(TestData.Later, request.UpdatedAtUtc);
        Assert.Single(request.History);
    }

    [Fact]
    public void Saving_trims_text_and_turns_blank_text_into_null()
    {
        var request = new PaymentRequestBuilder().Build();

        request.UpdateDraft(
            Empty with { InvoiceNumber = "  Pago 001 ", FilingNumber = "   ", Notes = "\t Nota \n", PilaNumber = " 123456 " },
            TestData.ContractorId,
            TestData.Later);

        Assert.Equal("Pago 001", request.InvoiceNumber);
        Assert.Null(request.FilingNumber);
        Assert.Equal("Nota", request.Notes);
        Assert.Equal("123456", request.PilaNumber);
    }

    [Theory]
    [InlineData("InvoiceNumber", 51)]
    [InlineData("Cufe", 97)]
    [InlineData("FilingNumber", 51)]
    [InlineData("PilaNumber", 21)]
    [InlineData("Notes", 2001)]
    public void Text_longer_than_its_column_cannot_be_saved(string field, int length)
    {
        var request = new PaymentRequestBuilder().Build();
        var text = new string('1', length);
        var draft = field switch
        {
            "InvoiceNumber" => Empty with { InvoiceNumber = text },
            "Cufe" => Empty with { IssuesElectronicInvoice = true, Cufe = text },
            "FilingNumber" => Empty with { FilingNumber = text },
            "PilaNumber" => Empty with { PilaNumber = text },
            _ => Empty with { Notes = text },
        };

        var error = Assert.Throws<DomainValidationException>(() => request.UpdateDraft(draft, TestData.ContractorId, TestData.Later));

        Assert.Equal(field, Assert.Single(error.Violations).Field);
        Assert.Equal("Pago 001", request.InvoiceNumber);
    }

    [Fact]
    public void Values_with_more_than_two_decimals_cannot_be_saved()
    {
        var request = new PaymentRequestBuilder().Build();

        var error = Assert.Throws<DomainValidationException>(
            () => request.UpdateDraft(Empty with { NetValue = 1.005m, TotalValue = 1.005m }, TestData.ContractorId, TestData.Later));

        Assert.Equal(["NetValue", "TotalValue"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void To_draft_returns_the_saved_fields()
    {
        var builder = new PaymentRequestBuilder();

        Assert.Equal(builder.Draft, builder.Build().ToDraft());
    }
}

public class PaymentRequestAttachmentTests
{
    [Theory]
    [InlineData("EVIDENCIAS_MARZO_2026.zip")]
    [InlineData("EVIDENCIAS_ENERO_2025.ZIP")]
    [InlineData("EVIDENCIAS_SEPTIEMBRE_2026.Zip")]
    [InlineData("EVIDENCIAS_SETIEMBRE_2026.zip")]
    [InlineData("EVIDENCIAS_DICIEMBRE_2023.zip")]
    public void Evidence_zip_named_by_month_and_year_is_accepted(string fileName)
    {
        var request = new PaymentRequestBuilder().Build();

        request.AddAttachment(TestData.Attachment(AttachmentType.Evidence, fileName, contentType: "application/zip"), TestData.MaxTotalBytes, TestData.ContractorId, TestData.Later);

        Assert.Equal(fileName, request.Attachments[^1].FileName);
    }

    [Theory]
    [InlineData("evidencias_marzo_2026.zip")]
    [InlineData("EVIDENCIAS_Marzo_2026.zip")]
    [InlineData("EVIDENCIAS_MARCH_2026.zip")]
    [InlineData("EVIDENCIAS_MARZO_26.zip")]
    [InlineData("EVIDENCIAS_MARZO.zip")]
    [InlineData("EVIDENCIAS-MARZO-2026.zip")]
    [InlineData("EVIDENCIAS_MARZO_2026.rar")]
    [InlineData("EVIDENCIAS_MARZO_2026.zip.exe")]
    [InlineData("EVIDENCIAS_MARZO_2026")]
    [InlineData("evidencias marzo.zip")]
    public void Evidence_zip_badly_named_is_refused(string fileName)
    {
        var request = new PaymentRequestBuilder().Build();
        var count = request.Attachments.Count;

        var error = Assert.Throws<DomainValidationException>(
            () => request.AddAttachment(TestData.Attachment(AttachmentType.Evidence, fileName, contentType: "application/zip"), TestData.MaxTotalBytes, TestData.ContractorId, TestData.Later));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("File", violation.Field);
        Assert.Contains("EVIDENCIAS_MARZO_2026.zip", violation.Message, StringComparison.Ordinal);
        Assert.Equal(count, request.Attachments.Count);
    }

    [Fact]
    public void Evidence_that_is_not_a_zip_is_refused_even_when_well_named()
    {
        var request = new PaymentRequestBuilder().Build();

        Assert.Throws<DomainValidationException>(
            () => request.AddAttachment(TestData.Attachment(AttachmentType.Evidence, "EVIDENCIAS_MARZO_2026.zip", contentType: "application/pdf"), TestData.MaxTotalBytes, TestData.ContractorId, TestData.Later));
    }

    [Fact]
    public void Other_documents_may_have_any_name()
    {
        var request = new PaymentRequestBuilder().Build();

        request.AddAttachment(TestData.Attachment(AttachmentType.Other, "fotos marzo.zip", contentType: "application/zip"), TestData.MaxTotalBytes, TestData.ContractorId, TestData.Later);

        Assert.Equal(AttachmentType.Other, request.Attachments[^1].Type);
    }

    [Fact]
    public void Attachments_beyond_the_total_size_limit_are_refused()
    {
        var request = new PaymentRequestBuilder().WithDocuments().Build();
        const long limit = 10L * 1024 * 1024;
        request.AddAttachment(TestData.Attachment(AttachmentType.PaymentClaim, sizeBytes: 6L * 1024 * 1024), limit, TestData.ContractorId, TestData.Later);

        var error = Assert.Throws<DomainValidationException>(
            () => request.AddAttachment(TestData.Attachment(AttachmentType.ActivityReport, sizeBytes: (4L * 1024 * 1024) + 1), limit, TestData.ContractorId, TestData.Later));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("File", violation.Field);
        Assert.Contains("10 MB", violation.Message, StringComparison.Ordinal);
        Assert.Single(request.Attachments);
    }

    [Fact]
    public void Attachments_up_to_exactly_the_limit_are_accepted()
    {
        var request = new PaymentRequestBuilder().WithDocuments().Build();
        const long limit = 10L * 1024 * 1024;
        request.AddAttachment(TestData.Attachment(AttachmentType.PaymentClaim, sizeBytes: 6L * 1024 * 1024), limit, TestData.ContractorId, TestData.Later);

        request.AddAttachment(TestData.Attachment(AttachmentType.ActivityReport, sizeBytes: 4L * 1024 * 1024), limit, TestData.ContractorId, TestData.Later);

        Assert.Equal(limit, request.AttachmentsTotalBytes);
    }

    [Fact]
    public void Contractor_cannot_attach_a_payment_support()
    {
        var request = new PaymentRequestBuilder().Build();

        var error = Assert.Throws<DomainValidationException>(
            () => request.AddAttachment(TestData.Attachment(AttachmentType.PaymentSupport), TestData.MaxTotalBytes, TestData.ContractorId, TestData.Later));

        Assert.Equal("Type", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Removing_an_attachment_returns_it()
    {
        var request = new PaymentRequestBuilder().Build();
        var first = request.Attachments[0];

        var removed = request.RemoveAttachment(first.Id, TestData.ContractorId, TestData.Later);

        Assert.Same(first, removed);
        Assert.DoesNotContain(first, request.Attachments);
        Assert.Equal(TestData.Later, request.UpdatedAtUtc);
    }

    [Fact]
    public void Removing_an_unknown_attachment_is_refused()
    {
        var request = new PaymentRequestBuilder().Build();

        Assert.Throws<DomainException>(() => request.RemoveAttachment(999, TestData.ContractorId, TestData.Later));
    }

    [Fact]
    public void Attachment_normalises_its_hash_and_description()
    {
        var attachment = new Attachment(
            AttachmentType.Rut, " rut.pdf ", "application/pdf", 10, new string('A', 64), "k/1", "   ", TestData.Now, TestData.ContractorId);

        Assert.Equal(new string('a', 64), attachment.Sha256);
        Assert.Equal("rut.pdf", attachment.FileName);
        Assert.Null(attachment.Description);
    }

    [Theory]
    [InlineData("", 10, "abc", "File")]
    [InlineData("rut.pdf", 0, "abc", "File")]
    [InlineData("rut.pdf", 10, "not-a-hash", "File")]
    public void Attachment_with_invalid_metadata_is_refused(string fileName, long size, string sha, string field)
    {
        var hash = sha == "abc" ? new string('b', 64) : sha;

        var error = Assert.Throws<DomainValidationException>(
            () => new Attachment(AttachmentType.Rut, fileName, "application/pdf", size, hash, "k/1", null, TestData.Now, TestData.ContractorId));

        Assert.Equal(field, Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Attachment_description_over_500_characters_is_refused()
    {
        var error = Assert.Throws<DomainValidationException>(
            () => new Attachment(AttachmentType.Rut, "rut.pdf", "application/pdf", 10, new string('b', 64), "k/1", new string('d', 501), TestData.Now, TestData.ContractorId));

        Assert.Equal("Description", Assert.Single(error.Violations).Field);
    }
}

public class PaymentRequestDefaultsTests
{
    [Fact]
    public void First_suggestion_bills_the_contracts_first_month()
    {
        var contract = TestData.Contract(startsOn: new DateOnly(2026, 2, 1));

        var draft = PaymentRequest.SuggestDraft(contract, 1, [], TestData.Today);

        Assert.False(draft.IssuesElectronicInvoice);
        Assert.Equal("Pago 001", draft.InvoiceNumber);
        Assert.Equal(new DateOnly(2026, 2, 1), draft.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 2, 28), draft.PeriodTo);
        Assert.Equal(new DateOnly(2026, 3, 2), draft.IssuedOn);
        Assert.Equal(new DateOnly(2026, 3, 31), draft.DueOn);
        Assert.Equal(new DateOnly(2026, 3, 2), draft.ReceivedOn);
        Assert.Equal("1", draft.FilingNumber);
        Assert.Equal(4_500_000m, draft.NetValue);
        Assert.Equal(4_500_000m, draft.TotalValue);
        Assert.Null(draft.Cufe);
        Assert.Null(draft.PilaNumber);
    }

    [Fact]
    public void Suggestion_for_a_contract_starting_mid_month_starts_on_the_start_date()
    {
        var contract = TestData.Contract(startsOn: new DateOnly(2026, 1, 15));

        var draft = PaymentRequest.SuggestDraft(contract, 1, [], TestData.Today);

        Assert.Equal(new DateOnly(2026, 1, 15), draft.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 1, 31), draft.PeriodTo);
    }

    [Fact]
    public void Next_suggestion_bills_the_month_after_the_latest_period()
    {
        var contract = TestData.Contract();
        SiblingRequest[] siblings =
        [
            TestData.Sibling(1, PaymentRequestStatus.Paid),
            TestData.Sibling(2, PaymentRequestStatus.Sent),
        ];

        var draft = PaymentRequest.SuggestDraft(contract, 3, siblings, TestData.Today);

        Assert.Equal("Pago 003", draft.InvoiceNumber);
        Assert.Equal("3", draft.FilingNumber);
        Assert.Equal(new DateOnly(2026, 4, 1), draft.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 4, 30), draft.PeriodTo);
        Assert.Equal(new DateOnly(2026, 5, 4), draft.IssuedOn);
        Assert.Equal(new DateOnly(2026, 5, 31), draft.DueOn);
    }

    [Fact]
    public void Suggestion_skips_the_period_of_a_rejected_request_that_will_be_corrected()
    {
        var contract = TestData.Contract();

        var draft = PaymentRequest.SuggestDraft(contract, 2, [TestData.Sibling(1, PaymentRequestStatus.Rejected)], TestData.Today);

        Assert.Equal(new DateOnly(2026, 3, 1), draft.PeriodFrom);
        Assert.Equal(4_500_000m, draft.TotalValue);
    }

    [Fact]
    public void Suggestion_ends_on_the_contracts_end_date()
    {
        var contract = TestData.Contract(endsOn: new DateOnly(2026, 3, 20), totalValue: 9_000_000m);

        var draft = PaymentRequest.SuggestDraft(contract, 2, [TestData.Sibling(1, PaymentRequestStatus.Approved)], TestData.Today);

        Assert.Equal(new DateOnly(2026, 3, 1), draft.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 3, 20), draft.PeriodTo);
        Assert.Equal(new DateOnly(2026, 3, 24), draft.IssuedOn); // 23/03/2026 is San José (moved to Monday).
    }

    [Fact]
    public void Suggested_value_never_exceeds_the_balance_left()
    {
        var contract = TestData.Contract(totalValue: 10_000_000m);
        SiblingRequest[] siblings =
        [
            TestData.Sibling(1, PaymentRequestStatus.Paid),
            TestData.Sibling(2, PaymentRequestStatus.Approved),
            TestData.Sibling(3, PaymentRequestStatus.Rejected, invoiceNumber: "Pago 003"),
        ];

        var draft = PaymentRequest.SuggestDraft(contract, 4, siblings, TestData.Today);

        Assert.Equal(1_000_000m, draft.NetValue);
        Assert.Equal(1_000_000m, draft.TotalValue);
    }

    [Fact]
    public void Suggestion_without_a_monthly_fee_leaves_the_values_empty()
    {
        var draft = PaymentRequest.SuggestDraft(TestData.Contract(monthlyFee: null), 1, [], TestData.Today);

        Assert.Null(draft.NetValue);
        Assert.Null(draft.TotalValue);
    }

    [Fact]
    public void Suggestion_for_an_invoicer_leaves_the_invoice_number_to_the_invoice()
    {
        var draft = PaymentRequest.SuggestDraft(TestData.Contract(PersonType.LegalPerson, invoicing: true), 1, [], TestData.Today);

        Assert.True(draft.IssuesElectronicInvoice);
        Assert.Null(draft.InvoiceNumber);
    }

    [Fact]
    public void Suggested_first_request_passes_every_rule_once_documents_and_pila_are_added()
    {
        var contract = TestData.Contract();
        var draft = PaymentRequest.SuggestDraft(contract, 1, [], TestData.Today) with { PilaNumber = "1234567", PilaPaidOn = new DateOnly(2026, 2, 27) };
        var builder = new PaymentRequestBuilder().ForContract(contract).With(_ => draft);

        Assert.Empty(builder.Violations());
    }

    [Theory]
    [InlineData("2025-12-31", "2026-01-02")] // 1 January is a holiday.
    [InlineData("2026-02-28", "2026-03-02")] // Saturday → Monday.
    [InlineData("2026-03-31", "2026-04-01")] // Wednesday before Jueves Santo.
    [InlineData("2026-04-01", "2026-04-06")] // Jueves and Viernes Santo 2026 are 2 and 3 April.
    public void Default_emission_is_the_first_business_day_after_the_period(string periodTo, string expected)
    {
        Assert.Equal(Date(expected), PaymentRequest.DefaultIssuedOn(Date(periodTo)));
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-31")]
    [InlineData("2028-02-01", "2028-02-29")]
    public void Default_due_date_is_the_last_day_of_the_emission_month(string issuedOn, string expected)
    {
        Assert.Equal(Date(expected), PaymentRequest.DefaultDueOn(Date(issuedOn)));
    }

    [Theory]
    [InlineData("2026-03-31", "2026-04-07")] // 1 April, then 2-3 April (Jueves/Viernes Santo) and the weekend, 6 and 7 April.
    [InlineData("2026-02-28", "2026-03-04")]
    [InlineData("2025-12-31", "2026-01-06")] // 1 January holiday, 2 January, weekend, 5 and 6 January (Reyes moved to 12 January).
    public void Latest_timely_reception_is_the_third_business_day_of_the_next_month(string periodTo, string expected)
    {
        Assert.Equal(Date(expected), PaymentRequest.LatestTimelyReception(Date(periodTo)));
    }

    [Theory]
    [InlineData(PaymentRequestStatus.Editing, "En edición")]
    [InlineData(PaymentRequestStatus.PendingRegistration, "Pendiente de registro")]
    [InlineData(PaymentRequestStatus.Sent, "Enviado a la Entidad Estatal")]
    [InlineData(PaymentRequestStatus.Rejected, "Rechazado")]
    [InlineData(PaymentRequestStatus.Approved, "Aprobado")]
    [InlineData(PaymentRequestStatus.Paid, "Pagado")]
    public void Status_labels_are_secops_words(PaymentRequestStatus status, string label)
    {
        Assert.Equal(label, status.ToLabel());
    }

    [Fact]
    public void Contractor_may_choose_every_document_type_but_the_payment_support()
    {
        Assert.Equal(
            Enum.GetValues<AttachmentType>().Where(t => t != AttachmentType.PaymentSupport).Order(),
            AttachmentTypeLabels.ContractorChoices.Order());
        Assert.All(Enum.GetValues<AttachmentType>(), t => Assert.NotEqual(t.ToString(), t.ToLabel()));
    }

    private static DateOnly Date(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
