using FluentValidation;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Features.ExecutionDocuments;

/// <summary>"Cargar nuevo": the form's fields (only <see cref="Description"/> and <see cref="File"/> are bound from a post) and what the page shows around them.</summary>
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
/// "Anexar" on "Cargar nuevo" (section 7, "Documentos de ejecución del contrato"): the form above, its shape
/// (<see cref="ExecutionDocumentFormValidator"/>), and this handler, which stores the bytes first in a
/// <see cref="ChangeScope"/> (size capped, recognised by content) and then the <see cref="ExecutionDocument"/> row; if
/// the row is refused or not saved the staged bytes are deleted again.
/// </summary>
public static partial class UploadExecutionDocument
{
    public sealed record Command(int ContractId, string Description, IFormFile File, Guid UserId, UploaderSide Side);

    public sealed partial class Handler(Changes changes, PortalDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task<ExecutionDocumentUploadResult> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            await using var change = changes.Begin();
            var staged = await change.StageAsync(command.File, cancellationToken);
            if (!staged.IsAccepted)
            {
                return new ExecutionDocumentUploadResult(null, [new RuleViolation(nameof(ExecutionDocumentForm.File), staged.RefusalMessage)]);
            }

            var stored = staged.Document;
            ExecutionDocument document;
            try
            {
                document = new ExecutionDocument(
                    command.ContractId, command.Description, staged.DisplayFileName, staged.Type.ContentType, stored.SizeBytes, stored.Sha256,
                    stored.StorageKey, command.UserId, command.Side, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainValidationException exception)
            {
                return new ExecutionDocumentUploadResult(null, exception.Violations);
            }

            db.ExecutionDocuments.Add(document);
            await change.CommitAsync(cancellationToken);
            LogUploaded(logger, command.UserId, command.ContractId, document.Id, command.Side, stored.SizeBytes);
            return new ExecutionDocumentUploadResult(document.Id, []);
        }

        [LoggerMessage(EventId = 4201, Level = LogLevel.Information,
            Message = "User {UserId} uploaded execution document {DocumentId} to contract {ContractId} as {Side}, {SizeBytes} bytes")]
        private static partial void LogUploaded(ILogger logger, Guid userId, int contractId, int documentId, UploaderSide side, long sizeBytes);
    }
}
