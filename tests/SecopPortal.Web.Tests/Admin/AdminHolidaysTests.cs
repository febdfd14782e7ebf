using SecopPortal.Domain.Common;
using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Calendar;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Authorization;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Admin;

/// <summary>A portal of its own for the holiday tests: a holiday added here must not move another test's dates.</summary>
public sealed class HolidayPortalFixture() : PortalFixture(TestDatabase.Sqlite);

/// <summary>
/// "Días festivos" (docs/product.md §4.1), through HTTP on a portal of its own. The tests share that portal one after
/// another, so each works on a year of its own (2031–2035), except the one that watches the proposed "Fecha de
/// emisión" of the demo contract, which is the only one touching the months around today.
/// </summary>
public sealed class AdminHolidaysTests(HolidayPortalFixture fixture) : IClassFixture<HolidayPortalFixture>
{
    private const string Holidays = "/administracion/festivos";
    private const string Add = "/administracion/festivos/agregar";
    private const string Remove = "/administracion/festivos/retirar";

    private PortalFactory Factory => fixture.Factory;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shown(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Undo(int changeId) => $"/administracion/festivos/cambios/{changeId.ToString(CultureInfo.InvariantCulture)}/deshacer";

    private static string YearPage(int year) => $"{Holidays}?anio={year.ToString(CultureInfo.InvariantCulture)}";

    private static Dictionary<string, string> AddForm(DateOnly? date, string name, string legalBasis) => new()
    {
        ["Input.Date"] = date is { } d ? Iso(d) : string.Empty,
        ["Input.Name"] = name,
        ["Input.LegalBasis"] = legalBasis,
    };

    /// <summary>The cells of the holiday list's row of <paramref name="date"/> (Fecha, Día, Festivo, Origen, action).</summary>
    private static List<string> HolidayRow(IHtmlDocument page, DateOnly date) =>
        page.QuerySelectorAll("#festivos tbody tr")
            .Single(r => r.QuerySelector("td")!.TextContent.Trim() == Shown(date))
            .QuerySelectorAll("td").Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

    private async Task<HolidayChange> LatestChangeAsync(DateOnly date)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.HolidayChanges.AsNoTracking().Where(c => c.Date == date).OrderByDescending(c => c.Id).FirstAsync();
    }

    private static async Task AddHolidayAsync(HttpClient admin, DateOnly date, string name, string legalBasis)
    {
        using var response = await PortalHttp.PostFormAsync(admin, Add, AddForm(date, name, legalBasis), Holidays);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.Fail($"Adding {Iso(date)} answered {(int)response.StatusCode}: {AdminPages.Summary(await PortalHttp.ParseAsync(response))}");
        }
    }

    [Fact]
    public async Task Adding_a_holiday_lists_it_with_who_added_it_when_and_its_norm()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var date = new DateOnly(2031, 3, 12); // a Wednesday
        var today = Shown(BogotaTime.Today(fixture.Clock));

        using var response = await PortalHttp.PostFormAsync(admin, Add, AddForm(date, "Día de la Prueba Nacional", "Ley 9001 de 2030"), Holidays);

        Assert.Equal(YearPage(2031), AdminPages.Location(response));
        var page = await PortalHttp.GetPageAsync(admin, YearPage(2031));
        Assert.Equal("Se agregó el festivo «Día de la Prueba Nacional» del miércoles 12/03/2031.", AdminPages.Flash(page));
        var row = HolidayRow(page, date);
        Assert.Equal(["12/03/2031", "miércoles", "Día de la Prueba Nacional", $"Agregado por {DemoAccounts.Admin.FullName} el {today} — Ley 9001 de 2030", "Retirar"], row);

        // The laws' holidays of the year are there too, with their law (and the move to Monday when there was one).
        Assert.Equal("Ley 51 de 1983 (trasladado al lunes)", HolidayRow(page, new DateOnly(2031, 3, 24))[3]); // San José, 19/03 is a Wednesday
        Assert.Equal("Ley 51 de 1983", HolidayRow(page, new DateOnly(2031, 12, 25))[3]);

        // The audit trail: who and when, in force.
        var audit = page.QuerySelectorAll("#cambios-tabla tbody tr").Single(r => r.TextContent.Contains("Día de la Prueba Nacional", StringComparison.Ordinal)).TextContent;
        Assert.Contains("Festivo agregado", audit, StringComparison.Ordinal);
        Assert.Contains($"{DemoAccounts.Admin.FullName}, {today}", audit, StringComparison.Ordinal);
        Assert.Contains("Vigente", audit, StringComparison.Ordinal);

        // The running calendar knows it at once.
        Assert.True(Factory.Services.GetRequiredService<PortalCalendar>().Current.IsHoliday(date));
    }

    [Fact]
    public async Task The_proposed_fecha_de_emision_follows_the_admins_holidays_and_goes_back_when_the_change_is_undone()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        using var contractor = await Factory.SignedInAsync(DemoAccounts.Contractor);
        int contractId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            contractId = await db.Contracts.Where(c => c.Number == MatrixWorld.DemoRunningContractNumber).Select(c => c.Id).SingleAsync();
        }

        var createUrl = $"/contratos/{contractId.ToString(CultureInfo.InvariantCulture)}/pagos/crear";
        var before = DateOnly.ParseExact(AdminPages.ValueOf(await PortalHttp.GetPageAsync(contractor, createUrl), "Input.IssuedOn")!, "dd/MM/yyyy", CultureInfo.InvariantCulture);

        // The proposed date becomes a holiday: the proposal is the next business day.
        await AddHolidayAsync(admin, before, "Festivo de la prueba de emisión", "Decreto 1 de prueba");
        var moved = AdminPages.ValueOf(await PortalHttp.GetPageAsync(contractor, createUrl), "Input.IssuedOn");
        Assert.Equal(Shown(ColombianCalendar.FirstBusinessDayAfter(before)), moved);

        // Undone (with a reason, on its confirmation page): the proposal is the first date again, and the trail says who undid it and why.
        var change = await LatestChangeAsync(before);
        var confirm = await PortalHttp.GetPageAsync(admin, Undo(change.Id));
        Assert.Contains("Festivo de la prueba de emisión", confirm.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        using (var undone = await PortalHttp.PostFormAsync(admin, Undo(change.Id), new Dictionary<string, string> { ["Input.Reason"] = "Se agregó por error." }))
        {
            Assert.Equal(YearPage(before.Year), AdminPages.Location(undone));
        }

        Assert.Equal(Shown(before), AdminPages.ValueOf(await PortalHttp.GetPageAsync(contractor, createUrl), "Input.IssuedOn"));
        var list = await PortalHttp.GetPageAsync(admin, YearPage(before.Year));
        Assert.DoesNotContain(list.QuerySelectorAll("#festivos tbody tr"), r => r.TextContent.Contains("Festivo de la prueba de emisión", StringComparison.Ordinal));
        var audit = list.QuerySelectorAll("#cambios-tabla tbody tr").Single(r => r.TextContent.Contains("Festivo de la prueba de emisión", StringComparison.Ordinal)).TextContent;
        Assert.Contains($"Por {DemoAccounts.Admin.FullName}, ", audit, StringComparison.Ordinal);
        Assert.Contains("Se agregó por error.", audit, StringComparison.Ordinal);
        var stored = await LatestChangeAsync(before);
        Assert.NotNull(stored.WithdrawnAtUtc);

        // Undoing again is refused on the page; the row is never deleted.
        using var again = await PortalHttp.PostFormAsync(admin, Undo(change.Id), new Dictionary<string, string> { ["Input.Reason"] = "Otra vez." }, Holidays);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Este cambio ya fue deshecho", AdminPages.Summary(await PortalHttp.ParseAsync(again)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_law_holiday_asks_for_confirmation_and_a_reason_then_shows_it_removed_until_undone()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var calendar = Factory.Services.GetRequiredService<PortalCalendar>();
        var holiday = ColombianCalendar.HolidaysOf(2032).First(h => h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && h.Date.Month > 6);
        var before = await PortalHttp.GetPageAsync(admin, YearPage(2032));
        var removeLink = before.QuerySelectorAll("#festivos tbody tr a").Single(a => a.GetAttribute("aria-label") == $"Retirar el festivo {holiday.Name} del {Shown(holiday.Date)}");
        Assert.Equal($"{Remove}?fecha={Iso(holiday.Date)}", removeLink.GetAttribute("href"));

        // The confirmation page names the holiday; without a reason nothing happens and the message is next to the field.
        var confirm = await PortalHttp.GetPageAsync(admin, removeLink.GetAttribute("href")!);
        Assert.Contains(holiday.Name, confirm.QuerySelector("main")?.TextContent ?? confirm.Body!.TextContent, StringComparison.Ordinal);
        using (var refused = await PortalHttp.PostFormAsync(admin, Remove, new Dictionary<string, string> { ["Input.Date"] = Iso(holiday.Date), ["Input.LegalBasis"] = " " }, removeLink.GetAttribute("href")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            AdminPages.AssertFieldError(await PortalHttp.ParseAsync(refused), "Input_LegalBasis", "Escriba la norma o el motivo por el que se retira el festivo.");
        }

        Assert.True(calendar.Current.IsHoliday(holiday.Date));
        using (var removed = await PortalHttp.PostFormAsync(admin, Remove, new Dictionary<string, string> { ["Input.Date"] = Iso(holiday.Date), ["Input.LegalBasis"] = "Ley 9002 de 2031, que lo deroga" }, removeLink.GetAttribute("href")))
        {
            Assert.Equal(YearPage(2032), AdminPages.Location(removed));
        }

        Assert.False(calendar.Current.IsHoliday(holiday.Date));
        Assert.True(calendar.Current.IsBusinessDay(holiday.Date));
        var page = await PortalHttp.GetPageAsync(admin, YearPage(2032));
        Assert.StartsWith($"Se retiró el festivo «{holiday.Name}»", AdminPages.Flash(page), StringComparison.Ordinal);
        var row = HolidayRow(page, holiday.Date);
        Assert.Contains("Retirado", row[2], StringComparison.Ordinal);
        Assert.Contains($"Retirado por {DemoAccounts.Admin.FullName} el ", row[3], StringComparison.Ordinal);
        Assert.Contains("Ley 9002 de 2031, que lo deroga", row[3], StringComparison.Ordinal);
        Assert.Equal("Deshacer retiro", row[4]);

        // Removed once is enough: the confirmation of a second removal is not there any more.
        using (var gone = await admin.GetAsync(new Uri(removeLink.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // Undo: the law's holiday counts again.
        var change = await LatestChangeAsync(holiday.Date);
        using (var undone = await PortalHttp.PostFormAsync(admin, Undo(change.Id), new Dictionary<string, string> { ["Input.Reason"] = "La ley fue declarada inexequible." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        }

        Assert.True(calendar.Current.IsHoliday(holiday.Date));
        Assert.Equal("Retirar", HolidayRow(await PortalHttp.GetPageAsync(admin, YearPage(2032)), holiday.Date)[4]);
    }

    [Fact]
    public async Task The_add_form_says_what_is_missing_next_to_each_field_in_Spanish_and_keeps_what_was_typed()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        using (var empty = await PortalHttp.PostFormAsync(admin, Add, AddForm(null, "Día sin fecha", " "), Holidays))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            var page = await PortalHttp.ParseAsync(empty);
            AdminPages.AssertFieldError(page, "Input_Date", "Escriba la fecha del festivo (dd/mm/aaaa).");
            AdminPages.AssertFieldError(page, "Input_LegalBasis", "Escriba la norma que crea el festivo, por ejemplo «Ley 2578 de 2026».");
            Assert.Equal("Día sin fecha", AdminPages.ValueOf(page, "Input.Name"));
            Assert.NotNull(page.QuerySelector("label[for=Input_Date]"));
            Assert.Equal("alert", page.GetElementById("errores")!.GetAttribute("role"));
        }

        // A date that already is a holiday (Navidad 2033) is refused; what was typed stays, the year shown is the date's.
        using var taken = await PortalHttp.PostFormAsync(admin, Add, AddForm(new DateOnly(2033, 12, 25), "Navidad otra vez", "Ley 9003 de 2033"), Holidays);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var again = await PortalHttp.ParseAsync(taken);
        AdminPages.AssertFieldError(again, "Input_Date", "El 25/12/2033 ya es festivo (Navidad).");
        Assert.Equal("25/12/2033", AdminPages.ValueOf(again, "Input.Date"));
        Assert.Equal("Navidad otra vez", AdminPages.ValueOf(again, "Input.Name"));
        Assert.Equal("Ley 9003 de 2033", AdminPages.ValueOf(again, "Input.LegalBasis"));
        Assert.Equal("Días festivos 2033", again.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_holiday_on_a_sunday_is_recorded_with_a_note_that_no_business_day_changes()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var sunday = new DateOnly(2034, 5, 14);
        Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);

        await AddHolidayAsync(admin, sunday, "Día dominical de prueba", "Ley 9004 de 2034");

        var page = await PortalHttp.GetPageAsync(admin, YearPage(2034));
        Assert.Equal("Se agregó el festivo «Día dominical de prueba» del domingo 14/05/2034. Como cae en domingo, que ya no era día hábil, no cambia ningún plazo.", AdminPages.Flash(page));
        Assert.Equal("domingo", HolidayRow(page, sunday)[1]);
    }

    [Fact]
    public async Task Only_administrators_reach_the_screen_and_a_change_that_does_not_exist_is_not_found()
    {
        using var contractor = await Factory.SignedInAsync(DemoAccounts.Contractor);
        using (var denied = await contractor.GetAsync(new Uri(Holidays, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Equal(AuthorizationMatrix.DeniedPath, AdminPages.PathOf(denied.Headers.Location!));
        }

        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        using (var missing = await admin.GetAsync(new Uri(Undo(987_654), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var missingPost = await PortalHttp.PostFormAsync(admin, Undo(987_654), new Dictionary<string, string> { ["Input.Reason"] = "No existe." }, Holidays))
        {
            Assert.Equal(HttpStatusCode.NotFound, missingPost.StatusCode);
        }

        // No antiforgery token, no change.
        using var forged = await PortalHttp.PostFormWithTokenAsync(admin, Add, AddForm(new DateOnly(2035, 3, 14), "Sin token", "Ley 1"), token: null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(Factory.Services.GetRequiredService<PortalCalendar>().Current.IsHoliday(new DateOnly(2035, 3, 14)));
    }

    [Fact]
    public async Task Two_administrators_undoing_one_change_at_once_never_both_succeed()
    {
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var date = new DateOnly(2035, 4, 11); // a Wednesday
        await AddHolidayAsync(admin, date, "Festivo disputado", "Ley 9006 de 2035");
        var id = (await LatestChangeAsync(date)).Id;
        await using var firstScope = Factory.Services.CreateAsyncScope();
        await using var secondScope = Factory.Services.CreateAsyncScope();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var secondDb = secondScope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var first = await firstDb.HolidayChanges.SingleAsync(c => c.Id == id);
        var second = await secondDb.HolidayChanges.SingleAsync(c => c.Id == id);

        first.Withdraw("Lo deshace el primero.", first.MadeById, DateTime.UtcNow);
        second.Withdraw("Lo deshace el segundo.", second.MadeById, DateTime.UtcNow);
        await firstDb.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        Assert.Equal("Lo deshace el primero.", (await LatestChangeAsync(date)).WithdrawalReason);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_takes_the_change_at_its_next_refresh()
    {
        await using var second = await PortalFactory.CreateSecondInstanceAsync(Factory);
        var secondCalendar = second.Services.GetRequiredService<PortalCalendar>();
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var date = new DateOnly(2035, 9, 12); // a Wednesday
        Assert.True(secondCalendar.Current.IsBusinessDay(date));

        await AddHolidayAsync(admin, date, "Festivo de dos instancias", "Ley 9005 de 2035");

        Assert.True(Factory.Services.GetRequiredService<PortalCalendar>().Current.IsHoliday(date));
        Assert.True(secondCalendar.Current.IsBusinessDay(date)); // not refreshed yet
        await using (var scope = second.Services.CreateAsyncScope())
        {
            await secondCalendar.RefreshAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), CancellationToken.None);
        }

        Assert.True(secondCalendar.Current.IsHoliday(date));
        Assert.False(secondCalendar.Current.IsBusinessDay(date));
    }
}
