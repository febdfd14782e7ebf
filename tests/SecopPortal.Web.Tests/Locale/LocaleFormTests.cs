using System.Net;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Locale;

/// <summary>
/// Dates in forms and Spanish query values, through HTTP (issue 11): a date box is a dd/mm/aaaa text box; what is
/// posted is read dd/mm/aaaa, d/m/aaaa or ISO; a date that does not exist or text that is not a date is told next to
/// its field with what was typed kept; filters read and write Spanish values and still read the old English ones.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class LocaleFormTests(SqlitePortalFixture fixture)
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_date_box_shows_dd_mm_aaaa_and_takes_day_first_or_iso_dates_and_says_why_a_date_is_wrong()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var (entityNit, contractor, supervisor) = AdminPages.ContractParties();

        // Created with ISO dates (as posted by older clients and the other tests): shown dd/mm/aaaa.
        var id = await AdminPages.CreateContractAsync(admin, AdminPages.ContractForm(entityNit, contractor, supervisor, AdminPages.NewContractNumber()));
        var edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        var signedOn = edit.GetElementById("Input_SignedOn")!;
        Assert.Equal("text", signedOn.GetAttribute("type"));
        Assert.Equal("02/02/2026", signedOn.GetAttribute("value"));
        Assert.Equal("03/02/2026", edit.GetElementById("Input_StartsOn")!.GetAttribute("value"));
        Assert.Equal("dd/mm/aaaa", signedOn.GetAttribute("placeholder"));
        Assert.Equal("numeric", signedOn.GetAttribute("inputmode"));
        Assert.Equal("10", signedOn.GetAttribute("maxlength"));
        Assert.Equal("off", signedOn.GetAttribute("autocomplete"));
        Assert.Contains("Input_SignedOn-formato", signedOn.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("dd/mm/aaaa", edit.GetElementById("Input_SignedOn-formato")!.TextContent);

        // d/m/aaaa is read as that date and comes back dd/mm/aaaa.
        var form = AdminPages.FormValues(edit, "Input.Number");
        form["Input.SignedOn"] = "1/2/2026";
        form["Input.EndsOn"] = "2026-08-02";
        using (var saved = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Equal("01/02/2026", AdminPages.ValueOf(edit, "Input.SignedOn"));
        Assert.Equal("02/08/2026", AdminPages.ValueOf(edit, "Input.EndsOn"));

        // A date that does not exist, and text that is not a date: told next to the field, what was typed kept.
        form = AdminPages.FormValues(edit, "Input.Number");
        form["Input.SignedOn"] = "31/02/2026";
        form["Input.EndsOn"] = "agosto";
        using var wrong = await PortalHttp.PostFormAsync(admin, AdminPages.EditContract(id), form);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var page = await PortalHttp.ParseAsync(wrong);
        AdminPages.AssertFieldError(page, "Input_SignedOn", "La fecha 31/02/2026 no existe: febrero de 2026 tiene 28 días.");
        AdminPages.AssertFieldError(page, "Input_EndsOn", PortalDate.FormatMessage);
        Assert.Equal("31/02/2026", AdminPages.ValueOf(page, "Input.SignedOn"));
        Assert.Equal("agosto", AdminPages.ValueOf(page, "Input.EndsOn"));
        Assert.Equal("Input_SignedOn-formato Input_SignedOn-error", page.GetElementById("Input_SignedOn")!.GetAttribute("aria-describedby"));

        edit = await PortalHttp.GetPageAsync(admin, AdminPages.EditContract(id));
        Assert.Equal("01/02/2026", AdminPages.ValueOf(edit, "Input.SignedOn"));
    }

    [Fact]
    public async Task Filters_write_spanish_values_and_read_them_and_the_old_english_names()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        var spanish = await PortalHttp.GetPageAsync(admin, "/contratos?estado=en-ejecucion");
        var english = await PortalHttp.GetPageAsync(admin, "/contratos?estado=InExecution");
        var options = spanish.QuerySelectorAll("select#estado option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", "firmado", "en-ejecucion", "suspendido", "terminado", "cerrado", "cancelado"], options);
        Assert.Equal("en-ejecucion", spanish.QuerySelector("select#estado option[selected]")!.GetAttribute("value"));
        Assert.Equal("en-ejecucion", english.QuerySelector("select#estado option[selected]")!.GetAttribute("value"));
        Assert.NotEmpty(spanish.QuerySelectorAll("tbody tr"));
        Assert.All(spanish.QuerySelectorAll("tbody tr"), row => Assert.Contains("En ejecución", row.TextContent, StringComparison.Ordinal));
        Assert.Equal(spanish.QuerySelectorAll("tbody tr").Select(r => r.TextContent), english.QuerySelectorAll("tbody tr").Select(r => r.TextContent));

        var adminList = await PortalHttp.GetPageAsync(admin, "/administracion/contratos?estado=Suspended");
        Assert.Equal("suspendido", adminList.QuerySelector("select#estado option[selected]")!.GetAttribute("value"));

        var audit = await PortalHttp.GetPageAsync(admin, "/administracion/auditoria?tipo=SignInSucceeded");
        Assert.Null(audit.GetElementById("tipo-error"));
        Assert.Equal("inicio-de-sesion", audit.QuerySelector("select#tipo option[selected]")!.GetAttribute("value"));
        Assert.DoesNotContain(audit.QuerySelectorAll("select#tipo option"), o => o.GetAttribute("value") == "SignInSucceeded");
        Assert.Contains("tipo=inicio-de-sesion", audit.QuerySelector("a[href*='/auditoria/csv']")!.GetAttribute("href"), StringComparison.Ordinal);
        var bySlug = await PortalHttp.GetPageAsync(admin, "/administracion/auditoria?tipo=cierre-de-sesion");
        Assert.Null(bySlug.GetElementById("tipo-error"));
        Assert.Equal("cierre-de-sesion", bySlug.QuerySelector("select#tipo option[selected]")!.GetAttribute("value"));
    }
}
