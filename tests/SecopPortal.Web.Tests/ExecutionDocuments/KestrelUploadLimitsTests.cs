using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.ExecutionDocuments;

/// <summary>
/// The portal on a real Kestrel (127.0.0.1, a free port), with "Uploads" set to 40 MiB a file and a request, so a
/// 32 MiB upload is over Kestrel's own 30 MB default: it goes through only if the upload endpoint lifts Kestrel's
/// limit from the options; and a body over the request limit gets the Spanish message (read to its end first, so
/// the client is still listening), not a bare 413 or a reset connection.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xUnit disposes fixtures through IAsyncLifetime.")]
public sealed class KestrelPortalFixture : IAsyncLifetime
{
    public const long MiB = 1024 * 1024;
    public const long MaxBytes = 40 * MiB;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"secopportal-kestrel-{Guid.NewGuid():N}");
    private KestrelPortalFactory? _factory;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public KestrelPortalFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _factory = new KestrelPortalFactory(_folder);
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        await Task.Run(_factory.StartServer);
        var address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public HttpClient CreateClient() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    };
}

public sealed class KestrelPortalFactory(string folder) : WebApplicationFactory<Program>
{
    public string StorageRoot => Path.Combine(folder, "documents");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(folder, "portal.db")}");
        builder.UseSetting("Storage:Root", StorageRoot);
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(folder, "keys"));
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("Uploads:MaxFileBytes", KestrelPortalFixture.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Uploads:MaxRequestBytes", KestrelPortalFixture.MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:MinimumLevel", "Warning");
    }
}

public sealed class KestrelUploadLimitsTests(KestrelPortalFixture fixture) : IClassFixture<KestrelPortalFixture>
{
    private const long MiB = KestrelPortalFixture.MiB;

    [Fact]
    public void Kestrel_by_itself_would_refuse_the_32_MiB_upload_below()
    {
        var kestrelDefault = new Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits().MaxRequestBodySize;

        Assert.Equal(30_000_000, kestrelDefault);
        Assert.True(32 * MiB > kestrelDefault);
    }

    [Fact]
    public async Task On_kestrel_a_32_MiB_file_within_the_configured_limit_is_accepted()
    {
        var (client, contractId) = await ContractorWithContractAsync();

        using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, "Registro fotográfico", "registro.pdf", GeneratedPdfStream.Content(32 * MiB));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected the upload to be accepted, got {(int)response.StatusCode}: {await SummaryAsync(response)}");
        Assert.Equal(32 * MiB, (await DocumentsOfAsync(contractId)).Single().SizeBytes);
    }

    [Fact]
    public async Task On_kestrel_a_body_over_the_request_limit_gets_the_spanish_message_not_a_bare_413()
    {
        var (client, contractId) = await ContractorWithContractAsync();
        var filesBefore = ExecutionDocumentPages.StoredFiles(fixture.Factory.StorageRoot).Count;

        using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, "Video de la obra", "obra.pdf", GeneratedPdfStream.Content(45 * MiB));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal("El archivo supera el tamaño máximo permitido de 40 MB. No se anexó nada.", page.GetElementById("File-error")!.TextContent.Trim());
        Assert.Equal("Video de la obra", ((AngleSharp.Html.Dom.IHtmlInputElement)page.GetElementById("Description")!).Value);
        Assert.Empty(await DocumentsOfAsync(contractId));
        Assert.Equal(filesBefore, ExecutionDocumentPages.StoredFiles(fixture.Factory.StorageRoot).Count);
    }

    [Fact]
    public async Task On_kestrel_a_chunked_body_over_the_request_limit_also_gets_the_spanish_message()
    {
        var (client, contractId) = await ContractorWithContractAsync();

        using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, "Video de la obra", "obra.pdf", GeneratedPdfStream.Content(45 * MiB, announceLength: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal("El archivo supera el tamaño máximo permitido de 40 MB. No se anexó nada.", page.GetElementById("File-error")!.TextContent.Trim());
        Assert.Empty(await DocumentsOfAsync(contractId));
    }

    private async Task<(HttpClient Client, int ContractId)> ContractorWithContractAsync()
    {
        var services = fixture.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var contractorId = await db.Users.Where(u => u.Email == DemoAccounts.Contractor2.Email).Select(u => u.Id).SingleAsync();
        var supervisorId = await db.Users.Where(u => u.Email == DemoAccounts.Supervisor.Email).Select(u => u.Id).SingleAsync();
        var entityId = await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var signed = new DateOnly(2026, 1, 15);
        var contract = new Contract(entityId, new ContractDetails(
            $"CO1.PCCNTR.K{Guid.NewGuid():N}"[..30], "Contrato de prueba en Kestrel.", ContractType.ProfessionalServices, ContractModality.DirectContracting,
            12_000_000m, 2_000_000m, signed, signed.AddDays(1), signed.AddMonths(6), "CDP-K", "RP-K", false), contractorId, PersonType.NaturalPerson, supervisorId, DateTime.UtcNow);
        contract.StartExecution();
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();

        var client = fixture.CreateClient();
        await PortalHttp.SignInAsync(client, DemoAccounts.Contractor2);
        return (client, contract.Id);
    }

    private async Task<List<ExecutionDocument>> DocumentsOfAsync(int contractId)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ExecutionDocuments.AsNoTracking().Where(d => d.ContractId == contractId).ToListAsync();
    }

    private static async Task<string> SummaryAsync(HttpResponseMessage response)
    {
        var page = await PortalHttp.ParseAsync(response);
        return page.GetElementById("errores")?.TextContent.Trim() ?? page.Title ?? string.Empty;
    }
}
