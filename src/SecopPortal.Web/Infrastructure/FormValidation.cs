using FluentValidation;
using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// FluentValidation in the MVC pipeline (docs/adr/0017-fluentvalidation-in-the-mvc-pipeline.md): every validator of the
/// web project is registered in DI, and MVC runs the one of each bound input — an action's parameters and the upload
/// forms bound with <see cref="UploadForm.BindAsync{T}"/> (<c>TryUpdateModelAsync</c>) — before the action reads
/// <c>ModelState.IsValid</c>. The validators check the input's shape only; the rules are the domain's. None has
/// asynchronous rules (automatic validation is synchronous): a rule that needs the database belongs to the domain or its
/// handler, never to a validator.
/// </summary>
public static class FormValidation
{
    public static IServiceCollection AddFormValidation(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ShapeErrorsInterceptor>();
        services.AddFluentValidationAutoValidation(options =>
        {
            // "Anexar documento" rides along with every button of the cuenta de cobro form, but its shape only matters
            // when a file was chosen or the button needs one: FilingForm asks its validator (from DI) then.
            options.Filter = type => type != typeof(AttachmentInput);
        });

        // No client-side adapters: the forms are validated on the server only (ClientValidationEnabled is off).
        services.AddSingleton<IValidatorInterceptor, ShapeErrorsInterceptor>();
        return services;
    }
}

/// <summary>
/// Puts the validators' messages where the portal shows them: a field that could not even be read (a date or an amount
/// that is not one) keeps the model binder's message only, so each field shows one message, not two; a missing version
/// (the form's <c>ConcurrencyStamp</c>) belongs to no field and goes to the summary.
/// </summary>
public sealed class ShapeErrorsInterceptor : IValidatorInterceptor
{
    public IValidationContext BeforeAspNetValidation(ActionContext actionContext, IValidationContext commonContext) => commonContext;

    public ValidationResult AfterAspNetValidation(ActionContext actionContext, IValidationContext validationContext, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(actionContext);
        ArgumentNullException.ThrowIfNull(result);
        var modelState = actionContext.ModelState;
        var kept = new List<ValidationFailure>();
        foreach (var failure in result.Errors)
        {
            if (failure.PropertyName is nameof(IVersionedInput.ConcurrencyStamp))
            {
                modelState.AddModelError(string.Empty, failure.ErrorMessage);
            }
            else if (!FailedToBind(modelState, failure.PropertyName))
            {
                kept.Add(failure);
            }
        }

        return new ValidationResult(kept);
    }

    /// <summary>
    /// Whether the field already holds the binder's message. The interceptor is not told the form's prefix
    /// ("Approve.", "Input." or none), so the field is found by its last segments; each post binds one input.
    /// </summary>
    private static bool FailedToBind(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string propertyName) =>
        propertyName.Length > 0 && modelState.Any(entry =>
            entry.Value is { Errors.Count: > 0 }
            && (entry.Key == propertyName || entry.Key.EndsWith("." + propertyName, StringComparison.Ordinal)));
}
