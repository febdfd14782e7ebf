using SecopPortal.Domain.Common;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure;
using SecopPortal.Infrastructure.Auditing;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Infrastructure.Persistence.Migrations;
using SecopPortal.Web.Features.Audit;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Audit;

/// <summary>
/// The audit log as stored and read: append-only in the database (triggers) and in the portal (the context's guard), a
/// change and its entry commit together or not at all, and the administrators' screen and CSV: filters, keyset pages
/// walked both ways with no row lost or repeated, what was typed kept with its message, Spanish CSV safe in a
/// spreadsheet. On SQLite and on PostgreSQL.
/// </summary>
public abstract class AuditLogStoreTests(AuditPortal portal)
{
    private const string AuditPage = "/administracion/auditoria";

    [Fact]
    public async Task The_database_refuses_update_and_delete_of_an_entry_even_in_raw_sql()
    {
        var entry = new AuditEntry(AuditKind.SignInFailed, DateTime.UtcNow, null, "raw.sql@prueba.gov.co", "198.51.100.50", "Entrada que nadie cambia.");
        await portal.AddEntriesAsync([entry]);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var update = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Detail\" = 'cambiada' WHERE \"Id\" = {entry.Id}"));
        Assert.Contains(AuditLog.RefusalMessage, update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entry.Id}"));
        Assert.Contains(AuditLog.RefusalMessage, delete.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEntries.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "cambiada")));
        if (portal.Factory.Database == TestDatabase.Postgres)
        {
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\""));
        }

        var stored = Assert.Single(await portal.EntriesAsync(e => e.Id == entry.Id));
        Assert.Equal("Entrada que nadie cambia.", stored.Detail);
    }

    [Fact]
    public async Task The_portal_refuses_to_save_a_modified_or_removed_entry()
    {
        var entry = new AuditEntry(AuditKind.SignInFailed, DateTime.UtcNow, null, "guard@prueba.gov.co", null, "Entrada guardada.");
        await portal.AddEntriesAsync([entry]);
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var tracked = await db.AuditEntries.SingleAsync(e => e.Id == entry.Id);
        db.Entry(tracked).Property(e => e.Detail).CurrentValue = "cambiada";
        var modified = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal(PortalDbContext.AuditLogIsAppendOnly, modified.Message);
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == entry.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Equal("Entrada guardada.", Assert.Single(await portal.EntriesAsync(e => e.Id == entry.Id)).Detail);
    }

    [Fact]
    public async Task A_change_whose_entry_cannot_be_written_is_not_saved_either()
    {
        var contractor = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Contractor);
        var supervisor = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        var contract = await TestUsers.CreateContractAsync(portal.Factory, contractor.Id, supervisor.Id);
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DependencyInjection.ConfigureProvider(
            options, portal.Factory.Database == TestDatabase.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, portal.Factory.ConnectionString, Path.GetTempPath());
        options.AddInterceptors(new RefuseAuditInserts());

        await using (var db = new PortalDbContext(options.Options))
        {
            var tracked = await db.Contracts.SingleAsync(c => c.Id == contract.Id);
            var before = tracked.Status;
            tracked.ChangeStatus(before == ContractStatus.InExecution ? ContractStatus.Suspended : ContractStatus.InExecution);
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        }

        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var fresh = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Equal(contract.Status, (await fresh.Contracts.AsNoTracking().SingleAsync(c => c.Id == contract.Id)).Status);
        Assert.Equal([AuditKind.ContractCreated], (await portal.EntriesAsync(e => e.ContractId == contract.Id)).Select(e => e.Kind));

        // The same change through a context that can write the entry: both are saved.
        var again = await fresh.Contracts.SingleAsync(c => c.Id == contract.Id);
        again.ChangeStatus(again.Status == ContractStatus.InExecution ? ContractStatus.Suspended : ContractStatus.InExecution);
        await fresh.SaveChangesAsync();

        Assert.Equal([AuditKind.ContractCreated, AuditKind.ContractStatusChanged], (await portal.EntriesAsync(e => e.ContractId == contract.Id)).Select(e => e.Kind));
    }

    [Fact]
    public async Task The_pages_of_a_user_walked_forward_and_back_show_every_entry_once_newest_first()
    {
        var user = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        var start = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

        // Three entries per instant: the id breaks the ties, so no page boundary may drop or repeat one.
        const int count = 2 * AuditLogQuery.PageSize + 17;
        await portal.AddEntriesAsync(Enumerable.Range(0, count).Select(i =>
            new AuditEntry(AuditKind.SignInSucceeded, start.AddSeconds(i / 3), user.Id, user.Email, "198.51.100.60", $"Entrada {i:D3}")));
        var expected = (await portal.EntriesAsync(e => e.ActorId == user.Id && e.Kind == AuditKind.SignInSucceeded))
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id).Select(e => e.Detail).ToList();
        Assert.Equal(count, expected.Count);
        using var admin = await portal.Factory.SignedInAsync(DemoAccounts.Admin);

        var forward = new List<string>();
        var pages = new List<string>();
        var url = $"{AuditPage}?usuario={Uri.EscapeDataString(user.Email!)}&tipo=SignInSucceeded";
        while (url is not null)
        {
            var page = await PortalHttp.GetPageAsync(admin, url);
            pages.Add(url);
            forward.AddRange(Details(page));
            url = page.QuerySelector("a[rel=next]")?.GetAttribute("href");
        }

        Assert.Equal(expected, forward);
        Assert.Equal(3, pages.Count);

        var backward = new List<string>();
        var last = await PortalHttp.GetPageAsync(admin, pages[^1]);
        backward.InsertRange(0, Details(last));
        url = last.QuerySelector("a[rel=prev]")?.GetAttribute("href");
        while (url is not null)
        {
            var page = await PortalHttp.GetPageAsync(admin, url);
            backward.InsertRange(0, Details(page));
            url = page.QuerySelector("a[rel=prev]")?.GetAttribute("href");
        }

        Assert.Equal(expected, backward);
    }

    [Fact]
    public async Task The_date_filter_reads_whole_days_in_bogota_and_the_contract_filter_only_that_contract()
    {
        var user = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        var supervisor = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        var contract = await TestUsers.CreateContractAsync(portal.Factory, user.Id, supervisor.Id);
        var other = await TestUsers.CreateContractAsync(portal.Factory, user.Id, supervisor.Id);
        await portal.AddEntriesAsync(
        [
            Entry("Antes: 28/02 23:59 en Bogotá", new DateTime(2026, 3, 1, 4, 59, 59, DateTimeKind.Utc), contract.Id),
            Entry("Dentro: 01/03 00:00 en Bogotá", new DateTime(2026, 3, 1, 5, 0, 0, DateTimeKind.Utc), contract.Id),
            Entry("Dentro: 01/03 23:59 en Bogotá", new DateTime(2026, 3, 2, 4, 59, 59, DateTimeKind.Utc), contract.Id),
            Entry("Otro contrato", new DateTime(2026, 3, 1, 15, 0, 0, DateTimeKind.Utc), other.Id),
            Entry("Después: 02/03 00:00 en Bogotá", new DateTime(2026, 3, 2, 5, 0, 0, DateTimeKind.Utc), contract.Id),
        ]);
        using var admin = await portal.Factory.SignedInAsync(DemoAccounts.Admin);

        var page = await PortalHttp.GetPageAsync(admin, $"{AuditPage}?usuario={Uri.EscapeDataString(user.Email!)}&contrato={Uri.EscapeDataString(contract.Number)}&desde=01/03/2026&hasta=01/03/2026");
        Assert.Equal(["Dentro: 01/03 23:59 en Bogotá", "Dentro: 01/03 00:00 en Bogotá"], Details(page));
        Assert.Equal(contract.Number, page.GetElementById("contrato")!.GetAttribute("value"));

        var all = await PortalHttp.GetPageAsync(admin, $"{AuditPage}?usuario={Uri.EscapeDataString(user.Email!)}&tipo=SignInFailed");
        Assert.Equal(5, Details(all).Count);

        AuditEntry Entry(string detail, DateTime at, int contractId) =>
            new AuditEntry(AuditKind.SignInFailed, at, user.Id, user.Email, null, detail).About(contractId: contractId);
    }

    [Fact]
    public async Task Wrong_filters_are_told_next_to_their_fields_and_what_was_typed_is_kept()
    {
        using var admin = await portal.Factory.SignedInAsync(DemoAccounts.Admin);
        var page = await PortalHttp.GetPageAsync(admin, $"{AuditPage}?usuario=nadie.existe%40ninguna.gov.co&contrato=NO-EXISTE-123&desde=31%2F02%2F2026&hasta=ayer&tipo=Inventado");

        Assert.Contains("Ningún usuario tiene un correo electrónico", page.GetElementById("usuario-error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("No hay un contrato con el número «NO-EXISTE-123»", page.GetElementById("contrato-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("La fecha 31/02/2026 no existe: febrero de 2026 tiene 28 días.", page.GetElementById("desde-error")?.TextContent);
        Assert.Contains("dd/mm/aaaa", page.GetElementById("hasta-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Elija un evento de la lista.", page.GetElementById("tipo-error")?.TextContent);
        Assert.Equal("nadie.existe@ninguna.gov.co", page.GetElementById("usuario")!.GetAttribute("value"));
        Assert.Equal("31/02/2026", page.GetElementById("desde")!.GetAttribute("value"));
        Assert.Equal("ayer", page.GetElementById("hasta")!.GetAttribute("value"));
        Assert.Equal("true", page.GetElementById("desde")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.GetElementById("errores"));
        Assert.Empty(page.QuerySelectorAll("#auditoria tbody tr"));
        Assert.All(page.QuerySelectorAll("form[role=search] input, form[role=search] select"), control =>
            Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']")));

        var backwards = await PortalHttp.GetPageAsync(admin, $"{AuditPage}?desde=02%2F03%2F2026&hasta=01%2F03%2F2026");
        Assert.Equal("La fecha final es anterior a la inicial.", backwards.GetElementById("hasta-error")?.TextContent);
    }

    [Fact]
    public async Task The_csv_holds_every_entry_of_the_filter_in_spanish_with_a_bom_and_formulas_made_inert()
    {
        var user = await TestUsers.CreateAsync(portal.Factory, PortalRoles.Supervisor);
        var start = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc);

        // More rows than one export batch, so the batches must join with nothing lost or repeated.
        const int count = AuditLogQuery.ExportBatch * 2 + 3;
        await portal.AddEntriesAsync(Enumerable.Range(0, count).Select(i =>
            new AuditEntry(AuditKind.UserChanged, start.AddSeconds(i / 2), user.Id, i == 0 ? "=cmd|' /C calc'!A0" : user.Email, "198.51.100.70", i switch
            {
                0 => "=HYPERLINK(\"http://ejemplo.invalid\",\"clic\")",
                1 => "+SUM(A1:A2)",
                2 => "@SUM(A1)",
                3 => "-1+1, con coma y \"comillas\"",
                _ => $"Cambio {i:D4}",
            })));
        using var admin = await portal.Factory.SignedInAsync(DemoAccounts.Admin);

        using var response = await admin.GetAsync(new Uri($"{AuditPage}/csv?usuario={Uri.EscapeDataString(user.Email!)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^auditoria-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", AdminAuditController.CsvColumns), lines[0]);
        Assert.StartsWith("Id del registro,Fecha y hora (Bogotá),Evento", lines[0], StringComparison.Ordinal);
        var rows = lines.Skip(1).ToList();
        Assert.Equal(count, rows.Count);
        Assert.Equal(count, rows.Select(r => r.Split(',')[0]).Distinct().Count());
        Assert.Contains(rows, r => r.Contains(",'=HYPERLINK(", StringComparison.Ordinal) || r.Contains("\"'=HYPERLINK(", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",'=cmd|' /C calc'!A0,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith(",'+SUM(A1:A2)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith(",'@SUM(A1)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith(",\"'-1+1, con coma y \"\"comillas\"\"\"", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(",=", StringComparison.Ordinal) || r.Contains(",+", StringComparison.Ordinal) || r.Contains(",@", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains($",{BogotaTime.ToBogota(start).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)},Usuario modificado,UserChanged,", StringComparison.Ordinal));

        // A filter that does not read goes back to the screen, which says why.
        using var wrong = await admin.GetAsync(new Uri($"{AuditPage}/csv?desde=ayer", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
    }

    private static List<string> Details(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#auditoria tbody td[data-label=Detalle]").Select(td => td.ChildNodes[0].TextContent.Trim())];

    /// <summary>Fails every INSERT into the audit table: a database that cannot write the entry.</summary>
    private sealed class RefuseAuditInserts : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Refuse(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Refuse(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private static void Refuse(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The audit entry could not be written.");
            }
        }
    }
}

[Collection(SqliteAuditPortal.Name)]
public sealed class AuditLogStoreSqliteTests(SqliteAuditPortal portal) : AuditLogStoreTests(portal);

[Collection(PostgresAuditPortal.Name)]
public sealed class AuditLogStorePostgresTests(PostgresAuditPortal portal) : AuditLogStoreTests(portal);
