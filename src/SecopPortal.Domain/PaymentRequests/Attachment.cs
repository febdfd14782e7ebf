using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.PaymentRequests;

/// <summary>
/// Metadata of a document attached to a payment request. The bytes live in the document store under
/// <see cref="StorageKey"/>; <see cref="FileName"/> is the user's original name, for display only.
/// </summary>
public sealed class Attachment
{
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;
    public const int StorageKeyMaxLength = 300;
    public const int DescriptionMaxLength = 500;
    public const int Sha256Length = 64;

    private Attachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        StorageKey = string.Empty;
    }

    /// <exception cref="DomainValidationException">
    /// Keyed <see cref="UploadField.Type"/>, <see cref="UploadField.File"/> or <see cref="UploadField.Description"/>
    /// when an argument is not valid.
    /// </exception>
    public Attachment(
        AttachmentType type,
        string fileName,
        string contentType,
        long sizeBytes,
        string sha256,
        string storageKey,
        string? description,
        DateTime uploadedAtUtc,
        Guid uploadedById)
        : this()
    {
        var rules = new RuleCollector();
        var name = (fileName ?? string.Empty).Trim();
        var mime = (contentType ?? string.Empty).Trim();
        var hash = (sha256 ?? string.Empty).Trim().ToLowerInvariant();
        var key = (storageKey ?? string.Empty).Trim();
        var text = description?.Trim();

        rules.Require(Enum.IsDefined(type), UploadField.Type, "Seleccione el tipo de documento.");
        rules.Require(name.Length > 0, UploadField.File, "Seleccione el archivo.");
        rules.Require(name.Length <= FileNameMaxLength, UploadField.File, $"El nombre del archivo admite como máximo {SpanishText.Count(FileNameMaxLength)} caracteres.");
        rules.Require(sizeBytes > 0, UploadField.File, "El archivo está vacío.");
        rules.Require(mime.Length is > 0 and <= ContentTypeMaxLength, UploadField.File, "No se reconoce el tipo de contenido del archivo.");
        rules.Require(hash.Length == Sha256Length && hash.All(char.IsAsciiHexDigitLower), UploadField.File, "La huella SHA-256 del archivo no es válida.");
        rules.Require(key.Length is > 0 and <= StorageKeyMaxLength, UploadField.File, "El archivo no quedó guardado en el repositorio de documentos.");
        rules.Require(text is null || text.Length <= DescriptionMaxLength, UploadField.Description, $"La descripción admite como máximo {SpanishText.Count(DescriptionMaxLength)} caracteres.");
        rules.Require(uploadedById != Guid.Empty, UploadField.File, "No se sabe quién cargó el archivo.");
        rules.ThrowIfAny();

        Type = type;
        FileName = name;
        ContentType = mime;
        SizeBytes = sizeBytes;
        Sha256 = hash;
        StorageKey = key;
        Description = string.IsNullOrEmpty(text) ? null : text;
        UploadedAtUtc = uploadedAtUtc;
        UploadedById = uploadedById;
    }

    public int Id { get; private set; }

    public AttachmentType Type { get; private set; }

    /// <summary>The original file name, as the user's computer called it. Display only, never a path.</summary>
    public string FileName { get; private set; }

    /// <summary>The content type detected from the file's content.</summary>
    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>Lowercase hexadecimal SHA-256 of the content (64 characters).</summary>
    public string Sha256 { get; private set; }

    /// <summary>Where the document store keeps the bytes.</summary>
    public string StorageKey { get; private set; }

    public string? Description { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }

    public Guid UploadedById { get; private set; }

    /// <summary>
    /// Whether the contractor may "Quitar" it while the request is En edición: every document but the "Soporte de
    /// pago", which the supervisor attaches when marking the request paid (docs/product.md §10.1).
    /// </summary>
    public bool RemovableByContractor => Type != AttachmentType.PaymentSupport;
}
