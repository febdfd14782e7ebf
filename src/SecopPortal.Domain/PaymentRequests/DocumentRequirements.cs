using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// The document types an Entidad Estatal asks for on the first payment of a contract and on each later one
/// (docs/product.md §9). Entities differ (one asks for the certificación bancaria on every payment), so an
/// administrator sets them per entity; <see cref="Default"/> is what the portal asks when the entity has not.
/// </summary>
/// <remarks>
/// The sets are written in a contractor-neutral way: <see cref="AttachmentType.SocialSecurityPayment"/> stands for
/// "the proof of the payments to social security", which <see cref="For"/> turns into the certification of the
/// revisor fiscal or legal representative for a persona jurídica (art. 50 Ley 789 de 2002); the ARL certificate is
/// asked of a persona natural only. The cuenta de cobro itself is always required.
/// </remarks>
public sealed class DocumentRequirements
{
    private DocumentRequirements(IEnumerable<AttachmentType> firstPayment, IEnumerable<AttachmentType> laterPayments)
    {
        FirstPayment = Normalize(firstPayment);
        LaterPayments = Normalize(laterPayments);
    }

    /// <summary>
    /// The types an administrator chooses from, in display order: every contractor choice but the persona jurídica's
    /// certification (it is the same requirement as the planilla, see the remarks).
    /// </summary>
    public static IReadOnlyList<AttachmentType> Configurable { get; } =
        [.. AttachmentTypeLabels.ContractorChoices.Where(t => t != AttachmentType.SocialSecurityCertification)];

    /// <summary>
    /// The portal's rules when the entity has set none: the cuenta de cobro, the informe de actividades, the proof of
    /// social security and (persona natural) the ARL certificate always; the certificación bancaria, the RUT and the
    /// tax payment proof on the first payment; the previous month's payment order on every later one.
    /// </summary>
    public static DocumentRequirements Default { get; } = new(
        [
            AttachmentType.PaymentClaim, AttachmentType.ActivityReport, AttachmentType.SocialSecurityPayment,
            AttachmentType.ArlCertificate, AttachmentType.BankCertificate, AttachmentType.Rut, AttachmentType.TaxPaymentProof,
        ],
        [
            AttachmentType.PaymentClaim, AttachmentType.ActivityReport, AttachmentType.SocialSecurityPayment,
            AttachmentType.ArlCertificate, AttachmentType.PreviousPaymentOrder,
        ]);

    /// <summary>What the first payment of a contract asks for, in <see cref="Configurable"/> order.</summary>
    public IReadOnlyList<AttachmentType> FirstPayment { get; }

    /// <summary>What every later payment asks for, in <see cref="Configurable"/> order.</summary>
    public IReadOnlyList<AttachmentType> LaterPayments { get; }

    /// <summary>Whether these are the portal's default rules.</summary>
    public bool IsDefault => FirstPayment.SequenceEqual(Default.FirstPayment) && LaterPayments.SequenceEqual(Default.LaterPayments);

    /// <summary>
    /// An entity's choice. Types outside <see cref="Configurable"/> are ignored; the cuenta de cobro is added when
    /// missing.
    /// </summary>
    public static DocumentRequirements Of(IEnumerable<AttachmentType> firstPayment, IEnumerable<AttachmentType> laterPayments)
    {
        ArgumentNullException.ThrowIfNull(firstPayment);
        ArgumentNullException.ThrowIfNull(laterPayments);
        return new DocumentRequirements(firstPayment, laterPayments);
    }

    /// <summary>
    /// Reads what <see cref="Stored(IReadOnlyList{AttachmentType})"/> wrote; null or empty columns mean the
    /// entity has not chosen, so <see cref="Default"/> applies.
    /// </summary>
    public static DocumentRequirements FromStored(string? firstPayment, string? laterPayments)
    {
        if (string.IsNullOrWhiteSpace(firstPayment) || string.IsNullOrWhiteSpace(laterPayments))
        {
            return Default;
        }

        return new DocumentRequirements(Parse(firstPayment), Parse(laterPayments));
    }

    /// <summary>A set as it is stored: the type names, comma-separated ("PaymentClaim,ActivityReport").</summary>
    public static string Stored(IReadOnlyList<AttachmentType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return string.Join(',', types);
    }

    /// <summary>The longest <see cref="Stored(IReadOnlyList{AttachmentType})"/> value (every configurable type).</summary>
    public static int StoredMaxLength => Stored(Configurable).Length;

    /// <summary>
    /// The documents a contractor of <paramref name="personType"/> must attach to the first payment or a later one.
    /// </summary>
    public IReadOnlyList<AttachmentType> For(PersonType personType, bool isFirstPayment)
    {
        var proof = AttachmentTypeLabels.SocialSecurityProofFor(personType);
        return (isFirstPayment ? FirstPayment : LaterPayments)
            .Where(t => t != AttachmentType.ArlCertificate || personType == PersonType.NaturalPerson)
            .Select(t => t == AttachmentType.SocialSecurityPayment ? proof : t)
            .ToList();
    }

    private static List<AttachmentType> Normalize(IEnumerable<AttachmentType> types)
    {
        var chosen = types.ToHashSet();
        chosen.Add(AttachmentType.PaymentClaim);
        return [.. Configurable.Where(chosen.Contains)];
    }

    private static IEnumerable<AttachmentType> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.TryParse<AttachmentType>(name, ignoreCase: false, out var type) ? type : (AttachmentType?)null)
            .OfType<AttachmentType>();
}
