using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;

namespace SecopPortal.Domain.Entities;

/// <summary>An "Entidad Estatal": the public body that signs contracts and pays for them.</summary>
public sealed class PublicEntity
{
    public const int NameMaxLength = 200;

    /// <summary>Room for every configurable document type's name, comma-separated (<see cref="DocumentRequirements.Stored"/>).</summary>
    public const int RequiredDocumentsMaxLength = 400;

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

    /// <summary>
    /// The document types asked for on a contract's first payment, as <see cref="DocumentRequirements.Stored"/> writes
    /// them; null while the entity follows the portal's default rules.
    /// </summary>
    public string? FirstPaymentDocuments { get; private set; }

    /// <summary>The document types asked for on every later payment; null while the entity follows the defaults.</summary>
    public string? LaterPaymentDocuments { get; private set; }

    /// <summary>What this entity asks its contractors to attach (docs/product.md §9).</summary>
    public DocumentRequirements RequiredDocuments() => DocumentRequirements.FromStored(FirstPaymentDocuments, LaterPaymentDocuments);

    /// <summary>Sets what this entity asks for; the portal's default rules are stored as "no choice".</summary>
    public void SetRequiredDocuments(DocumentRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        if (requirements.IsDefault)
        {
            FirstPaymentDocuments = null;
            LaterPaymentDocuments = null;
            return;
        }

        FirstPaymentDocuments = DocumentRequirements.Stored(requirements.FirstPayment);
        LaterPaymentDocuments = DocumentRequirements.Stored(requirements.LaterPayments);
    }

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
