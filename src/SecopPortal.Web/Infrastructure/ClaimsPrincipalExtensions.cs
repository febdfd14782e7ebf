using System.Security.Claims;
using SecopPortal.Infrastructure.Identity;

namespace SecopPortal.Web.Infrastructure;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id. Only call it on authenticated requests.</summary>
    public static Guid GetUserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(value, out var id) ? id : throw new InvalidOperationException("The request is not authenticated.");
    }

    /// <summary>The name to greet the user with: their full name, or the e-mail they signed in with.</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user?.FindFirstValue(Features.Account.PortalClaimsPrincipalFactory.FullNameClaim) is { Length: > 0 } name ? name : user?.Identity?.Name ?? string.Empty;

    public static bool IsAdministrator(this ClaimsPrincipal user) => user?.IsInRole(PortalRoles.Administrator) == true;

    public static bool IsContractor(this ClaimsPrincipal user) => user?.IsInRole(PortalRoles.Contractor) == true;

    public static bool IsSupervisor(this ClaimsPrincipal user) => user?.IsInRole(PortalRoles.Supervisor) == true;
}
