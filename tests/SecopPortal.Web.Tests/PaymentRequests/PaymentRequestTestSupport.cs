using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// The payment-request tests (they create users, contracts and requests, and move them through their states) run
/// with the portal's clock stopped at Wednesday 20/05/2026 10:00 in Bogotá so dates and defaults are exact.
/// </summary>
public abstract class PaymentRequestTests(PortalFixture fixture) : StoppedClockTests(fixture, Now)
{
    public static readonly DateTimeOffset Now = new(2026, 5, 20, 15, 0, 0, TimeSpan.Zero);

    /// <summary>"Today" for these tests: Wednesday 20 May 2026, 10:00 in Bogotá.</summary>
    public static readonly DateOnly Today = new(2026, 5, 20);
}

/// <summary>A contract of a test's own: its contractor (signed in), its supervisor and its terms.</summary>
public sealed record TestContract(int Id, string Number, Guid ContractorId, string ContractorEmail, Guid SupervisorId, string SupervisorEmail, HttpClient Contractor)
{
    public Account ContractorAccount => TestUsers.AccountOf(ContractorEmail);

    public Account SupervisorAccount => TestUsers.AccountOf(SupervisorEmail);

    public string CreateUrl => PaymentRequestPages.Create(Id);
}

/// <summary>What the tests do over and over: set up a contract, read the form, post it, find messages.</summary>
internal static class PaymentRequestPages
{
    public const string FormId = "cuenta-de-cobro";

    /// <summary>The hidden fields ASP.NET Core adds after date boxes, naming the fields to read in the invariant culture.</summary>
    public const string InvariantField = HtmlFormValues.InvariantField;

    /// <summary>The default contract: persona natural, prestación de servicios, 01/02/2026–31/07/2026, 6 × $ 4.500.000.</summary>
    public static readonly DateOnly StartsOn = new(2026, 2, 1);

    public static readonly DateOnly EndsOn = new(2026, 7, 31);

    public static string Create(int contractId) => $"/contratos/{Id(contractId)}/pagos/crear";

    public static string Show(int contractId, int id) => $"/contratos/{Id(contractId)}/pagos/{Id(id)}";

    public static string Action(int contractId, int id, string action) => $"{Show(contractId, id)}/{action}";

    public static string Remove(int contractId, int id, int attachmentId) => $"{Show(contractId, id)}/anexos/{Id(attachmentId)}/quitar";

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A contract in execution between a new contractor and a new supervisor, with the contractor signed in.</summary>
    public static async Task<TestContract> NewContractAsync(
        PortalFactory factory,
        PersonType personType = PersonType.NaturalPerson,
        bool invoicing = false,
        decimal total = 27_000_000m,
        decimal? monthlyFee = 4_500_000m,
        ContractType type = ContractType.ProfessionalServices,
        int? entityId = null)
    {
        var contractor = await TestUsers.CreateAsync(factory, PortalRoles.Contractor, personType);
        var supervisor = await TestUsers.CreateAsync(factory, PortalRoles.Supervisor);
        await SetDocumentAsync(factory, contractor.Id, personType == PersonType.LegalPerson ? "901555444" : "1020304050");
        var number = $"CO1.PCCNTR.P{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var entity = entityId ?? await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            var details = new ContractDetails(
                number, "Prestación de servicios profesionales para las pruebas de cuentas de cobro.", type, ContractModality.DirectContracting,
                total, monthlyFee, new DateOnly(2026, 1, 15), StartsOn, EndsOn, "CDP-2026-0101", "RP-2026-0202", invoicing);
            var contract = new Contract(entity, details, contractor.Id, personType, supervisor.Id, DateTime.UtcNow);
            contract.StartExecution();
            db.Contracts.Add(contract);
            await db.SaveChangesAsync();
            id = contract.Id;
        }

        var client = await factory.SignedInAsync(TestUsers.AccountOf(contractor));
        return new TestContract(id, number, contractor.Id, contractor.Email!, supervisor.Id, supervisor.Email!, client);
    }

    /// <summary>The fields of the request's form as a browser would post them now (no file, no button).</summary>
    public static Dictionary<string, string> FormValues(IHtmlDocument page)
    {
        var form = page.GetElementById(FormId) as IHtmlFormElement;
        Assert.True(form is not null, $"The page has no cuenta de cobro form. Title: {page.Title}. Summary: {Summary(page)}");
        return HtmlFormValues.Of(form!);
    }

    /// <summary>Posts the form's fields (multipart, as the page does) with optional overrides and file.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        IHtmlDocument page,
        string url,
        IReadOnlyDictionary<string, string>? changes = null,
        UploadFile? file = null,
        string? button = null,
        bool json = false)
    {
        var fields = FormValues(page);
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        if (button is not null)
        {
            fields["Accion"] = button;
        }

        return await PostMultipartAsync(client, url, fields, file, json);
    }

    public static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, IReadOnlyDictionary<string, string> fields, UploadFile? file = null, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(client);
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
            var part = new StreamContent(file.Open());
            part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            content.Add(part, "Upload.File", file.FileName);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        if (json)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts a small url-encoded form (the state buttons) with a token from the page.</summary>
    public static Task<HttpResponseMessage> PostButtonAsync(HttpClient client, IHtmlDocument page, string url, params (string Name, string Value)[] extra)
    {
        var fields = new List<KeyValuePair<string, string>> { new("ConcurrencyStamp", StampOf(page)) };
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return PortalHttp.PostFormWithTokenAsync(client, url, fields, TokenOf(page));
    }

    /// <summary>Posts a state button with an explicit version (e.g. a page that shows no form, to prove the route refuses).</summary>
    public static Task<HttpResponseMessage> PostButtonAsync(HttpClient client, IHtmlDocument page, string url, Guid stamp, params (string Name, string Value)[] extra)
    {
        var fields = new List<KeyValuePair<string, string>> { new("ConcurrencyStamp", stamp.ToString()) };
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return PortalHttp.PostFormWithTokenAsync(client, url, fields, TokenOf(page));
    }

    public static string TokenOf(IHtmlDocument page) =>
        page.QuerySelector($"input[name={PortalHttp.AntiforgeryFieldName}]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>The version of the request the page shows (any form's hidden ConcurrencyStamp).</summary>
    public static string StampOf(IHtmlDocument page) =>
        page.QuerySelector("input[name=ConcurrencyStamp]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"The page has no ConcurrencyStamp. Title: {page.Title}");

    /// <summary>Creates a request through "Crear" → "Guardar" with the suggested values (plus <paramref name="changes"/>); returns its id.</summary>
    public static async Task<int> CreateRequestAsync(TestContract contract, IReadOnlyDictionary<string, string>? changes = null)
    {
        var page = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);
        using var response = await SubmitAsync(contract.Contractor, page, contract.CreateUrl, changes, button: "guardar");
        return await RequestIdFromRedirectAsync(response);
    }

    /// <summary>The request id of a redirect to its page ("/contratos/{c}/pagos/{id}"); fails with the page's messages otherwise.</summary>
    public static async Task<int> RequestIdFromRedirectAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await PortalHttp.ParseAsync(response);
            Assert.Fail($"Expected a redirect to the request, got {(int)response.StatusCode}. Summary: {Summary(page)}");
        }

        var path = PathOf(response);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("pagos", segments[^2]);
        return int.Parse(segments[^1], CultureInfo.InvariantCulture);
    }

    public static string PathOf(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode} {response.StatusCode}.");
        var location = response.Headers.Location!;
        return (location.IsAbsoluteUri ? location : new Uri(new Uri("https://localhost"), location)).AbsolutePath;
    }

    /// <summary>Follows a redirect and returns the page it leads to.</summary>
    public static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {Summary(await PortalHttp.ParseAsync(response))}");
        return await PortalHttp.GetPageAsync(client, response.Headers.Location!.OriginalString);
    }

    /// <summary>Attaches one file through "Anexar" (the whole form, as the page posts it) and asserts it was accepted.</summary>
    public static async Task AttachAsync(HttpClient client, int contractId, int id, AttachmentType type, UploadFile? file = null)
    {
        var page = await PortalHttp.GetPageAsync(client, Show(contractId, id));
        using var response = await SubmitAsync(
            client, page, Action(contractId, id, "anexos"),
            new Dictionary<string, string> { ["Upload.Type"] = type.ToString(), ["Upload.Description"] = type.ToLabel() },
            file ?? UploadFile.Pdf($"{type}.pdf"),
            button: "anexar");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Attaching {type} answered {(int)response.StatusCode}: {Summary(await PortalHttp.ParseAsync(response))}");
    }

    /// <summary>Attaches every document the rules require for this request (first payment or not).</summary>
    public static async Task AttachRequiredAsync(HttpClient client, int contractId, int id, PersonType personType = PersonType.NaturalPerson, bool firstPayment = true)
    {
        foreach (var type in PaymentRequestRules.RequiredDocuments(personType, firstPayment))
        {
            await AttachAsync(client, contractId, id, type);
        }
    }

    /// <summary>"Confirmar" from the form as it is; returns the response.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, int contractId, int id, IReadOnlyDictionary<string, string>? changes = null)
    {
        var page = await PortalHttp.GetPageAsync(client, Show(contractId, id));
        return await SubmitAsync(client, page, Action(contractId, id, "confirmar"), changes, button: "confirmar");
    }

    /// <summary>A request through Crear (with PILA), every document, Confirmar: "Pendiente de registro". Returns its id.</summary>
    public static async Task<int> PendingRequestAsync(TestContract contract, IReadOnlyDictionary<string, string>? changes = null, bool firstPayment = true)
    {
        var values = new Dictionary<string, string>(WithPila(firstPayment ? StartsOn : StartsOn.AddMonths(1)));
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        var id = await CreateRequestAsync(contract, values);
        await AttachRequiredAsync(contract.Contractor, contract.Id, id, firstPayment: firstPayment);
        using var confirmed = await ConfirmAsync(contract.Contractor, contract.Id, id);
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, $"Confirmar answered {(int)confirmed.StatusCode}: {Summary(await PortalHttp.ParseAsync(confirmed))}");
        return id;
    }

    /// <summary>A sent request ("Enviado a la Entidad Estatal"). Returns its id.</summary>
    public static async Task<int> SentRequestAsync(TestContract contract, IReadOnlyDictionary<string, string>? changes = null, bool firstPayment = true)
    {
        var id = await PendingRequestAsync(contract, changes, firstPayment);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        using var sent = await PostButtonAsync(contract.Contractor, page, Action(contract.Id, id, "enviar"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return id;
    }

    /// <summary>The PILA fields filled as a compliant contractor would, for a period starting on <paramref name="periodFrom"/>.</summary>
    public static Dictionary<string, string> WithPila(DateOnly periodFrom) => new()
    {
        ["Input.PilaNumber"] = "9876543210",
        ["Input.PilaPaidOn"] = Date(periodFrom.AddDays(9)),
    };

    /// <summary>The supervisor's rejection, straight through the domain (the review screens are another slice).</summary>
    public static async Task RejectAsync(PortalFactory factory, int id, Guid supervisorId, string reason)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.PaymentRequests.Include(p => p.Attachments).Include(p => p.History).SingleAsync(p => p.Id == id);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        request.Reject(supervisorId, reason, now);
        await db.SaveChangesAsync();
    }

    public static async Task<PaymentRequest?> FindAsync(PortalFactory factory, int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.PaymentRequests.AsNoTracking().Include(p => p.Attachments).Include(p => p.History).SingleOrDefaultAsync(p => p.Id == id);
    }

    public static async Task<int> CountRequestsAsync(PortalFactory factory, int contractId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.PaymentRequests.CountAsync(p => p.ContractId == contractId);
    }

    public static async Task SetDocumentAsync(PortalFactory factory, Guid userId, string documentNumber)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.DocumentNumber = documentNumber;
        await db.SaveChangesAsync();
    }

    /// <summary>Every file under the document store (temporary ones included).</summary>
    public static IReadOnlyList<string> StoredFiles(PortalFactory factory) =>
        Directory.Exists(factory.StorageRoot)
            ? Directory.GetFiles(factory.StorageRoot, "*", SearchOption.AllDirectories).Where(f => !TempFolder.IsUploadJournal(f)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The text next to a control (its "-error" slot).</summary>
    public static string FieldError(IHtmlDocument page, string controlId) =>
        page.GetElementById($"{controlId}-error")?.TextContent.Trim() ?? string.Empty;

    /// <summary>Asserts the message is next to the field (and the field is marked invalid) and in the summary at the top.</summary>
    public static void AssertFieldError(IHtmlDocument page, string controlId, string fragment)
    {
        var message = FieldError(page, controlId);
        Assert.True(message.Contains(fragment, StringComparison.Ordinal),
            $"Next to «{controlId}» the page says «{message}»; expected «{fragment}». Summary: {Summary(page)}");
        var control = page.GetElementById(controlId);
        Assert.True(control is not null, $"No control with id {controlId}.");
        if (control is IHtmlInputElement or IHtmlSelectElement or IHtmlTextAreaElement)
        {
            Assert.Equal("true", control!.GetAttribute("aria-invalid"));
        }

        Assert.Contains(fragment, Summary(page), StringComparison.Ordinal);
    }

    public static string Summary(IHtmlDocument page) => page.GetElementById("errores")?.TextContent.Trim() ?? string.Empty;

    public static string Flash(IHtmlDocument page) => page.QuerySelector(".alert--success")?.TextContent.Trim() ?? string.Empty;

    public static string ValueOf(IHtmlDocument page, string controlId) => page.GetElementById(controlId) switch
    {
        IHtmlTextAreaElement area => area.Value,
        IHtmlInputElement input => input.Value,
        IHtmlSelectElement select => select.Value ?? string.Empty,
        _ => throw new InvalidOperationException($"No control with id {controlId}."),
    };

    public static string StatusBadge(IHtmlDocument page) => page.QuerySelector(".pr-head__status .badge")?.TextContent.Trim() ?? string.Empty;

    public static IReadOnlyList<string> ButtonTexts(IHtmlDocument page) =>
        page.QuerySelectorAll("main button").Select(b => b.TextContent.Trim()).Where(t => t.Length > 0).ToList();

    public static IElement? Button(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("main button").FirstOrDefault(b => b.TextContent.Trim() == text);
}

/// <summary>A file for "Anexar", generated by the test (never held whole in memory when large).</summary>
public sealed class UploadFile(string fileName, string contentType, Func<Stream> open)
{
    public string FileName { get; } = fileName;

    public string ContentType { get; } = contentType;

    public Stream Open() => open();

    public static UploadFile Pdf(string fileName = "documento.pdf") => Bytes(fileName, "application/pdf", TestFiles.Pdf());

    public static UploadFile Bytes(string fileName, string contentType, byte[] content) =>
        new(fileName, contentType, () => new MemoryStream(content, writable: false));

    /// <summary>A PDF-looking file of exactly <paramref name="length"/> bytes, generated while it is sent.</summary>
    public static UploadFile Large(string fileName, long length) => new(fileName, "application/pdf", () => new GeneratedStream(length));
}

/// <summary>A read-only stream of <c>%PDF-1.4</c> followed by filler, produced on the fly.</summary>
public sealed class GeneratedStream(long length) : Stream
{
    private static readonly byte[] Header = "%PDF-1.4\n"u8.ToArray();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var n = (int)Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
        {
            var at = _position + i;
            buffer[offset + i] = at < Header.Length ? Header[at] : (byte)'x';
        }

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
