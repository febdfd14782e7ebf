using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Conditional GETs for anonymous, public answers (the open data, the public contract page): a strong ETag computed
/// from the bytes about to be sent, a short public max-age, and 304 when the client already holds those bytes.
/// Only for answers that are the same for every visitor: never for a signed-in user's page.
/// </summary>
public static class HttpCaching
{
    /// <summary>How long a shared cache or browser may reuse a public answer without asking again.</summary>
    public static readonly TimeSpan PublicMaxAge = TimeSpan.FromSeconds(60);

    /// <summary>A strong entity tag for <paramref name="content"/>: a quoted, URL-safe SHA-256 of the bytes.</summary>
    public static string EntityTagOf(ReadOnlySpan<byte> content) =>
        "\"" + WebEncoders.Base64UrlEncode(SHA256.HashData(content)) + "\"";

    /// <summary>
    /// Sets ETag and Cache-Control on the response and says whether the request's If-None-Match already names
    /// <paramref name="entityTag"/> (or "*"), in which case the caller answers 304 with no body.
    /// </summary>
    public static bool IsNotModified(HttpContext context, string entityTag, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(entityTag);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = EntityTagHeaderValue.Parse(entityTag);
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };
        return Matches(context.Request, entityTag);
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "W/" prefixes are ignored.</summary>
    private static bool Matches(HttpRequest request, string entityTag)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch is null || ifNoneMatch.Count == 0)
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(entityTag);
        return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }
}
