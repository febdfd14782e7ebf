namespace SecopPortal.Domain.Common;

/// <summary>
/// The keys of the violations of an uploaded document (an attachment of a payment request, an execution
/// document of a contract): the properties of the upload forms ("Tipo de documento", "Archivo", "Descripción").
/// </summary>
public enum UploadField
{
    /// <summary>"Tipo de documento".</summary>
    Type = 1,

    /// <summary>"Archivo".</summary>
    File,

    /// <summary>"Descripción".</summary>
    Description,
}
