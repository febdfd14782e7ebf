using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.ExecutionDocuments;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.PublicContracts;

/// <summary>
/// "Consulta pública de contratos": the anonymous public record of contract execution (docs/product.md §17,
/// docs/public-record.md). Every route is rate-limited per client address and sets no cookie; the contract page is
/// cacheable by shared caches and answers <c>If-None-Match</c> with 304.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRecord.RateLimitPolicy)]
[Route("publico/contratos")]
public sealed partial class PublicContractsController(ILogger<PublicContractsController> logger) : Controller
{
    /// <summary>How long a browser or a shared cache may reuse a public page without asking again.</summary>
    public const int MaxAgeSeconds = 300;

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromServices] PublicContractSearch search,
        string? q,
        string? estado,
        string? por,
        string? despues = null,
        string? antes = null,
        CancellationToken cancellationToken = default)
    {
        var page = await search.RunAsync(q, PublicSearchValues.KindOf(por), PublicSearchValues.StateOf(estado), new PageRequest(despues, antes), cancellationToken);
        Cacheable();
        return View(page);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Detail([FromServices] PublicContractQuery query, int id, CancellationToken cancellationToken)
    {
        var head = await query.FindHeadAsync(id, cancellationToken);
        if (head is null)
        {
            return NotFound();
        }

        Cacheable();
        Response.Headers.ETag = head.ETag;
        if (Matches(Request.GetTypedHeaders().IfNoneMatch, head.ETag))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return View(await query.RunAsync(head.Contract, cancellationToken));
    }

    /// <summary>A published execution document of the contract: part of its publication duty (docs/public-record.md).</summary>
    [HttpGet("{contractId:int}/documentos/{documentId:int}/descargar")]
    public async Task<IActionResult> Download(
        int contractId, int documentId, [FromServices] ExecutionDocumentQueries documents, [FromServices] IDocumentStore store, CancellationToken cancellationToken)
    {
        var file = await documents.FindPublishedFileAsync(contractId, documentId, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        Stream content;
        try
        {
            content = await store.OpenReadAsync(file.StorageKey, cancellationToken);
        }
        catch (DocumentNotFoundException ex)
        {
            LogBytesMissing(logger, ex, documentId, contractId);
            return NotFound();
        }

        Response.Headers.ContentDisposition = SafeFileName.ContentDispositionFor(file.FileName);
        Response.Headers.XContentTypeOptions = "nosniff";
        Cacheable();
        return File(content, file.ContentType);
    }

    private static bool Matches(IList<EntityTagHeaderValue> ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0)
        {
            return false;
        }

        var current = EntityTagHeaderValue.Parse(etag);
        return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: false));
    }

    /// <summary>
    /// The same page for everyone: shared caches may keep it. A signed-in visitor's answer may carry a renewed
    /// session cookie, so it stays in their browser only.
    /// </summary>
    private void Cacheable() =>
        Response.Headers.CacheControl = User.Identity?.IsAuthenticated == true
            ? $"private, max-age={MaxAgeSeconds}"
            : $"public, max-age={MaxAgeSeconds}";

    [LoggerMessage(EventId = 4701, Level = LogLevel.Error,
        Message = "Published execution document {DocumentId} of contract {ContractId} has a row but its bytes are missing from the document store")]
    private static partial void LogBytesMissing(ILogger logger, Exception exception, int documentId, int contractId);
}
