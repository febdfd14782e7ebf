using System.Net;
using System.Text.RegularExpressions;

namespace SecopPortal.Bench;

/// <summary>
/// An HTTP client that talks to the portal as a browser behind a TLS proxy would: every request says
/// <c>X-Forwarded-Proto: https</c>, and cookies are kept by hand (a CookieContainer would not send the portal's
/// Secure cookies over plain http). Expired cookies (the TempData cookie the portal clears) are dropped.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    public const string LoginPath = "/cuenta/iniciar-sesion";

    /// <summary>The form field the date boxes repeat (one value per box).</summary>
    public const string InvariantField = SecopPortal.Web.Tests.Infrastructure.HtmlFormValues.InvariantField;
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public PortalClient(Uri baseAddress)
        : this(baseAddress, new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
    }

    /// <summary>A client over <paramref name="handler"/> (e.g. one trusting a test proxy's certificate); it must not keep cookies or follow redirects.</summary>
    public PortalClient(Uri baseAddress, HttpMessageHandler handler)
    {
        _http = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    /// <summary>The <c>X-Upstream</c> header of the last answer: the instance that served it, when a proxy says so (NginxProxy).</summary>
    public string? LastUpstream { get; private set; }

    /// <summary>The Cookie header a browser would send now (session and antiforgery).</summary>
    public string CookieHeader => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    public IReadOnlyCollection<string> CookieNames => _cookies.Keys;

    public async Task<(HttpStatusCode Status, string Body, string? Location)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>Signs in through the real form: GET the page, take the antiforgery token, POST the credentials.</summary>
    public async Task SignInAsync(string email, string password)
    {
        _cookies.Clear();
        var (status, body, _) = await GetAsync(LoginPath);
        if (status != HttpStatusCode.OK)
        {
            throw new BenchException($"GET {LoginPath} answered {(int)status}");
        }

        var token = AntiforgeryField().Match(body);
        if (!token.Success)
        {
            throw new BenchException($"no __RequestVerificationToken field on {LoginPath}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = password,
                ["ReturnUrl"] = string.Empty,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            }),
        };
        var (postStatus, postBody, location) = await SendAsync(request);
        if (postStatus != HttpStatusCode.Redirect || !_cookies.Keys.Any(k => k.StartsWith("SecopPortal.Sesion", StringComparison.Ordinal)))
        {
            var message = ValidationMessage().Match(postBody);
            throw new BenchException($"sign-in of {email} failed: {(int)postStatus} {location} {(message.Success ? message.Groups[1].Value : string.Empty)}".Trim());
        }
    }

    /// <summary>Posts a form as the page does (multipart), with one file in "Upload.File" when given.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> PostMultipartAsync(string path, IReadOnlyDictionary<string, string> fields, UploadSpec? file)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            foreach (var single in name == InvariantField ? value.Split('\n') : [value])
            {
                content.Add(new StringContent(single), name);
            }
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file.Bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType);
            content.Add(part, "Upload.File", file.FileName);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        return await SendAsync(request);
    }

    /// <summary>GETs <paramref name="path"/> and reads every byte of the answer (into <paramref name="keepAs"/> when given).</summary>
    /// <returns>How many bytes came.</returns>
    public async Task<long> DownloadAsync(string path, string? keepAs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"GET {path} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync();
        await using var file = keepAs is null ? null : File.Create(keepAs);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            if (file is not null)
            {
                await file.WriteAsync(buffer.AsMemory(0, read));
            }
        }

        return total;
    }

    /// <summary>GETs <paramref name="path"/> and reads every byte of the answer, whatever its status.</summary>
    /// <returns>The status, how many bytes came and their SHA-256 (hex).</returns>
    public async Task<(HttpStatusCode Status, long Bytes, string Sha256)> FetchAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", CookieHeader);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Received(response);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
            hash.AppendData(buffer, 0, read);
        }

        return (response.StatusCode, total, Convert.ToHexString(hash.GetHashAndReset()));
    }

    private async Task<(HttpStatusCode Status, string Body, string? Location)> SendAsync(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", CookieHeader);
        }

        using var response = await _http.SendAsync(request);
        Received(response);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, response.Headers.Location?.OriginalString);
    }

    private void Received(HttpResponseMessage response)
    {
        LastUpstream = response.Headers.TryGetValues("X-Upstream", out var upstream) ? string.Join(',', upstream) : null;
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                Remember(header);
            }
        }
    }

    private void Remember(string setCookie)
    {
        var parts = setCookie.Split(';', StringSplitOptions.TrimEntries);
        var equals = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return;
        }

        var name = parts[0][..equals];
        var value = parts[0][(equals + 1)..];
        var expired = value.Length == 0;
        foreach (var attribute in parts.Skip(1))
        {
            if (attribute.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(attribute[8..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var expires)
                && expires <= DateTimeOffset.UtcNow)
            {
                expired = true;
            }

            if (attribute.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase) && attribute[8..].Trim() is var age && age.StartsWith('-') | age == "0")
            {
                expired = true;
            }
        }

        if (expired)
        {
            _cookies.Remove(name);
        }
        else
        {
            _cookies[name] = value;
        }
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken""", RegexOptions.CultureInvariant)]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("""<li>([^<]+)</li>""", RegexOptions.CultureInvariant)]
    private static partial Regex ValidationMessage();
}

/// <summary>A benchmark precondition that failed: the run stops with this message.</summary>
public sealed class BenchException(string message) : Exception(message);
