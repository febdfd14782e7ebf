using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Binds one text value read by the portal's own reader, whatever the request's or the browser's culture (amounts,
/// dates, filter values). An empty value is null; a value the reader cannot read leaves the reader's Spanish message
/// on the field. Either way the typed text stays in the model state, so the form shows it again.
/// </summary>
public abstract class TextModelBinder : IModelBinder
{
    /// <summary>
    /// Whether an empty value for a model that cannot be null is an error ("required"). If not, the model keeps its
    /// default.
    /// </summary>
    protected virtual bool EmptyIsErrorWhenNotNullable => true;

    /// <summary>Reads a value that is not blank: true with the value, or false with the message for the field.</summary>
    protected abstract bool TryRead(string text, ModelBindingContext bindingContext, out object? value, out string message);

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else if (EmptyIsErrorWhenNotNullable)
            {
                Fail(bindingContext, bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(text ?? string.Empty));
            }

            return Task.CompletedTask;
        }

        if (TryRead(text, bindingContext, out var value, out var message))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            Fail(bindingContext, message);
        }

        return Task.CompletedTask;
    }

    private static void Fail(ModelBindingContext bindingContext, string error)
    {
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error);
        bindingContext.Result = ModelBindingResult.Failed();
    }
}
