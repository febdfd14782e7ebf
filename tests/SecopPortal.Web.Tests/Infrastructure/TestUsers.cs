using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>Creates users and contracts of a test's own, so tests sharing a portal never disturb each other.</summary>
public static class TestUsers
{
    public const string Password = "Prueba.Secop2026!";

    /// <summary>How a user made by <see cref="CreateAsync"/> signs in.</summary>
    public static Account AccountOf(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return AccountOf(user.Email!);
    }

    /// <inheritdoc cref="AccountOf(ApplicationUser)"/>
    public static Account AccountOf(string email) => new(email, Password);

    public static async Task<ApplicationUser> CreateAsync(PortalFactory factory, string role, PersonType? personType = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@secop.test";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = $"Usuario de prueba {role}",
            PersonType = personType ?? (role == PortalRoles.Contractor ? PersonType.NaturalPerson : null),
            CreatedAtUtc = DateTime.UtcNow,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        result = await users.AddToRoleAsync(user, role);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>Changes the user of <paramref name="email"/> with <paramref name="change"/> (e.g. <see cref="Lock"/>, <see cref="Deactivate"/>) and saves.</summary>
    public static async Task ChangeAsync(PortalFactory factory, string email, Func<UserManager<ApplicationUser>, ApplicationUser, Task<IdentityResult>> change)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        var result = await change(users, user);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Locks the account for 15 minutes, as a lock set outside the sign-in (failed sign-ins never lock: ADR 0019).</summary>
    public static Task<IdentityResult> Lock(UserManager<ApplicationUser> users, ApplicationUser user) =>
        users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));

    /// <summary>Deactivates the account.</summary>
    public static Task<IdentityResult> Deactivate(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        user.IsActive = false;
        return users.UpdateAsync(user);
    }

    /// <summary>A contract in execution between the given users, under the first seeded entity.</summary>
    public static async Task<Contract> CreateContractAsync(PortalFactory factory, Guid contractorId, Guid supervisorId, string? number = null, DateOnly? signedOn = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entityId = db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).First();
        var signed = signedOn ?? new DateOnly(2026, 1, 15);
        var details = new ContractDetails(
            number ?? $"CO1.PCCNTR.T{Guid.NewGuid():N}"[..30], "Contrato de prueba.", ContractType.ProfessionalServices, ContractModality.DirectContracting,
            12_000_000m, 2_000_000m, signed, signed.AddDays(1), signed.AddMonths(6), "CDP-T", "RP-T", false);
        var contract = new Contract(entityId, details, contractorId, PersonType.NaturalPerson, supervisorId, DateTime.UtcNow);
        contract.StartExecution();
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();
        return contract;
    }

    public static async Task<Guid> IdOfAsync(PortalFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        return user.Id;
    }
}
