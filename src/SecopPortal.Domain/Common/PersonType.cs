namespace SecopPortal.Domain.Common;

/// <summary>Persona natural or jurídica, as Colombian law classifies a contractor.</summary>
public enum PersonType
{
    NaturalPerson = 1,
    LegalPerson = 2,
}

/// <summary>Identity document types used by SECOP II for providers.</summary>
public enum DocumentType
{
    CedulaDeCiudadania = 1,
    CedulaDeExtranjeria = 2,
    Nit = 3,
    Pasaporte = 4,
    PermisoPorProteccionTemporal = 5,
}

public static class PersonLabels
{
    public static string ToLabel(this PersonType type) => type switch
    {
        PersonType.NaturalPerson => "Persona natural",
        PersonType.LegalPerson => "Persona jurídica",
        _ => type.ToString(),
    };

    public static string ToLabel(this DocumentType type) => type switch
    {
        DocumentType.CedulaDeCiudadania => "Cédula de ciudadanía",
        DocumentType.CedulaDeExtranjeria => "Cédula de extranjería",
        DocumentType.Nit => "NIT",
        DocumentType.Pasaporte => "Pasaporte",
        DocumentType.PermisoPorProteccionTemporal => "Permiso por Protección Temporal",
        _ => type.ToString(),
    };
}
