using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>The outcome of <see cref="DocumentIntake.AcceptAsync"/>: a stored, recognised document, or a refusal.</summary>
public sealed class IntakeResult
{
    private IntakeResult(StoredDocument? document, DetectedType? type, string? displayFileName, RefusalReason? reason, string? message)
    {
        Document = document;
        Type = type;
        DisplayFileName = displayFileName;
        Reason = reason;
        RefusalMessage = message;
    }

    [MemberNotNullWhen(true, nameof(Document), nameof(Type), nameof(DisplayFileName))]
    [MemberNotNullWhen(false, nameof(RefusalMessage), nameof(Reason))]
    public bool IsAccepted => Document is not null;

    /// <summary>Key, SHA-256 and size of the stored bytes: what the Attachment or ExecutionDocument row records.</summary>
    public StoredDocument? Document { get; }

    /// <summary>What the content is; <see cref="DetectedType.ContentType"/> is the row's content type.</summary>
    public DetectedType? Type { get; }

    /// <summary>The cleaned name to record and show (<see cref="SafeFileName.ForDisplay(string, DetectedType)"/>).</summary>
    public string? DisplayFileName { get; }

    public RefusalReason? Reason { get; }

    /// <summary>For the user, in Spanish.</summary>
    public string? RefusalMessage { get; }

    public static IntakeResult Accepted(StoredDocument document, DetectedType type, string displayFileName)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayFileName);
        return new IntakeResult(document, type, displayFileName, null, null);
    }

    public static IntakeResult Refused(RefusalReason reason, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new IntakeResult(null, null, null, reason, message);
    }

    public override string ToString() => IsAccepted ? $"Accepted {Type.Kind} {Document.StorageKey}" : $"Refused {Reason}: {RefusalMessage}";
}

/// <summary>
/// One uploaded file from the request to the store: streamed into <see cref="IDocumentStore"/> with the size
/// capped, then the stored copy inspected by content (<see cref="ContentInspector"/>). A refused file is deleted
/// before the refusal is returned, so nothing refused stays in the store; at no point is the file held in memory.
/// </summary>
/// <remarks>
/// The caller (a controller adapting <c>IFormFile</c>: <c>OpenReadStream()</c>, <c>FileName</c>, <c>Length</c>)
/// then records the row with <see cref="IntakeResult.Document"/>, <see cref="DetectedType.ContentType"/> and
/// <see cref="IntakeResult.DisplayFileName"/> and commits it. If that commit fails, delete the stored key (or
/// let <see cref="DocumentSweeper"/> do it).
/// </remarks>
public sealed partial class DocumentIntake(IDocumentStore store, IOptions<UploadLimitsOptions> options, ILogger<DocumentIntake> logger)
{
    /// <summary>Accepts one file, at most <see cref="UploadLimitsOptions.MaxFileBytes"/>.</summary>
    public Task<IntakeResult> AcceptAsync(Stream content, string fileName, long length, CancellationToken cancellationToken) =>
        AcceptAsync(content, fileName, length, options.Value.MaxFileBytes, cancellationToken);

    /// <summary>Accepts one file.</summary>
    /// <param name="content">The upload, read once from its current position; need not be seekable.</param>
    /// <param name="fileName">The user's name for the file: for display only.</param>
    /// <param name="length">The size the client announced (refused early when over the limit; never trusted otherwise).</param>
    /// <param name="maxBytes">
    /// The most this file may weigh, e.g. what is left of the request's budget; never more than
    /// <see cref="UploadLimitsOptions.MaxFileBytes"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels; nothing is left in the store.</param>
    public async Task<IntakeResult> AcceptAsync(Stream content, string fileName, long length, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limits = options.Value;
        var limit = Math.Min(maxBytes, limits.MaxFileBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(maxBytes));
        var displayName = SafeFileName.ForDisplay(fileName);

        if (length == 0)
        {
            return Refuse(RefusalReason.Empty, UploadMessages.Empty, 0);
        }

        if (length > limit)
        {
            return Refuse(RefusalReason.TooLarge, UploadMessages.TooLarge(displayName, limit), length);
        }

        StoredDocument stored;
        try
        {
            stored = await store.SaveAsync(content, limit, cancellationToken);
        }
        catch (DocumentTooLargeException)
        {
            return Refuse(RefusalReason.TooLarge, UploadMessages.TooLarge(displayName, limit), length);
        }

        var keep = false;
        try
        {
            InspectionResult inspection;
            var saved = await store.OpenReadAsync(stored.StorageKey, cancellationToken);
            await using (saved)
            {
                inspection = await ContentInspector.InspectAsync(saved, fileName, limits, cancellationToken);
            }

            if (!inspection.IsAccepted)
            {
                return Refuse(inspection.Reason.Value, inspection.RefusalMessage, stored.SizeBytes);
            }

            keep = true;
            LogAccepted(logger, stored.StorageKey, inspection.Type.Kind, stored.SizeBytes);
            return IntakeResult.Accepted(stored, inspection.Type, SafeFileName.ForDisplay(fileName, inspection.Type));
        }
        finally
        {
            if (!keep)
            {
                await DiscardAsync(stored.StorageKey);
            }
        }
    }

    /// <summary>Refused, failed or cancelled: the bytes must not stay. Not cancellable; it is quick.</summary>
    private async Task DiscardAsync(string storageKey)
    {
        try
        {
            await store.DeleteAsync(storageKey, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not referenced by any row, so the sweep deletes it later; the original outcome stands.
            LogDiscardFailed(logger, ex, storageKey);
        }
    }

    private IntakeResult Refuse(RefusalReason reason, string message, long sizeBytes)
    {
        LogRefused(logger, reason, sizeBytes);
        return IntakeResult.Refused(reason, message);
    }

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Upload stored as {StorageKey}: {Kind}, {SizeBytes} bytes")]
    private static partial void LogAccepted(ILogger logger, string storageKey, DocumentKind kind, long sizeBytes);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Warning, Message = "Refused upload {StorageKey} could not be deleted; the sweep will remove it")]
    private static partial void LogDiscardFailed(ILogger logger, Exception exception, string storageKey);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "Upload refused ({Reason}), {SizeBytes} bytes; nothing kept")]
    private static partial void LogRefused(ILogger logger, RefusalReason reason, long sizeBytes);
}
