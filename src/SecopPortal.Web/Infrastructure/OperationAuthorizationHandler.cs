using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Resource-based authorization for a signed-in user: the subclass only says whether <paramref name="operation"/>
/// is allowed on the resource; anonymous users are never allowed.
/// </summary>
public abstract class OperationAuthorizationHandler<TResource> : AuthorizationHandler<OperationAuthorizationRequirement, TResource>
{
    protected abstract bool Allows(string operation, ClaimsPrincipal user, Guid userId, TResource resource);

    protected sealed override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, TResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        if (context.User.Identity?.IsAuthenticated == true && Allows(requirement.Name, context.User, context.User.GetUserId(), resource))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
