using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;


namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// "Anexar documento" with real files the tests generate: what is refused says why next to "Archivo" and leaves
/// neither a row nor a file in the document store; what is typed in the form is saved with the upload.
/// </summary>
public abstract class PaymentRequestUploadTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task A_renamed_executable_is_refused_keeping_what_was_typed_and_leaving_no_row_and_no_file()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);

        var page = await AttachRefusedAsync(
            contract, id, AttachmentType.ActivityReport, UploadFile.Bytes("informe.pdf", "application/pdf", TestFiles.WindowsExecutable()),
            new() { ["Input.Notes"] = "Se guarda aunque el archivo no.", ["Upload.Description"] = "Informe de febrero" });

        AssertFieldError(page, "Upload_File", "no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido");
        Assert.Equal("ActivityReport", ValueOf(page, "Upload_Type"));
        Assert.Equal("Informe de febrero", ValueOf(page, "Upload_Description"));
        Assert.Equal("Se guarda aunque el archivo no.", ValueOf(page, "Input_Notes"));
        var stored = await FindAsync(Factory, id);
        Assert.Empty(stored!.Attachments);
        Assert.Equal("Se guarda aunque el archivo no.", stored.Notes);
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Theory]
    [InlineData("informe.docx", "El documento «informe.docx» contiene macros (código VBA); guárdelo como .docx o .xlsx sin macros y vuelva a anexarlo.")]
    [InlineData("informe.pdf", "El PDF «informe.pdf» contiene código JavaScript o acciones que abren programas; imprímalo como PDF de nuevo sin ellas y vuelva a anexarlo.")]
    public async Task Active_content_is_refused_keeping_what_was_typed_and_leaving_no_row_and_no_file(string fileName, string expected)
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);
        var (contentType, bytes) = fileName.EndsWith(".pdf", StringComparison.Ordinal)
            ? ("application/pdf", ActiveContentFiles.PdfWithJavaScript())
            : ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ActiveContentFiles.DocxWithVbaProject());

        var page = await AttachRefusedAsync(
            contract, id, AttachmentType.ActivityReport, UploadFile.Bytes(fileName, contentType, bytes),
            new() { ["Input.Notes"] = "Se guarda aunque el archivo no.", ["Upload.Description"] = "Informe de febrero" });

        AssertFieldError(page, "Upload_File", expected);
        Assert.Equal("Informe de febrero", ValueOf(page, "Upload_Description"));
        var stored = await FindAsync(Factory, id);
        Assert.Empty(stored!.Attachments);
        Assert.Equal("Se guarda aunque el archivo no.", stored.Notes);
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Fact]
    public async Task An_evidence_ZIP_not_named_EVIDENCIAS_MES_AÑO_is_refused_and_its_bytes_deleted()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);
        var zip = TestFiles.Zip(("fotos/visita.txt", "evidencia"u8.ToArray()));

        var page = await AttachRefusedAsync(contract, id, AttachmentType.Evidence, UploadFile.Bytes("evidencias marzo.zip", "application/zip", zip));

        AssertFieldError(page, "Upload_File", "Las evidencias deben ser un archivo ZIP llamado EVIDENCIAS_<MES>_<AÑO>.zip, con el mes en mayúsculas; por ejemplo, EVIDENCIAS_MARZO_2026.zip.");
        Assert.Empty((await FindAsync(Factory, id))!.Attachments);
        Assert.Equal(before, StoredFiles(Factory));

        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.Evidence, UploadFile.Bytes("EVIDENCIAS_FEBRERO_2026.zip", "application/zip", zip));
        var attachment = Assert.Single((await FindAsync(Factory, id))!.Attachments);
        Assert.Equal("EVIDENCIAS_FEBRERO_2026.zip", attachment.FileName);
        Assert.Equal(before.Count + 1, StoredFiles(Factory).Count);
    }

    protected static async Task<IHtmlDocument> AttachRefusedAsync(
        TestContract contract, int id, AttachmentType? type, UploadFile? file, Dictionary<string, string>? changes = null)
    {
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var fields = new Dictionary<string, string>(changes ?? []) { ["Upload.Type"] = type?.ToString() ?? string.Empty };
        using var response = await SubmitAsync(contract.Contractor, page, Action(contract.Id, id, "anexos"), fields, file, button: "anexar");
        var again = await PortalHttp.ParseAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Anexar answered {(int)response.StatusCode}; expected the form with a message. {Summary(again)}");
        return again;
    }
}

[Collection(PostgresPortal.Name)]
public sealed class PaymentRequestUploadPostgresTests(PostgresPortalFixture fixture) : PaymentRequestUploadTests(fixture);

[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestUploadSqliteTests(SqlitePortalFixture fixture) : PaymentRequestUploadTests(fixture)
{
    [Fact]
    public async Task A_file_over_25_MB_is_refused_with_the_limit_and_leaves_nothing()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);

        var page = await AttachRefusedAsync(contract, id, AttachmentType.ActivityReport, UploadFile.Large("informe-escaneado.pdf", (25L * 1024 * 1024) + 1));

        AssertFieldError(page, "Upload_File", "El archivo «informe-escaneado.pdf» supera el tamaño máximo permitido de 25 MB.");
        Assert.Empty((await FindAsync(Factory, id))!.Attachments);
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Fact]
    public async Task A_file_of_exactly_25_MB_is_accepted()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);

        // A PDF of exactly the limit: a real one, padded (the padding also lengthens its offsets by a few digits).
        const int limit = 25 * 1024 * 1024;
        var padding = limit - TestFiles.Pdf().Length - 2;
        var pdf = TestFiles.Pdf(padding);
        pdf = TestFiles.Pdf(padding - (pdf.Length - limit));
        Assert.Equal(limit, pdf.Length);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.ActivityReport, UploadFile.Bytes("informe.pdf", "application/pdf", pdf));

        Assert.Equal(25L * 1024 * 1024, Assert.Single((await FindAsync(Factory, id))!.Attachments).SizeBytes);
    }

    [Fact]
    public async Task Over_real_Kestrel_a_legal_file_larger_than_Kestrels_30_MB_default_body_limit_is_accepted()
    {
        // Files of up to 40 MiB allowed: one of 34 MiB is over Kestrel's default request body limit (30,000,000 bytes).
        const int size = 34 * 1024 * 1024;
        await using var kestrel = Factory.WithWebHostBuilder(builder => builder.UseSetting("Uploads:MaxFileBytes", (40 * 1024 * 1024).ToString(CultureInfo.InvariantCulture)));
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var contract = await NewContractAsync(Factory);
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
        await PortalHttp.SignInAsync(client, contract.ContractorAccount);
        var id = await CreateRequestAsync(contract with { Contractor = client });

        var pdf = TestFiles.Pdf(size - TestFiles.Pdf().Length - 2);
        pdf = TestFiles.Pdf(size - TestFiles.Pdf().Length - 2 - (pdf.Length - size));
        Assert.True(pdf.Length > 30_000_000);
        await AttachAsync(client, contract.Id, id, AttachmentType.ActivityReport, UploadFile.Bytes("informe-con-fotos.pdf", "application/pdf", pdf));

        Assert.Equal(size, Assert.Single((await FindAsync(Factory, id))!.Attachments).SizeBytes);
    }

    [Fact]
    public async Task A_ZIP_with_a_parent_folder_entry_is_refused()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);

        var page = await AttachRefusedAsync(
            contract, id, AttachmentType.Evidence, UploadFile.Bytes("EVIDENCIAS_MARZO_2026.zip", "application/zip", TestFiles.ZipWithNames("fotos/uno.jpg", "../../fuera.txt")));

        AssertFieldError(page, "Upload_File", "contiene nombres de archivo no permitidos");
        Assert.Empty((await FindAsync(Factory, id))!.Attachments);
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Fact]
    public async Task A_highly_compressed_ZIP_bomb_is_refused()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);

        var page = await AttachRefusedAsync(
            contract, id, AttachmentType.Evidence, UploadFile.Bytes("EVIDENCIAS_MARZO_2026.zip", "application/zip", TestFiles.ZipBomb(64L * 1024 * 1024)));

        AssertFieldError(page, "Upload_File", "posible «bomba ZIP»");
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Fact]
    public async Task Anexar_without_a_file_or_without_a_type_says_what_is_missing_and_stores_nothing()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);

        var noFile = await AttachRefusedAsync(contract, id, AttachmentType.Rut, file: null);
        AssertFieldError(noFile, "Upload_File", "Busque el documento en su equipo y selecciónelo antes de pulsar «Anexar».");

        var noType = await AttachRefusedAsync(contract, id, type: null, UploadFile.Pdf("rut.pdf"));
        AssertFieldError(noType, "Upload_Type", "Seleccione el tipo de documento que va a anexar.");

        Assert.Empty((await FindAsync(Factory, id))!.Attachments);
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Fact]
    public async Task The_payment_support_type_is_the_supervisors_and_is_refused_to_the_contractor()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var before = StoredFiles(Factory);

        var page = await AttachRefusedAsync(contract, id, AttachmentType.PaymentSupport, UploadFile.Pdf("soporte.pdf"));

        AssertFieldError(page, "Upload_Type", "El soporte de pago lo anexa el supervisor al marcar la cuenta de cobro como pagada.");
        Assert.Equal(before, StoredFiles(Factory));
    }

    [Fact]
    public async Task Anexar_saves_what_was_typed_with_the_file_and_Guardar_with_a_chosen_file_attaches_it_too()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var attached = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "anexos"),
            new Dictionary<string, string> { ["Input.InvoiceNumber"] = "Pago 001-A", ["Upload.Type"] = "ActivityReport" },
            UploadFile.Pdf("informe.pdf"), button: "anexar");
        Assert.EndsWith("#Documents", attached.Headers.Location!.OriginalString, StringComparison.Ordinal);
        page = await FollowAsync(contract.Contractor, attached);
        Assert.Equal("Se anexó «informe.pdf» como «Informe de actividades».", Flash(page));
        Assert.Equal("Pago 001-A", ValueOf(page, "Input_InvoiceNumber"));
        Assert.Equal(string.Empty, ValueOf(page, "Upload_Type"));

        using var saved = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "guardar"), new Dictionary<string, string> { ["Upload.Type"] = "Rut" }, UploadFile.Pdf("rut.pdf"), button: "guardar");
        page = await FollowAsync(contract.Contractor, saved);
        Assert.Equal("Se guardaron los cambios de la cuenta de cobro. Se anexó «rut.pdf» como «RUT».", Flash(page));

        var stored = await FindAsync(Factory, id);
        Assert.Equal("Pago 001-A", stored!.InvoiceNumber);
        Assert.Equal([AttachmentType.ActivityReport, AttachmentType.Rut], stored.Attachments.Select(a => a.Type).Order());
        Assert.Equal(["Descargar", "Descargar"], page.QuerySelectorAll("#Documents tbody a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task Anexar_on_a_new_request_creates_it_with_the_file()
    {
        var contract = await NewContractAsync(Factory);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);

        using var response = await SubmitAsync(
            contract.Contractor, page, contract.CreateUrl, new Dictionary<string, string> { ["Upload.Type"] = "PaymentClaim" }, UploadFile.Pdf("cuenta.pdf"), button: "anexar");
        var id = await RequestIdFromRedirectAsync(response);

        var stored = await FindAsync(Factory, id);
        Assert.Equal(1, stored!.Sequence);
        Assert.Equal(AttachmentType.PaymentClaim, Assert.Single(stored.Attachments).Type);
        var shown = await PortalHttp.GetPageAsync(contract.Contractor, response.Headers.Location!.ToString());
        Assert.Contains(SecopPortal.Web.Features.PaymentRequests.Create.DraftCreatedMessage, shown.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_on_a_new_request_still_says_the_draft_was_created()
    {
        var contract = await NewContractAsync(Factory);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);

        using var response = await SubmitAsync(
            contract.Contractor, page, contract.CreateUrl, new Dictionary<string, string> { ["Upload.Type"] = "PaymentClaim" },
            UploadFile.Bytes("cuenta.pdf", "application/pdf", TestFiles.WindowsExecutable()), button: "anexar");

        var shown = await PortalHttp.ParseAsync(response);
        Assert.Contains("no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido", shown.QuerySelector("#Upload_File-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(SecopPortal.Web.Features.PaymentRequests.Create.DraftCreatedMessage, shown.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quitar_from_the_form_saves_what_was_typed_removes_the_row_and_deletes_the_file()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.ActivityReport);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.Rut);
        var rut = (await FindAsync(Factory, id))!.Attachments.Single(a => a.Type == AttachmentType.Rut);
        var filesBefore = StoredFiles(Factory);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var quitar = page.QuerySelectorAll("#Documents button").Single(b => b.GetAttribute("aria-label") == "Quitar Rut.pdf");
        Assert.Equal(Remove(contract.Id, id, rut.Id), quitar.GetAttribute("formaction"));

        using var removed = await SubmitAsync(contract.Contractor, page, Remove(contract.Id, id, rut.Id), new Dictionary<string, string> { ["Input.Notes"] = "Sin el RUT." });
        page = await FollowAsync(contract.Contractor, removed);

        Assert.Equal("Se quitó «Rut.pdf» (RUT).", Flash(page));
        var stored = await FindAsync(Factory, id);
        Assert.Equal(AttachmentType.ActivityReport, Assert.Single(stored!.Attachments).Type);
        Assert.Equal("Sin el RUT.", stored.Notes);
        Assert.Equal(filesBefore.Count - 1, StoredFiles(Factory).Count);
    }

    [Fact]
    public async Task Quitar_from_the_attachments_list_form_needs_only_the_version()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.Other);
        var attachment = Assert.Single((await FindAsync(Factory, id))!.Attachments);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var removed = await PostButtonAsync(contract.Contractor, page, Remove(contract.Id, id, attachment.Id));

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await FindAsync(Factory, id))!.Attachments);
    }

    [Fact]
    public async Task An_attachment_downloads_as_a_file_with_its_name()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.PaymentClaim, UploadFile.Pdf("cuenta de cobro febrero.pdf"));
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var link = page.QuerySelectorAll("#Documents a").Single(a => a.TextContent.Trim() == "Descargar").GetAttribute("href")!;

        using var response = await contract.Contractor.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("cuenta de cobro febrero.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(TestFiles.Pdf(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_documents_of_a_request_cannot_add_up_to_more_than_the_request_limit()
    {
        var limits = new Dictionary<string, string?> { ["Uploads:MaxFileBytes"] = "4096", ["Uploads:MaxRequestBytes"] = "7000" };
        await using var small = await PortalFactory.CreateAsync(TestDatabase.Sqlite, Clock, limits);
        var contract = await NewContractAsync(small);
        var id = await CreateRequestAsync(contract);
        var pdf = TestFiles.Pdf(padding: 2000);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.PaymentClaim, UploadFile.Bytes("uno.pdf", "application/pdf", pdf));
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.ActivityReport, UploadFile.Bytes("dos.pdf", "application/pdf", pdf));
        var before = StoredFiles(small);

        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        using var response = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "anexos"), new Dictionary<string, string> { ["Upload.Type"] = "Rut" },
            UploadFile.Bytes("tres.pdf", "application/pdf", pdf), button: "anexar");
        var again = await PortalHttp.ParseAsync(response);

        AssertFieldError(again, "Upload_File", "Los documentos de una cuenta de cobro no pueden sumar más de");
        Assert.Equal(2, (await FindAsync(small, id))!.Attachments.Count);
        Assert.Equal(before, StoredFiles(small));
    }
}
