using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
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
public sealed class PublicContractsController : Controller
{
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
        HttpCaching.Cacheable(HttpContext, HttpCaching.PublicMaxAge);
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

        if (HttpCaching.IsNotModified(HttpContext, head.ETag, HttpCaching.PublicMaxAge))
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

        var answer = await DocumentResponses.StoredAsync(this, store, file.StorageKey, file.ContentType, file.FileName, cancellationToken);
        if (answer is FileStreamResult)
        {
            HttpCaching.Cacheable(HttpContext, HttpCaching.PublicMaxAge); // published: the same file for everyone
        }

        return answer;
    }
}
