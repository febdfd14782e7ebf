namespace SecopPortal.Web.Features.PortalInfo;

/// <summary>
/// Who operates the portal (<c>Portal:Operador:…</c>), shown in the footer of every page, on "Contacto" and as the
/// responsable del tratamiento of the privacy policy (Ley 1581 de 2012). The defaults are Colombia Compra Eficiente's;
/// README (Configuration) says which come from a public source and which the operator must set.
/// </summary>
public sealed class PortalOperatorOptions
{
    public const string Section = "Portal:Operador";

    /// <summary>The entity's legal name.</summary>
    public string Name { get; set; } = "Agencia Nacional de Contratación Pública – Colombia Compra Eficiente";

    /// <summary>The name people know it by, used in running text.</summary>
    public string ShortName { get; set; } = "Colombia Compra Eficiente";

    /// <summary>Número de Identificación Tributaria, with its check digit.</summary>
    public string Nit { get; set; } = "900.514.813-2";

    /// <summary>Where the entity receives people and correspondence.</summary>
    public string Address { get; set; } = "Carrera 7 No. 26-20, piso 17";

    public string City { get; set; } = "Bogotá D.C., Colombia";

    /// <summary>The mesa de servicio's line in Bogotá (seed 004: SECOP II's "Línea en Bogotá 7452778", with today's 601 area code).</summary>
    public string Phone { get; set; } = "(601) 745 2778";

    /// <summary>The mesa de servicio's toll-free national line (seed 004: "Línea Nacional 018000 820908").</summary>
    public string NationalPhone { get; set; } = "01 8000 820908";

    /// <summary>The mailbox for questions, requests, complaints and data-protection requests (consultas and reclamos).</summary>
    public string Email { get; set; } = "atencionalciudadano@colombiacompra.gov.co";

    /// <summary>When the channels answer, in Bogotá time.</summary>
    public string Hours { get; set; } = "Lunes a viernes de 8:00 a. m. a 5:00 p. m. (hora de Bogotá), excepto festivos";

    /// <summary>The entity's web site.</summary>
    public string Web { get; set; } = "https://www.colombiacompra.gov.co";

    /// <summary>The phone numbers as tel: link targets (digits only; the national line keeps its 01 8000 prefix).</summary>
    public static string TelLink(string phone) =>
        "tel:" + new string((phone ?? string.Empty).Where(char.IsAsciiDigit).ToArray());

    /// <summary>The web site without its scheme, as people read it ("www.colombiacompra.gov.co").</summary>
    public string WebForDisplay =>
        Uri.TryCreate(Web, UriKind.Absolute, out var uri) ? uri.Host + uri.PathAndQuery.TrimEnd('/') : Web;

    /// <summary>Whether every field people need to reach the operator is set and the web site is an http(s) address.</summary>
    public bool IsComplete(out string problem)
    {
        foreach (var (key, value) in new[] { (nameof(Name), Name), (nameof(Nit), Nit), (nameof(Address), Address), (nameof(City), City), (nameof(Phone), Phone), (nameof(Email), Email), (nameof(Hours), Hours), (nameof(Web), Web) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problem = $"{Section}:{key} is required (it is shown in the footer of every page).";
                return false;
            }
        }

        if (!Email.Contains('@', StringComparison.Ordinal) || Email.Contains(' ', StringComparison.Ordinal))
        {
            problem = $"{Section}:Email must be an e-mail address.";
            return false;
        }

        if (!Uri.TryCreate(Web, UriKind.Absolute, out var web) || web.Scheme is not ("https" or "http"))
        {
            problem = $"{Section}:Web must be an absolute http(s) address.";
            return false;
        }

        problem = string.Empty;
        return true;
    }
}
