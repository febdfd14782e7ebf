using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SecopPortal.Web.Infrastructure;

namespace SecopPortal.Web.Tests.Infrastructure;

/// <summary>Who signs in: a demo account (converts implicitly) or a user a test created.</summary>
public sealed record Account(string Email, string Password)
{
    public static implicit operator Account(DemoAccount demo) => FromDemoAccount(demo);

    public static Account FromDemoAccount(DemoAccount demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        return new Account(demo.Email, demo.Password);
    }
}

/// <summary>
/// What a browser does with the portal's forms: fetch the page, keep the antiforgery cookie, send the form's
/// token back. Use with a client of <see cref="SignedInAsync"/> or <see cref="ClientOf"/> (it keeps cookies and does
/// not follow redirects).
/// </summary>
public static class PortalHttp
{
    public const string LoginPath = "/cuenta/iniciar-sesion";
    public const string AntiforgeryFieldName = "__RequestVerificationToken";
    public const string SessionCookieName = "SecopPortal.Sesion";

    private static readonly HtmlParser Parser = new();

    /// <summary>A client of <paramref name="portal"/> (any instance, also one made with WithWebHostBuilder) as the tests use it: https://localhost (the cookies are Secure), cookies kept, redirects not followed.</summary>
    public static HttpClient ClientOf(WebApplicationFactory<Program> portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return portal.CreateClient(Configure(new WebApplicationFactoryClientOptions()));
    }

    /// <summary>A <see cref="ClientOf"/> client whose requests come from <paramref name="address"/> (through a trusted proxy's X-Forwarded-For; the portal must run with ForwardedHeaders:Enabled).</summary>
    public static HttpClient ClientFrom(WebApplicationFactory<Program> portal, string address)
    {
        var client = ClientOf(portal);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>Sets the options <see cref="ClientOf"/> uses (and <see cref="PortalFactory"/> makes its default).</summary>
    public static WebApplicationFactoryClientOptions Configure(WebApplicationFactoryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BaseAddress = new Uri("https://localhost");
        options.AllowAutoRedirect = false;
        options.HandleCookies = true;
        return options;
    }

    /// <summary>The way to a signed-in client: a new <see cref="ClientOf"/> that signed in through the login form as <paramref name="account"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this WebApplicationFactory<Program> portal, Account account)
    {
        var client = ClientOf(portal);
        await SignInAsync(client, account);
        return client;
    }

    /// <summary>
    /// Signs this client in through the login form and asserts the portal answered with the session cookie and a
    /// redirect. For clients of a special kind (own cookie jar, the login of a fresh install); otherwise use <see cref="SignedInAsync"/>.
    /// </summary>
    public static async Task SignInAsync(HttpClient client, Account account)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(account);
        var response = await PostFormAsync(client, LoginPath, new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password,
        });

        if (response.StatusCode != HttpStatusCode.Redirect
            || !response.Headers.TryGetValues("Set-Cookie", out var cookies)
            || !cookies.Any(c => c.StartsWith(SessionCookieName + "=", StringComparison.Ordinal)))
        {
            var page = await ParseAsync(response);
            var errors = page.QuerySelector("[role=alert]")?.TextContent.Trim();
            Assert.Fail($"Signing in as {account.Email} answered {(int)response.StatusCode} {response.StatusCode} without a session cookie. " +
                        $"Page says: {(string.IsNullOrEmpty(errors) ? page.Title : errors)}");
        }
    }

    /// <summary>The antiforgery token of the first form of <paramref name="pageUrl"/> (fetched with the client's cookies).</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(pageUrl, UriKind.RelativeOrAbsolute));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"GET {pageUrl} answered {(int)response.StatusCode} {response.StatusCode}; expected a page with a form.");
        }

        var page = await ParseAsync(response);
        var token = page.QuerySelector($"form input[name={AntiforgeryFieldName}]")?.GetAttribute("value");
        if (string.IsNullOrEmpty(token))
        {
            Assert.Fail($"GET {pageUrl} has no form with an antiforgery token ({AntiforgeryFieldName}).");
        }

        return token!;
    }

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with an antiforgery token taken from
    /// <paramref name="tokenPageUrl"/> (default: <paramref name="url"/> itself, for forms that post to their page).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? tokenPageUrl = null)
    {
        var token = await GetAntiforgeryTokenAsync(client, tokenPageUrl ?? url);
        return await PostFormWithTokenAsync(client, url, fields, token);
    }

    /// <summary>Posts <paramref name="fields"/> plus the given antiforgery token (null to post without one).</summary>
    public static async Task<HttpResponseMessage> PostFormWithTokenAsync(
        HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(new KeyValuePair<string, string>(AntiforgeryFieldName, token));
        }

        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(url, UriKind.RelativeOrAbsolute), content);
    }

    /// <summary>Parses a response body as HTML.</summary>
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>GETs <paramref name="url"/> and parses it, asserting 200 OK.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"GET {url} answered {(int)response.StatusCode} {response.StatusCode}{LocationOf(response)}; expected 200.");
        }

        return await ParseAsync(response);
    }

    private static string LocationOf(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $" (Location: {location})" : string.Empty;
}
