using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.ExecutionDocuments;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.PaymentRequests;
using SecopPortal.Web.Tests.Review;

namespace SecopPortal.Web.Tests.Security;

/// <summary>The ways a body can arrive broken (issue 10, item 3).</summary>
public enum MalformedKind
{
    /// <summary>Cut inside the headers of the first part.</summary>
    Truncated = 1,

    /// <summary>Random bytes under a valid multipart Content-Type.</summary>
    Garbage,

    /// <summary>"multipart/form-data" without a boundary.</summary>
    MissingBoundary,

    /// <summary>A boundary over the form reader's 70 characters.</summary>
    BoundaryTooLong,

    /// <summary>A Content-Type that does not parse.</summary>
    BadContentType,

    /// <summary>Ends inside a part's content, no closing boundary.</summary>
    EndsMidPart,

    /// <summary>More fields than the form reader's value count limit (1024).</summary>
    OverFormLimits,
}

/// <summary>Malformed bodies as raw content: what a broken client, a proxy cutting the upload, or a probe sends.</summary>
public static class MalformedBodies
{
    private const string Boundary = "----portal-prueba";

    public static HttpContent Of(MalformedKind kind)
    {
        var (contentType, body) = kind switch
        {
            MalformedKind.Truncated => (Multipart(Boundary), $"--{Boundary}\r\nContent-Disposition: form-da"),
            MalformedKind.Garbage => (Multipart(Boundary), Garbage()),
            MalformedKind.MissingBoundary => ("multipart/form-data", Form(Boundary, ("Description", "Informe"))),
            MalformedKind.BoundaryTooLong => (Multipart(new string('b', 120)), Form(new string('b', 120), ("Description", "Informe"))),
            MalformedKind.BadContentType => ("multipart/form-data; boundary=\"sin-cerrar", Form(Boundary, ("Description", "Informe"))),
            MalformedKind.EndsMidPart => (Multipart(Boundary), $"--{Boundary}\r\nContent-Disposition: form-data; name=\"File\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%cortado"),
            MalformedKind.OverFormLimits => (Multipart(Boundary), Form(Boundary, Enumerable.Range(0, 1100).Select(i => ($"campo{i}", "x")).ToArray())),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static TheoryData<MalformedKind> Kinds() => new(Enum.GetValues<MalformedKind>());

    private static string Multipart(string boundary) => $"multipart/form-data; boundary={boundary}";

    private static string Form(string boundary, params (string Name, string Value)[] fields) =>
        string.Concat(fields.Select(f => $"--{boundary}\r\nContent-Disposition: form-data; name=\"{f.Name}\"\r\n\r\n{f.Value}\r\n")) + $"--{boundary}--\r\n";

    private static string Garbage()
    {
        var random = new Random(10);
        return new string(Enumerable.Range(0, 4096).Select(_ => (char)random.Next(32, 127)).ToArray());
    }
}

/// <summary>
/// Every upload route (the cuenta de cobro form's buttons, "Anexar" an execution document, "Marcar como pagado" with
/// its support) and a plain form (the sign-in) answer a malformed body with 400 and the Spanish error page, and
/// keep nothing.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class MalformedRequestTests(SqlitePortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Theory]
    [MemberData(nameof(MalformedBodies.Kinds), MemberType = typeof(MalformedBodies))]
    public async Task Creating_a_payment_request_with_a_malformed_body_answers_400_and_creates_nothing(MalformedKind kind)
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var filesBefore = PaymentRequestPages.StoredFiles(Factory).Count;

        await AssertBadRequestPageAsync(contract.Contractor, contract.CreateUrl, kind);

        Assert.Equal(0, await PaymentRequestPages.CountRequestsAsync(Factory, contract.Id));
        Assert.Equal(filesBefore, PaymentRequestPages.StoredFiles(Factory).Count);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies.Kinds), MemberType = typeof(MalformedBodies))]
    public async Task Attaching_to_a_payment_request_with_a_malformed_body_answers_400_and_attaches_nothing(MalformedKind kind)
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var id = await PaymentRequestPages.CreateRequestAsync(contract);
        var filesBefore = PaymentRequestPages.StoredFiles(Factory).Count;

        await AssertBadRequestPageAsync(contract.Contractor, PaymentRequestPages.Action(contract.Id, id, "anexos"), kind);
        await AssertBadRequestPageAsync(contract.Contractor, PaymentRequestPages.Action(contract.Id, id, "guardar"), kind);

        Assert.Empty((await PaymentRequestPages.FindAsync(Factory, id))!.Attachments);
        Assert.Equal(filesBefore, PaymentRequestPages.StoredFiles(Factory).Count);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies.Kinds), MemberType = typeof(MalformedBodies))]
    public async Task Uploading_an_execution_document_with_a_malformed_body_answers_400_and_stores_nothing(MalformedKind kind)
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var filesBefore = PaymentRequestPages.StoredFiles(Factory).Count;

        await AssertBadRequestPageAsync(contract.Contractor, ExecutionDocumentPages.New(contract.Id), kind);

        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ExecutionDocuments.AnyAsync(d => d.ContractId == contract.Id));
        Assert.Equal(filesBefore, PaymentRequestPages.StoredFiles(Factory).Count);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies.Kinds), MemberType = typeof(MalformedBodies))]
    public async Task Marking_paid_with_a_malformed_body_answers_400_and_leaves_the_request_approved(MalformedKind kind)
    {
        var review = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, review.ContractId, RequestStage.Approved);
        var supervisor = await Factory.SignedInAsync(TestUsers.AccountOf(review.Supervisor));
        var filesBefore = PaymentRequestPages.StoredFiles(Factory).Count;

        await AssertBadRequestPageAsync(supervisor, ReviewPages.MarkPaid(id), kind);

        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, id)).Status);
        Assert.Equal(filesBefore, PaymentRequestPages.StoredFiles(Factory).Count);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies.Kinds), MemberType = typeof(MalformedBodies))]
    public async Task A_plain_form_with_a_malformed_body_answers_400_too(MalformedKind kind)
    {
        await AssertBadRequestPageAsync(PortalHttp.ClientOf(Factory), PortalHttp.LoginPath, kind);
    }

    [Fact]
    public async Task A_url_encoded_form_over_the_form_limits_answers_400()
    {
        var client = PortalHttp.ClientOf(Factory);
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"campo{i}", "x"));

        using var response = await PortalHttp.PostFormAsync(client, PortalHttp.LoginPath, fields);

        await AssertBadRequestPageAsync(response);
    }

    [Fact]
    public async Task The_error_page_answers_only_error_codes()
    {
        using var response = await PortalHttp.ClientOf(Factory).GetAsync(new Uri("/error/0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task AssertBadRequestPageAsync(HttpClient client, string url, MalformedKind kind)
    {
        using var content = MalformedBodies.Of(kind);
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        await AssertBadRequestPageAsync(response);
    }

    private static async Task AssertBadRequestPageAsync(HttpResponseMessage response)
    {
        var page = await PortalHttp.ParseAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {page.QuerySelector("h1")?.TextContent.Trim()}");
        Assert.Contains(MalformedRequest.Message, page.Body!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>On a real Kestrel: a multipart Content-Type without a boundary gets a valid status line, 400.</summary>
public sealed class MalformedRequestOnKestrelTests(KestrelPortalFixture fixture) : IClassFixture<KestrelPortalFixture>
{
    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    public async Task A_multipart_body_without_a_boundary_answers_a_400_status_line(string contentType)
    {
        const string body = "------x\r\nContent-Disposition: form-data; name=\"Email\"\r\n\r\na@b.co\r\n------x--\r\n";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.BaseAddress.Host, fixture.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST {PortalHttp.LoginPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\n" +
                      $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync();

        // The raw page: accents and «» are HTML-encoded, so the message's plain-ASCII start.
        var rest = await reader.ReadToEndAsync();

        Assert.Equal("HTTP/1.1 400 Bad Request", statusLine);
        Assert.Contains("La solicitud lleg", rest, StringComparison.Ordinal);
    }
}

/// <summary>
/// In Production the cookies are Secure: a plain-http request is redirected to https (308) instead of failing on
/// them; behind the TLS proxy (ForwardedHeaders:Enabled, a known network) X-Forwarded-Proto: https is served.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class ProductionHttpsTests(SqlitePortalFixture fixture)
{
    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        await using var portal = Production();

        var context = await SendAsync(portal, "/cuenta/iniciar-sesion", remote: IPAddress.Parse("198.51.100.7"), forwardedProto: null);

        Assert.Equal(StatusCodes.Status308PermanentRedirect, context.Response.StatusCode);
        Assert.Equal("https://portal.example.gov.co/cuenta/iniciar-sesion", context.Response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Behind_the_known_proxy_x_forwarded_proto_https_is_served()
    {
        await using var portal = Production();

        var context = await SendAsync(portal, "/cuenta/iniciar-sesion", remote: IPAddress.Loopback, forwardedProto: "https");

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Contains("SecopPortal.Antiforgery=", context.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
        Assert.Contains("secure", context.Response.Headers.SetCookie.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_address_cannot_claim_https()
    {
        await using var portal = Production();

        var context = await SendAsync(portal, "/cuenta/iniciar-sesion", remote: IPAddress.Parse("198.51.100.7"), forwardedProto: "https");

        Assert.Equal(StatusCodes.Status308PermanentRedirect, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_health_check_is_not_redirected()
    {
        await using var portal = Production();

        var context = await SendAsync(portal, "/health", remote: IPAddress.Loopback, forwardedProto: null);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private WebApplicationFactory<Program> Production() => fixture.Factory.WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ForwardedHeaders:Enabled", "true");
        builder.UseSetting("Seed:DemoData", "false");
    });

    private static Task<HttpContext> SendAsync(WebApplicationFactory<Program> portal, string path, IPAddress remote, string? forwardedProto) =>
        portal.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("portal.example.gov.co");
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = remote;
            if (forwardedProto is not null)
            {
                context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            }
        });
}
