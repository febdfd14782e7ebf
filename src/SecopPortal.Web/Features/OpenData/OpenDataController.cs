using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Mail;
using SecopPortal.Web.Features.PublicContracts;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.OpenData;

/// <summary>
/// The open data of the public record (docs/product.md §18, docs/open-data.md): the public Plan de pagos as CSV, per
/// contract and for the whole country, and each contract's OCDS release. Anonymous, rate-limited per client
/// (<see cref="PublicRecord.RateLimitPolicy"/>), read-only; an unknown contract or entity is a 404.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRecord.RateLimitPolicy)]
[Route("publico")]
public sealed class OpenDataController(IPaymentPlanRows paymentPlan, OpenDataQueries queries, IOptions<OpenDataOptions> options, IOptions<MailOptions> mail) : Controller
{
    /// <summary>
    /// One contract's public Plan de pagos. A contract's file is small (one row per payment), so it is written
    /// through the same streaming writer into memory first, to give it an ETag and answer 304 when unchanged.
    /// </summary>
    [HttpGet("contratos/{id:int}/plan-de-pagos.csv")]
    public async Task<IActionResult> ContractPaymentPlan(int id, CancellationToken cancellationToken)
    {
        if (!await queries.ContractExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }

        using var buffer = new MemoryStream();
        await PaymentPlanCsv.WriteAsync(buffer, paymentPlan.ReadAsync(new PaymentPlanScope(ContractId: id), cancellationToken), cancellationToken);
        var bytes = buffer.ToArray();
        if (HttpCaching.IsNotModified(HttpContext, HttpCaching.EntityTagOf(bytes), HttpCaching.PublicMaxAge))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        Response.Headers.ContentDisposition = Attachment($"plan-de-pagos-contrato-{Invariant(id)}.csv");
        return File(bytes, PaymentPlanCsv.ContentType);
    }

    /// <summary>
    /// The whole country's public Plan de pagos, or one entity's (<c>?nit=</c>), streamed row by row from the
    /// database as it is read: no ETag (it would need the whole file first), a short public max-age.
    /// </summary>
    [HttpGet("datos/plan-de-pagos.csv")]
    public async Task<IActionResult> CountryPaymentPlan([FromQuery] string? nit, CancellationToken cancellationToken)
    {
        var scope = PaymentPlanScope.Country;
        var fileName = "plan-de-pagos-secop.csv";
        if (!string.IsNullOrWhiteSpace(nit))
        {
            string canonical;
            try
            {
                canonical = NitNumber.Normalize(nit);
            }
            catch (DomainException)
            {
                return BadRequest();
            }

            if (await queries.FindEntityIdAsync(canonical, cancellationToken) is not { } entityId)
            {
                return NotFound();
            }

            scope = new PaymentPlanScope(EntityId: entityId);
            fileName = $"plan-de-pagos-entidad-{canonical}.csv";
        }

        return new StreamedCsvResult(paymentPlan.ReadAsync(scope, cancellationToken), fileName);
    }

    /// <summary>The contract's OCDS 1.1 release package, with an ETag and 304 when unchanged.</summary>
    [HttpGet("contratos/{id:int}/ocds.json")]
    public async Task<IActionResult> Ocds(int id, CancellationToken cancellationToken)
    {
        var record = await queries.FindRecordAsync(id, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        // Absolute addresses: the portal's configured public address (Mail:PublicBaseUrl, also used in e-mails) when
        // there is one, so a cached release never carries whatever Host header a client sent; else this request's.
        var origin = mail.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{Request.Scheme}://{Request.Host}";
        var bytes = OcdsReleaseBuilder.Write(
            record,
            options.Value,
            origin + Request.PathBase + Request.Path,
            documentId => origin + Url.Action(nameof(PublicContractsController.Download), "PublicContracts", new { contractId = id, documentId }));
        if (HttpCaching.IsNotModified(HttpContext, HttpCaching.EntityTagOf(bytes), HttpCaching.PublicMaxAge))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return File(bytes, OcdsReleaseBuilder.ContentType);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Attachment(string fileName) =>
        new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();

    /// <summary>Streams a Plan de pagos straight to the response body, flushing as it goes (never buffered whole).</summary>
    private sealed class StreamedCsvResult(IAsyncEnumerable<PaymentPlanCsvRow> rows, string fileName) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = PaymentPlanCsv.ContentType;
            http.Response.Headers.ContentDisposition = Attachment(fileName);
            HttpCaching.Cacheable(http, HttpCaching.PublicMaxAge);
            await PaymentPlanCsv.WriteAsync(http.Response.Body, rows, http.RequestAborted);
        }
    }
}

public static class OpenDataServiceCollectionExtensions
{
    public static IServiceCollection AddOpenData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenDataOptions>()
            .Bind(configuration.GetSection(OpenDataOptions.Section))
            .Validate(o => OpenDataOptions.IsWellFormedPrefix(o.OcidPrefix), "OpenData:OcidPrefix must be \"ocds-\" and six lower-case letters or digits.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.PublisherName), "OpenData:PublisherName is required.")
            .ValidateOnStart();
        services.AddScoped<IPaymentPlanRows, PaymentPlanRows>();
        services.AddScoped<OpenDataQueries>();
        return services;
    }
}
