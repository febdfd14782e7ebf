using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Entities;

/// <summary>An "Entidad Estatal": the public body that signs contracts and pays for them.</summary>
public sealed class PublicEntity
{
    public const int NameMaxLength = 200;

    private PublicEntity()
    {
        Name = string.Empty;
        Nit = string.Empty;
    }

    public PublicEntity(string name, string nit)
        : this()
    {
        Rename(name);
        ChangeNit(nit);
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The NIT in canonical form: the base digits, a hyphen and the DIAN check digit.</summary>
    public string Nit { get; private set; }

    public void Rename(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("El nombre de la Entidad Estatal es obligatorio.");
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw new DomainException($"El nombre de la Entidad Estatal admite como máximo {SpanishText.Count(NameMaxLength)} caracteres.");
        }

        Name = trimmed;
    }

    public void ChangeNit(string nit)
    {
        Nit = NitNumber.Normalize(nit);
    }
}
