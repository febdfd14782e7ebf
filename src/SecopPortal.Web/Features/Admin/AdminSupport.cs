using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecopPortal.Domain.Common;

namespace SecopPortal.Web.Features.Admin;

/// <summary>Registers the administration slice's queries and handlers.</summary>
public static class AdminServices
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddScoped<AdminDashboardQuery>();
        services.AddScoped<EntityListQuery>();
        services.AddScoped<PublicEntityAdministration>();
        services.AddScoped<UserListQuery>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<AdminContractListQuery>();
        services.AddScoped<ContractPartiesQuery>();
        services.AddScoped<ContractAdministration>();
        services.AddScoped<HolidayAdministration>();
        return services;
    }
}

/// <summary>Turns Identity's errors into field-keyed violations for the user forms.</summary>
public static class IdentityViolations
{
    public static void ThrowIfFailed(IdentityResult result, string passwordField = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            return;
        }

        // One message per field: the page shows a single message next to each field, so every broken rule goes in it.
        var violations = result.Errors
            .GroupBy(error => error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" or "InvalidUserName" => "Email",
                _ => string.Empty,
            })
            .Select(field => new RuleViolation(field.Key, string.Join(" ", field.Select(error => error.Description).Distinct())))
            .ToList();
        throw new DomainValidationException(violations);
    }
}
