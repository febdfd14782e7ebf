using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Entities;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Features.Admin;

/// <summary>
/// How the contract form names its entity and people at national size: not a list of 20,000 entities and 1.5 million
/// users, but the NIT and an e-mail or document number typed by the admin, each read with one indexed lookup.
/// </summary>
public sealed class ContractPartiesQuery(PortalDbContext db)
{
    public async Task<ContractParties> RunAsync(ContractInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entity = await PartyLookup.EntityAsync(db, input.EntityNit, cancellationToken);
        var contractor = (await PartyLookup.PeopleAsync(db, input.Contractor, PortalRoles.Contractor, cancellationToken)).Where(p => p.HasRole).ToList();
        var supervisor = (await PartyLookup.PeopleAsync(db, input.Supervisor, PortalRoles.Supervisor, cancellationToken)).Where(p => p.HasRole).ToList();
        return new ContractParties(
            entity is null ? null : new EntityOption(entity.Id, entity.Name, entity.Nit),
            contractor.Count == 1 ? contractor[0].Option : null,
            supervisor.Count == 1 ? supervisor[0].Option : null);
    }
}

/// <summary>A user found by e-mail or document number, with what the contract rules need to know about them.</summary>
internal sealed record Party(Guid Id, string FullName, string? Email, PersonType? PersonType, DocumentType? DocumentType, string? DocumentNumber, bool IsActive, bool HasRole)
{
    public PartyOption Option => new(Id, FullName, DocumentType, DocumentNumber, IsActive);
}

/// <summary>Finds the entity by its NIT and the people by e-mail (Identity's normalized e-mail) or document number.</summary>
internal static class PartyLookup
{
    /// <summary>The entity with that NIT: with its check digit, or its base digits alone.</summary>
    public static async Task<PublicEntity?> EntityAsync(PortalDbContext db, string? typed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var entities = db.PublicEntities.AsNoTracking();
        try
        {
            var nit = NitNumber.Normalize(typed);
            return await entities.FirstOrDefaultAsync(e => e.Nit == nit, cancellationToken);
        }
        catch (DomainException)
        {
            var digits = typed.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            return digits.Length is >= 6 and <= 15 && digits.All(char.IsAsciiDigit)
                ? await entities.WhereStartsWith(e => e.Nit, digits + "-").FirstOrDefaultAsync(cancellationToken)
                : null;
        }
    }

    /// <summary>The users with that e-mail, or with that document number (at most a few).</summary>
    public static async Task<List<Party>> PeopleAsync(PortalDbContext db, string? typed, string role, CancellationToken cancellationToken)
    {
        var text = typed?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var users = db.Users.AsNoTracking();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = text.ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail == email);
        }
        else
        {
            var document = text.Replace(".", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            users = users.Where(u => u.DocumentNumber == document);
        }

        return await users
            .Take(5)
            .Select(u => new Party(
                u.Id,
                u.FullName,
                u.Email,
                u.PersonType,
                u.DocumentType,
                u.DocumentNumber,
                u.IsActive,
                db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))))
            .ToListAsync(cancellationToken);
    }
}
