using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.ExecutionDocuments;

/// <summary>"Detalle" of an execution document.</summary>
public sealed record ExecutionDocumentDetail(
    int Id,
    int ContractId,
    string ContractNumber,
    string Description,
    string FileName,
    string ContentType,
    long SizeBytes,
    string Sha256,
    UploaderSide UploaderSide,
    string UploadedByName,
    DateTime UploadedAtUtc)
{
    /// <summary>What the file is, in words ("PDF", "Documento de Word (DOCX)"), from the type detected at upload.</summary>
    public string KindLabel => ContentType switch
    {
        _ when ContentType == DetectedType.Pdf.ContentType => "PDF",
        _ when ContentType == DetectedType.Zip.ContentType => "Archivo comprimido ZIP",
        _ when ContentType == DetectedType.Png.ContentType => "Imagen PNG",
        _ when ContentType == DetectedType.Jpeg.ContentType => "Imagen JPEG",
        _ when ContentType == DetectedType.Docx.ContentType => "Documento de Word (DOCX)",
        _ when ContentType == DetectedType.Xlsx.ContentType => "Hoja de cálculo de Excel (XLSX)",
        _ => ContentType,
    };
}

/// <summary>What a download needs.</summary>
public sealed record ExecutionDocumentFile(string FileName, string ContentType, string StorageKey);

/// <summary>Reads execution documents, always within their contract: a document id under another contract is not found.</summary>
public sealed class ExecutionDocumentQueries(PortalDbContext db)
{
    public Task<string?> FindContractNumberAsync(int contractId, CancellationToken cancellationToken) =>
        db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken);

    public Task<ExecutionDocumentDetail?> FindDetailAsync(int contractId, int documentId, CancellationToken cancellationToken) =>
        db.ExecutionDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.ContractId == contractId)
            .Select(d => new ExecutionDocumentDetail(
                d.Id,
                d.ContractId,
                db.Contracts.Where(c => c.Id == d.ContractId).Select(c => c.Number).First(),
                d.Description,
                d.FileName,
                d.ContentType,
                d.SizeBytes,
                d.Sha256,
                d.UploaderSide,
                db.Users.Where(u => u.Id == d.UploadedById).Select(u => u.FullName).First(),
                d.UploadedAtUtc))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>A document the public may download: published, of that contract (docs/public-record.md).</summary>
    public Task<ExecutionDocumentFile?> FindPublishedFileAsync(int contractId, int documentId, CancellationToken cancellationToken) =>
        db.ExecutionDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.ContractId == contractId && d.IsPublished)
            .Select(d => new ExecutionDocumentFile(d.FileName, d.ContentType, d.StorageKey))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<ExecutionDocumentFile?> FindFileAsync(int contractId, int documentId, CancellationToken cancellationToken) =>
        db.ExecutionDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.ContractId == contractId)
            .Select(d => new ExecutionDocumentFile(d.FileName, d.ContentType, d.StorageKey))
            .FirstOrDefaultAsync(cancellationToken);
}
