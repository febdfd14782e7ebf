using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecopPortal.Domain.Common;

namespace SecopPortal.Web.Infrastructure;

public static class ValidationExtensions
{
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(Key(prefix, error.PropertyName), error.ErrorMessage);
        }
    }

    /// <summary>
    /// Adds input-shape errors next to their fields, skipping fields that already failed to bind (an amount or a date
    /// that could not be read), so each field shows one message, not two. A missing version (the form's
    /// <c>ConcurrencyStamp</c>) belongs to no field: it goes to the summary.
    /// </summary>
    public static void AddShapeErrorsTo(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            var key = error.PropertyName is nameof(Changes.IVersionedInput.ConcurrencyStamp) or "" ? string.Empty : Key(prefix, error.PropertyName);
            if (key.Length > 0 && modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            modelState.AddModelError(key, error.ErrorMessage);
        }
    }

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
