using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Audit;

/// <summary>
/// Who is acting in the current web request, for the entries the database context records with a change
/// (<see cref="PortalDbContext"/>): the signed-in user's id and e-mail and the client's address (after the trusted
/// forwarded headers). Outside a request (the command line, background services) there is no actor.
/// </summary>
public sealed class HttpAuditActorSource(IHttpContextAccessor accessor) : IAuditActorSource
{
    public AuditActor? Current => accessor.HttpContext is { } http ? Of(http) : null;

    public static AuditActor Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        Guid? id = user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : null;
        var email = id is null ? null : user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name;
        return new AuditActor(id, email, http.Connection.RemoteIpAddress?.ToString());
    }
}

/// <summary>
/// The audit entries of what changes nothing stored, so no save would record it: sign-ins and sign-outs, and downloads
/// of personal documents (ADR 0020). Each is written at once, on its own.
/// </summary>
public sealed class AuditTrail(PortalDbContext db, IHttpContextAccessor accessor, TimeProvider clock)
{
    /// <summary>
    /// The attachment types that are a person's own data: RUT, certificación bancaria, the PILA planilla and the
    /// persona jurídica's social-security certification. Downloading one is recorded.
    /// </summary>
    public static IReadOnlySet<AttachmentType> PersonalDocumentTypes { get; } = new HashSet<AttachmentType>
    {
        AttachmentType.Rut,
        AttachmentType.BankCertificate,
        AttachmentType.SocialSecurityPayment,
        AttachmentType.SocialSecurityCertification,
    };

    /// <summary>A sign-in attempt or a sign-out: <paramref name="typedEmail"/> as typed, never a password.</summary>
    public async Task SignInAsync(AuditKind kind, string typedEmail, Guid? accountId, string detail)
    {
        ArgumentNullException.ThrowIfNull(typedEmail);
        if (accountId is null)
        {
            // The account the e-mail names, if any: an auditor reads a user's failed sign-ins under that user.
            var normalized = typedEmail.Trim().ToUpperInvariant();
            accountId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        }

        await WriteAsync(new AuditEntry(kind, clock.GetUtcNow().UtcDateTime, accountId, typedEmail.Trim(), Address(), detail));
    }

    /// <summary>A personal document of a payment request, downloaded by the signed-in user.</summary>
    public Task DownloadAsync(int contractId, int requestId, string detail)
    {
        var actor = accessor.HttpContext is { } http ? HttpAuditActorSource.Of(http) : null;
        return WriteAsync(new AuditEntry(AuditKind.PersonalDocumentDownloaded, clock.GetUtcNow().UtcDateTime, actor?.UserId, actor?.Email, actor?.Address, detail)
            .About(contractId: contractId, paymentRequestId: requestId));
    }

    /// <summary>The personal documents a request's merged PDF takes as pages (PDFs and images), by type label.</summary>
    public async Task<List<string>> PersonalDocumentsInMergeAsync(int requestId, CancellationToken cancellationToken)
    {
        var types = PersonalDocumentTypes.ToList();
        var found = await db.PaymentRequests.AsNoTracking()
            .Where(p => p.Id == requestId)
            .SelectMany(p => p.Attachments)
            .Where(a => types.Contains(a.Type) && (a.ContentType == "application/pdf" || a.ContentType == "image/png" || a.ContentType == "image/jpeg"))
            .Select(a => a.Type)
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. found.Order().Select(t => t.ToLabel())];
    }

    private string? Address() => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private async Task WriteAsync(AuditEntry entry)
    {
        db.AuditEntries.Add(entry);

        // Not cancellable: a download that was served, or a sign-in that was answered, stays recorded.
        await db.SaveChangesAsync(CancellationToken.None);
    }
}

public static class AuditServices
{
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActorSource, HttpAuditActorSource>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditLogQuery>();
        return services;
    }
}
