using System.Net;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

[Collection(SqlitePortal.Name)]
public sealed class AdminAccessTests(SqlitePortalFixture fixture)
{
    public static TheoryData<string, string> NonAdminPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var account in new[] { "contratista", "supervisor" })
        {
            foreach (var url in new[] { AdminPages.Home, AdminPages.Entities, AdminPages.NewEntity, AdminPages.Users, AdminPages.NewUser, AdminPages.Contracts, AdminPages.NewContract, AdminPages.EditContract(1) })
            {
                data.Add(account, url);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NonAdminPages))]
    public async Task Contractors_and_supervisors_are_refused_admin_pages(string account, string url)
    {
        using var client = await fixture.Factory.SignedInAsync(account == "supervisor" ? DemoAccounts.Supervisor : DemoAccounts.Contractor);

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cuenta/acceso-denegado", AdminPages.PathOf(response.Headers.Location!));
        using var denied = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task A_contractor_posting_to_an_admin_form_is_refused_and_nothing_changes()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var before = await PortalHttp.GetPageAsync(admin, AdminPages.Entities);
        using var contractor = await fixture.Factory.SignedInAsync(DemoAccounts.Contractor);
        var nit = AdminPages.NewNit(out _);

        using var response = await PortalHttp.PostFormAsync(contractor, AdminPages.NewEntity, new Dictionary<string, string>
        {
            ["Name"] = "Entidad que no debe existir",
            ["Nit"] = nit,
        }, tokenPageUrl: "/contratos");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cuenta/acceso-denegado", AdminPages.PathOf(response.Headers.Location!));
        var after = await PortalHttp.GetPageAsync(admin, AdminPages.Entities);
        Assert.Equal(before.QuerySelectorAll("tbody tr").Length, after.QuerySelectorAll("tbody tr").Length);
        var searched = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar={nit}");
        Assert.Empty(searched.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri(AdminPages.Users, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PortalHttp.LoginPath, AdminPages.PathOf(response.Headers.Location!));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_with_400()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);
        var nit = AdminPages.NewNit(out _);

        using var response = await PortalHttp.PostFormWithTokenAsync(admin, AdminPages.NewEntity, new Dictionary<string, string>
        {
            ["Name"] = "Entidad sin token",
            ["Nit"] = nit,
        }, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var list = await PortalHttp.GetPageAsync(admin, $"{AdminPages.Entities}?buscar={nit}");
        Assert.Empty(list.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task The_admin_home_shows_the_three_tiles_with_their_counts()
    {
        using var admin = await fixture.Factory.SignedInAsync(DemoAccounts.Admin);

        var page = await PortalHttp.GetPageAsync(admin, AdminPages.Home);

        var menu = page.QuerySelectorAll("nav.mainnav a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Administración", menu);
        var tiles = page.QuerySelectorAll(".admin-tile").ToList();
        Assert.Equal(["Entidades Estatales", "Usuarios", "Contratos"], tiles.Select(t => t.QuerySelector("h2")!.TextContent.Trim()));
        Assert.Equal(["/administracion/entidades", "/administracion/usuarios", "/administracion/contratos"], tiles.Select(t => t.GetAttribute("href")));
        Assert.All(tiles, tile => Assert.True(int.Parse(tile.QuerySelector(".admin-tile__count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 2));
    }
}
