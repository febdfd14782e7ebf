using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Bench;

/// <summary>What a virtual user of the soak does.</summary>
public enum SoakRole
{
    /// <summary>A contractor filing: Mis contratos, a contract, Crear (draft), Anexar (upload), download it, Borrar the draft.</summary>
    Writer,

    /// <summary>A supervisor: "Cuentas por revisar", a request in it, Mis contratos, a contract and its requests, notifications.</summary>
    Supervisor,

    /// <summary>Anonymous: the public search, a public contract and its documents, open data (CSV, OCDS), the sign-in page.</summary>
    Public,

    /// <summary>A contractor reading: Mis contratos, a contract, an earlier request, its attachments and cuenta de cobro PDF, documents, notifications.</summary>
    Reader,
}

/// <summary>
/// One virtual user of the soak: signs in through the real form (and every fourth round signs out and back in), then
/// repeats its role's round of requests until the end, pausing between requests. Every answer is checked (status, and
/// for a download of its own upload the bytes' SHA-256); anything else is an error in the <see cref="SoakLog"/>.
/// The writer deletes each draft it creates, so the data does not grow with the run.
/// </summary>
public sealed partial class SoakUser : IDisposable
{
    private static readonly (string Email, string Password)[] Contractors =
    [
        ("contratista@secop.test", "Contratista.Secop2026!"),
        ("contratista2@secop.test", "Contratista2.Secop2026!"),
        ("proveedor@secop.test", "Proveedor.Secop2026!"),
    ];

    private static readonly (string Email, string Password) SupervisorAccount = ("supervisor@secop.test", "Supervisor.Secop2026!");
    private static readonly HtmlParser Parser = new();

    private readonly int _index;
    private readonly PortalClient _client;
    private readonly SoakLog _log;
    private readonly Stopwatch _clock;
    private readonly int _thinkMilliseconds;
    private readonly Random _random;
    private readonly (string Email, string Password)? _account;
    private readonly UploadSpec[] _uploads;
    private SoakRole _role;
    private int? _fileableContract;

    public SoakUser(int index, SoakRole role, Uri portal, NginxProxy proxy, SoakLog log, Stopwatch clock, int thinkMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        _index = index;
        _role = role;
        _client = new PortalClient(portal, proxy.CreateHandler());
        _log = log;
        _clock = clock;
        _thinkMilliseconds = thinkMilliseconds;
        _random = new Random(index);
        _account = role switch
        {
            SoakRole.Public => null,
            SoakRole.Supervisor => SupervisorAccount,
            _ => Contractors[index / 4 % Contractors.Length],
        };
        _uploads = role == SoakRole.Writer
            ?
            [
                new UploadSpec("ActivityReport", $"informe-{index}.pdf", "application/pdf", DocumentsBench.TextPdf($"Informe de actividades {index}", 1 + (index % 3))),
                new UploadSpec("Other", $"foto-{index}.jpg", "image/jpeg", SyntheticImages.Jpeg(1200, 900, noise: true, seed: index)),
            ]
            : [];
    }

    /// <summary>
    /// Roles by position: writer, supervisor, public, reader, again and again; a writer per contractor account at most
    /// (each deletes its own draft; two on one account would trip over each other's), later ones read.
    /// </summary>
    public static SoakRole RoleOf(int index)
    {
        var role = (SoakRole)(index % 4);
        return role == SoakRole.Writer && index / 4 >= Contractors.Length ? SoakRole.Reader : role;
    }

    public async Task RunAsync(CancellationToken end)
    {
        try
        {
            // Spread the start over the first seconds, as people arrive.
            await Task.Delay(_random.Next(0, 3000) + (_index * 250), end);
            while (_account is not null && !await SignInAsync(end))
            {
                await Task.Delay(5000, end);
            }

            if (_role == SoakRole.Writer)
            {
                _fileableContract = await FileableContractAsync(end);
                if (_fileableContract is null)
                {
                    _role = SoakRole.Reader;
                }
            }

            for (var round = 1; ; round++)
            {
                switch (_role)
                {
                    case SoakRole.Writer:
                        await WriterRoundAsync(round, end);
                        break;
                    case SoakRole.Supervisor:
                        await SupervisorRoundAsync(end);
                        break;
                    case SoakRole.Public:
                        await PublicRoundAsync(round, end);
                        break;
                    default:
                        await ReaderRoundAsync(round, end);
                        break;
                }

                if (_account is not null && round % 4 == 0)
                {
                    await SignOutAndInAsync(end);
                }
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task WriterRoundAsync(int round, CancellationToken end)
    {
        var contractId = _fileableContract!.Value;
        await GetAsync("contracts", "/contratos", end);
        await GetAsync("contract", $"/contratos/{contractId}", end);
        var createPath = $"/contratos/{contractId}/pagos/crear";
        if (await FormAsync("request-form", createPath, end) is not { } form)
        {
            return;
        }

        form["Accion"] = "guardar";
        if (await PostAsync("request-create", createPath, form, null, HttpStatusCode.Redirect, end) is not { } created)
        {
            return;
        }

        if (created.Location is null || RequestPath().Match(created.Location) is not { Success: true } match)
        {
            Fail("request-create", $"POST {createPath}", $"redirected to {created.Location}, not to a request", (int)HttpStatusCode.Redirect);
            return;
        }

        var showPath = match.Value;
        var deleted = false;
        try
        {
            var upload = _uploads[round % _uploads.Length];
            if (await FormAsync("request", showPath, end) is not { } fields)
            {
                return;
            }

            fields["Upload.Type"] = upload.Type;
            fields["Upload.Description"] = string.Empty;
            fields["Accion"] = "anexar";
            if (await PostAsync("attach-upload", $"{showPath}/anexos", fields, upload, HttpStatusCode.Redirect, end) is null)
            {
                return;
            }

            if (await GetAsync("request", showPath, end) is not { } page)
            {
                return;
            }

            var downloads = DownloadLink().Matches(page.Body).Select(m => m.Groups["href"].Value).Distinct(StringComparer.Ordinal).ToList();
            if (downloads.Count != 1)
            {
                Fail("request", $"GET {showPath}", $"the draft shows {downloads.Count} downloads, expected the one attached", 200);
            }

            var expected = Convert.ToHexString(SHA256.HashData(upload.Bytes));
            foreach (var download in downloads)
            {
                await FetchAsync("attachment-download", download, expected, end);
            }

            deleted = await DeleteAsync(page.Body, showPath, end);
        }
        finally
        {
            if (!deleted && !end.IsCancellationRequested && await GetAsync("request", showPath, CancellationToken.None) is { } again)
            {
                await DeleteAsync(again.Body, showPath, CancellationToken.None);
            }
        }
    }

    /// <summary>"Borrar", confirmed (what the page's dialog posts).</summary>
    private async Task<bool> DeleteAsync(string page, string showPath, CancellationToken end)
    {
        var document = Parser.ParseDocument(page);
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.GetAttribute("action")?.EndsWith("/borrar", StringComparison.Ordinal) == true);
        if (form is null)
        {
            Fail("request-delete", $"GET {showPath}", "no «Borrar» form on the draft", 200);
            return false;
        }

        var fields = HtmlFormValues.Of(form);
        fields["confirmed"] = "true";
        return await PostAsync("request-delete", form.GetAttribute("action")!, fields, null, HttpStatusCode.Redirect, end) is not null;
    }

    private async Task SupervisorRoundAsync(CancellationToken end)
    {
        if (await GetAsync("inbox", "/revision", end) is { } inbox && Pick(ReviewLink().Matches(inbox.Body)) is { } review)
        {
            await GetAsync("review", review, end);
        }

        await ContractAndRequestAsync(round: 1, end);
        await GetAsync("notifications", "/notificaciones", end);
    }

    private async Task ReaderRoundAsync(int round, CancellationToken end)
    {
        await ContractAndRequestAsync(round, end);
        await GetAsync("notifications", "/notificaciones", end);
    }

    /// <summary>
    /// Mis contratos, one of them, one of its requests (its attachments, now and then its PDF) and its execution documents.
    /// A reader may share its account with a writer, whose drafts come and go: a 404 for a request (or one of its files) is
    /// right when the contract (or the request) no longer lists it, and an error when it still does.
    /// </summary>
    private async Task ContractAndRequestAsync(int round, CancellationToken end)
    {
        if (await GetAsync("contracts", "/contratos", end) is not { } list || Pick(ContractLink().Matches(list.Body)) is not { } contract)
        {
            return;
        }

        if (await GetAsync("contract", contract, end) is not { } detail)
        {
            return;
        }

        if (Pick(ExecutionDocumentLink().Matches(detail.Body)) is { } document)
        {
            await FetchAsync("execution-document-download", document, null, end);
        }

        if (Pick(RequestLink().Matches(detail.Body)) is not { } request
            || await GetAsync("request", request, end, HttpStatusCode.OK, HttpStatusCode.NotFound) is not { } page)
        {
            return;
        }

        if (page.Status == HttpStatusCode.NotFound)
        {
            await GoneAsync("request", request, contract, end);
            return;
        }

        if (Pick(DownloadLink().Matches(page.Body)) is { } attachment
            && await FetchAsync("attachment-download", attachment, null, end, allowGone: true) == HttpStatusCode.NotFound)
        {
            await GoneAsync("attachment-download", attachment, request, end);
        }

        if (round % 3 == 0 && Pick(CuentaDeCobroLink().Matches(page.Body)) is { } pdf
            && await FetchAsync("cuenta-de-cobro-pdf", pdf, null, end, allowGone: true) == HttpStatusCode.NotFound)
        {
            await GoneAsync("cuenta-de-cobro-pdf", pdf, request, end);
        }
    }

    /// <summary>After a 404 for <paramref name="path"/>: an error unless <paramref name="listing"/> is gone too or no longer links to it.</summary>
    private async Task GoneAsync(string kind, string path, string listing, CancellationToken end)
    {
        var again = await GetAsync(kind + " (recheck)", listing, end, HttpStatusCode.OK, HttpStatusCode.NotFound);
        if (again is { Status: HttpStatusCode.OK } && again.Value.Body.Contains($"href=\"{path}\"", StringComparison.Ordinal))
        {
            Fail(kind, $"GET {path}", $"404 although {listing} still links to it", (int)HttpStatusCode.NotFound);
        }
        else
        {
            _log.Gone(kind);
        }
    }

    private async Task PublicRoundAsync(int round, CancellationToken end)
    {
        await GetAsync("sign-in-page", PortalClient.LoginPath, end);
        if (await GetAsync("public-search", "/publico/contratos", end) is not { } search || Pick(PublicContractLink().Matches(search.Body)) is not { } contract)
        {
            return;
        }

        if (await GetAsync("public-contract", contract, end) is { } page && Pick(PublicDocumentLink().Matches(page.Body)) is { } document)
        {
            await FetchAsync("public-document-download", document, null, end);
        }

        await FetchAsync("open-data-contract-csv", $"{contract}/plan-de-pagos.csv", null, end);
        await FetchAsync("open-data-ocds", $"{contract}/ocds.json", null, end);
        if (round % 5 == 0)
        {
            await FetchAsync("open-data-country-csv", "/publico/datos/plan-de-pagos.csv", null, end);
        }
    }

    private async Task SignOutAndInAsync(CancellationToken end)
    {
        if (await GetAsync("contracts", "/contratos", end) is not { } page || AntiforgeryField().Match(page.Body) is not { Success: true } token)
        {
            return;
        }

        await PostAsync("sign-out", "/cuenta/cerrar-sesion", new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value) }, null, HttpStatusCode.Redirect, end);
        await ThinkAsync(end);
        while (!await SignInAsync(end))
        {
            await Task.Delay(5000, end);
        }
    }

    /// <summary>The sign-in page and the form's post (two requests, counted as one "sign-in").</summary>
    private async Task<bool> SignInAsync(CancellationToken end)
    {
        await ThinkAsync(end);
        var started = _clock.Elapsed;
        try
        {
            await _client.SignInAsync(_account!.Value.Email, _account.Value.Password);
            _log.Done("sign-in (page + post)", Since(started), _client.LastUpstream);
            return true;
        }
        catch (Exception e) when (e is BenchException or HttpRequestException or TaskCanceledException or IOException)
        {
            Fail("sign-in (page + post)", $"POST {PortalClient.LoginPath} as {_account!.Value.Email}", $"{e.GetType().Name}: {e.Message}", null, Since(started));
            return false;
        }
    }

    /// <summary>The first of the contractor's contracts that offers "Crear" (a 404 for the others is what the portal answers, not an error).</summary>
    private async Task<int?> FileableContractAsync(CancellationToken end)
    {
        if (await GetAsync("contracts", "/contratos", end) is not { } list)
        {
            return null;
        }

        foreach (var id in ContractLink().Matches(list.Body).Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal))
        {
            if (await GetAsync("request-form", $"/contratos/{id}/pagos/crear", end, HttpStatusCode.OK, HttpStatusCode.NotFound) is { Status: HttpStatusCode.OK })
            {
                return int.Parse(id, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private async Task<Dictionary<string, string>?> FormAsync(string kind, string path, CancellationToken end)
    {
        if (await GetAsync(kind, path, end) is not { } page)
        {
            return null;
        }

        if (Parser.ParseDocument(page.Body).GetElementById("cuenta-de-cobro") is not IHtmlFormElement form)
        {
            Fail(kind, $"GET {path}", "no cuenta de cobro form on the page", 200);
            return null;
        }

        return HtmlFormValues.Of(form);
    }

    private async Task<(HttpStatusCode Status, string Body, string? Location)?> GetAsync(string kind, string path, CancellationToken end, params HttpStatusCode[] expected)
    {
        await ThinkAsync(end);
        var started = _clock.Elapsed;
        try
        {
            var answer = await _client.GetAsync(path);
            return Check(kind, $"GET {path}", answer, expected.Length == 0 ? [HttpStatusCode.OK] : expected, started);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail(kind, $"GET {path}", $"{e.GetType().Name}: {e.Message}", null, Since(started));
            return null;
        }
    }

    private async Task<(HttpStatusCode Status, string Body, string? Location)?> PostAsync(
        string kind, string path, Dictionary<string, string> fields, UploadSpec? file, HttpStatusCode expected, CancellationToken end)
    {
        await ThinkAsync(end);
        var started = _clock.Elapsed;
        try
        {
            var answer = await _client.PostMultipartAsync(path, fields, file);
            return Check(kind, $"POST {path}", answer, [expected], started);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail(kind, $"POST {path}", $"{e.GetType().Name}: {e.Message}", null, Since(started));
            return null;
        }
    }

    /// <summary>
    /// A download read to its last byte; when <paramref name="sha256"/> is given, the bytes must be those. A 404 is left
    /// to the caller when <paramref name="allowGone"/>.
    /// </summary>
    /// <returns>The status, null when there was no answer.</returns>
    private async Task<HttpStatusCode?> FetchAsync(string kind, string path, string? sha256, CancellationToken end, bool allowGone = false)
    {
        await ThinkAsync(end);
        var started = _clock.Elapsed;
        try
        {
            var (status, bytes, hash) = await _client.FetchAsync(path);
            if (status == HttpStatusCode.NotFound && allowGone)
            {
                _log.Done(kind, Since(started), _client.LastUpstream);
            }
            else if (status != HttpStatusCode.OK)
            {
                Fail(kind, $"GET {path}", "expected 200", (int)status, Since(started));
            }
            else if (sha256 is not null && hash != sha256)
            {
                Fail(kind, $"GET {path}", $"{bytes} bytes whose SHA-256 is not the uploaded file's", (int)status, Since(started));
            }
            else
            {
                _log.Done(kind, Since(started), _client.LastUpstream);
            }

            return status;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail(kind, $"GET {path}", $"{e.GetType().Name}: {e.Message}", null, Since(started));
            return null;
        }
    }

    private (HttpStatusCode Status, string Body, string? Location)? Check(
        string kind, string request, (HttpStatusCode Status, string Body, string? Location) answer, HttpStatusCode[] expected, TimeSpan started)
    {
        if (expected.Contains(answer.Status))
        {
            _log.Done(kind, Since(started), _client.LastUpstream);
            return answer;
        }

        var why = answer.Location is { } location ? $"redirected to {location}"
            : ErrorSummary().Match(answer.Body) is { Success: true } summary ? WebUtility.HtmlDecode(Regex.Replace(summary.Groups[1].Value, "<[^>]+>|\\s+", " ")).Trim()
            : string.Empty;
        Fail(kind, request, $"expected {string.Join(" or ", expected.Select(s => (int)s))} {why}".Trim(), (int)answer.Status, Since(started));
        return null;
    }

    private void Fail(string kind, string request, string problem, int? status, double milliseconds = 0) =>
        _log.Fail(new SoakError(_clock.Elapsed, kind, request, _client.LastUpstream ?? "-", $"user {_index} ({_role}): {problem}", status), milliseconds);

    private double Since(TimeSpan started) => (_clock.Elapsed - started).TotalMilliseconds;

    private Task ThinkAsync(CancellationToken end) => Task.Delay(_random.Next(0, (2 * _thinkMilliseconds) + 1), end);

    private string? Pick(MatchCollection matches)
    {
        var values = matches.Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).Distinct(StringComparer.Ordinal).ToList();
        return values.Count == 0 ? null : values[_random.Next(values.Count)];
    }

    [GeneratedRegex("""/contratos/\d+/pagos/\d+$""", RegexOptions.CultureInvariant)]
    private static partial Regex RequestPath();

    [GeneratedRegex("""href="(?<href>/contratos/(?<id>\d+))"[ >]""", RegexOptions.CultureInvariant)]
    private static partial Regex ContractLink();

    [GeneratedRegex("""href="(?<href>/contratos/\d+/pagos/\d+)"[ >]""", RegexOptions.CultureInvariant)]
    private static partial Regex RequestLink();

    [GeneratedRegex("""href="(?<href>/pagos/\d+/anexos/\d+/descargar)""", RegexOptions.CultureInvariant)]
    private static partial Regex DownloadLink();

    [GeneratedRegex("""href="(?<href>/contratos/\d+/pagos/\d+/cuenta-de-cobro\.pdf)""", RegexOptions.CultureInvariant)]
    private static partial Regex CuentaDeCobroLink();

    [GeneratedRegex("""href="(?<href>/contratos/\d+/documentos/\d+/descargar)""", RegexOptions.CultureInvariant)]
    private static partial Regex ExecutionDocumentLink();

    [GeneratedRegex("""href="(?<href>/revision/\d+)"[ >]""", RegexOptions.CultureInvariant)]
    private static partial Regex ReviewLink();

    [GeneratedRegex("""href="(?<href>/publico/contratos/\d+)"[ >]""", RegexOptions.CultureInvariant)]
    private static partial Regex PublicContractLink();

    [GeneratedRegex("""href="(?<href>/publico/contratos/\d+/documentos/\d+/descargar)""", RegexOptions.CultureInvariant)]
    private static partial Regex PublicDocumentLink();

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__RequestVerificationToken""", RegexOptions.CultureInvariant)]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("""id="errores"[^>]*>(.{0,400})""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();
}
