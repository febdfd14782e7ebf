using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Operational commands run through the same binary and configuration as the portal:
/// <c>migrate</c> applies migrations; <c>create-admin --email E --name "N"</c> creates the first administrator
/// with the password read from SECOPPORTAL_ADMIN_PASSWORD or standard input.
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return false;
        }

        switch (args[0])
        {
            case "migrate":
                await MigrateAsync(app);
                return true;
            case "create-admin":
                Environment.ExitCode = await CreateAdminAsync(app, args);
                return true;
            default:
                return false;
        }
    }

    private static async Task MigrateAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database;
        await using (await DatabaseStartLock.AcquireAsync(database, app.Logger))
        {
            await database.MigrateAsync();
        }

        await Console.Out.WriteLineAsync("Migrations applied.");
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name") ?? "Administrador";
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email admin@example.gov.co [--name \"Full name\"] (password from SECOPPORTAL_ADMIN_PASSWORD or stdin)");
            return 2;
        }

        var password = Environment.GetEnvironmentVariable("SECOPPORTAL_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            await Console.Out.WriteLineAsync("Password (at least 12 characters):");
            password = await Console.In.ReadLineAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database;
        await using (await DatabaseStartLock.AcquireAsync(database, app.Logger))
        {
            await database.MigrateAsync();
            await RoleSetup.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = new ApplicationUser { UserName = email, Email = email, FullName = name, EmailConfirmed = true, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, password ?? string.Empty);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, PortalRoles.Administrator);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await Console.Out.WriteLineAsync($"Administrator {email} created.");
        return 0;
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}

public static class RoleSetup
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }
    }
}
