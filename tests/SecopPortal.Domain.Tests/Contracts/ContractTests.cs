using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;

namespace SecopPortal.Domain.Tests.Contracts;

public sealed class ContractTests
{
    private static readonly Guid ContractorId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid SupervisorId = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly DateTime Now = new(2026, 11, 21, 15, 0, 0, DateTimeKind.Utc);

    private static ContractDetails ValidDetails() => new(
        "CO1.PCCNTR.129716", "Prestación de servicios profesionales.", ContractType.ProfessionalServices, ContractModality.DirectContracting,
        27_000_000m, 4_500_000m, new DateOnly(2026, 1, 28), new DateOnly(2026, 2, 1), new DateOnly(2026, 7, 31), "CDP-1", "RP-1", false);

    private static Contract NewContract(ContractDetails? details = null, PersonType person = PersonType.NaturalPerson) =>
        new(1, details ?? ValidDetails(), ContractorId, person, SupervisorId, Now);

    [Fact]
    public void A_new_contract_is_signed_and_does_not_accept_payment_requests_yet()
    {
        var contract = NewContract();

        Assert.Equal(ContractStatus.Signed, contract.Status);
        Assert.False(contract.AcceptsPaymentRequests);
        Assert.NotEqual(Guid.Empty, contract.ConcurrencyStamp);
    }

    [Theory]
    [InlineData(ContractStatus.InExecution, true)]
    [InlineData(ContractStatus.Suspended, true)]
    [InlineData(ContractStatus.Terminated, true)]
    [InlineData(ContractStatus.Closed, false)]
    public void Payment_requests_are_accepted_in_execution_suspended_or_terminated_until_liquidated(ContractStatus status, bool accepts)
    {
        var contract = NewContract();
        contract.StartExecution();
        if (status == ContractStatus.Suspended)
        {
            contract.Suspend();
        }
        else if (status is ContractStatus.Terminated or ContractStatus.Closed)
        {
            contract.Terminate();
        }

        if (status == ContractStatus.Closed)
        {
            contract.Close();
        }

        Assert.Equal(status, contract.Status);
        Assert.Equal(accepts, contract.AcceptsPaymentRequests);
    }

    public static TheoryData<ContractStatus, ContractStatus, bool> AllTransitions()
    {
        var allowed = new HashSet<(ContractStatus, ContractStatus)>
        {
            (ContractStatus.Signed, ContractStatus.InExecution),
            (ContractStatus.Signed, ContractStatus.Cancelled),
            (ContractStatus.InExecution, ContractStatus.Suspended),
            (ContractStatus.InExecution, ContractStatus.Terminated),
            (ContractStatus.Suspended, ContractStatus.InExecution),
            (ContractStatus.Suspended, ContractStatus.Terminated),
            (ContractStatus.Terminated, ContractStatus.Closed),
        };
        var data = new TheoryData<ContractStatus, ContractStatus, bool>();
        foreach (var from in Enum.GetValues<ContractStatus>())
        {
            foreach (var to in Enum.GetValues<ContractStatus>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTransitions))]
    public void Status_changes_follow_the_secop_state_table(ContractStatus from, ContractStatus to, bool allowed)
    {
        var contract = ContractIn(from);

        if (allowed)
        {
            contract.ChangeStatus(to);
            Assert.Equal(to, contract.Status);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => contract.ChangeStatus(to));
            Assert.Contains(from.ToLabel(), error.Message, StringComparison.Ordinal);
            Assert.Contains(to.ToLabel(), error.Message, StringComparison.Ordinal);
            Assert.Equal(from, contract.Status);
        }
    }

    [Fact]
    public void Allowed_transitions_list_only_reachable_states()
    {
        var contract = NewContract();
        contract.StartExecution();

        Assert.Equal([ContractStatus.Suspended, ContractStatus.Terminated], contract.AllowedTransitions);
        Assert.Empty(Contract.TransitionsFrom(ContractStatus.Closed));
        Assert.Empty(Contract.TransitionsFrom(ContractStatus.Cancelled));
    }

    [Fact]
    public void Details_are_trimmed_and_empty_budget_numbers_become_null()
    {
        var contract = NewContract(ValidDetails() with { Number = "  CO1.PCCNTR.1  ", CdpNumber = "  ", RpNumber = " RP-9 " });

        Assert.Equal("CO1.PCCNTR.1", contract.Number);
        Assert.Null(contract.CdpNumber);
        Assert.Equal("RP-9", contract.RpNumber);
    }

    [Fact]
    public void Every_broken_detail_is_reported_on_its_own_field()
    {
        var details = ValidDetails() with
        {
            Number = " ",
            Purpose = string.Empty,
            TotalValue = 0,
            MonthlyFee = -1,
            StartsOn = new DateOnly(2026, 1, 1),
            EndsOn = new DateOnly(2025, 12, 31),
        };

        var error = Assert.Throws<DomainValidationException>(() => NewContract(details));

        var fields = error.Violations.Select(v => v.Field).ToHashSet();
        Assert.Contains(nameof(ContractDetails.Number), fields);
        Assert.Contains(nameof(ContractDetails.Purpose), fields);
        Assert.Contains(nameof(ContractDetails.TotalValue), fields);
        Assert.Contains(nameof(ContractDetails.MonthlyFee), fields);
        Assert.Contains(nameof(ContractDetails.StartsOn), fields);
        Assert.Contains(nameof(ContractDetails.EndsOn), fields);
    }

    [Fact]
    public void Monthly_fee_above_the_total_value_is_refused()
    {
        var error = Assert.Throws<DomainValidationException>(() => NewContract(ValidDetails() with { MonthlyFee = 30_000_000m }));

        var violation = Assert.Single(error.Violations);
        Assert.Equal(nameof(ContractDetails.MonthlyFee), violation.Field);
        Assert.Equal("El valor mensual pactado no puede superar el valor total del contrato.", violation.Message);
    }

    [Fact]
    public void Total_value_with_more_than_two_decimals_is_refused()
    {
        var error = Assert.Throws<DomainValidationException>(() => NewContract(ValidDetails() with { TotalValue = 1000.005m, MonthlyFee = null }));

        Assert.Equal(nameof(ContractDetails.TotalValue), Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Number_longer_than_fifty_characters_is_refused()
    {
        var error = Assert.Throws<DomainValidationException>(() => NewContract(ValidDetails() with { Number = new string('9', 51) }));

        Assert.Equal(nameof(ContractDetails.Number), Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void The_contractor_cannot_supervise_their_own_contract()
    {
        var contract = NewContract();

        var error = Assert.Throws<DomainValidationException>(() => contract.AssignSupervisor(ContractorId));

        Assert.Equal("SupervisorId", Assert.Single(error.Violations).Field);
        Assert.Equal(SupervisorId, contract.SupervisorId);
    }

    [Fact]
    public void The_supervisor_cannot_become_the_contractor()
    {
        var contract = NewContract();

        var error = Assert.Throws<DomainValidationException>(() => contract.AssignContractor(SupervisorId, PersonType.NaturalPerson));

        Assert.Equal("ContractorId", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Empty_contractor_or_supervisor_is_refused()
    {
        Assert.Throws<DomainValidationException>(() => new Contract(1, ValidDetails(), Guid.Empty, PersonType.NaturalPerson, SupervisorId, Now));
        Assert.Throws<DomainValidationException>(() => new Contract(1, ValidDetails(), ContractorId, PersonType.NaturalPerson, Guid.Empty, Now));
    }

    [Theory]
    [InlineData(PersonType.NaturalPerson, ContractType.ProfessionalServices, "2022-06-11", true)]
    [InlineData(PersonType.NaturalPerson, ContractType.ProfessionalServices, "2022-06-10", false)]
    [InlineData(PersonType.LegalPerson, ContractType.ProfessionalServices, "2026-01-28", false)]
    [InlineData(PersonType.NaturalPerson, ContractType.Supply, "2026-01-28", false)]
    public void Pila_evidence_is_required_for_natural_person_service_contracts_signed_since_11_june_2022(
        PersonType person, ContractType type, string signedOn, bool required)
    {
        var signed = DateOnly.Parse(signedOn, System.Globalization.CultureInfo.InvariantCulture);
        var details = ValidDetails() with { Type = type, SignedOn = signed, StartsOn = signed, EndsOn = signed.AddMonths(6) };

        Assert.Equal(required, NewContract(details, person).RequiresPilaEvidence);
    }

    [Theory]
    [InlineData("2026-02-01", "2026-02-28", true)]
    [InlineData("2026-01-31", "2026-02-28", false)]
    [InlineData("2026-07-01", "2026-08-01", false)]
    [InlineData("2026-03-10", "2026-03-09", false)]
    public void A_period_is_covered_only_inside_the_term(string from, string to, bool covered)
    {
        var contract = NewContract();

        Assert.Equal(covered, contract.CoversPeriod(
            DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Contract ContractIn(ContractStatus status)
    {
        var contract = NewContract();
        var path = status switch
        {
            ContractStatus.Signed => [],
            ContractStatus.InExecution => [ContractStatus.InExecution],
            ContractStatus.Suspended => [ContractStatus.InExecution, ContractStatus.Suspended],
            ContractStatus.Terminated => [ContractStatus.InExecution, ContractStatus.Terminated],
            ContractStatus.Closed => [ContractStatus.InExecution, ContractStatus.Terminated, ContractStatus.Closed],
            ContractStatus.Cancelled => new[] { ContractStatus.Cancelled },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            contract.ChangeStatus(step);
        }

        return contract;
    }
}
