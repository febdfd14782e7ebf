using SecopPortal.Domain.Common;
using SecopPortal.Domain.Entities;

namespace SecopPortal.Domain.Tests.Common;

public sealed class NitNumberTests
{
    [Theory]
    [InlineData("899999001", 7)]
    [InlineData("800197268", 4)]
    [InlineData("860034313", 7)]
    [InlineData("890399010", 6)]
    public void Check_digit_follows_dian_weights(string baseDigits, int expected)
    {
        Assert.Equal(expected, NitNumber.CheckDigit(baseDigits));
    }

    [Theory]
    [InlineData("899999001-7")]
    [InlineData("899.999.001-7")]
    [InlineData(" 8999990017 ")]
    [InlineData("899 999 001 - 7")]
    public void Accepted_writings_normalise_to_digits_hyphen_check_digit(string input)
    {
        Assert.Equal("899999001-7", NitNumber.Normalize(input));
    }

    [Theory]
    [InlineData("", "El NIT es obligatorio.")]
    [InlineData("899999001-3", "El dígito de verificación del NIT no corresponde (debería ser 7).")]
    [InlineData("12345-1", "El NIT debe tener entre 6 y 15 dígitos más el dígito de verificación.")]
    [InlineData("89999A001-7", "El NIT debe tener entre 6 y 15 dígitos más el dígito de verificación.")]
    [InlineData("899999001-X", "El dígito de verificación del NIT debe ser un número de 0 a 9.")]
    public void Invalid_nits_are_refused_with_a_spanish_reason(string input, string message)
    {
        var error = Assert.Throws<DomainException>(() => NitNumber.Normalize(input));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_public_entity_keeps_its_trimmed_name_and_canonical_nit()
    {
        var entity = new PublicEntity("  Alcaldía de Ejemplo  ", "899.999.001-7");

        Assert.Equal("Alcaldía de Ejemplo", entity.Name);
        Assert.Equal("899999001-7", entity.Nit);
    }

    [Fact]
    public void A_public_entity_needs_a_name()
    {
        var error = Assert.Throws<DomainException>(() => new PublicEntity(" ", "899999001-7"));

        Assert.Equal("El nombre de la Entidad Estatal es obligatorio.", error.Message);
    }
}
