using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Tests.PaymentRequests;

/// <summary>
/// Rules users hit in real filing: the proposal never breaks a rule of Confirmar, the "Lista de chequeo" agrees with
/// Confirmar, a persona jurídica proves social security with a certification, a Terminado contract still takes its
/// last cuentas de cobro, and an entity may ask for its own documents.
/// </summary>
public sealed class RulesUsersHitTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    /// <summary>
    /// Every day of a year-long contract, after a run of earlier requests (one a month up to the month before "today",
    /// or up to today's month, or one month ahead), the proposal for the next one, completed only with what the form
    /// cannot propose (documents, planilla), passes Confirmar; while its period has not started, the only thing
    /// missing is the reception date, which cannot be chosen yet.
    /// </summary>
    [Fact]
    public void The_proposed_values_never_break_a_rule_of_Confirmar_on_any_day_after_any_run_of_earlier_requests()
    {
        var contract = TestData.Contract(startsOn: Start, endsOn: new DateOnly(2026, 12, 31), totalValue: 54_000_000m);
        var checkedDays = 0;
        for (var today = Start; today.Year == 2026; today = today.AddDays(1))
        {
            for (var billedAhead = -1; billedAhead <= 1; billedAhead++)
            {
                var monthsBilled = today.Month - 1 + billedAhead;
                if (monthsBilled < 0 || monthsBilled >= 12)
                {
                    continue;
                }

                var siblings = Enumerable.Range(1, monthsBilled)
                    .Select(n => TestData.Sibling(n, PaymentRequestStatus.Approved, periodFrom: Start.AddMonths(n - 1), periodTo: Start.AddMonths(n).AddDays(-1)))
                    .ToList();
                var sequence = monthsBilled + 1;
                var draft = PaymentRequest.SuggestDraft(contract, sequence, siblings, today);
                var periodFrom = draft.PeriodFrom!.Value;
                var started = periodFrom <= today;
                draft = draft with { PilaNumber = "9876543210", PilaPaidOn = started ? periodFrom : null };

                var request = PaymentRequest.Create(contract, sequence, TestData.ContractorId, draft, TestData.Now);
                foreach (var type in PaymentRequestRules.RequiredDocuments(contract.ContractorPersonType, sequence == 1))
                {
                    request.AddAttachment(TestData.Attachment(type), long.MaxValue, TestData.ContractorId, TestData.Now);
                }

                var violations = request.Assess(new PaymentRequestContext(contract, siblings, false, today)).Violations;
                if (started)
                {
                    Assert.True(violations.Count == 0, $"Today {today}, {monthsBilled} months billed: {string.Join(" | ", violations.Select(v => v.Message))}");
                    Assert.True(draft.ReceivedOn <= today);
                }
                else
                {
                    Assert.Null(draft.ReceivedOn);
                    Assert.Equal(
                        new[] { RuleViolation.KeyOf(PaymentRequestField.ReceivedOn), RuleViolation.KeyOf(PaymentRequestField.PilaPaidOn) }.Order(StringComparer.Ordinal),
                        violations.Select(v => v.Field).Order(StringComparer.Ordinal));
                }

                checkedDays++;
            }
        }

        Assert.True(checkedDays > 1000);
    }

    [Fact]
    public void While_the_current_month_is_billed_before_it_ends_the_reception_date_is_today_not_the_future_emission_date()
    {
        var contract = TestData.Contract(startsOn: Start);
        var siblings = Enumerable.Range(1, 5).Select(n => TestData.Sibling(n, PaymentRequestStatus.Paid, periodFrom: Start.AddMonths(n - 1), periodTo: Start.AddMonths(n).AddDays(-1))).ToList();
        var today = new DateOnly(2026, 6, 15);

        var draft = PaymentRequest.SuggestDraft(contract, 6, siblings, today);

        Assert.Equal(new DateOnly(2026, 6, 1), draft.PeriodFrom);
        Assert.Equal(new DateOnly(2026, 6, 30), draft.PeriodTo);
        Assert.Equal(ColombianCalendar.FirstBusinessDayAfter(new DateOnly(2026, 6, 30)), draft.IssuedOn);
        Assert.Equal(today, draft.ReceivedOn);
    }

    [Fact]
    public void An_invoice_number_another_request_already_carries_is_not_proposed()
    {
        var contract = TestData.Contract();
        var siblings = new[] { TestData.Sibling(1, PaymentRequestStatus.Approved, invoiceNumber: "Pago 002") };

        var draft = PaymentRequest.SuggestDraft(contract, 2, siblings, TestData.Today);

        Assert.Null(draft.InvoiceNumber);
    }

    /// <summary>The case reported: Periodo hasta before Periodo desde and planilla "12a" were saved under a green checklist.</summary>
    [Fact]
    public void A_reversed_period_and_a_planilla_with_a_letter_are_crosses_on_the_checklist()
    {
        var builder = new PaymentRequestBuilder().With(d => d with
        {
            PeriodFrom = new DateOnly(2026, 2, 20),
            PeriodTo = new DateOnly(2026, 2, 10),
            PilaNumber = "12a",
        });

        var assessment = builder.Build().Assess(builder.Context);

        Assert.False(assessment.CanConfirm);
        Assert.False(assessment.PeriodValid);
        Assert.Contains("no puede ser anterior", assessment.PeriodViolations[0].Message, StringComparison.Ordinal);
        Assert.True(assessment.PilaListed);
        Assert.False(assessment.PilaValid);
        Assert.Contains("solo admite dígitos", assessment.PilaViolations[0].Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whatever is broken, every violation Confirmar reports falls under a line of the checklist that shows a cross,
    /// and a checklist with no cross means Confirmar succeeds.
    /// </summary>
    [Theory]
    [MemberData(nameof(BrokenDrafts))]
    public void The_checklist_is_all_ticks_exactly_when_Confirmar_succeeds(string what)
    {
        var builder = Breakers[what](new PaymentRequestBuilder());

        var assessment = builder.Build().Assess(builder.Context);

        var documentsKey = RuleViolation.KeyOf(PaymentRequestField.Documents);
        var lines = new List<(bool Ok, IEnumerable<RuleViolation> Covers)>
        {
            (assessment.ListedDocuments.All(d => !d.Missing), assessment.Violations.Where(v => v.Field == documentsKey)),
            (assessment.PeriodValid, assessment.PeriodViolations),
            (!assessment.PilaListed || assessment.PilaValid, assessment.PilaViolations),
            (assessment.DataValid, assessment.DataViolations),
            (assessment.WithinBalance, []),
        };
        Assert.True(lines.All(l => l.Ok) == assessment.CanConfirm, what);
        var covered = lines.Where(l => !l.Ok).SelectMany(l => l.Covers).ToList();
        var uncovered = assessment.Violations.Where(v => !covered.Contains(v) && !(v.Field == RuleViolation.KeyOf(PaymentRequestField.TotalValue) && !assessment.WithinBalance)).ToList();
        Assert.True(uncovered.Count == 0, $"{what}: {string.Join(" | ", uncovered.Select(v => v.Message))}");
    }

    public static TheoryData<string> BrokenDrafts() => [.. Breakers.Keys];

    private static readonly Dictionary<string, Func<PaymentRequestBuilder, PaymentRequestBuilder>> Breakers = new()
    {
        { "nothing broken", b => b },
        { "reversed period", b => b.With(d => d with { PeriodFrom = new DateOnly(2026, 2, 20), PeriodTo = new DateOnly(2026, 2, 10) }) },
        { "period outside the term", b => b.With(d => d with { PeriodFrom = new DateOnly(2027, 1, 1), PeriodTo = new DateOnly(2027, 1, 31) }) },
        { "planilla with a letter", b => b.With(d => d with { PilaNumber = "12a" }) },
        { "planilla too short", b => b.With(d => d with { PilaNumber = "123" }) },
        { "planilla paid in the future", b => b.With(d => d with { PilaPaidOn = TestData.Today.AddDays(3) }) },
        { "no planilla", b => b.With(d => d with { PilaNumber = null, PilaPaidOn = null }) },
        { "reception in the future", b => b.With(d => d with { ReceivedOn = TestData.Today.AddDays(1) }) },
        { "no emission date", b => b.With(d => d with { IssuedOn = null }) },
        { "due before emission", b => b.With(d => d with { DueOn = d.IssuedOn!.Value.AddDays(-1) }) },
        { "no invoice number", b => b.With(d => d with { InvoiceNumber = null }) },
        { "no filing number", b => b.With(d => d with { FilingNumber = null }) },
        { "total differs from net", b => b.With(d => d with { TotalValue = d.NetValue + 1 }) },
        { "zero value", b => b.With(d => d with { NetValue = 0m, TotalValue = 0m }) },
        { "over the balance", b => b.With(d => d with { NetValue = 60_000_000m, TotalValue = 60_000_000m }) },
        { "a document missing", b => b.WithoutDocument(AttachmentType.Rut) },
        { "everything at once", b => b.WithoutDocument(AttachmentType.Rut).With(d => d with { PilaNumber = "12a", PeriodTo = new DateOnly(2026, 1, 10), InvoiceNumber = null, NetValue = 60_000_000m, TotalValue = 60_000_000m }) },
    };

    [Fact]
    public void A_persona_juridica_attaches_the_revisor_fiscals_certification_instead_of_the_planilla()
    {
        var natural = PaymentRequestRules.RequiredDocuments(PersonType.NaturalPerson, isFirstPayment: false);
        var legal = PaymentRequestRules.RequiredDocuments(PersonType.LegalPerson, isFirstPayment: false);

        Assert.Contains(AttachmentType.SocialSecurityPayment, natural);
        Assert.DoesNotContain(AttachmentType.SocialSecurityCertification, natural);
        Assert.Contains(AttachmentType.SocialSecurityCertification, legal);
        Assert.DoesNotContain(AttachmentType.SocialSecurityPayment, legal);
        Assert.DoesNotContain(AttachmentType.ArlCertificate, legal);
        Assert.DoesNotContain(AttachmentType.SocialSecurityPayment, AttachmentTypeLabels.ChoicesFor(PersonType.LegalPerson));
        Assert.DoesNotContain(AttachmentType.SocialSecurityCertification, AttachmentTypeLabels.ChoicesFor(PersonType.NaturalPerson));
    }

    [Fact]
    public void A_persona_juridica_without_the_certification_cannot_confirm_and_is_not_asked_for_a_planilla()
    {
        var contract = TestData.Contract(PersonType.LegalPerson);
        var draft = TestData.ValidDraft() with { PilaNumber = null, PilaPaidOn = null };
        var request = PaymentRequest.Create(contract, 1, TestData.ContractorId, draft, TestData.Now);
        foreach (var type in new[] { AttachmentType.PaymentClaim, AttachmentType.ActivityReport, AttachmentType.SocialSecurityPayment, AttachmentType.BankCertificate, AttachmentType.Rut, AttachmentType.TaxPaymentProof })
        {
            request.AddAttachment(TestData.Attachment(type), long.MaxValue, TestData.ContractorId, TestData.Now);
        }

        var context = new PaymentRequestContext(contract, [], false, TestData.Today);
        var assessment = request.Assess(context);

        Assert.Equal(["Falta anexar el documento «Certificación de pagos de seguridad social y parafiscales»."], assessment.Violations.Select(v => v.Message));
        Assert.False(assessment.PilaListed);

        request.AddAttachment(TestData.Attachment(AttachmentType.SocialSecurityCertification), long.MaxValue, TestData.ContractorId, TestData.Now);
        Assert.True(request.Assess(context).CanConfirm);
    }

    [Fact]
    public void A_terminated_contract_still_takes_requests_for_periods_within_its_term_until_it_is_liquidated()
    {
        var contract = TestData.Contract();
        contract.Terminate();
        var builder = new PaymentRequestBuilder().ForContract(contract);

        Assert.True(contract.AcceptsPaymentRequests);
        Assert.Empty(builder.Violations());
        var late = new PaymentRequestBuilder().ForContract(contract).With(d => d with { PeriodFrom = new DateOnly(2027, 1, 1), PeriodTo = new DateOnly(2027, 1, 31) });
        Assert.Contains(late.Violations(), v => v.Message.Contains("dentro del plazo", StringComparison.Ordinal));

        var request = builder.Build();
        contract.Close();

        Assert.False(contract.AcceptsPaymentRequests);
        var closed = request.Assess(builder.Context);
        Assert.Contains(closed.Violations, v => v.Message.Contains("«Cerrado»", StringComparison.Ordinal) && v.Message.Contains("«Terminado» (hasta su liquidación)", StringComparison.Ordinal));
        Assert.False(closed.DataValid);
        Assert.Throws<DomainException>(() => PaymentRequest.Create(contract, 2, TestData.ContractorId, TestData.ValidDraft(2), TestData.Now));
    }

    [Fact]
    public void An_entity_that_asks_for_the_certificacion_bancaria_on_every_payment_gets_it_on_later_payments()
    {
        var entityRules = DocumentRequirements.Of(
            DocumentRequirements.Default.FirstPayment,
            [.. DocumentRequirements.Default.LaterPayments, AttachmentType.BankCertificate]);
        var builder = new PaymentRequestBuilder().AsLaterPayment(2);
        var request = builder.Build();

        Assert.True(request.Assess(builder.Context).CanConfirm);
        var assessment = request.Assess(builder.Context with { Documents = entityRules });

        Assert.Equal(["Falta anexar el documento «Certificación bancaria»."], assessment.Violations.Select(v => v.Message));
        Assert.Contains(assessment.ListedDocuments, i => i.Type == AttachmentType.BankCertificate && i.Missing);
    }

    [Fact]
    public void Required_documents_are_stored_as_type_names_and_the_defaults_as_nothing()
    {
        var custom = DocumentRequirements.Of([AttachmentType.ActivityReport], [AttachmentType.BankCertificate, AttachmentType.ActivityReport]);

        Assert.Equal([AttachmentType.PaymentClaim, AttachmentType.ActivityReport], custom.FirstPayment);
        Assert.Equal("PaymentClaim,ActivityReport,BankCertificate", DocumentRequirements.Stored(custom.LaterPayments));
        var read = DocumentRequirements.FromStored("PaymentClaim,ActivityReport", "PaymentClaim,ActivityReport,BankCertificate,NoSuchType");
        Assert.Equal(custom.FirstPayment, read.FirstPayment);
        Assert.Equal(custom.LaterPayments, read.LaterPayments);
        Assert.Same(DocumentRequirements.Default, DocumentRequirements.FromStored(null, null));
        Assert.True(DocumentRequirements.Of(DocumentRequirements.Default.FirstPayment, DocumentRequirements.Default.LaterPayments).IsDefault);
        Assert.True(DocumentRequirements.StoredMaxLength <= Entities.PublicEntity.RequiredDocumentsMaxLength);

        var entity = new Entities.PublicEntity("Alcaldía de Prueba", "899999001-7");
        entity.SetRequiredDocuments(custom);
        Assert.Equal(custom.LaterPayments, entity.RequiredDocuments().LaterPayments);
        entity.SetRequiredDocuments(DocumentRequirements.Default);
        Assert.Null(entity.FirstPaymentDocuments);
        Assert.True(entity.RequiredDocuments().IsDefault);
    }
}
