using System.Globalization;
using System.Net;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

[Collection(SqlitePortal.Name)]
public sealed class AdminEntitiesTests(SqlitePortalFixture fixture)
{
    [Fact]
    public async Task Create_with_a_wrong_check_digit_shows_the_message_next_to_the_NIT_and_keeps_the_name()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        AdminPages.NewNit(out var baseDigits);
        var right = NitNumber.CheckDigit(baseDigits);
        var wrong = (right + 1) % 10;

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string>
        {
            ["Name"] = "Secretaría Distrital de Prueba",
            ["Nit"] = $"{baseDigits}-{wrong.ToString(CultureInfo.InvariantCulture)}",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Nit", $"El dígito de verificación del NIT no corresponde (debería ser {right.ToString(CultureInfo.InvariantCulture)}).");
        Assert.Equal("Secretaría Distrital de Prueba", AdminPages.ValueOf(page, "Name"));
        Assert.Equal($"{baseDigits}-{wrong.ToString(CultureInfo.InvariantCulture)}", AdminPages.ValueOf(page, "Nit"));
        Assert.NotNull(page.QuerySelector("label[for=Nit]"));
    }

    [Fact]
    public async Task Create_with_a_valid_nit_lists_the_entity_with_its_canonical_nit()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var nit = AdminPages.NewNit(out var baseDigits);
        var dotted = $"{baseDigits[..3]}.{baseDigits[3..6]}.{baseDigits[6..]}-{nit[^1]}";

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string>
        {
            ["Name"] = "  Empresa Social del Estado Hospital de Prueba  ",
            ["Nit"] = dotted,
        });

        Assert.Equal(AdminPages.Entities, AdminPages.Location(response));
        Assert.Contains("Se creó la Entidad Estatal", AdminPages.Flash(await PortalHttp.GetPageAsync(admin, AdminPages.Entities)), StringComparison.Ordinal);
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar={nit}");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(nit, StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Empresa Social del Estado Hospital de Prueba", nit, "0"], cells.Take(3));
    }

    [Fact]
    public async Task Create_with_a_nit_already_registered_shows_the_message_next_to_the_NIT()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var nit = AdminPages.NewNit(out var baseDigits);
        using (var first = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string> { ["Name"] = "Primera entidad", ["Nit"] = nit }))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        // The same NIT written without the hyphen is the same NIT.
        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string>
        {
            ["Name"] = "Segunda entidad",
            ["Nit"] = baseDigits + nit[^1],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Nit", $"Ya existe una Entidad Estatal con el NIT {nit}.");
        Assert.Equal("Segunda entidad", AdminPages.ValueOf(page, "Name"));
    }

    [Fact]
    public async Task Create_without_a_name_asks_for_it()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string> { ["Name"] = " ", ["Nit"] = AdminPages.NewNit(out _) });

        var page = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(page, "Name", "Escriba el nombre de la Entidad Estatal.");
    }

    [Fact]
    public async Task Edit_renames_the_entity_and_refuses_another_entitys_nit()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var nit = AdminPages.NewNit(out _);
        using (var created = await PortalHttp.PostFormAsync(admin, AdminPages.NewEntity, new Dictionary<string, string> { ["Name"] = "Entidad por renombrar", ["Nit"] = nit }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar={nit}");
        var editUrl = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(nit, StringComparison.Ordinal))
            .QuerySelector("a[href$='/editar']")!.GetAttribute("href")!;
        var demo = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar=alcaldia%20municipal%20de%20villa");
        var demoNit = demo.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains("Villa del Río", StringComparison.Ordinal))
            .QuerySelectorAll("td")[1].TextContent.Trim();

        using (var taken = await PortalHttp.PostFormAsync(admin, editUrl, new Dictionary<string, string> { ["Name"] = "Entidad renombrada", ["Nit"] = demoNit }))
        {
            var page = await PortalHttp.ParseAsync(taken);
            AdminPages.AssertFieldError(page, "Nit", $"Ya existe una Entidad Estatal con el NIT {demoNit}.");
            Assert.Equal("Entidad renombrada", AdminPages.ValueOf(page, "Name"));
        }

        using var saved = await PortalHttp.PostFormAsync(admin, editUrl, new Dictionary<string, string> { ["Name"] = "Entidad renombrada", ["Nit"] = nit });
        Assert.Equal(AdminPages.Entities, AdminPages.Location(saved));
        var after = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar=entidad%20renombrada");
        Assert.Contains("Entidad renombrada", after.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(nit, StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_entity_is_not_found()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await admin.GetAsync(new Uri("/administracion/entidades/987654/editar", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
