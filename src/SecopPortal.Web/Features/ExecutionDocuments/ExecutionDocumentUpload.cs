using FluentValidation;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.ExecutionDocuments;

/// <summary>"Cargar nuevo": the form's fields (bound by hand from the form the action reads) and what the page shows around them.</summary>
public sealed class ExecutionDocumentForm
{
    public int ContractId { get; init; }

    public string ContractNumber { get; init; } = string.Empty;

    /// <summary>The largest file accepted, for the explanation above the form.</summary>
    public long MaxFileBytes { get; init; }

    /// <summary>"Proveedor" or "Comprador": how the document will be listed.</summary>
    public UploaderSide Side { get; init; }

    /// <summary>"Descripción".</summary>
    public string? Description { get; set; }

    /// <summary>"Archivo".</summary>
    public IFormFile? File { get; set; }
}

public sealed class ExecutionDocumentFormValidator : AbstractValidator<ExecutionDocumentForm>
{
    public ExecutionDocumentFormValidator()
    {
        RuleFor(x => x.Description).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("Escriba una descripción del documento, por ejemplo «Acta de inicio».")
            .MaximumLength(ExecutionDocument.DescriptionMaxLength).WithMessage($"La descripción admite como máximo {ExecutionDocument.DescriptionMaxLength} caracteres.");
        RuleFor(x => x.File).NotNull().WithMessage("Busque el documento en su equipo y selecciónelo antes de anexarlo.");
    }
}

/// <summary>What became of an upload: the new document's id, or the Spanish messages by field ("Description", "File").</summary>
public sealed record ExecutionDocumentUploadResult(int? DocumentId, IReadOnlyList<RuleViolation> Violations)
{
    public bool Succeeded => DocumentId is not null;
}

/// <summary>
/// Stores one execution document: the bytes first, streamed through <see cref="DocumentIntake"/> (size capped,
/// recognised by content, refused files deleted), then the <see cref="ExecutionDocument"/> row; if the row cannot be
/// saved the stored bytes are deleted again, so neither a row without bytes nor bytes without a row are left.
/// </summary>
public sealed partial class ExecutionDocumentUpload(
    PortalDbContext db,
    DocumentIntake intake,
    IDocumentStore store,
    TimeProvider clock,
    ILogger<ExecutionDocumentUpload> logger)
{
    public async Task<ExecutionDocumentUploadResult> UploadAsync(
        int contractId, string description, IFormFile file, Guid userId, UploaderSide side, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        IntakeResult accepted;
        await using (var content = file.OpenReadStream())
        {
            accepted = await intake.AcceptAsync(content, file.FileName, file.Length, cancellationToken);
        }

        if (!accepted.IsAccepted)
        {
            return new ExecutionDocumentUploadResult(null, [new RuleViolation(nameof(ExecutionDocumentForm.File), accepted.RefusalMessage)]);
        }

        var stored = accepted.Document;
        var saved = false;
        try
        {
            var document = new ExecutionDocument(
                contractId, description, accepted.DisplayFileName, accepted.Type.ContentType, stored.SizeBytes, stored.Sha256,
                stored.StorageKey, userId, side, clock.GetUtcNow().UtcDateTime);
            db.ExecutionDocuments.Add(document);
            await db.SaveChangesAsync(cancellationToken);
            saved = true;
            LogUploaded(logger, userId, contractId, document.Id, side, stored.SizeBytes);
            return new ExecutionDocumentUploadResult(document.Id, []);
        }
        catch (DomainValidationException exception)
        {
            return new ExecutionDocumentUploadResult(null, exception.Violations);
        }
        finally
        {
            if (!saved)
            {
                await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
        Message = "User {UserId} uploaded execution document {DocumentId} to contract {ContractId} as {Side}, {SizeBytes} bytes")]
    private static partial void LogUploaded(ILogger logger, Guid userId, int contractId, int documentId, UploaderSide side, long sizeBytes);
}
