using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Features.Admin;

/// <summary>Creates and edits users through Identity, and ends their sessions when they are deactivated.</summary>
public sealed class UserAdministration(
    PortalDbContext db,
    UserManager<ApplicationUser> userManager,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    public const string SelfDeactivationMessage = "No puede desactivar su propia cuenta. Pida a otro administrador que lo haga.";
    public const string SelfAdminRoleMessage = "No puede quitarse a sí mismo el rol de Administrador. Pida a otro administrador que lo haga.";

    public async Task<Guid> CreateAsync(UserCreateInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var email = input.Email!.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = input.FullName!.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            IsActive = true,
        };
        ApplyPersonData(user, input);
        var roles = PortalRoles.All.Where(input.Roles.Contains).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityViolations.ThrowIfFailed(await userManager.CreateAsync(user, input.Password!), nameof(UserCreateInput.Password));
        IdentityViolations.ThrowIfFailed(await userManager.AddToRolesAsync(user, roles));
        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserCreated(logger, adminId, user.Id, roles);
        return user.Id;
    }

    public async Task<UserEditPage?> FindForEditAsync(Guid id, Guid adminId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.FullName,
                u.PersonType,
                u.DocumentType,
                u.DocumentNumber,
                u.IsActive,
                u.LockoutEnd,
                u.CreatedAtUtc,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var input = new UserEditInput
        {
            FullName = user.FullName,
            PersonType = user.PersonType,
            DocumentType = user.DocumentType,
            DocumentNumber = user.DocumentNumber,
        };
        var roles = await UserListQuery.RoleNamesAsync(db, [user.Id], cancellationToken);
        foreach (var role in roles.GetValueOrDefault(user.Id) ?? [])
        {
            input.Roles.Add(role);
        }

        return new UserEditPage
        {
            Id = user.Id,
            Email = user.Email ?? string.Empty,
            IsActive = user.IsActive,
            LockedOutUntil = user.LockoutEnd > now ? user.LockoutEnd : null,
            IsSelf = user.Id == adminId,
            CreatedAtUtc = user.CreatedAtUtc,
            Input = input,
        };
    }

    public async Task UpdateAsync(Guid id, UserEditInput input, Guid adminId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await userManager.FindByIdAsync(id.ToString()) ?? throw new DomainException("El usuario ya no existe.");
        var wanted = PortalRoles.All.Where(input.Roles.Contains).ToList();
        var current = await userManager.GetRolesAsync(user);
        if (id == adminId && current.Contains(PortalRoles.Administrator) && !wanted.Contains(PortalRoles.Administrator))
        {
            throw new DomainValidationException([new RuleViolation(nameof(UserInputBase.Roles), SelfAdminRoleMessage)]);
        }

        user.FullName = input.FullName!.Trim();
        ApplyPersonData(user, input);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityViolations.ThrowIfFailed(await userManager.UpdateAsync(user));
        var toRemove = current.Except(wanted, StringComparer.Ordinal).ToList();
        var toAdd = wanted.Except(current, StringComparer.Ordinal).ToList();
        if (toRemove.Count > 0)
        {
            IdentityViolations.ThrowIfFailed(await userManager.RemoveFromRolesAsync(user, toRemove));
        }

        if (toAdd.Count > 0)
        {
            IdentityViolations.ThrowIfFailed(await userManager.AddToRolesAsync(user, toAdd));
        }

        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserUpdated(logger, adminId, user.Id, wanted);
    }

    /// <summary>Deactivates the user and renews their security stamp, which ends every open session on its next request.</summary>
    public async Task<string?> DeactivateAsync(Guid id, Guid adminId, CancellationToken cancellationToken)
    {
        if (id == adminId)
        {
            throw new DomainException(SelfDeactivationMessage);
        }

        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsActive = false;
        IdentityViolations.ThrowIfFailed(await userManager.UpdateAsync(user));
        IdentityViolations.ThrowIfFailed(await userManager.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserDeactivated(logger, adminId, user.Id);
        return user.FullName;
    }

    public async Task<string?> ReactivateAsync(Guid id, Guid adminId, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        user.IsActive = true;
        IdentityViolations.ThrowIfFailed(await userManager.UpdateAsync(user));
        AdminLog.UserReactivated(logger, adminId, user.Id);
        return user.FullName;
    }

    /// <summary>Clears the lockout left by too many failed sign-ins, and the failure count with it.</summary>
    public async Task<string?> UnlockAsync(Guid id, Guid adminId, CancellationToken cancellationToken)
    {
        var user = await userManager.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        IdentityViolations.ThrowIfFailed(await userManager.SetLockoutEndDateAsync(user, null));
        IdentityViolations.ThrowIfFailed(await userManager.ResetAccessFailedCountAsync(user));
        await transaction.CommitAsync(cancellationToken);
        AdminLog.UserUnlocked(logger, adminId, user.Id);
        return user.FullName;
    }

    private static void ApplyPersonData(ApplicationUser user, UserInputBase input)
    {
        var number = input.DocumentNumber?.Trim();
        user.PersonType = input.PersonType;
        user.DocumentType = string.IsNullOrEmpty(number) ? null : input.DocumentType;
        user.DocumentNumber = string.IsNullOrEmpty(number) ? null : number;
    }
}
