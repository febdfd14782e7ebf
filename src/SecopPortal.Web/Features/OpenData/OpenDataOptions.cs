namespace SecopPortal.Web.Features.OpenData;

/// <summary>
/// Settings of the open data (<c>OpenData:…</c>): who publishes the OCDS releases and under which OCID prefix.
/// docs/open-data.md says where the default prefix comes from and when it must be changed.
/// </summary>
public sealed class OpenDataOptions
{
    public const string Section = "OpenData";

    /// <summary>
    /// The OCID prefix registered with the Open Contracting Partnership: "ocds-" and six characters. The default,
    /// "ocds-k50g02", is the prefix SECOP's own OCDS publication uses (Colombia Compra Eficiente); an operator
    /// other than the one it was registered to must register its own and set it here.
    /// </summary>
    public string OcidPrefix { get; set; } = "ocds-k50g02";

    /// <summary>The publisher named in every release package.</summary>
    public string PublisherName { get; set; } = "Agencia Nacional de Contratación Pública - Colombia Compra Eficiente";

    /// <summary>Whether <paramref name="prefix"/> has the shape of a registered prefix: "ocds-" and six lower-case letters or digits.</summary>
    public static bool IsWellFormedPrefix(string? prefix) =>
        prefix is { Length: 11 }
        && prefix.StartsWith("ocds-", StringComparison.Ordinal)
        && prefix[5..].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
}
