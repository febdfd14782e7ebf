using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Web.Features.Contracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.ExecutionDocuments;

/// <summary>
/// Section 7's "Documentos de ejecución del contrato": "Cargar nuevo" (contractor as "Proveedor", supervisor as
/// "Comprador"), "Detalle" and "Descargar" (whoever may read the contract). A contract or document the user may
/// not reach is a 404.
/// </summary>
[Route("contratos/{contractId:int}/documentos")]
public sealed partial class ExecutionDocumentsController(
    IAuthorizationService authorization,
    ContractDetailQuery contracts,
    ExecutionDocumentQueries documents,
    IOptions<UploadLimitsOptions> limits,
    ILogger<ExecutionDocumentsController> logger) : Controller
{
    /// <summary>The TempData key of the "Documento anexado." message, shown in section 7 of the contract.</summary>
    public const string FlashKey = "ExecutionDocumentFlash";

    [HttpGet("nuevo")]
    public async Task<IActionResult> Create(int contractId, CancellationToken cancellationToken)
    {
        var parties = await FindPartiesAsync(contractId, ContractOperations.UploadExecutionDocument, cancellationToken);
        if (parties is null)
        {
            return NotFound();
        }

        var form = await NewFormAsync(parties, cancellationToken);
        return form is null ? NotFound() : View(form);
    }

    /// <summary>
    /// "Anexar". The form is read here rather than by model binding or the global antiforgery filter, so that a
    /// body over the limits (<see cref="UploadLimitsAttribute"/>) becomes a Spanish message next to "Archivo"
    /// instead of a bare 413 or 400; the antiforgery token is validated right after, before anything is stored.
    /// </summary>
    [HttpPost("nuevo")]
    [IgnoreAntiforgeryToken]
    [UploadLimits]
    public async Task<IActionResult> Create(
        int contractId,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] UploadExecutionDocument.Handler upload,
        CancellationToken cancellationToken)
    {
        var parties = await FindPartiesAsync(contractId, ContractOperations.UploadExecutionDocument, cancellationToken);
        var form = parties is null ? null : await NewFormAsync(parties, cancellationToken);
        if (parties is null || form is null)
        {
            return NotFound();
        }

        IFormCollection? posted = null;
        if (Request.ContentLength > UploadLimitsAttribute.MaxBodyBytes(limits.Value))
        {
            // Announced too large (what browsers do): skim it for the description, drop the file.
            form.Description = await DiscardBodyKeepingDescriptionAsync(cancellationToken);
        }
        else
        {
            var read = await UploadForm.ReadAsync(HttpContext, antiforgery, cancellationToken);
            switch (read.Outcome)
            {
                case UploadFormOutcome.Malformed or UploadFormOutcome.Forged:
                    return BadRequest();
                case UploadFormOutcome.Read:
                    posted = read.Form;
                    break;
            }
        }

        if (posted is null)
        {
            LogBodyTooLarge(logger, contractId, Request.ContentLength);
            ModelState.AddModelError(nameof(ExecutionDocumentForm.File),
                $"El archivo supera el tamaño máximo permitido de {UploadMessages.FileSize(form.MaxFileBytes)}. No se anexó nada.");
            return View(form);
        }

        await UploadForm.BindAsync(this, form, string.Empty, f => f.Description, f => f.File);
        if (!ModelState.IsValid)
        {
            return View(WithoutFile(form));
        }

        var result = await upload.HandleAsync(new UploadExecutionDocument.Command(contractId, form.Description!, form.File!, User.GetUserId(), form.Side), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var violation in result.Violations)
            {
                ModelState.AddModelError(violation.Field, violation.Message);
            }

            return View(WithoutFile(form));
        }

        // Shown inside section 7, where the redirect lands (Views/Contracts/Detail.cshtml).
        TempData[FlashKey] = "Documento anexado.";
        return Redirect(Url.Action("Detail", "Contracts", new { id = contractId }, protocol: null, host: null, fragment: "seccion-7")!);
    }

    [HttpGet("{documentId:int}")]
    public async Task<IActionResult> Detail(int contractId, int documentId, CancellationToken cancellationToken)
    {
        if (await FindPartiesAsync(contractId, ContractOperations.Read, cancellationToken) is null)
        {
            return NotFound();
        }

        var detail = await documents.FindDetailAsync(contractId, documentId, cancellationToken);
        return detail is null ? NotFound() : View(detail);
    }

    [HttpGet("{documentId:int}/descargar")]
    public async Task<IActionResult> Download(int contractId, int documentId, [FromServices] IDocumentStore store, CancellationToken cancellationToken)
    {
        if (await FindPartiesAsync(contractId, ContractOperations.Read, cancellationToken) is null)
        {
            return NotFound();
        }

        var file = await documents.FindFileAsync(contractId, documentId, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        return await DocumentResponses.StoredAsync(this, store, file.StorageKey, file.ContentType, file.FileName, cancellationToken);
    }

    /// <summary>The form shown again after a refusal: a browser never refills a file input, so neither does the page.</summary>
    private static ExecutionDocumentForm WithoutFile(ExecutionDocumentForm form)
    {
        form.File = null;
        return form;
    }

    /// <summary>The contract's parties when the user may do <paramref name="operation"/> to it; null (→ 404) otherwise.</summary>
    private async Task<ContractParties?> FindPartiesAsync(
        int contractId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var parties = await contracts.FindPartiesAsync(contractId, cancellationToken);
        return parties is not null && (await authorization.AuthorizeAsync(User, parties, operation)).Succeeded ? parties : null;
    }

    private async Task<ExecutionDocumentForm?> NewFormAsync(ContractParties parties, CancellationToken cancellationToken)
    {
        var number = await documents.FindContractNumberAsync(parties.ContractId, cancellationToken);
        if (number is null)
        {
            return null;
        }

        // A user who is both parties of a contract uploads as its contractor.
        var side = User.GetUserId() == parties.ContractorId && User.IsContractor() ? UploaderSide.Provider : UploaderSide.Buyer;
        return new ExecutionDocumentForm
        {
            ContractId = parties.ContractId,
            ContractNumber = number,
            MaxFileBytes = limits.Value.MaxFileBytes,
            Side = side,
        };
    }

    /// <summary>
    /// Reads a refused multipart body section by section, keeping only the "Descripción" the user typed (so the
    /// form can show it again) and dropping everything else, the file included, without storing it anywhere.
    /// </summary>
    private async Task<string?> DiscardBodyKeepingDescriptionAsync(CancellationToken cancellationToken)
    {
        string? description = null;
        try
        {
            var boundary = MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType)
                ? HeaderUtilities.RemoveQuotes(contentType.Boundary).Value
                : null;
            if (string.IsNullOrEmpty(boundary))
            {
                await UploadForm.DiscardRestOfBodyAsync(Request, cancellationToken);
                return null;
            }

            var reader = new MultipartReader(boundary, Request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (description is null
                    && section.GetContentDispositionHeader() is { } disposition
                    && disposition.IsFormDisposition()
                    && disposition.Name.Value == nameof(ExecutionDocumentForm.Description))
                {
                    var buffer = new char[ExecutionDocument.DescriptionMaxLength + 1];
                    using var text = new StreamReader(section.Body);
                    var read = await text.ReadBlockAsync(buffer, cancellationToken);
                    description = new string(buffer, 0, read);
                }

                await section.Body.CopyToAsync(Stream.Null, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or BadHttpRequestException)
        {
            // Not a readable multipart body, over Kestrel's limit, or the client went away.
            await UploadForm.DiscardRestOfBodyAsync(Request, cancellationToken);
        }

        return description;
    }

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information,
        Message = "Upload to contract {ContractId} refused: the request body ({ContentLength} bytes announced) is over the limit")]
    private static partial void LogBodyTooLarge(ILogger logger, int contractId, long? contentLength);
}
