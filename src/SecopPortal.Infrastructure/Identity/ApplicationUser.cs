using Microsoft.AspNetCore.Identity;
using SecopPortal.Domain.Common;

namespace SecopPortal.Infrastructure.Identity;

/// <summary>A person who signs in: contractor, supervisor, administrator, or several of them.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public const int FullNameMaxLength = 150;
    public const int DocumentNumberMaxLength = 20;

    public string FullName { get; set; } = string.Empty;

    /// <summary>
    /// <see cref="FullName"/> folded for searching (SearchFold), like Identity's NormalizedEmail; computed by the
    /// database from the name on every write, never set by the portal.
    /// </summary>
    public string? NormalizedFullName { get; private set; }

    /// <summary>Persona natural or jurídica; set for contractors.</summary>
    public PersonType? PersonType { get; set; }

    public DocumentType? DocumentType { get; set; }

    public string? DocumentNumber { get; set; }

    /// <summary>A deactivated user cannot sign in and loses every open session at once.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>The three roles, named as the UI shows them.</summary>
public static class PortalRoles
{
    public const string Contractor = "Contratista";
    public const string Supervisor = "Supervisor";
    public const string Administrator = "Administrador";

    public static IReadOnlyList<string> All { get; } = [Contractor, Supervisor, Administrator];
}
