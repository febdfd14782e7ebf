namespace SecopPortal.Domain.Common;

/// <summary>
/// Colombian tax id (NIT). DIAN's check digit is a weighted sum of the base digits, right to left, with
/// the weights 3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71, modulo 11.
/// </summary>
public static class NitNumber
{
    private static readonly int[] Weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

    public static int CheckDigit(string baseDigits)
    {
        ArgumentNullException.ThrowIfNull(baseDigits);
        var sum = 0;
        for (var i = 0; i < baseDigits.Length; i++)
        {
            var digit = baseDigits[baseDigits.Length - 1 - i] - '0';
            sum += digit * Weights[i];
        }

        var remainder = sum % 11;
        return remainder > 1 ? 11 - remainder : remainder;
    }

    /// <summary>
    /// Accepts "899999001-7", "899.999.001-7" or "8999990017" style input and returns "899999001-7".
    /// Throws a <see cref="DomainException"/> with a Spanish message when it is not a valid NIT.
    /// </summary>
    public static string Normalize(string? input)
    {
        var raw = (input ?? string.Empty).Trim();
        if (raw.Length == 0)
        {
            throw new DomainException("El NIT es obligatorio.");
        }

        string baseDigits;
        string? givenCheck = null;
        var hyphen = raw.LastIndexOf('-');
        if (hyphen >= 0)
        {
            baseDigits = raw[..hyphen].Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            givenCheck = raw[(hyphen + 1)..].Trim();
        }
        else
        {
            var digitsOnly = raw.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (digitsOnly.Length < 2)
            {
                throw new DomainException("El NIT debe tener entre 6 y 15 dígitos más el dígito de verificación.");
            }

            baseDigits = digitsOnly[..^1];
            givenCheck = digitsOnly[^1..];
        }

        if (baseDigits.Length is < 6 or > 15 || !baseDigits.All(char.IsAsciiDigit))
        {
            throw new DomainException("El NIT debe tener entre 6 y 15 dígitos más el dígito de verificación.");
        }

        if (givenCheck.Length != 1 || !char.IsAsciiDigit(givenCheck[0]))
        {
            throw new DomainException("El dígito de verificación del NIT debe ser un número de 0 a 9.");
        }

        var expected = CheckDigit(baseDigits);
        if (givenCheck[0] - '0' != expected)
        {
            throw new DomainException($"El dígito de verificación del NIT no corresponde (debería ser {SpanishText.Number(expected)}).");
        }

        return $"{baseDigits}-{givenCheck}";
    }
}
