using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.Audit;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PaymentRequests;

/// <summary>Downloads of a request's attachments, for whoever may read the request (contractor, supervisor, admin).</summary>
[Route("pagos/{requestId:int}/anexos")]
public sealed class PaymentRequestDownloadsController(
    PaymentRequestWorkspace workspace,
    IAuthorizationService authorization,
    IDocumentStore documents,
    AuditTrail audit) : Controller
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

        var response = await DocumentResponses.StoredAsync(this, documents, attachment.StorageKey, attachment.ContentType, attachment.FileName, cancellationToken);
        if (response is not NotFoundResult && AuditTrail.PersonalDocumentTypes.Contains(attachment.Type))
        {
            await audit.DownloadAsync(parties.ContractId, requestId, $"{attachment.Type.ToLabel()} «{attachment.FileName}» (anexo {attachment.Id}).");
        }

        return response;
    }
}
