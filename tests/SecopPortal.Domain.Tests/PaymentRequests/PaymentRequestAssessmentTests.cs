using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

public class PaymentRequestAssessmentTests
{
    [Fact]
    public void Complete_first_request_of_a_persona_natural_has_no_violations()
    {
        var builder = new PaymentRequestBuilder();

        var assessment = builder.Build().Assess(builder.Context);

        Assert.Empty(assessment.Violations);
        Assert.Empty(assessment.Warnings);
        Assert.True(assessment.CanConfirm);
        Assert.True(assessment.IsFirstPayment);
        Assert.Equal(45_000_000m, assessment.BalanceLeft);
    }

    [Fact]
    public void Complete_invoiced_later_request_of_a_persona_juridica_has_no_violations()
    {
        var builder = new PaymentRequestBuilder().LegalPersonInvoicing().AsLaterPayment(3);

        var assessment = builder.Build().Assess(builder.Context);

        Assert.Empty(assessment.Violations);
        Assert.False(assessment.IsFirstPayment);
    }

    [Fact]
    public void Assess_changes_nothing()
    {
        var builder = new PaymentRequestBuilder().With(d => d with { Cufe = "x", InvoiceNumber = null });
        var request = builder.Build();
        var updated = request.UpdatedAtUtc;

        request.Assess(builder.Context);

        Assert.Equal(PaymentRequestStatus.Editing, request.Status);
        Assert.Equal(updated, request.UpdatedAtUtc);
        Assert.Single(request.History);
    }

    [Fact]
    public void Contract_liquidated_blocks_confirming()
    {
        var builder = new PaymentRequestBuilder();
        var request = builder.Build();
        builder.Contract.Terminate();
        builder.Contract.Close();

        var violation = Assert.Single(request.Assess(builder.Context).Violations);

        Assert.Contains("«Cerrado»", violation.Message, StringComparison.Ordinal);
    }

    // CUFE and invoice number

    [Fact]
    public void Missing_cufe_when_invoicing_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().LegalPersonInvoicing().With(d => d with { Cufe = null }).Violations();

        AssertOnly(violations, "Cufe");
    }

    [Fact]
    public void Cufe_with_95_characters_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().LegalPersonInvoicing().With(d => d with { Cufe = TestData.Cufe[..95] }).Violations();

        var violation = AssertOnly(violations, "Cufe");
        Assert.Equal("El CUFE debe tener 96 caracteres hexadecimales (0-9, a-f).", violation.Message);
    }

    [Fact]
    public void Cufe_with_a_non_hexadecimal_character_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().LegalPersonInvoicing().With(d => d with { Cufe = "g" + TestData.Cufe[1..] }).Violations();

        AssertOnly(violations, "Cufe");
    }

    [Fact]
    public void Cufe_already_used_elsewhere_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().LegalPersonInvoicing().CufeUsedElsewhere().Violations();

        AssertOnly(violations, "Cufe");
    }

    [Fact]
    public void Cufe_in_upper_case_is_accepted_and_stored_in_lower_case()
    {
        var builder = new PaymentRequestBuilder().LegalPersonInvoicing().With(d => d with { Cufe = "  " + TestData.Cufe.ToUpperInvariant() + " " });

        var request = builder.Build();

        Assert.Equal(TestData.Cufe, request.Cufe);
        Assert.Empty(request.Assess(builder.Context).Violations);
    }

    [Fact]
    public void Cufe_is_dropped_when_not_invoicing()
    {
        var request = new PaymentRequestBuilder().With(d => d with { Cufe = TestData.Cufe }).Build();

        Assert.Null(request.Cufe);
    }

    [Fact]
    public void Invoice_number_used_by_another_request_of_the_contract_is_a_violation_whatever_the_case()
    {
        var builder = new PaymentRequestBuilder().AsLaterPayment(2).With(d => d with { InvoiceNumber = "PAGO 001" });

        var violation = AssertOnly(builder.Violations(), "InvoiceNumber");

        Assert.Contains("Id de pago 1", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoice_number_of_a_rejected_sibling_is_still_taken()
    {
        var builder = new PaymentRequestBuilder()
            .AsLaterPayment(2)
            .WithSibling(TestData.Sibling(3, PaymentRequestStatus.Rejected, invoiceNumber: "Pago 002", periodFrom: new DateOnly(2026, 5, 1), periodTo: new DateOnly(2026, 5, 31)));

        AssertOnly(builder.Violations(), "InvoiceNumber");
    }

    [Fact]
    public void Missing_invoice_number_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { InvoiceNumber = "   " }).Violations(), "InvoiceNumber");
    }

    // Period

    [Fact]
    public void Period_starting_before_the_contract_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().With(d => d with { PeriodFrom = new DateOnly(2026, 1, 31) }).Violations();

        AssertOnly(violations, "PeriodFrom");
    }

    [Fact]
    public void Period_ending_after_the_contract_is_a_violation()
    {
        var contract = TestData.Contract(endsOn: new DateOnly(2026, 2, 20));
        var violations = new PaymentRequestBuilder().ForContract(contract).Violations();

        var violation = AssertOnly(violations, "PeriodTo");
        Assert.Contains("20/02/2026", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_ending_before_it_starts_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().With(d => d with { PeriodTo = new DateOnly(2026, 2, 1), PeriodFrom = new DateOnly(2026, 2, 2) }).Violations();

        AssertOnly(violations, "PeriodTo");
    }

    [Fact]
    public void Missing_period_dates_are_violations()
    {
        var violations = new PaymentRequestBuilder().With(d => d with { PeriodFrom = null, PeriodTo = null }).Violations();

        Assert.Equal(["PeriodFrom", "PeriodTo"], violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Period_overlapping_a_sent_sibling_is_a_violation()
    {
        var builder = new PaymentRequestBuilder()
            .AsLaterPayment(2)
            .WithSibling(TestData.Sibling(3, PaymentRequestStatus.Sent, periodFrom: new DateOnly(2026, 3, 31), periodTo: new DateOnly(2026, 4, 29)));

        var violation = AssertOnly(builder.Violations(), "PeriodFrom");

        Assert.Contains("Id de pago 3", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_overlapping_a_rejected_sibling_is_allowed()
    {
        var builder = new PaymentRequestBuilder()
            .AsLaterPayment(2)
            .WithSibling(TestData.Sibling(3, PaymentRequestStatus.Rejected, totalValue: 45_000_000m, invoiceNumber: "Pago 003", periodFrom: new DateOnly(2026, 3, 1), periodTo: new DateOnly(2026, 3, 31)));

        Assert.Empty(builder.Violations());
    }

    [Fact]
    public void Period_overlapping_a_draft_sibling_is_a_violation()
    {
        var builder = new PaymentRequestBuilder()
            .AsLaterPayment(2)
            .WithSibling(TestData.Sibling(3, PaymentRequestStatus.Editing, periodFrom: new DateOnly(2026, 3, 1), periodTo: new DateOnly(2026, 3, 31)));

        AssertOnly(builder.Violations(), "PeriodFrom");
    }

    // Dates

    [Fact]
    public void Emission_before_the_period_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { IssuedOn = new DateOnly(2026, 1, 30) }).Violations(), "IssuedOn");
    }

    [Fact]
    public void Due_date_before_emission_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { DueOn = new DateOnly(2026, 3, 1) }).Violations(), "DueOn");
    }

    [Fact]
    public void Due_date_is_optional()
    {
        Assert.Empty(new PaymentRequestBuilder().With(d => d with { DueOn = null }).Violations());
    }

    [Fact]
    public void Reception_in_the_future_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().On(new DateOnly(2026, 3, 1)).With(d => d with { PilaPaidOn = new DateOnly(2026, 2, 27) }).Violations();

        AssertOnly(violations, "ReceivedOn");
    }

    [Fact]
    public void Reception_before_the_period_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { ReceivedOn = new DateOnly(2026, 1, 31) }).Violations(), "ReceivedOn");
    }

    [Fact]
    public void Late_reception_gives_a_warning_but_no_violation()
    {
        var builder = new PaymentRequestBuilder().With(d => d with { ReceivedOn = new DateOnly(2026, 3, 5) });

        var assessment = builder.Build().Assess(builder.Context);

        Assert.Empty(assessment.Violations);
        var warning = Assert.Single(assessment.Warnings);
        Assert.Equal("ReceivedOn", warning.Field);
        Assert.Contains("04/03/2026", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reception_on_the_third_business_day_gives_no_warning()
    {
        var builder = new PaymentRequestBuilder().With(d => d with { ReceivedOn = new DateOnly(2026, 3, 4) });

        Assert.Empty(builder.Build().Assess(builder.Context).Warnings);
    }

    [Fact]
    public void Missing_filing_number_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { FilingNumber = "" }).Violations(), "FilingNumber");
    }

    // Values

    [Fact]
    public void Total_below_net_for_an_invoicer_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().LegalPersonInvoicing().With(d => d with { NetValue = 4_000_000m, TotalValue = 3_999_999m }).Violations();

        var violation = AssertOnly(violations, "TotalValue");
        Assert.Equal("El valor total no puede ser menor que el valor neto.", violation.Message);
    }

    [Fact]
    public void Total_different_from_net_for_a_non_invoicer_is_a_violation()
    {
        var violations = new PaymentRequestBuilder().With(d => d with { NetValue = 4_500_000m, TotalValue = 5_355_000m }).Violations();

        AssertOnly(violations, "TotalValue");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Values_that_are_not_positive_are_violations(int value)
    {
        var violations = new PaymentRequestBuilder().With(d => d with { NetValue = value, TotalValue = value }).Violations();

        Assert.Equal(["NetValue", "TotalValue"], violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Missing_values_are_violations()
    {
        var violations = new PaymentRequestBuilder().With(d => d with { NetValue = null, TotalValue = null }).Violations();

        Assert.Equal(["NetValue", "TotalValue"], violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Total_beyond_the_balance_left_is_a_violation_naming_the_balance()
    {
        var contract = TestData.Contract(totalValue: 17_262_500m);
        var builder = new PaymentRequestBuilder()
            .ForContract(contract)
            .AsLaterPayment(2)
            .WithSibling(TestData.Sibling(3, PaymentRequestStatus.Rejected, totalValue: 9_000_000m, periodFrom: new DateOnly(2026, 5, 1), periodTo: new DateOnly(2026, 5, 31)))
            .With(d => d with { NetValue = 13_000_000m, TotalValue = 13_000_000m });

        var assessment = builder.Build().Assess(builder.Context);

        var violation = AssertOnly(assessment.Violations, "TotalValue");
        Assert.Contains("$ 12.762.500", violation.Message, StringComparison.Ordinal);
        Assert.Equal(-237_500m, assessment.BalanceLeft);
        Assert.False(assessment.WithinBalance);
    }

    [Fact]
    public void Total_equal_to_the_balance_left_is_allowed()
    {
        var contract = TestData.Contract(totalValue: 17_262_500m);
        var builder = new PaymentRequestBuilder()
            .ForContract(contract)
            .AsLaterPayment(2)
            .With(d => d with { NetValue = 12_762_500m, TotalValue = 12_762_500m });

        var assessment = builder.Build().Assess(builder.Context);

        Assert.Empty(assessment.Violations);
        Assert.Equal(0m, assessment.BalanceLeft);
        Assert.True(assessment.WithinBalance);
    }

    // Notes

    [Fact]
    public void Notes_of_2001_characters_cannot_be_saved()
    {
        var request = new PaymentRequestBuilder().Build();

        var error = Assert.Throws<DomainValidationException>(
            () => request.UpdateDraft(request.ToDraft() with { Notes = new string('n', 2001) }, TestData.ContractorId, TestData.Later));

        Assert.Equal("Notes", Assert.Single(error.Violations).Field);
        Assert.Contains("2.000", error.Message, StringComparison.Ordinal);
        Assert.Null(request.Notes);
    }

    [Fact]
    public void Notes_of_2000_characters_are_accepted()
    {
        var builder = new PaymentRequestBuilder().With(d => d with { Notes = new string('n', 2000) });

        Assert.Empty(builder.Violations());
    }

    // PILA

    [Fact]
    public void Pila_number_of_5_digits_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { PilaNumber = "12345" }).Violations(), "PilaNumber");
    }

    [Fact]
    public void Pila_number_with_letters_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { PilaNumber = "12345A7" }).Violations(), "PilaNumber");
    }

    [Fact]
    public void Pila_number_of_6_digits_is_accepted()
    {
        Assert.Empty(new PaymentRequestBuilder().With(d => d with { PilaNumber = "123456" }).Violations());
    }

    [Fact]
    public void Missing_pila_is_a_violation_for_a_persona_natural_service_contract()
    {
        var violations = new PaymentRequestBuilder().With(d => d with { PilaNumber = null, PilaPaidOn = null }).Violations();

        Assert.Equal(["PilaNumber", "PilaPaidOn"], violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Missing_pila_is_allowed_for_a_persona_juridica()
    {
        var builder = new PaymentRequestBuilder().LegalPersonInvoicing().With(d => d with { PilaNumber = null, PilaPaidOn = null });

        Assert.Empty(builder.Violations());
    }

    [Fact]
    public void Pila_paid_in_the_future_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { PilaPaidOn = new DateOnly(2026, 6, 16) }).Violations(), "PilaPaidOn");
    }

    [Fact]
    public void Pila_paid_before_the_period_starts_is_a_violation()
    {
        AssertOnly(new PaymentRequestBuilder().With(d => d with { PilaPaidOn = new DateOnly(2026, 1, 31) }).Violations(), "PilaPaidOn");
    }

    // Documents

    [Theory]
    [InlineData(AttachmentType.PaymentClaim)]
    [InlineData(AttachmentType.ActivityReport)]
    [InlineData(AttachmentType.SocialSecurityPayment)]
    [InlineData(AttachmentType.ArlCertificate)]
    [InlineData(AttachmentType.BankCertificate)]
    [InlineData(AttachmentType.Rut)]
    [InlineData(AttachmentType.TaxPaymentProof)]
    public void First_payment_of_a_persona_natural_requires_the_document(AttachmentType type)
    {
        var violation = AssertOnly(new PaymentRequestBuilder().WithoutDocument(type).Violations(), "Documents");

        Assert.Contains(type.ToLabel(), violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AttachmentType.PaymentClaim)]
    [InlineData(AttachmentType.ActivityReport)]
    [InlineData(AttachmentType.SocialSecurityPayment)]
    [InlineData(AttachmentType.ArlCertificate)]
    [InlineData(AttachmentType.PreviousPaymentOrder)]
    public void Later_payment_of_a_persona_natural_requires_the_document(AttachmentType type)
    {
        var violation = AssertOnly(new PaymentRequestBuilder().AsLaterPayment(2).WithoutDocument(type).Violations(), "Documents");

        Assert.Contains(type.ToLabel(), violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AttachmentType.PaymentClaim)]
    [InlineData(AttachmentType.ActivityReport)]
    [InlineData(AttachmentType.SocialSecurityCertification)]
    [InlineData(AttachmentType.BankCertificate)]
    [InlineData(AttachmentType.Rut)]
    [InlineData(AttachmentType.TaxPaymentProof)]
    public void First_payment_of_a_persona_juridica_requires_the_document(AttachmentType type)
    {
        var violation = AssertOnly(new PaymentRequestBuilder().LegalPersonInvoicing().WithoutDocument(type).Violations(), "Documents");

        Assert.Contains(type.ToLabel(), violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Persona_juridica_needs_no_arl_certificate()
    {
        var builder = new PaymentRequestBuilder().LegalPersonInvoicing().AsLaterPayment(2);

        var assessment = builder.Build().Assess(builder.Context);

        Assert.Empty(assessment.Violations);
        Assert.DoesNotContain(assessment.Checklist, i => i.Required && i.Type == AttachmentType.ArlCertificate);
        Assert.DoesNotContain(builder.Build().Attachments, a => a.Type == AttachmentType.ArlCertificate);
    }

    [Fact]
    public void First_payment_needs_no_previous_payment_order_and_later_ones_no_bank_certificate_rut_or_tax_proof()
    {
        var first = new PaymentRequestBuilder();
        var later = new PaymentRequestBuilder().AsLaterPayment(2);

        var firstRequired = first.Build().Assess(first.Context).Checklist.Where(i => i.Required).Select(i => i.Type);
        var laterRequired = later.Build().Assess(later.Context).Checklist.Where(i => i.Required).Select(i => i.Type);

        Assert.Equal(
            [AttachmentType.PaymentClaim, AttachmentType.ActivityReport, AttachmentType.SocialSecurityPayment, AttachmentType.ArlCertificate, AttachmentType.BankCertificate, AttachmentType.Rut, AttachmentType.TaxPaymentProof],
            firstRequired);
        Assert.Equal(
            [AttachmentType.PaymentClaim, AttachmentType.ActivityReport, AttachmentType.SocialSecurityPayment, AttachmentType.ArlCertificate, AttachmentType.PreviousPaymentOrder],
            laterRequired);
    }

    [Fact]
    public void A_rejected_earlier_request_still_makes_this_a_later_payment()
    {
        var builder = new PaymentRequestBuilder()
            .AsLaterPayment(2)
            .WithoutDocument(AttachmentType.PreviousPaymentOrder);
        var request = builder.Build();
        var context = builder.Context with { Siblings = [TestData.Sibling(1, PaymentRequestStatus.Rejected)] };

        var assessment = request.Assess(context);

        Assert.False(assessment.IsFirstPayment);
        AssertOnly(assessment.Violations, "Documents");
    }

    [Fact]
    public void Checklist_marks_each_required_document_present_or_missing()
    {
        var builder = new PaymentRequestBuilder().WithDocuments(AttachmentType.PaymentClaim, AttachmentType.Evidence);

        var assessment = builder.Build().Assess(builder.Context);

        Assert.Equal(AttachmentTypeLabels.ChoicesFor(PersonType.NaturalPerson), assessment.Checklist.Select(i => i.Type));
        Assert.Contains(assessment.Checklist, i => i is { Type: AttachmentType.PaymentClaim, Required: true, Present: true });
        Assert.Contains(assessment.Checklist, i => i is { Type: AttachmentType.Evidence, Required: false, Present: true });
        Assert.Contains(assessment.Checklist, i => i is { Type: AttachmentType.Rut, Required: true, Present: false });
        Assert.Equal(6, assessment.Violations.Count(v => v.Field == "Documents"));
    }

    private static RuleViolation AssertOnly(IEnumerable<RuleViolation> violations, string field)
    {
        var list = violations.ToList();
        Assert.True(list.Count > 0, $"Expected a violation on {field}, found none.");
        Assert.All(list, v => Assert.Equal(field, v.Field));
        return list[0];
    }
}
