using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Pdf;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.Review;
using UglyToad.PdfPig;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>"Cuenta de cobro (PDF)": the document written from the request, read back as text with PdfPig.</summary>
public abstract class CuentaDeCobroPdfTests(PortalFixture fixture) : ReviewTests(fixture)
{
    [Fact]
    public async Task The_contractor_downloads_a_cuenta_de_cobro_with_every_fact_of_the_request_in_extractable_text_and_an_embedded_font()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var request = await ReviewTestData.LoadAsync(Factory, id);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Contractor));

        var page = await PortalHttp.GetPageAsync(client, PaymentRequestPages.Show(mine.ContractId, id));
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == CuentaDeCobroPdf.LinkText);
        using var response = await client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        KeepForReview(bytes);
        var text = TextOf(bytes);
        var (entityName, entityNit) = await EntityOfAsync(mine.ContractId);
        Assert.Contains(entityName, text, StringComparison.Ordinal);
        Assert.Contains($"NIT {entityNit}", text, StringComparison.Ordinal);
        Assert.Contains(mine.Contractor.FullName, text, StringComparison.Ordinal);
        Assert.Contains(mine.ContractNumber, text, StringComparison.Ordinal);
        Assert.Contains(Money.ToSpanishWords(request.TotalValue!.Value), text, StringComparison.Ordinal);
        Assert.Contains("PESOS M/CTE", text, StringComparison.Ordinal);
        Assert.Contains(Money.Format(request.TotalValue.Value), text, StringComparison.Ordinal);
        Assert.Contains($"del {SpanishText.Date(request.PeriodFrom!.Value)} al {SpanishText.Date(request.PeriodTo!.Value)}", text, StringComparison.Ordinal);
        Assert.Contains($"Id de pago {request.Sequence.ToString(CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("DECLARACIONES", text, StringComparison.Ordinal);
        Assert.Contains("Contratista", text, StringComparison.Ordinal);

        // The font travels in the file (a TrueType font program), so the text reads the same everywhere.
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(bytes);
        Assert.All(pdf.GetPage(1).Letters, letter => Assert.Contains(PdfFonts.Family, letter.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_supervisor_finds_the_same_link_on_the_review_page_and_someone_else_gets_not_found()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var supervisor = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var review = await PortalHttp.GetPageAsync(supervisor, ReviewPages.Show(id));
        var href = review.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == CuentaDeCobroPdf.LinkText).GetAttribute("href")!;

        using var mineResponse = await supervisor.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, mineResponse.StatusCode);
        Assert.Contains(mine.ContractNumber, TextOf(await mineResponse.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        var stranger = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        var strangerClient = await Factory.SignedInAsync(TestUsers.AccountOf(stranger));
        using var refused = await strangerClient.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task One_click_writes_the_cuenta_de_cobro_from_what_is_typed_and_attaches_it_as_the_cuenta_de_cobro_o_factura()
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory);
        var id = await PaymentRequestPages.CreateRequestAsync(contract);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, PaymentRequestPages.Show(contract.Id, id));
        var button = page.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == AttachCuentaDeCobro.ButtonText);

        using var response = await PaymentRequestPages.SubmitAsync(
            contract.Contractor, page, button.GetAttribute("formaction")!, new Dictionary<string, string> { ["Input.Notes"] = "Informe de mayo anexo." });

        var shown = await PaymentRequestPages.FollowAsync(contract.Contractor, response);
        Assert.Contains("Se anexó la cuenta de cobro generada", PaymentRequestPages.Flash(shown), StringComparison.Ordinal);
        Assert.DoesNotContain(shown.QuerySelectorAll("button"), b => b.TextContent.Trim() == AttachCuentaDeCobro.ButtonText);
        var stored = await PaymentRequestPages.FindAsync(Factory, id);
        Assert.Equal("Informe de mayo anexo.", stored!.Notes);
        var claim = Assert.Single(stored.Attachments, a => a.Type == Domain.PaymentRequests.AttachmentType.PaymentClaim);
        Assert.Equal("application/pdf", claim.ContentType);

        var download = shown.QuerySelectorAll("a").First(a => a.TextContent.Trim() == "Descargar");
        using var bytes = await contract.Contractor.GetAsync(new Uri(download.GetAttribute("href")!, UriKind.Relative));
        var text = TextOf(await bytes.Content.ReadAsByteArrayAsync());
        Assert.Contains(contract.Number, text, StringComparison.Ordinal);
        Assert.Contains("PESOS M/CTE", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contractor_who_invoices_electronically_is_not_offered_the_generated_cuenta_de_cobro()
    {
        var contract = await PaymentRequestPages.NewContractAsync(Factory, invoicing: true);
        var id = await PaymentRequestPages.CreateRequestAsync(contract, new Dictionary<string, string> { ["Input.Cufe"] = new string('a', 96) });

        var page = await PortalHttp.GetPageAsync(contract.Contractor, PaymentRequestPages.Show(contract.Id, id));

        Assert.DoesNotContain(page.QuerySelectorAll("button"), b => b.TextContent.Trim() == AttachCuentaDeCobro.ButtonText);
        Assert.Single(page.QuerySelectorAll("a"), a => a.TextContent.Trim() == CuentaDeCobroPdf.LinkText);
    }

    /// <summary>Leaves the PDF in the artifacts folder (SECOPPORTAL_ARTIFACTS), to look at as a user would.</summary>
    private void KeepForReview(byte[] pdf)
    {
        if (Environment.GetEnvironmentVariable("SECOPPORTAL_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            var folder = Directory.CreateDirectory(Path.Combine(artifacts, "documents"));
            File.WriteAllBytes(Path.Combine(folder.FullName, $"cuenta-de-cobro-{Fixture.Database}.pdf"), pdf);
        }
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private async Task<(string Name, string Nit)> EntityOfAsync(int contractId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = await db.Contracts.Where(c => c.Id == contractId).Join(db.PublicEntities, c => c.EntityId, e => e.Id, (_, e) => new { e.Name, e.Nit }).SingleAsync();
        return (entity.Name, entity.Nit);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class CuentaDeCobroPdfSqliteTests(SqlitePortalFixture fixture) : CuentaDeCobroPdfTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class CuentaDeCobroPdfPostgresTests(PostgresPortalFixture fixture) : CuentaDeCobroPdfTests(fixture);
