using System.Globalization;
using System.Threading.RateLimiting;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// What the portal's rate limits share: the client address a partition is keyed by, and the 429 answer (the Spanish
/// error page through the status-code pages, with Retry-After in seconds).
/// </summary>
public static class ClientRateLimits
{
    /// <summary>The client address after the trusted proxy's X-Forwarded-For ("desconocido" when the server has none).</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "desconocido";
    }

    /// <summary>Sets Retry-After from a refused lease, when the limiter says how long to wait.</summary>
    public static void SetRetryAfter(HttpResponse response, RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
