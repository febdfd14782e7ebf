using Microsoft.AspNetCore.Mvc;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Infrastructure;

/// <summary>How every stored document goes out: as a download, never rendered in the portal's origin.</summary>
public static partial class DocumentResponses
{
    public static FileStreamResult Attachment(ControllerBase controller, Stream content, string contentType, string fileName)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var headers = controller.Response.Headers;
        headers.ContentDisposition = SafeFileName.ContentDispositionFor(fileName);
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        return new FileStreamResult(content, contentType);
    }

    /// <summary>
    /// The bytes stored under <paramref name="storageKey"/> as a download (<see cref="Attachment"/>). A row whose bytes
    /// are missing from the store answers 404 and is logged as the error it is (the store's contract, ADR 0006, says
    /// it cannot happen).
    /// </summary>
    public static async Task<IActionResult> StoredAsync(
        ControllerBase controller, IDocumentStore store, string storageKey, string contentType, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(store);
        Stream content;
        try
        {
            content = await store.OpenReadAsync(storageKey, cancellationToken);
        }
        catch (DocumentNotFoundException ex)
        {
            var logger = controller.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DocumentResponses));
            LogBytesMissing(logger, ex, storageKey, controller.HttpContext.Request.Path);
            return controller.NotFound();
        }

        return Attachment(controller, content, contentType, fileName);
    }

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error,
        Message = "Document {StorageKey} asked for at {Path} has a row but its bytes are missing from the document store")]
    private static partial void LogBytesMissing(ILogger logger, Exception exception, string storageKey, string path);
}
