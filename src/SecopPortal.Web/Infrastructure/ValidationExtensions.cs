using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecopPortal.Domain.Common;

namespace SecopPortal.Web.Infrastructure;

public static class ValidationExtensions
{
    public static void AddTo(this DomainException exception, ModelStateDictionary modelState, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(modelState);
        if (exception is DomainValidationException validation)
        {
            foreach (var violation in validation.Violations)
            {
                modelState.AddModelError(Key(prefix, violation.Field), violation.Message);
            }
        }
        else
        {
            modelState.AddModelError(string.Empty, exception.Message);
        }
    }

    public static void AddTo(this IdentityResult result, ModelStateDictionary modelState, string key = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) && key.Length > 0 => key,
                "DuplicateEmail" or "DuplicateUserName" or "InvalidEmail" => "Email",
                _ => string.Empty,
            };
            modelState.AddModelError(field, error.Description);
        }
    }

    private static string Key(string prefix, string field) =>
        string.IsNullOrEmpty(prefix) || string.IsNullOrEmpty(field) ? field : $"{prefix}.{field}";
}
