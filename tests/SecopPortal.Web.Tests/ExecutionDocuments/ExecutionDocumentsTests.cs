using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.ExecutionDocuments;

/// <summary>Section 7's "Documentos de ejecución del contrato": Cargar nuevo → Anexar, Detalle, Descargar.</summary>
public abstract class ExecutionDocumentsTests(PortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_upload_page_explains_the_accepted_types_and_the_size_limit_with_labelled_fields()
    {
        var (contractor, _, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));

        var page = await PortalHttp.GetPageAsync(client, ExecutionDocumentPages.New(contract.Id));

        Assert.Equal("Cargar nuevo documento de ejecución", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("PDF, ZIP, PNG, JPEG, DOCX y XLSX", page.QuerySelector(".upload-rules")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("25 MB", page.QuerySelector(".upload-rules")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Descripción", page.QuerySelector("label[for=Description]")!.TextContent.Trim());
        Assert.Equal("Archivo", page.QuerySelector("label[for=File]")!.TextContent.Trim());
        Assert.Equal("file", page.QuerySelector("#File")!.GetAttribute("type"));
        Assert.Equal("multipart/form-data", page.QuerySelector("form[enctype]")!.GetAttribute("enctype"));
        Assert.NotNull(page.QuerySelectorAll("button").SingleOrDefault(b => b.TextContent.Trim() == "Anexar"));
        Assert.Equal(ExecutionDocumentPages.Contract(contract.Id) + "#seccion-7", page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Cerrar").GetAttribute("href"));
    }

    [Fact]
    public async Task An_attached_document_is_settled_in_the_upload_journal_so_a_crash_could_not_delete_it()
    {
        var (contractor, _, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));

        using var response = await ExecutionDocumentPages.UploadAsync(client, contract.Id, "Acta de inicio", "acta.pdf", MinimalPdf.Create("Acta de inicio"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = Factory.Services.CreateScope();
        var key = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ExecutionDocuments
            .Where(d => d.ContractId == contract.Id).Select(d => d.StorageKey).SingleAsync();
        var store = Factory.Services.GetRequiredService<FileSystemDocumentStore>();
        Assert.True(File.Exists(Path.Combine(store.RootPath, key)));
        Assert.DoesNotContain(key, store.Journal.Pending());
    }

    [Fact]
    public async Task Contractor_and_supervisor_upload_pdfs_listed_as_proveedor_and_comprador()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var asContractor = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var asSupervisor = await Factory.SignedInAsync(TestUsers.AccountOf(supervisor));

        using var first = await ExecutionDocumentPages.UploadAsync(asContractor, contract.Id, "Informe de ejecución de marzo", "Informe marzo.pdf", MinimalPdf.Create("Informe de ejecucion"));
        using var second = await ExecutionDocumentPages.UploadAsync(asSupervisor, contract.Id, "Informe de supervisión de marzo", "Supervisión marzo.pdf", MinimalPdf.Create("Informe de supervision"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(ExecutionDocumentPages.Contract(contract.Id) + "#seccion-7", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var page = await PortalHttp.GetPageAsync(asSupervisor, ExecutionDocumentPages.Contract(contract.Id));
        Assert.Equal("Documento anexado.", page.QuerySelector("#seccion-7 .alert--success")!.TextContent.Trim());
        var table = page.QuerySelector("[aria-labelledby=documentos-ejecucion] table")!;
        Assert.Equal(["Descripción", "Nombre del archivo", "Cargado por", "Descargar", "Detalle"], table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        var byContractor = rows.Single(r => r[0] == "Informe de ejecución de marzo");
        var bySupervisor = rows.Single(r => r[0] == "Informe de supervisión de marzo");
        Assert.StartsWith("Informe marzo.pdf", byContractor[1], StringComparison.Ordinal);
        Assert.StartsWith("Proveedor · " + contractor.FullName, byContractor[2], StringComparison.Ordinal);
        Assert.StartsWith("Supervisión marzo.pdf", bySupervisor[1], StringComparison.Ordinal);
        Assert.StartsWith("Comprador · " + supervisor.FullName, bySupervisor[2], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal(["Descargar", "Detalle"], r.Skip(3)));
        Assert.NotNull(page.QuerySelectorAll("a").SingleOrDefault(a => a.TextContent.Trim() == "Cargar nuevo"));
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_next_to_archivo_keeping_the_description_and_nothing_is_kept()
    {
        var (contractor, _, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var filesBefore = ExecutionDocumentPages.StoredFiles(Factory.StorageRoot).Count;

        using var response = await ExecutionDocumentPages.UploadAsync(client, contract.Id, "Acta de inicio", "informe.pdf", ExecutionDocumentPages.Executable());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        var message = page.GetElementById("File-error")!.TextContent.Trim();
        Assert.Equal("El archivo «informe.pdf» no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido: se reconoce por su contenido, no por su extensión.", message);
        Assert.Equal("true", page.GetElementById("File")!.GetAttribute("aria-invalid"));
        Assert.Contains(message, page.GetElementById("errores")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Acta de inicio", ((IHtmlInputElement)page.GetElementById("Description")!).Value);
        Assert.Equal(0, await DocumentCountAsync(contract.Id));
        Assert.Equal(filesBefore, ExecutionDocumentPages.StoredFiles(Factory.StorageRoot).Count);
    }

    [Theory]
    [InlineData("Acta con macros.docx", "El documento «Acta con macros.docx» contiene macros (código VBA); guárdelo como .docx o .xlsx sin macros y vuelva a anexarlo.")]
    [InlineData("Acta de inicio.pdf", "El PDF «Acta de inicio.pdf» contiene código JavaScript o acciones que abren programas; imprímalo como PDF de nuevo sin ellas y vuelva a anexarlo.")]
    public async Task Active_content_is_refused_next_to_archivo_and_nothing_is_kept(string fileName, string expected)
    {
        var (contractor, _, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var filesBefore = ExecutionDocumentPages.StoredFiles(Factory.StorageRoot).Count;
        var bytes = fileName.EndsWith(".pdf", StringComparison.Ordinal)
            ? ActiveContentFiles.PdfWithJavaScript()
            : ActiveContentFiles.DocxWithVbaProject();

        using var response = await ExecutionDocumentPages.UploadAsync(client, contract.Id, "Acta de inicio", fileName, bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal(expected, page.GetElementById("File-error")!.TextContent.Trim());
        Assert.Equal("Acta de inicio", ((IHtmlInputElement)page.GetElementById("Description")!).Value);
        Assert.Equal(0, await DocumentCountAsync(contract.Id));
        Assert.Equal(filesBefore, ExecutionDocumentPages.StoredFiles(Factory.StorageRoot).Count);
    }

    [Fact]
    public async Task Missing_description_and_file_are_reported_next_to_their_fields()
    {
        var (contractor, _, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var token = await PortalHttp.GetAntiforgeryTokenAsync(client, ExecutionDocumentPages.New(contract.Id));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("   "), "Description" },
            { new StringContent(token), PortalHttp.AntiforgeryFieldName },
        };

        using var response = await client.PostAsync(new Uri(ExecutionDocumentPages.New(contract.Id), UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.StartsWith("Escriba una descripción del documento", page.GetElementById("Description-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("Busque el documento en su equipo", page.GetElementById("File-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Hay 2 datos por corregir", page.GetElementById("resumen-errores")!.TextContent.Trim());
        Assert.Equal(0, await DocumentCountAsync(contract.Id));
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var (contractor, _, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        using var form = new MultipartFormDataContent { { new StringContent("Acta"), "Description" } };
        form.Add(new ByteArrayContent(MinimalPdf.Create("Acta")), "File", "acta.pdf");

        using var response = await client.PostAsync(new Uri(ExecutionDocumentPages.New(contract.Id), UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await DocumentCountAsync(contract.Id));
    }

    [Fact]
    public async Task Another_contractor_gets_404_on_upload_detail_and_download_and_a_document_is_only_found_under_its_contract()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var stranger = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var strangersContract = await TestUsers.CreateContractAsync(Factory, stranger.Id, supervisor.Id);
        var owner = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var documentId = await UploadAsync(owner, contract.Id, "Acta de inicio", "acta.pdf");
        var intruder = await Factory.SignedInAsync(TestUsers.AccountOf(stranger));
        var intruderToken = await PortalHttp.GetAntiforgeryTokenAsync(intruder, ExecutionDocumentPages.New(strangersContract.Id));

        using var newPage = await intruder.GetAsync(new Uri(ExecutionDocumentPages.New(contract.Id), UriKind.Relative));
        using var post = await ExecutionDocumentPages.UploadAsync(intruder, contract.Id, "Intento", "x.pdf", MinimalPdf.Create("x"), intruderToken);
        using var detail = await intruder.GetAsync(new Uri(ExecutionDocumentPages.Detail(contract.Id, documentId), UriKind.Relative));
        using var download = await intruder.GetAsync(new Uri(ExecutionDocumentPages.Download(contract.Id, documentId), UriKind.Relative));
        using var viaOwnContract = await intruder.GetAsync(new Uri(ExecutionDocumentPages.Download(strangersContract.Id, documentId), UriKind.Relative));
        using var detailViaOwnContract = await intruder.GetAsync(new Uri(ExecutionDocumentPages.Detail(strangersContract.Id, documentId), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, newPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaOwnContract.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, detailViaOwnContract.StatusCode);
        Assert.Equal(1, await DocumentCountAsync(contract.Id));
        Assert.Equal(0, await DocumentCountAsync(strangersContract.Id));
    }

    [Fact]
    public async Task Contractor_supervisor_and_admin_download_the_bytes_as_an_attachment_with_safe_headers()
    {
        var (contractor, supervisor, contract) = await PartiesAsync();
        var owner = await Factory.SignedInAsync(TestUsers.AccountOf(contractor));
        var bytes = MinimalPdf.Create("Acta de liquidacion");
        using (var upload = await ExecutionDocumentPages.UploadAsync(owner, contract.Id, "Acta de liquidación", "Acta de liquidación – año 2026.pdf", bytes))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var documentId = await LatestDocumentIdAsync(contract.Id);
        var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        foreach (var client in new[] { owner, await Factory.SignedInAsync(TestUsers.AccountOf(supervisor)), admin })
        {
            using var response = await client.GetAsync(new Uri(ExecutionDocumentPages.Download(contract.Id, documentId), UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            var disposition = Assert.Single(response.Content.Headers.GetValues("Content-Disposition"));
            Assert.Equal(
                "attachment; filename=\"Acta de liquidacion _ ano 2026.pdf\"; filename*=UTF-8''Acta%20de%20liquidaci%C3%B3n%20%E2%80%93%20a%C3%B1o%202026.pdf",
                disposition);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Detalle_shows_description_file_uploader_date_size_and_sha256()
    {
        var (_, supervisor, contract) = await PartiesAsync();
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(supervisor));
        var bytes = MinimalPdf.Create("Comunicacion");
        var before = DateTime.UtcNow;
        using (var upload = await ExecutionDocumentPages.UploadAsync(client, contract.Id, "Comunicación de requerimiento", "requerimiento.pdf", bytes))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var documentId = await LatestDocumentIdAsync(contract.Id);

        var page = await PortalHttp.GetPageAsync(client, ExecutionDocumentPages.Detail(contract.Id, documentId));

        var facts = page.QuerySelectorAll("dl.facts dt").Zip(page.QuerySelectorAll("dl.facts dd"))
            .ToDictionary(p => p.First.TextContent.Trim(), p => p.Second.TextContent.Trim());
        Assert.Equal("Comunicación de requerimiento", facts["Descripción"]);
        Assert.Equal("requerimiento.pdf", facts["Nombre del archivo"]);
        Assert.Equal("Comprador · " + supervisor.FullName, facts["Cargado por"]);
        Assert.StartsWith(Display.DateTime(before)[..10], facts["Fecha de carga"], StringComparison.Ordinal);
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2} \(hora de Bogotá\)$", facts["Fecha de carga"]);
        Assert.Equal(Display.FileSize(bytes.Length), facts["Tamaño"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), facts["Huella SHA-256"]);
        Assert.Equal(ExecutionDocumentPages.Download(contract.Id, documentId),
            page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Descargar").GetAttribute("href"));
    }

    private async Task<(ApplicationUser Contractor, ApplicationUser Supervisor, Contract Contract)> PartiesAsync()
    {
        var contractor = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);
        var contract = await TestUsers.CreateContractAsync(Factory, contractor.Id, supervisor.Id);
        return (contractor, supervisor, contract);
    }

    private async Task<int> UploadAsync(HttpClient client, int contractId, string description, string fileName)
    {
        using var response = await ExecutionDocumentPages.UploadAsync(client, contractId, description, fileName, MinimalPdf.Create(description));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await LatestDocumentIdAsync(contractId);
    }

    private async Task<int> LatestDocumentIdAsync(int contractId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.ExecutionDocuments.Where(d => d.ContractId == contractId).MaxAsync(d => d.Id);
    }

    private async Task<int> DocumentCountAsync(int contractId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.ExecutionDocuments.CountAsync(d => d.ContractId == contractId);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class ExecutionDocumentsOnSqliteTests(SqlitePortalFixture fixture) : ExecutionDocumentsTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class ExecutionDocumentsOnPostgresTests(PostgresPortalFixture fixture) : ExecutionDocumentsTests(fixture);
