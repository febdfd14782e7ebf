using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// Conditional GETs for anonymous, public answers (the open data, the public contract page): a strong ETag computed
/// from the bytes about to be sent, a short public max-age, and 304 when the client already holds those bytes.
/// Only for answers that are the same for every visitor; a signed-in visitor's copy is marked private, because it may
/// carry their renewed session cookie.
/// </summary>
public static class HttpCaching
{
    /// <summary>How long a shared cache or browser may reuse a public answer without asking again.</summary>
    public static readonly TimeSpan PublicMaxAge = TimeSpan.FromMinutes(5);

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
        Cacheable(context, maxAge);
        context.Response.GetTypedHeaders().ETag = EntityTagHeaderValue.Parse(entityTag);
        return Matches(context.Request, entityTag);
    }

    /// <summary>Cache-Control for a public answer: shared caches may keep it, unless the visitor is signed in.</summary>
    public static void Cacheable(HttpContext context, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(context);
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = !signedIn, Private = signedIn, MaxAge = maxAge };
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
