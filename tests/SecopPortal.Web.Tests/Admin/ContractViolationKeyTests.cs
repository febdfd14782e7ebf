using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Web.Features.Admin;

namespace SecopPortal.Web.Tests.Admin;

/// <summary>
/// The contract's violation keys (<see cref="ContractField"/>) against the admin contract form: the details are
/// <see cref="ContractInput"/>'s properties by the same name; the people are typed on the form under other names,
/// and the form moves their messages there by the domain's property names.
/// </summary>
public sealed class ContractViolationKeyTests
{
    /// <summary>The form's field for each key whose name is not one of <see cref="ContractInput"/>'s.</summary>
    private static readonly Dictionary<ContractField, string?> MovedTo = new()
    {
        [ContractField.ContractorId] = nameof(ContractInput.Contractor),
        [ContractField.SupervisorId] = nameof(ContractInput.Supervisor),

        // MoveToEntity is only ever given an entity the form found by its NIT: never shown.
        [ContractField.EntityId] = null,
    };

    public static TheoryData<ContractField> ContractFields() => new(Enum.GetValues<ContractField>());

    [Theory]
    [MemberData(nameof(ContractFields))]
    public void A_contract_key_is_a_field_of_the_contract_form_or_is_moved_to_one(ContractField field)
    {
        var key = RuleViolation.KeyOf(field);

        if (MovedTo.TryGetValue(field, out var target))
        {
            // The form recognises the moved keys by the contract's own property names.
            Assert.NotNull(typeof(Contract).GetProperty(key));
            Assert.True(target is null || typeof(ContractInput).GetProperty(target) is not null, $"ContractInput has no \"{target}\".");
            return;
        }

        Assert.True(typeof(ContractInput).GetProperty(key) is { CanWrite: true }, $"ContractInput has no bindable property \"{key}\".");
    }
}
