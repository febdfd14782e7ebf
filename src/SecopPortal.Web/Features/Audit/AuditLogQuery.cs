using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Audit;

/// <summary>The audit screen's filters as typed in its query string (Spanish names, kept as typed when wrong).</summary>
public sealed class AuditFilterInput
{
    /// <summary>An e-mail, whole or its beginning when only one user's e-mail begins so.</summary>
    public string? Usuario { get; set; }

    /// <summary>"autor" (what the user did, the default) or "afectado" (changes made to the user's account).</summary>
    public string? Como { get; set; }

    /// <summary>A contract number (número del contrato).</summary>
    public string? Contrato { get; set; }

    /// <summary>A contract's id, from a row's link: wins over <see cref="Contrato"/> (a number may repeat across entities).</summary>
    public int? ContratoId { get; set; }

    /// <summary>dd/mm/aaaa, Bogotá time, inclusive.</summary>
    public string? Desde { get; set; }

    /// <summary>dd/mm/aaaa, Bogotá time, inclusive.</summary>
    public string? Hasta { get; set; }

    /// <summary>An <see cref="AuditKind"/> as a query value (<see cref="QueryValues"/>): "cierre-de-sesion", or its old name "SignedOut".</summary>
    public string? Tipo { get; set; }

    public bool AsSubject => string.Equals(Como, "afectado", StringComparison.Ordinal);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Usuario) && string.IsNullOrWhiteSpace(Contrato) && ContratoId is null
                           && string.IsNullOrWhiteSpace(Desde) && string.IsNullOrWhiteSpace(Hasta) && string.IsNullOrWhiteSpace(Tipo);
}

/// <summary>The filters once resolved to what the indexes hold: a user id, a contract id, an instant range, a kind.</summary>
public sealed record AuditFilter(Guid? UserId, bool AsSubject, int? ContractId, DateTime? FromUtc, DateTime? ToUtc, AuditKind? Kind)
{
    public static AuditFilter None { get; } = new(null, false, null, null, null, null);
}

/// <summary>A resolved filter and the message for each field that could not be read (keyed by the query name).</summary>
public sealed record AuditFilterResult(AuditFilter Filter, IReadOnlyDictionary<string, string> Errors, string? ContractNumber);

/// <summary>One row of the audit screen and of its CSV.</summary>
public sealed record AuditRow(
    long Id,
    DateTime OccurredAtUtc,
    AuditKind Kind,
    Guid? ActorId,
    string? ActorEmail,
    string? ClientAddress,
    int? ContractId,
    string? ContractNumber,
    int? PaymentRequestId,
    Guid? SubjectUserId,
    string? SubjectEmail,
    string Detail);

public sealed record AuditLogPage(AuditFilterInput Input, AuditFilterResult Resolved, KeysetPage<AuditRow> Page);

/// <summary>
/// The audit log, newest first, by any of its filters: each filter has its index ending in (OccurredAtUtc, Id), so a
/// page reads ~50 index entries whatever the size of the log (keyset, ADR 0010), and the CSV walks the same pages.
/// </summary>
public sealed class AuditLogQuery(PortalDbContext db)
{
    public const int PageSize = 50;

    /// <summary>Rows read per statement by the CSV export.</summary>
    public const int ExportBatch = 500;

    private static readonly TimeSpan BogotaOffset = TimeSpan.FromHours(-5);

    public async Task<AuditFilterResult> ResolveAsync(AuditFilterInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Guid? userId = null;
        if (input.Usuario?.Trim() is { Length: > 0 } typed)
        {
            var normalized = typed.ToUpperInvariant();
            userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                var candidates = await db.Users.AsNoTracking().WhereStartsWith(u => u.NormalizedEmail, normalized)
                    .OrderBy(u => u.NormalizedEmail).Select(u => u.Id).Take(2).ToListAsync(cancellationToken);
                if (candidates.Count == 1)
                {
                    userId = candidates[0];
                }
                else
                {
                    errors["usuario"] = candidates.Count == 0
                        ? $"Ningún usuario tiene un correo electrónico que sea o empiece por «{typed}»."
                        : $"Varios usuarios tienen un correo electrónico que empieza por «{typed}»: escríbalo completo.";
                }
            }
        }

        int? contractId = null;
        string? contractNumber = null;
        if (input.ContratoId is { } id)
        {
            contractNumber = await db.Contracts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken);
            if (contractNumber is null)
            {
                errors["contrato"] = "El contrato elegido no existe.";
            }
            else
            {
                contractId = id;
            }
        }
        else if (input.Contrato?.Trim() is { Length: > 0 } number)
        {
            var ids = await db.Contracts.AsNoTracking().Where(c => c.Number == number).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(cancellationToken);
            if (ids.Count == 1)
            {
                contractId = ids[0];
                contractNumber = number;
            }
            else
            {
                errors["contrato"] = ids.Count == 0
                    ? $"No hay un contrato con el número «{number}»."
                    : $"Varias Entidades Estatales tienen un contrato con el número «{number}»: siga el enlace del contrato en una fila de la lista para ver solo el suyo.";
            }
        }

        var from = ParseDate(input.Desde, "desde", errors);
        var to = ParseDate(input.Hasta, "hasta", errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors["hasta"] = "La fecha final es anterior a la inicial.";
        }

        AuditKind? kind = null;
        if (!string.IsNullOrWhiteSpace(input.Tipo))
        {
            if (QueryValues.TryRead<AuditKind>(input.Tipo, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                errors["tipo"] = "Elija un evento de la lista.";
            }
        }

        return new AuditFilterResult(
            new AuditFilter(userId, input.AsSubject, contractId, from is { } start ? StartOfBogotaDay(start) : null, to is { } end ? StartOfBogotaDay(end.AddDays(1)) : null, kind),
            errors,
            contractNumber);
    }

    public Task<KeysetPage<AuditRow>> PageAsync(AuditFilter filter, PageRequest request, CancellationToken cancellationToken) =>
        ReadAsync(filter, request, PageSize, cancellationToken);

    /// <summary>Every row of the filter, newest first, read <see cref="ExportBatch"/> at a time: never the whole log in memory.</summary>
    public async IAsyncEnumerable<AuditRow> ExportAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = PageRequest.First;
        while (true)
        {
            var page = await ReadAsync(filter, request, ExportBatch, cancellationToken);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            if (page.NextCursor is not { } next)
            {
                yield break;
            }

            request = new PageRequest(next, null);
        }
    }

    private async Task<KeysetPage<AuditRow>> ReadAsync(AuditFilter filter, PageRequest request, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.UserId is { } userId)
        {
            entries = filter.AsSubject ? entries.Where(e => e.SubjectUserId == userId) : entries.Where(e => e.ActorId == userId);
        }

        if (filter.ContractId is { } contractId)
        {
            entries = entries.Where(e => e.ContractId == contractId);
        }

        if (filter.Kind is { } kind)
        {
            entries = entries.Where(e => e.Kind == kind);
        }

        if (filter.FromUtc is { } from)
        {
            entries = entries.Where(e => e.OccurredAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            entries = entries.Where(e => e.OccurredAtUtc < to);
        }

        Expression<Func<AuditEntry, AuditRow>> row = e => new AuditRow(
            e.Id, e.OccurredAtUtc, e.Kind, e.ActorId, e.ActorEmail, e.ClientAddress, e.ContractId, null, e.PaymentRequestId, e.SubjectUserId, null, e.Detail);
        var page = await KeysetPaging.ReadAsync(entries, e => e.OccurredAtUtc, e => e.Id, descending: true, row, request, pageSize, cancellationToken);

        // The page's contract numbers and the e-mails of the users it names: two lookups by key, whatever the page, reading
        // just those two columns (not whole rows, which the benchmark found was most of the page's database time).
        var contractIds = page.Rows.Where(r => r.ContractId is not null).Select(r => r.ContractId!.Value).Distinct().ToList();
        var numbers = contractIds.Count == 0
            ? []
            : await db.Contracts.Where(c => contractIds.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken);
        var userIds = page.Rows.Where(r => r.SubjectUserId is not null || (r.ActorId is not null && r.ActorEmail is null))
            .SelectMany(r => new[] { r.SubjectUserId, r.ActorEmail is null ? r.ActorId : null })
            .Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var emails = userIds.Count == 0
            ? []
            : await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var rows = page.Rows.Select(r => r with
        {
            ActorEmail = r.ActorEmail ?? (r.ActorId is { } a && emails.TryGetValue(a, out var actor) ? actor : null),
            ContractNumber = r.ContractId is { } c && numbers.TryGetValue(c, out var number) ? number : null,
            SubjectEmail = r.SubjectUserId is { } s && emails.TryGetValue(s, out var subject) ? subject : null,
        }).ToList();
        return page with { Rows = rows };
    }

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!PortalDate.TryParse(text, out var date, out var error))
        {
            errors[field] = error;
            return null;
        }

        if (date.Year is >= 1900 and <= 9998)
        {
            return date;
        }

        errors[field] = "Escriba una fecha entre 1900 y 9998.";
        return null;
    }

    /// <summary>Midnight in Bogotá of <paramref name="date"/>, as UTC (05:00 the same day).</summary>
    public static DateTime StartOfBogotaDay(DateOnly date) =>
        DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue) - BogotaOffset, DateTimeKind.Utc);
}
