using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>Downloads of a request's attachments, for whoever may read the request (contractor, supervisor, admin).</summary>
[Route("pagos/{requestId:int}/anexos")]
public sealed class PaymentRequestDownloadsController(
    PaymentRequestWorkspace workspace,
    IAuthorizationService authorization,
    IDocumentStore documents) : Controller
{
    [HttpGet("{attachmentId:int}/descargar")]
    public async Task<IActionResult> Download(int requestId, int attachmentId, CancellationToken cancellationToken)
    {
        var parties = await workspace.FindPartiesAsync(requestId, cancellationToken);
        if (parties is null || !(await authorization.AuthorizeAsync(User, parties, PaymentRequestOperations.Read)).Succeeded)
        {
            return NotFound();
        }

        var attachment = await workspace.FindAttachmentAsync(requestId, attachmentId, cancellationToken);
        if (attachment is null)
        {
            return NotFound();
        }

        Stream content;
        try
        {
            content = await documents.OpenReadAsync(attachment.StorageKey, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            return NotFound();
        }

        return DocumentResponses.Attachment(this, content, attachment.ContentType, attachment.FileName);
    }
}

/// <summary>How every stored document goes out: as a download, never rendered in the portal's origin.</summary>
public static class DocumentResponses
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
}
