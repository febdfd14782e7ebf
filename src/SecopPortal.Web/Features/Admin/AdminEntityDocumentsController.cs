using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>
/// "Documentos requeridos" of an Entidad Estatal: which document types its contractors attach to a contract's first
/// payment and to each later one (docs/product.md §9). Entities differ (one asks for the certificación bancaria on
/// every payment); until an administrator chooses, the portal's default rules apply.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[Route("administracion/entidades/{id:int}/documentos")]
public sealed class AdminEntityDocumentsController(PortalDbContext db, ILogger<AdminEntityDocumentsController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var entity = await db.PublicEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entity is null ? NotFound() : View(EntityDocumentsPage.Of(entity.Id, entity.Name, entity.RequiredDocuments()));
    }

    /// <param name="restablecer">Set by the "Usar las reglas del portal" button: back to the default rules.</param>
    [HttpPost("")]
    public async Task<IActionResult> Edit(int id, EntityDocumentsInput input, string? restablecer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entity = await db.PublicEntities.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return NotFound();
        }

        var chosen = restablecer is not null
            ? DocumentRequirements.Default
            : DocumentRequirements.Of(input.FirstPayment ?? [], input.LaterPayments ?? []);
        entity.SetRequiredDocuments(chosen);
        await db.SaveChangesAsync(cancellationToken);
        var adminId = User.GetUserId();
        AdminLog.EntityDocumentsChanged(logger, adminId, entity.Id, chosen.FirstPayment, chosen.LaterPayments);
        TempData["Flash"] = chosen.IsDefault
            ? $"«{entity.Name}» pide los documentos de las reglas del portal."
            : $"Se guardaron los documentos requeridos de «{entity.Name}».";
        return RedirectToAction(nameof(Edit), new { id });
    }
}

/// <summary>The checked boxes: the type names of each list.</summary>
public sealed class EntityDocumentsInput
{
    public List<AttachmentType>? FirstPayment { get; set; }

    public List<AttachmentType>? LaterPayments { get; set; }
}

/// <summary>The page: the entity and, for each configurable type, whether each payment asks for it.</summary>
public sealed record EntityDocumentsPage(int EntityId, string EntityName, bool IsDefault, IReadOnlyList<EntityDocumentsPage.Line> Lines)
{
    public static EntityDocumentsPage Of(int entityId, string entityName, DocumentRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var defaults = DocumentRequirements.Default;
        return new EntityDocumentsPage(
            entityId,
            entityName,
            requirements.IsDefault,
            [
                .. DocumentRequirements.Configurable.Select(type => new Line(
                    type,
                    requirements.FirstPayment.Contains(type),
                    requirements.LaterPayments.Contains(type),
                    defaults.FirstPayment.Contains(type),
                    defaults.LaterPayments.Contains(type))),
            ]);
    }

    /// <summary>One document type; the defaults are shown beside the choice.</summary>
    public sealed record Line(AttachmentType Type, bool FirstPayment, bool LaterPayments, bool DefaultFirstPayment, bool DefaultLaterPayments)
    {
        /// <summary>The cuenta de cobro is the request itself: always asked for, never a choice.</summary>
        public bool Fixed => Type == AttachmentType.PaymentClaim;

        public string Label => Type switch
        {
            AttachmentType.SocialSecurityPayment => "Pago de seguridad social",
            _ => Type.ToLabel(),
        };

        public string? Hint => Type switch
        {
            AttachmentType.PaymentClaim => "Siempre: es la cuenta de cobro misma.",
            AttachmentType.SocialSecurityPayment =>
                $"Persona natural: «{AttachmentType.SocialSecurityPayment.ToLabel()}». Persona jurídica: «{AttachmentType.SocialSecurityCertification.ToLabel()}», firmada por el revisor fiscal o el representante legal (art. 50 Ley 789 de 2002).",
            AttachmentType.ArlCertificate => "Solo se pide a personas naturales.",
            _ => null,
        };
    }
}
