using SecopPortal.Domain.Common;

namespace SecopPortal.Domain.Contracts;

/// <summary>Who uploaded an execution document, in SECOP II's words.</summary>
public enum UploaderSide
{
    /// <summary>"Proveedor": the contractor.</summary>
    Provider = 1,

    /// <summary>"Comprador": the entity, through the supervisor.</summary>
    Buyer = 2,
}

/// <summary>
/// A "documento de ejecución del contrato": actas, informes, comunicaciones, evidencias. Published ones
/// appear on the contract's public page (the "deber de publicación"). Rules: docs/product.md §14.
/// </summary>
public sealed class ExecutionDocument
{
    public const int DescriptionMaxLength = 500;
    public const int FileNameMaxLength = 255;

    private ExecutionDocument()
    {
        Description = string.Empty;
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        StorageKey = string.Empty;
    }

    public ExecutionDocument(
        int contractId,
        string description,
        string fileName,
        string contentType,
        long sizeBytes,
        string sha256,
        string storageKey,
        Guid uploadedById,
        UploaderSide uploaderSide,
        DateTime uploadedAtUtc)
        : this()
    {
        var trimmed = (description ?? string.Empty).Trim();
        var rules = new RuleCollector();
        rules.Require(trimmed.Length > 0, UploadField.Description, "Escriba una descripción del documento.");
        rules.Require(trimmed.Length <= DescriptionMaxLength, UploadField.Description, $"La descripción admite como máximo {SpanishText.Count(DescriptionMaxLength)} caracteres.");
        rules.Require(sizeBytes > 0, UploadField.File, "El archivo está vacío.");
        rules.ThrowIfAny();
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ContractId = contractId;
        Description = trimmed;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedById = uploadedById;
        UploaderSide = uploaderSide;
        UploadedAtUtc = uploadedAtUtc;
        IsPublished = true;
    }

    public int Id { get; private set; }

    public int ContractId { get; private set; }

    public string Description { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    public string Sha256 { get; private set; }

    public string StorageKey { get; private set; }

    public Guid UploadedById { get; private set; }

    public UploaderSide UploaderSide { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }

    public bool IsPublished { get; private set; }
}

public static class UploaderSideLabels
{
    public static string ToLabel(this UploaderSide side) => side switch
    {
        UploaderSide.Provider => "Proveedor",
        UploaderSide.Buyer => "Comprador",
        _ => side.ToString(),
    };
}
