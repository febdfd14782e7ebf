using SecopPortal.Domain.Common;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Web.Features.Admin;
using SecopPortal.Web.Features.OpenData;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Audit;

/// <summary>"Auditoría": the audit log, read-only, for administrators: filters, keyset pages and the CSV of a filter.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/auditoria")]
public sealed class AdminAuditController(AuditLogQuery query, TimeProvider clock) : Controller
{
    /// <summary>The CSV's header row, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "Id del registro",
        "Fecha y hora (Bogotá)",
        "Evento",
        "Código del evento",
        "Usuario",
        "Id del usuario",
        "Dirección IP",
        "Número del contrato",
        "Id del contrato",
        "Id de la cuenta de cobro",
        "Usuario afectado",
        "Id del usuario afectado",
        "Detalle",
    ];

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilterInput filter, string? despues, string? antes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var resolved = await query.ResolveAsync(filter, cancellationToken);
        foreach (var (field, message) in resolved.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        var page = resolved.Errors.Count > 0
            ? new KeysetPage<AuditRow>([], 1, null, null)
            : await query.PageAsync(resolved.Filter, new PageRequest(despues, antes), cancellationToken);
        return View(new AuditLogPage(filter, resolved, page));
    }

    /// <summary>The whole filter as CSV (UTF-8 with BOM, Spanish headers), streamed in keyset batches.</summary>
    [HttpGet("csv")]
    public async Task<IActionResult> Csv([FromQuery] AuditFilterInput filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var resolved = await query.ResolveAsync(filter, cancellationToken);
        if (resolved.Errors.Count > 0)
        {
            // The screen says what to correct, with what was typed.
            return RedirectToAction(nameof(Index), RouteOf(filter));
        }

        var stamp = BogotaTime.ToBogota(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        return new StreamedAuditCsv(query.ExportAsync(resolved.Filter, cancellationToken), $"auditoria-{stamp}.csv");
    }

    /// <summary>The filter's query values, for links that keep it (pager, CSV, redirect).</summary>
    public static RouteValueDictionary RouteOf(AuditFilterInput filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new RouteValueDictionary();
        void Put(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value;
            }
        }

        Put("usuario", filter.Usuario);
        Put("como", filter.AsSubject ? "afectado" : null);
        Put("contrato", filter.ContratoId is null ? filter.Contrato : null);
        Put("contratoId", filter.ContratoId?.ToString(CultureInfo.InvariantCulture));
        Put("desde", filter.Desde);
        Put("hasta", filter.Hasta);
        Put("tipo", QueryValues.TryRead<AuditKind>(filter.Tipo, out var kind) ? QueryValues.Of(kind) : filter.Tipo);
        return values;
    }

    public static void Fill(string?[] fields, AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(row);
        fields[0] = row.Id.ToString(CultureInfo.InvariantCulture);
        fields[1] = BogotaTime.ToBogota(row.OccurredAtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        fields[2] = row.Kind.ToLabel();
        fields[3] = row.Kind.ToString();
        fields[4] = row.ActorEmail;
        fields[5] = row.ActorId?.ToString();
        fields[6] = row.ClientAddress;
        fields[7] = row.ContractNumber;
        fields[8] = row.ContractId?.ToString(CultureInfo.InvariantCulture);
        fields[9] = row.PaymentRequestId?.ToString(CultureInfo.InvariantCulture);
        fields[10] = row.SubjectEmail;
        fields[11] = row.SubjectUserId?.ToString();
        fields[12] = row.Detail;
    }

    private sealed class StreamedAuditCsv(IAsyncEnumerable<AuditRow> rows, string fileName) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = PaymentPlanCsv.ContentType;
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            http.Response.Headers.CacheControl = "private, no-store";
            await PaymentPlanCsv.WriteAsync(http.Response.Body, CsvColumns, rows, Fill, http.RequestAborted);
        }
    }
}
