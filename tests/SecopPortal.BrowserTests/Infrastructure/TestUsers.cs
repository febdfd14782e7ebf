using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.BrowserTests.Infrastructure;

/// <summary>Users a test creates for itself through the app's UserManager, so shared demo accounts stay untouched.</summary>
internal static class TestUsers
{
    /// <summary>A confirmed user in <paramref name="role"/>, e-mail "&lt;prefix&gt;&lt;role&gt;.&lt;guid&gt;@secop.test".</summary>
    public static async Task<ApplicationUser> CreateAsync(
        IServiceProvider services, string role, string fullName, PersonType? personType, string password, string emailPrefix = "")
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{emailPrefix}{role.ToLowerInvariant()}.{Guid.NewGuid():N}@secop.test";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            PersonType = personType,
            CreatedAtUtc = DateTime.UtcNow,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
