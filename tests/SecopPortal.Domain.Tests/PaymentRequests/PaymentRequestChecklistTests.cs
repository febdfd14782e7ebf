using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

/// <summary>What the "Lista de chequeo" asks of the assessment instead of deciding it itself.</summary>
public sealed class PaymentRequestChecklistTests
{
    [Fact]
    public void A_period_inside_the_term_without_overlap_is_valid()
    {
        var builder = new PaymentRequestBuilder();

        var assessment = builder.Build().Assess(builder.Context);

        Assert.True(assessment.PeriodValid);
        Assert.Empty(assessment.PeriodViolations);
    }

    [Fact]
    public void The_period_violations_are_exactly_those_of_the_period_fields()
    {
        var builder = new PaymentRequestBuilder()
            .AsLaterPayment(2)
            .WithSibling(TestData.Sibling(3, PaymentRequestStatus.Sent, periodFrom: new DateOnly(2026, 3, 31), periodTo: new DateOnly(2026, 4, 29)))
            .With(d => d with { InvoiceNumber = null });

        var assessment = builder.Build().Assess(builder.Context);

        Assert.False(assessment.PeriodValid);
        Assert.Equal(
            assessment.Violations.Where(v => v.Field is "PeriodFrom" or "PeriodTo"),
            assessment.PeriodViolations);
        Assert.Contains("Id de pago 3", assessment.PeriodViolations[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checklist_lists_required_documents_and_optional_ones_once_attached()
    {
        var builder = new PaymentRequestBuilder().WithDocuments(AttachmentType.PaymentClaim, AttachmentType.Evidence);

        var listed = builder.Build().Assess(builder.Context).ListedDocuments.Select(i => i.Type).ToList();

        Assert.Contains(AttachmentType.Evidence, listed);
        Assert.Contains(AttachmentType.Rut, listed);
        Assert.DoesNotContain(AttachmentType.Other, listed);
    }

    [Fact]
    public void Only_the_payment_support_is_not_removable_by_the_contractor()
    {
        Assert.All(
            AttachmentTypeLabels.ContractorChoices,
            type => Assert.True(TestData.Attachment(type).RemovableByContractor));
        Assert.False(TestData.Attachment(AttachmentType.PaymentSupport).RemovableByContractor);
    }

    [Fact]
    public void A_typed_key_outside_its_enum_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RuleViolation.KeyOf((PaymentRequestField)999));
}
