using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Documents;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Pdf;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.Review;
using UglyToad.PdfPig;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// "Todos los documentos en un PDF": cover, index and every attached PDF page and image, read back with PdfPig. The
/// attached files are written here (PDFsharp for the PDFs, <see cref="SyntheticImages"/> for the images), each PDF
/// page carrying its own words, so an index's page number can be checked against the page it points at.
/// </summary>
public abstract partial class MergedDocumentsPdfTests(PortalFixture fixture) : ReviewTests(fixture)
{
    [Fact]
    public async Task The_contractor_downloads_a_cover_an_index_with_the_right_page_numbers_and_every_page_in_checklist_order()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        // Attached in the reverse of the checklist's order, so the order of attaching cannot pass for the checklist's;
        // two files of one type keep the order they were attached in.
        var files = new List<TestAttachment>
        {
            new(AttachmentType.Other, "planilla-horas.xlsx", TestFiles.Xlsx()),
            new(AttachmentType.Other, "registro-fotografico.jpg", SyntheticImages.Jpeg(320, 240)),
            new(AttachmentType.Evidence, "EVIDENCIAS_MARZO_2026.zip", TestFiles.Zip(("foto.txt", Encoding.UTF8.GetBytes("foto")))),
            new(AttachmentType.TaxPaymentProof, "pago-ica.png", SyntheticImages.Png(200, 300)),
            new(AttachmentType.Rut, "rut.pdf", MarkerPdf("Documento RUT", 2)),
            new(AttachmentType.BankCertificate, "certificacion-bancaria.pdf", MarkerPdf("Documento banco", 1)),
            new(AttachmentType.ArlCertificate, "arl.pdf", MarkerPdf("Documento ARL", 1)),
            new(AttachmentType.SocialSecurityPayment, "planilla-pila.pdf", MarkerPdf("Documento PILA", 1)),
            new(AttachmentType.ActivityReport, "informe-actividades.pdf", MarkerPdf("Documento informe", 3)),
            new(AttachmentType.ActivityReport, "informe-anexo.docx", TestFiles.Docx()),
            new(AttachmentType.PaymentClaim, "cuenta-de-cobro.pdf", MarkerPdf("Documento cuenta", 2)),
        };
        var id = await NewRequestAsync(mine.ContractId, files, send: false);
        var request = await ReviewTestData.LoadAsync(Factory, id);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Contractor));

        var page = await PortalHttp.GetPageAsync(client, PaymentRequestPages.Show(mine.ContractId, id));
        var checklist = page.QuerySelectorAll("#lista-de-chequeo .checks")[0].QuerySelectorAll("li").Select(li => li.QuerySelectorAll("span")[1].TextContent.Trim()).ToList();
        var href = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == MergedDocumentsPdf.LinkText).GetAttribute("href")!;
        using var response = await client.GetAsync(new Uri(href, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"documentos-{mine.ContractNumber}-{request.Sequence.ToString(CultureInfo.InvariantCulture)}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        KeepForReview(bytes, "documentos");
        using var pdf = PdfDocument.Open(bytes);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();

        // The cover: the contract, the request and the checklist as the page shows it, in its order.
        var cover = pages[0];
        var (entityName, entityNit) = await EntityOfAsync(mine.ContractId);
        foreach (var fact in new[] { "DOCUMENTOS DE LA SOLICITUD DE PAGO", mine.ContractNumber, entityName, entityNit, mine.Contractor.FullName, "Prestación de servicios profesionales", request.Status.ToLabel(), Money.Format(request.TotalValue!.Value), $"Del {SpanishText.Date(request.PeriodFrom!.Value)} al {SpanishText.Date(request.PeriodTo!.Value)}" })
        {
            Assert.Contains(fact, cover, StringComparison.Ordinal);
        }

        Assert.Contains($"Id de pago {request.Sequence.ToString(CultureInfo.InvariantCulture)}", cover, StringComparison.Ordinal);
        Assert.True(checklist.Count >= 5, "the page's checklist lists the first payment's documents");
        AssertInOrder(cover[cover.IndexOf("LISTA DE CHEQUEO", StringComparison.Ordinal)..], checklist);

        // The index: every attachment in checklist order, each PDF or image with the page where it starts.
        var indexStart = pages.FindIndex(p => p.Contains("ÍNDICE", StringComparison.Ordinal));
        Assert.Equal(1, indexStart);
        var frontPages = pages.FindIndex(p => p.Contains("Documento cuenta", StringComparison.Ordinal));
        var index = string.Join(" ", pages.Skip(indexStart).Take(frontPages - indexStart));
        var expectedOrder = new[]
        {
            "cuenta-de-cobro.pdf", "informe-actividades.pdf", "informe-anexo.docx", "planilla-pila.pdf", "arl.pdf", "certificacion-bancaria.pdf",
            "rut.pdf", "pago-ica.png", "EVIDENCIAS_MARZO_2026.zip", "planilla-horas.xlsx", "registro-fotografico.jpg",
        };
        AssertInOrder(index, expectedOrder);

        var expectedPages = new Dictionary<string, (int Pages, string? Marker)>
        {
            ["cuenta-de-cobro.pdf"] = (2, "Documento cuenta"),
            ["informe-actividades.pdf"] = (3, "Documento informe"),
            ["planilla-pila.pdf"] = (1, "Documento PILA"),
            ["arl.pdf"] = (1, "Documento ARL"),
            ["certificacion-bancaria.pdf"] = (1, "Documento banco"),
            ["rut.pdf"] = (2, "Documento RUT"),
            ["pago-ica.png"] = (1, null),
            ["registro-fotografico.jpg"] = (1, null),
        };
        var next = frontPages + 1;
        foreach (var name in expectedOrder.Where(expectedPages.ContainsKey))
        {
            var (count, marker) = expectedPages[name];
            Assert.Equal(next, PageNumberIn(index, name));
            for (var k = 1; k <= count; k++)
            {
                var target = pdf.GetPage(next + k - 1);
                if (marker is null)
                {
                    Assert.Single(target.GetImages());
                    Assert.Empty(target.GetWords());
                }
                else
                {
                    Assert.Contains($"{marker} · página {k} de {count}", pages[next + k - 2], StringComparison.Ordinal);
                }
            }

            next += count;
        }

        // Cover + index + 10 PDF pages + 2 images, nothing else.
        Assert.Equal(frontPages + 10 + 2, pdf.NumberOfPages);

        // What cannot be pages: name, size and SHA-256, and the note.
        foreach (var name in new[] { "informe-anexo.docx", "EVIDENCIAS_MARZO_2026.zip", "planilla-horas.xlsx" })
        {
            var attachment = request.Attachments.Single(a => a.FileName == name);
            var entry = EntryIn(index, name);
            Assert.Contains(attachment.Sha256, entry, StringComparison.Ordinal);
            Assert.Contains(UploadMessages.FileSize(attachment.SizeBytes), entry, StringComparison.Ordinal);
            Assert.Contains(MergedDocumentsPdf.NotPagesNote, entry, StringComparison.Ordinal);
            Assert.DoesNotContain("Página", entry, StringComparison.Ordinal);
        }

        // The portal's own pages carry their font.
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.All(pdf.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), letter => Assert.Contains(PdfFonts.Family, letter.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_damaged_pdf_a_password_protected_pdf_and_an_image_that_does_not_decode_are_noted_in_the_index_and_the_download_still_succeeds()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var damaged = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nno es un PDF de verdad, se cortó aquí");
        var files = new List<TestAttachment>
        {
            new(AttachmentType.PaymentClaim, "cuenta-de-cobro.pdf", MarkerPdf("Documento cuenta", 1)),
            new(AttachmentType.ActivityReport, "informe-protegido.pdf", ProtectedPdf("Documento secreto", userPassword: "clave-usuario")),
            new(AttachmentType.ActivityReport, "informe-danado.pdf", damaged),
            new(AttachmentType.Other, "foto-danada.jpg", TestFiles.JpegHeader()),
            new(AttachmentType.Other, "foto-buena.jpg", SyntheticImages.Jpeg(64, 48)),
            new(AttachmentType.Other, "anexo.pdf", MarkerPdf("Documento anexo", 1)),
            new(AttachmentType.Other, "anexo-restringido.pdf", ProtectedPdf("Documento restringido", userPassword: null)),
        };
        var id = await NewRequestAsync(mine.ContractId, files, send: false);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Contractor));
        var shown = await PortalHttp.GetPageAsync(client, PaymentRequestPages.Show(mine.ContractId, id));
        var href = shown.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == MergedDocumentsPdf.LinkText).GetAttribute("href")!;

        using var response = await client.GetAsync(new Uri(href, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        KeepForReview(bytes, "documentos-con-problemas");
        using var pdf = PdfDocument.Open(bytes);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        var frontPages = pages.FindIndex(p => p.Contains("Documento cuenta", StringComparison.Ordinal));
        var index = string.Join(" ", pages.Take(frontPages).Skip(1));

        Assert.Contains(MergedDocumentsPdf.ProtectedNote, EntryIn(index, "informe-protegido.pdf"), StringComparison.Ordinal);
        Assert.Contains("protegido con contraseña", MergedDocumentsPdf.ProtectedNote, StringComparison.Ordinal);
        Assert.Contains(MergedDocumentsPdf.DamagedNote, EntryIn(index, "informe-danado.pdf"), StringComparison.Ordinal);
        Assert.Contains(MergedDocumentsPdf.DamagedImageNote, EntryIn(index, "foto-danada.jpg"), StringComparison.Ordinal);
        Assert.DoesNotContain("Página", EntryIn(index, "informe-protegido.pdf"), StringComparison.Ordinal);
        Assert.Equal(frontPages + 1, PageNumberIn(index, "cuenta-de-cobro.pdf"));
        Assert.Equal(frontPages + 2, PageNumberIn(index, "foto-buena.jpg"));
        Assert.Equal(frontPages + 3, PageNumberIn(index, "anexo.pdf"));
        Assert.Contains("Documento anexo", pages[frontPages + 2], StringComparison.Ordinal);

        // Only an owner password (restrictions on printing or copying, opens without asking): included as it is.
        Assert.Equal(frontPages + 4, PageNumberIn(index, "anexo-restringido.pdf"));
        Assert.Contains("Documento restringido", pages[frontPages + 3], StringComparison.Ordinal);
        Assert.Equal(frontPages + 4, pdf.NumberOfPages);
    }

    [Fact]
    public async Task The_supervisor_and_an_administrator_find_the_link_and_someone_else_gets_not_found()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var supervisor = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var review = await PortalHttp.GetPageAsync(supervisor, ReviewPages.Show(id));
        var href = review.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == MergedDocumentsPdf.LinkText).GetAttribute("href")!;
        using (var ok = await supervisor.GetAsync(new Uri(href, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Contains(mine.ContractNumber, string.Join(" ", Words(await ok.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
        }

        var admin = await TestUsers.CreateAsync(Factory, PortalRoles.Administrator);
        var adminClient = await Factory.SignedInAsync(TestUsers.AccountOf(admin));
        var shown = await PortalHttp.GetPageAsync(adminClient, PaymentRequestPages.Show(mine.ContractId, id));
        Assert.Equal(href, shown.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == MergedDocumentsPdf.LinkText).GetAttribute("href"));
        using (var ok = await adminClient.GetAsync(new Uri(href, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var stranger = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var strangerClient = await Factory.SignedInAsync(TestUsers.AccountOf(stranger));
        using var refused = await strangerClient.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var elsewhere = await supervisor.GetAsync(new Uri($"/contratos/{mine.ContractId + 100000}/pagos/{id}/documentos.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task With_every_merge_slot_taken_a_download_waits_for_one_to_free_and_then_succeeds()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var supervisor = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var gate = Factory.Services.GetRequiredService<MergedDocumentsPdf.Gate>();
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = await gate.EnterAsync(CancellationToken.None); // Pdf:MaxConcurrentMerges is 2 by default
        try
        {
            var download = supervisor.GetAsync(new Uri($"/contratos/{mine.ContractId}/pagos/{id}/documentos.pdf", UriKind.Relative));
            Assert.NotSame(download, await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(1))));

            first.Dispose();
            using var response = await download.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(mine.ContractNumber, string.Join(" ", Words(await response.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }
    }

    /// <summary>A PDF of <paramref name="pages"/> pages written by PDFsharp, each saying "<paramref name="marker"/> · página k de n".</summary>
    internal static byte[] MarkerPdf(string marker, int pages)
    {
        PdfFonts.Use();
        using var pdf = new PdfTextPage(marker, "prueba");
        for (var k = 1; k <= pages; k++)
        {
            if (k > 1)
            {
                pdf.PageBreak();
            }

            pdf.Title($"{marker} · página {k.ToString(CultureInfo.InvariantCulture)} de {pages.ToString(CultureInfo.InvariantCulture)}");
            pdf.Paragraph("Texto de prueba de un documento anexo.");
        }

        return pdf.ToBytes();
    }

    /// <summary>
    /// A PDF encrypted by PDFsharp with an owner password and, when given, a user password (then it asks for it to be
    /// opened); each page says <paramref name="text"/>.
    /// </summary>
    internal static byte[] ProtectedPdf(string text, string? userPassword)
    {
        PdfFonts.Use();
        using var document = new PdfSharp.Pdf.PdfDocument();
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString(text, new XFont(PdfFonts.Family, 12), XBrushes.Black, new XPoint(72, 72));
        }

        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
        }

        document.SecuritySettings.OwnerPassword = "clave-propietario";
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    internal sealed record TestAttachment(AttachmentType Type, string FileName, byte[] Bytes);

    /// <summary>The contract's next request with exactly <paramref name="files"/> attached in that order, sent or not.</summary>
    private async Task<int> NewRequestAsync(int contractId, IReadOnlyList<TestAttachment> files, bool send)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var contract = await db.Contracts.SingleAsync(c => c.Id == contractId);
        var draft = PaymentRequest.SuggestDraft(contract, 1, [], BogotaTime.Today(clock));
        draft = draft with { PilaNumber = "84501201", PilaPaidOn = draft.PeriodFrom!.Value.AddDays(9) };
        var request = PaymentRequest.Create(contract, 1, contract.ContractorId, draft, now);
        foreach (var file in files)
        {
            await using var content = new MemoryStream(file.Bytes, writable: false);
            var stored = await store.SaveAsync(content, file.Bytes.Length, CancellationToken.None);
            var contentType = Path.GetExtension(file.FileName) switch
            {
                ".pdf" => "application/pdf",
                ".png" => "image/png",
                ".jpg" => "image/jpeg",
                ".zip" => "application/zip",
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            };
            request.AddAttachment(new Attachment(file.Type, file.FileName, contentType, stored.SizeBytes, stored.Sha256, stored.StorageKey, null, now, contract.ContractorId), long.MaxValue, contract.ContractorId, now);
        }

        if (send)
        {
            var context = new PaymentRequestContext(contract, [], CufeUsedElsewhere: false, BogotaTime.Today(clock));
            request.Confirm(context, contract.ContractorId, now.AddMinutes(5));
            request.Send(context, contract.ContractorId, now.AddMinutes(10));
        }

        db.PaymentRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    /// <summary>The index's text of one entry: from its file name to the next entry's file name (or the end).</summary>
    private static string EntryIn(string index, string fileName)
    {
        var start = index.IndexOf(fileName, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{fileName} is in the index");
        var end = FileName().Matches(index).Select(m => m.Index).Where(i => i > start).DefaultIfEmpty(index.Length).Min();
        return index[start..end];
    }

    /// <summary>The page number the index gives <paramref name="fileName"/>.</summary>
    private static int PageNumberIn(string index, string fileName)
    {
        var match = PageOrDash().Match(index, index.IndexOf(fileName, StringComparison.Ordinal));
        Assert.True(match.Success && match.Groups[1].Success, $"{fileName} has a page number in the index");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static void AssertInOrder(string text, IEnumerable<string> parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"«{part}» comes after what precedes it in: {text}");
            at = found + part.Length;
        }
    }

    private static List<string> Words(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return pdf.GetPages().SelectMany(p => p.GetWords().Select(w => w.Text)).ToList();
    }

    /// <summary>Leaves the PDF in the artifacts folder (SECOPPORTAL_ARTIFACTS), to look at as a user would.</summary>
    private void KeepForReview(byte[] pdf, string name)
    {
        if (Environment.GetEnvironmentVariable("SECOPPORTAL_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            var folder = Directory.CreateDirectory(Path.Combine(artifacts, "documents"));
            File.WriteAllBytes(Path.Combine(folder.FullName, $"{name}-{Fixture.Database}.pdf"), pdf);
        }
    }

    private async Task<(string Name, string Nit)> EntityOfAsync(int contractId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = await db.Contracts.Where(c => c.Id == contractId).Join(db.PublicEntities, c => c.EntityId, e => e.Id, (_, e) => new { e.Name, e.Nit }).SingleAsync();
        return (entity.Name, entity.Nit);
    }

    [GeneratedRegex(@"Página (\d+)|—")]
    private static partial Regex PageOrDash();

    [GeneratedRegex(@"[\w-]+\.(pdf|png|jpg|docx|xlsx|zip)\b")]
    private static partial Regex FileName();
}

[Collection(SqlitePortal.Name)]
public sealed class MergedDocumentsPdfSqliteTests(SqlitePortalFixture fixture) : MergedDocumentsPdfTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class MergedDocumentsPdfPostgresTests(PostgresPortalFixture fixture) : MergedDocumentsPdfTests(fixture);
