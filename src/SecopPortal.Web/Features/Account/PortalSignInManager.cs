using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Web.Features.Account;

/// <summary>What <see cref="PortalSignInManager.CheckCredentialsAsync"/> found.</summary>
public enum CredentialCheck
{
    /// <summary>Unknown e-mail or wrong password (also of a locked or deactivated account): one answer for all.</summary>
    Failed = 0,

    /// <summary>The right password of an account that may sign in.</summary>
    Succeeded = 1,

    /// <summary>The right password of a locked account.</summary>
    LockedOut = 2,

    /// <summary>The right password of a deactivated account.</summary>
    NotAllowed = 3,
}

/// <summary>A deactivated user can neither sign in nor keep a session.</summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? s_dummyHash;

    /// <summary>
    /// Checks e-mail and password without telling, by answer or by time, whether the account exists, is locked or is
    /// deactivated (ADR 0019): every path verifies one password hash (an unknown e-mail verifies against a hash of a
    /// random secret made by the same hasher, so with the same iteration count), and the lock or the deactivation is
    /// told only to whoever typed the right password. Nothing is counted here: failures go to the
    /// <see cref="SignInThrottle"/>, and there is no automatic lockout an attacker could use against a user.
    /// </summary>
    public async Task<(CredentialCheck Result, ApplicationUser? User)> CheckCredentialsAsync(string email, string password)
    {
        var user = await UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            var stranger = new ApplicationUser();
            var dummyHash = LazyInitializer.EnsureInitialized(
                ref s_dummyHash, () => UserManager.PasswordHasher.HashPassword(stranger, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            UserManager.PasswordHasher.VerifyHashedPassword(stranger, dummyHash, password);
            return (CredentialCheck.Failed, null);
        }

        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            return (CredentialCheck.Failed, null);
        }

        if (await UserManager.IsLockedOutAsync(user))
        {
            return (CredentialCheck.LockedOut, null);
        }

        return await CanSignInAsync(user) ? (CredentialCheck.Succeeded, user) : (CredentialCheck.NotAllowed, null);
    }

    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user);
    }

    public override async Task<ApplicationUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsActive: true } ? user : null;
    }
}
