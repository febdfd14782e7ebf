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
