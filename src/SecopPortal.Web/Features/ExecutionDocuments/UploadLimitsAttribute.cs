using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using SecopPortal.Infrastructure.Documents;

namespace SecopPortal.Web.Features.ExecutionDocuments;

/// <summary>
/// For an upload action that reads its form itself: sets the multipart limit to what "Uploads" allows
/// (<see cref="MaxBodyBytes"/>: <see cref="UploadLimitsOptions.MaxRequestBytes"/> plus <see cref="FormOverheadBytes"/>
/// for the other fields and the multipart framing) and lifts Kestrel's request body limit (30 MB by default) above it,
/// to <see cref="MaxDrainBytes"/>, so a legal file is never refused by the server before DocumentIntake can judge it;
/// and keeps model binding away from the form, so nothing reads the body before the action.
/// </summary>
/// <remarks>
/// Why Kestrel's limit sits above the form's: a browser still sending a too-large file when the server answers and
/// closes the connection shows "connection reset" instead of the answer. So the action refuses a body over
/// <see cref="MaxBodyBytes"/> with a Spanish message next to the field and first reads and discards the rest of it,
/// which Kestrel allows up to <see cref="MaxDrainBytes"/>; past that Kestrel cuts the connection as before.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
public sealed class UploadLimitsAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Room for the form's other fields and the multipart boundaries and headers.</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    public bool IsReusable => true;

    /// <summary>Before any other resource filter.</summary>
    public int Order => int.MinValue + 100;

    /// <summary>The largest form the action accepts for <paramref name="limits"/>.</summary>
    public static long MaxBodyBytes(UploadLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return limits.MaxRequestBytes + FormOverheadBytes;
    }

    /// <summary>Kestrel's limit on these endpoints: twice <see cref="MaxBodyBytes"/>, room to drain a refused body.</summary>
    public static long MaxDrainBytes(UploadLimitsOptions limits) => 2 * MaxBodyBytes(limits);

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider)
    {
        ArgumentNullException.ThrowIfNull(serviceProvider);
        return new Filter(
            serviceProvider.GetRequiredService<IOptions<UploadLimitsOptions>>(),
            serviceProvider.GetRequiredService<IOptions<FormOptions>>());
    }

    private sealed class Filter(IOptions<UploadLimitsOptions> limits, IOptions<FormOptions> formDefaults) : IResourceFilter, IOrderedFilter
    {
        public int Order => int.MinValue + 100;

        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            var max = MaxBodyBytes(limits.Value);
            var features = context.HttpContext.Features;
            if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = MaxDrainBytes(limits.Value);
            }

            if (features.Get<IFormFeature>()?.Form is null)
            {
                var defaults = formDefaults.Value;
                features.Set<IFormFeature>(new FormFeature(context.HttpContext.Request, new FormOptions
                {
                    BufferBody = defaults.BufferBody,
                    MemoryBufferThreshold = defaults.MemoryBufferThreshold,
                    BufferBodyLengthLimit = defaults.BufferBodyLengthLimit,
                    ValueCountLimit = defaults.ValueCountLimit,
                    KeyLengthLimit = defaults.KeyLengthLimit,
                    ValueLengthLimit = defaults.ValueLengthLimit,
                    MultipartBoundaryLengthLimit = defaults.MultipartBoundaryLengthLimit,
                    MultipartHeadersCountLimit = defaults.MultipartHeadersCountLimit,
                    MultipartHeadersLengthLimit = defaults.MultipartHeadersLengthLimit,
                    MultipartBodyLengthLimit = max,
                }));
            }

            // The action reads the form (under the limits above) and binds it by hand.
            context.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            context.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            context.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}
