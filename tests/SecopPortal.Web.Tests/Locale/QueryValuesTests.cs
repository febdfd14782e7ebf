using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Locale;

/// <summary>The readable query values of filter enums: every value round-trips, old English names are still read.</summary>
public sealed class QueryValuesTests
{
    public static TheoryData<Type> Enums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in QueryValues.Enums)
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void Every_value_has_its_own_spanish_slug_that_reads_back_as_the_value_and_so_does_its_old_name(Type enumType)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        var slugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Enum value in Enum.GetValues(enumType))
        {
            var slug = QueryValues.Of(value);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
            Assert.True(slugs.Add(slug), $"{enumType.Name}.{value}: the slug «{slug}» is taken");
            Assert.NotEqual(value.ToString(), slug, StringComparer.OrdinalIgnoreCase);

            Assert.True(QueryValues.TryRead(enumType, slug, out var fromSlug));
            Assert.Equal(value, fromSlug);
            Assert.True(QueryValues.TryRead(enumType, slug.ToUpperInvariant(), out var fromUpper));
            Assert.Equal(value, fromUpper);
            Assert.True(QueryValues.TryRead(enumType, value.ToString(), out var fromOldName));
            Assert.Equal(value, fromOldName);
        }
    }

    [Fact]
    public void Slugs_are_the_spanish_names_without_accents()
    {
        Assert.Equal("en-ejecucion", QueryValues.Of(ContractStatus.InExecution));
        Assert.Equal("firmado", QueryValues.Of(ContractStatus.Signed));
        Assert.Equal("cierre-de-sesion", QueryValues.Of(AuditKind.SignedOut));
        Assert.Equal("cuenta-de-cobro-reabierta-registro", QueryValues.Of(AuditKind.PaymentRequestReopened));
        Assert.Null(QueryValues.Of((ContractStatus?)null));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("2")]
    [InlineData("Inventado")]
    [InlineData("en ejecucion")]
    [InlineData("InExecution,Signed")]
    public void Numbers_and_unknown_values_are_not_read(string typed)
    {
        Assert.False(QueryValues.TryRead<ContractStatus>(typed, out _));
        Assert.False(QueryValues.TryRead<AuditKind>(typed, out _));
    }
}
