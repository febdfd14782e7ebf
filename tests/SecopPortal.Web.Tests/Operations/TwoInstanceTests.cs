using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.ExecutionDocuments;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Operations;

/// <summary>
/// Issue 10 item 6b: two portal processes as production runs them (environment Production: Secure cookies, http
/// redirected to https) behind Debian's nginx terminating TLS, sharing one PostgreSQL database, one document folder and
/// one Data Protection keys folder. nginx gives each instance its own https port (and one port balancing over both), and
/// says which instance answered (<see cref="NginxProxy.UpstreamHeader"/>), so every step below checks where it ran.
/// </summary>
public sealed class TwoInstanceTests
{
    private const string SessionCookie = PortalHttp.SessionCookieName;

    [Fact]
    public async Task Signed_in_on_one_instance_a_user_uploads_on_the_other_downloads_on_both_and_signing_out_on_one_ends_the_session_on_both()
    {
        var nginx = NginxProxy.FindBinary();
        var folder = Directory.CreateTempSubdirectory("secop-twoinst-");
        var postgres = new PostgresServer();
        NginxProxy? proxy = null;
        var portals = new List<PortalProcess>();
        try
        {
            var connection = await postgres.CreateDatabaseAsync();
            int[] portalPorts = [PortalProcess.FreePort(), PortalProcess.FreePort()];
            proxy = await NginxProxy.StartAsync([.. portalPorts.Select(p => new Uri($"http://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))], nginx);

            // Both start at once on the empty database: the start-up lock lets one migrate and seed, the other waits.
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Portal"] = connection,
                ["Database:MigrateOnStartup"] = "true",
                ["Seed:DemoData"] = "true",
                ["Storage:Root"] = Path.Combine(folder.FullName, "documents"),
                ["DataProtection:KeysFolder"] = Path.Combine(folder.FullName, "keys"),
                ["ForwardedHeaders:Enabled"] = "true",
                ["https_port"] = proxy.BalancedPort.ToString(CultureInfo.InvariantCulture),
            };
            var starting = portalPorts.Select(port => PortalProcess.StartAsync(settings, "Production", port, TimeSpan.FromSeconds(120))).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                portals.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var a = NginxProxy.Https(proxy.InstancePort(0));
            var b = NginxProxy.Https(proxy.InstancePort(1));
            var upstreamA = $"127.0.0.1:{portalPorts[0].ToString(CultureInfo.InvariantCulture)}";
            var upstreamB = $"127.0.0.1:{portalPorts[1].ToString(CultureInfo.InvariantCulture)}";
            var cookies = new CookieContainer();
            using var client = new HttpClient(proxy.CreateHandler(cookies)) { BaseAddress = a, Timeout = TimeSpan.FromSeconds(60) };

            // Plain http to nginx: the portal (told X-Forwarded-Proto: http) redirects to https on the public port.
            using (var plain = await client.GetAsync(new Uri(proxy.Http(), "/contratos")))
            {
                Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
                Assert.Equal(new Uri(NginxProxy.Https(proxy.BalancedPort), "/contratos"), plain.Headers.Location);
            }

            // Sign in through A: the session cookie is Secure (served over https as nginx said).
            await PortalHttp.SignInAsync(client, DemoAccounts.Contractor);
            var sessionCookie = cookies.GetCookies(a)[SessionCookie];
            Assert.NotNull(sessionCookie);
            Assert.True(sessionCookie.Secure, "the session cookie must be Secure behind the TLS proxy");
            var session = $"{sessionCookie.Name}={sessionCookie.Value}";

            // The form comes from A (its antiforgery token and cookie signed with A's keys); the upload is posted to B.
            var contractId = await UploadableContractAsync(client, a, upstreamA);
            var token = await PortalHttp.GetAntiforgeryTokenAsync(client, new Uri(a, ExecutionDocumentPages.New(contractId)).ToString());
            var bytes = MinimalPdf.Create("Informe de ejecución (dos instancias)", padding: 300_000);
            var description = $"Informe dos instancias {Guid.NewGuid():N}";
            using (var form = new MultipartFormDataContent())
            {
                form.Add(new StringContent(description, Encoding.UTF8), "Description");
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "File", "informe-dos-instancias.pdf");
                form.Add(new StringContent(token), PortalHttp.AntiforgeryFieldName);
                using var posted = await client.PostAsync(new Uri(b, ExecutionDocumentPages.New(contractId)), form);
                AssertServedBy(posted, upstreamB);
                Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
                Assert.Equal(ExecutionDocumentPages.Contract(contractId) + "#seccion-7", posted.Headers.Location?.OriginalString);
            }

            // B lists it; A and B both serve the very bytes uploaded (one document folder).
            int documentId;
            using (var page = await client.GetAsync(new Uri(b, ExecutionDocumentPages.Contract(contractId))))
            {
                AssertServedBy(page, upstreamB);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                var html = await PortalHttp.ParseAsync(page);
                var row = html.QuerySelectorAll("[aria-labelledby=documentos-ejecucion] table tbody tr")
                    .Single(r => r.QuerySelector("td")?.TextContent.Trim() == description);
                documentId = ExecutionDocumentPages.DocumentIdFromRow(row);
            }

            foreach (var (instance, upstream) in new[] { (a, upstreamA), (b, upstreamB) })
            {
                using var download = await client.GetAsync(new Uri(instance, ExecutionDocumentPages.Download(contractId, documentId)));
                AssertServedBy(download, upstream);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)), Convert.ToHexString(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())));
            }

            // The balanced port sends the signed-in user to both instances, and both know the session.
            var answered = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < 6; i++)
            {
                using var response = await client.GetAsync(new Uri(NginxProxy.Https(proxy.BalancedPort), "/contratos"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                answered.Add(Upstream(response));
            }

            Assert.Equal(new[] { upstreamA, upstreamB }.Order(StringComparer.Ordinal), answered.Order(StringComparer.Ordinal));

            // A copy of the session cookie (what someone who copied it would send) is good on both…
            using var copy = new HttpClient(proxy.CreateHandler()) { Timeout = TimeSpan.FromSeconds(60) };
            foreach (var (instance, upstream) in new[] { (a, upstreamA), (b, upstreamB) })
            {
                using var response = await GetWithCookieAsync(copy, new Uri(instance, "/contratos"), session);
                AssertServedBy(response, upstream);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // …until the user signs out on B (with a token from A's page).
            var signOutToken = await PortalHttp.GetAntiforgeryTokenAsync(client, new Uri(a, "/contratos").ToString());
            using (var signOut = await PortalHttp.PostFormWithTokenAsync(client, new Uri(b, "/cuenta/cerrar-sesion").ToString(), [], signOutToken))
            {
                AssertServedBy(signOut, upstreamB);
                Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            }

            // Then the same cookie is refused on A and on B: back to the sign-in page.
            foreach (var (instance, upstream) in new[] { (a, upstreamA), (b, upstreamB) })
            {
                using var response = await GetWithCookieAsync(copy, new Uri(instance, "/contratos"), session);
                AssertServedBy(response, upstream);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith(PortalHttp.LoginPath, response.Headers.Location?.IsAbsoluteUri == true ? response.Headers.Location.PathAndQuery : response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }
        }
        catch (Exception e) when (portals.Count > 0 || proxy is not null)
        {
            // What the processes printed says more than the assertion alone.
            var diagnostics = string.Join("\n\n", portals.Select(p => $"{p}:\n{p.Output}").Append(proxy?.Diagnostics ?? string.Empty));
            throw new InvalidOperationException($"{e.Message}\n\n{diagnostics}", e);
        }
        finally
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            foreach (var portal in portals)
            {
                await portal.DisposeAsync();
            }

            await postgres.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The first contract of the signed-in contractor (listed by A) that offers "Cargar nuevo" on A.</summary>
    private static async Task<int> UploadableContractAsync(HttpClient client, Uri instance, string upstream)
    {
        using var list = await client.GetAsync(new Uri(instance, "/contratos"));
        AssertServedBy(list, upstream);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var ids = (await PortalHttp.ParseAsync(list)).QuerySelectorAll("a[href^='/contratos/']")
            .Select(link => link.GetAttribute("href")!.Split('/', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(parts => int.Parse(parts[1], CultureInfo.InvariantCulture))
            .Distinct();
        foreach (var id in ids)
        {
            using var form = await client.GetAsync(new Uri(instance, ExecutionDocumentPages.New(id)));
            if (form.StatusCode == HttpStatusCode.OK)
            {
                return id;
            }
        }

        Assert.Fail("No contract of the demo contractor offers «Cargar nuevo» for execution documents.");
        return 0;
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, Uri url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static string Upstream(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NginxProxy.UpstreamHeader, out var values) ? string.Join(',', values) : "(no upstream header)";

    private static void AssertServedBy(HttpResponseMessage response, string upstream) =>
        Assert.True(Upstream(response) == upstream, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} was served by {Upstream(response)}, expected {upstream}.");
}
