using System.Linq.Expressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SecopPortal.Web.Infrastructure;

/// <summary>How reading an upload form ended.</summary>
public enum UploadFormOutcome
{
    /// <summary>Read, with a valid antiforgery token.</summary>
    Read = 1,

    /// <summary>Over the upload limits: nothing was kept, the rest of the body was drained so the browser gets the answer.</summary>
    TooLarge = 2,

    /// <summary>Not a readable multipart form.</summary>
    Malformed = 3,

    /// <summary>Missing or invalid antiforgery token.</summary>
    Forged = 4,
}

public sealed record UploadFormResult(UploadFormOutcome Outcome, IFormCollection? Form);

/// <summary>
/// The upload endpoints read their multipart form themselves, under the limits <c>[UploadLimits]</c> lifted, so a
/// body that is too large becomes a Spanish message next to the file field instead of a bare 413. This is that read,
/// in one place: read, or drain a body over the limits (a browser whose connection is closed while it still sends
/// shows "connection reset" instead of the answer), then check the antiforgery token the action ignored.
/// </summary>
public static class UploadForm
{
    public static async Task<UploadFormResult> ReadAsync(HttpContext context, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!context.Request.HasFormContentType)
        {
            return new UploadFormResult(UploadFormOutcome.Malformed, null);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (IsBodyTooLarge(exception))
        {
            await DiscardRestOfBodyAsync(context.Request, cancellationToken);
            return new UploadFormResult(UploadFormOutcome.TooLarge, null);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // Truncated or garbage multipart, no boundary or one too long, a form over the form limits, a body that
            // ends mid-part (IOException, BadHttpRequestException included): answered 400, nothing kept.
            return new UploadFormResult(UploadFormOutcome.Malformed, null);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return new UploadFormResult(UploadFormOutcome.Forged, null);
        }

        return new UploadFormResult(UploadFormOutcome.Read, form);
    }

    /// <summary>
    /// Binds <paramref name="model"/> from the form <see cref="ReadAsync"/> read, with the standard model binders (fields,
    /// dates marked "__Invariant", amounts, files), as <c>[FromForm]</c> would; what cannot be read goes to the
    /// controller's ModelState with the portal's Spanish messages.
    /// </summary>
    /// <param name="only">When given, the only properties bound (a model that also carries what the page shows).</param>
    /// <returns>Whether the ModelState is still valid.</returns>
    public static async Task<bool> BindAsync<T>(ControllerBase controller, T model, string prefix, params Expression<Func<T, object?>>[] only)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(only);
        var providers = new ValueProviderFactoryContext(controller.ControllerContext);
        await new FormValueProviderFactory().CreateValueProviderAsync(providers);
        await new FormFileValueProviderFactory().CreateValueProviderAsync(providers);
        var values = new CompositeValueProvider(providers.ValueProviders);
        return only.Length == 0
            ? await controller.TryUpdateModelAsync(model, prefix, values)
            : await controller.TryUpdateModelAsync(model, prefix, values, only);
    }

    /// <summary>
    /// Kestrel's request body limit (413, also when Content-Length announces too much) or the multipart body limit of
    /// the form reader. The form's other limits (boundary length, value count, key and value length, part headers) are
    /// a malformed form, not a file too large.
    /// </summary>
    public static bool IsBodyTooLarge(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        InvalidDataException invalid => invalid.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Reads and drops what is left of the body; past Kestrel's drain limit the connection is simply closed.</summary>
    public static async Task DiscardRestOfBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await request.Body.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or InvalidOperationException)
        {
            // Over Kestrel's limit, or the client went away: the connection is closed, nothing else to do.
        }
    }
}
