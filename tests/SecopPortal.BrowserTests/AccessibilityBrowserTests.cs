using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Domain.Contracts;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Issue 11, first point: axe-core (WCAG 2.0/2.1 A and AA plus best practices) and the no-sideways-scroll check on every
/// page of every role (<see cref="AccessibilityInventory"/>), in its empty, error and filled states, at 1280×800, 390×844
/// and 320×640. Each role's test collects all its failures and fails once with the list.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly ConditionalWeakTable<PortalBrowserFixture, Task<AccessibilityWorld>> Worlds = [];

    private const string NoMatch = "zzzz-sin-resultados";

    [Fact]
    public void Every_GET_route_of_the_app_is_in_the_accessibility_inventory()
    {
        var served = AccessibilityInventory.ServedGetPatterns(fixture);
        var listed = AccessibilityInventory.Pages.Select(p => p.Pattern).Concat(AccessibilityInventory.NotPages.Select(p => p.Pattern)).ToHashSet(StringComparer.Ordinal);
        var missing = served.Where(p => !listed.Contains(p)).ToList();
        var stale = AccessibilityInventory.Pages.Where(p => !p.OnlyIfServed).Select(p => p.Pattern)
            .Concat(AccessibilityInventory.NotPages.Select(p => p.Pattern))
            .Where(p => !served.Contains(p)).Distinct().ToList();
        var notYet = AccessibilityInventory.Pages.Where(p => p.OnlyIfServed && !served.Contains(p.Pattern)).Select(p => p.Pattern).ToList();
        output.WriteLine($"{served.Count} GET routes served; {AccessibilityInventory.Pages.Count} inventory page entries, {AccessibilityInventory.NotPages.Count} routes that answer no page.");
        output.WriteLine(notYet.Count == 0 ? "Every listed page is served." : $"Listed but not served yet (checked once they are): {string.Join(", ", notYet)}");
        Assert.True(missing.Count == 0, $"GET routes missing from AccessibilityInventory (add each as a page with its roles, or as NotAPage with why): {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"AccessibilityInventory lists routes the app does not serve: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Anonymous_pages_pass_axe_and_fit_every_viewport()
    {
        var ids = await DemoIdsAsync();
        await using var session = await fixture.NewSessionAsync(nameof(Anonymous_pages_pass_axe_and_fit_every_viewport), output);
        var sweep = new AccessibilitySweep(session.Page, "anonymous", output);
        await StaticPagesAsync(sweep, Who.Anonymous);

        await sweep.VisitAsync("/cuenta/iniciar-sesion", "empty", PortalSignIn.Path);
        await sweep.CheckAsync("/cuenta/iniciar-sesion", "error (empty form)", async page =>
        {
            await page.GotoAsync(PortalSignIn.Path);
            await AccessibilitySweep.SubmitAsync(page, "Iniciar sesión");
        });
        await sweep.CheckAsync("/cuenta/iniciar-sesion", "error (wrong password)", async page =>
        {
            await page.GotoAsync(PortalSignIn.Path);
            await page.GetByLabel("Correo electrónico", new() { Exact = true }).FillAsync("nadie.accesibilidad@secop.test");
            await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync("No-es-la-clave-2026!");
            await AccessibilitySweep.SubmitAsync(page, "Iniciar sesión");
        });
        await sweep.VisitAsync("/publico/contratos", "filled", "/publico/contratos");
        await sweep.VisitAsync("/publico/contratos", "empty (a search matching nothing)", $"/publico/contratos?q={NoMatch}");
        await sweep.VisitAsync("/publico/contratos/{id}", "filled (a contract with payments)", $"/publico/contratos/{ids.Running}");
        await sweep.VisitAsync("/publico/contratos/{id}", "filled (a supply contract with invoices)", $"/publico/contratos/{ids.Supply}");
        await FinishAsync(sweep, Who.Anonymous);
    }

    [Fact]
    public async Task Contractor_pages_pass_axe_and_fit_every_viewport()
    {
        var ids = await DemoIdsAsync();
        var world = await WorldAsync();
        await using var session = await fixture.NewSessionAsync(nameof(Contractor_pages_pass_axe_and_fit_every_viewport), output);
        var sweep = new AccessibilitySweep(session.Page, "contractor (persona natural)", output);
        await session.Page.SignInAsync(DemoAccounts.Contractor);
        await StaticPagesAsync(sweep, Who.Contractor);
        await ChangePasswordErrorAsync(sweep);

        await sweep.VisitAsync("/contratos", "filled", "/contratos");
        await sweep.CheckAsync("/contratos", "empty (a filter matching nothing)", page => FilterContractsAsync(page, ContractStatus.Suspended));
        await sweep.VisitAsync("/contratos/{id}", "filled (two earlier payments)", $"/contratos/{ids.Running}");
        await sweep.VisitAsync("/contratos/{id}", "filled (terminated)", $"/contratos/{ids.Finished}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/{id}", "filled (paid, attachments and history)", $"/contratos/{ids.Running}/pagos/{ids.RunningFirst}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/{id}", "filled (approved)", $"/contratos/{ids.Running}/pagos/{ids.RunningSecond}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/crear", "empty (new form)", $"/contratos/{ids.Fresh}/pagos/crear");
        await sweep.VisitAsync("/contratos/{contractId}/documentos/nuevo", "empty (new form)", $"/contratos/{ids.Running}/documentos/nuevo");
        await sweep.CheckAsync("/contratos/{contractId}/documentos/nuevo", "error (no description, no file)", async page =>
        {
            await page.GotoAsync($"/contratos/{ids.Running}/documentos/nuevo");
            await AccessibilitySweep.SubmitAsync(page, "Anexar");
        });

        // The sweep's own contractor: a draft with attachments, a request sent for review, a document, notifications.
        await using var own = await fixture.NewSessionAsync(nameof(Contractor_pages_pass_axe_and_fit_every_viewport) + "-own", output);
        var ownSweep = new AccessibilitySweep(own.Page, "contractor (own data)", output);
        await own.Page.SignInAsync(world.Contractor);
        await ownSweep.VisitAsync("/notificaciones", "filled (read and unread)", "/notificaciones");
        await ownSweep.VisitAsync("/contratos/{contractId}/pagos/{id}", "filled (draft with attachments)", $"/contratos/{world.DraftContractId}/pagos/{world.DraftRequestId}");
        await ownSweep.CheckAsync("/contratos/{contractId}/pagos/{id}", "error (draft saved with bad input)", async page =>
        {
            await page.GotoAsync($"/contratos/{world.DraftContractId}/pagos/{world.DraftRequestId}");
            await BreakPaymentFormAsync(page);
            await AccessibilitySweep.SubmitAsync(page, "Guardar");
        });
        await ownSweep.VisitAsync("/contratos/{contractId}/pagos/{id}", "filled (sent, with history)", $"/contratos/{world.SentContractId}/pagos/{world.SentRequestId}");
        await ownSweep.VisitAsync("/contratos/{contractId}/pagos/crear", "empty (first payment)", $"/contratos/{world.EmptyContractId}/pagos/crear");
        await ownSweep.CheckAsync("/contratos/{contractId}/pagos/crear", "error (bad input)", async page =>
        {
            await page.GotoAsync($"/contratos/{world.EmptyContractId}/pagos/crear");
            await BreakPaymentFormAsync(page);
            await AccessibilitySweep.SubmitAsync(page, "Guardar");
        });
        await ownSweep.VisitAsync("/contratos/{contractId}/documentos/{documentId}", "filled", $"/contratos/{world.SentContractId}/documentos/{world.ExecutionDocumentId}");
        await ownSweep.VisitAsync("/contratos/{id}", "filled (a document and a request sent)", $"/contratos/{world.SentContractId}");
        await FinishAsync(sweep, Who.Contractor, ownSweep);
    }

    [Fact]
    public async Task Contractor2_pages_pass_axe_and_fit_every_viewport()
    {
        var ids = await DemoIdsAsync();
        await using var session = await fixture.NewSessionAsync(nameof(Contractor2_pages_pass_axe_and_fit_every_viewport), output);
        var sweep = new AccessibilitySweep(session.Page, "contractor2", output);
        await session.Page.SignInAsync(DemoAccounts.Contractor2);
        await StaticPagesAsync(sweep, Who.Contractor2);
        await sweep.VisitAsync("/contratos", "filled (one contract)", "/contratos");
        await sweep.CheckAsync("/contratos", "empty (a filter matching nothing)", page => FilterContractsAsync(page, ContractStatus.Terminated));
        await sweep.VisitAsync("/contratos/{id}", "filled (no payments yet)", $"/contratos/{ids.Second}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/crear", "empty (new form)", $"/contratos/{ids.Second}/pagos/crear");
        await FinishAsync(sweep, Who.Contractor2);
    }

    [Fact]
    public async Task Provider_pages_pass_axe_and_fit_every_viewport()
    {
        var ids = await DemoIdsAsync();
        await using var session = await fixture.NewSessionAsync(nameof(Provider_pages_pass_axe_and_fit_every_viewport), output);
        var sweep = new AccessibilitySweep(session.Page, "provider (persona jurídica)", output);
        await session.Page.SignInAsync(DemoAccounts.Provider);
        await StaticPagesAsync(sweep, Who.Provider);
        await sweep.VisitAsync("/contratos", "filled", "/contratos");
        await sweep.CheckAsync("/contratos", "empty (a filter matching nothing)", page => FilterContractsAsync(page, ContractStatus.Closed));
        await sweep.VisitAsync("/contratos/{id}", "filled (supply contract)", $"/contratos/{ids.Supply}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/crear", "empty (new form with invoice fields)", $"/contratos/{ids.Supply}/pagos/crear");
        await sweep.VisitAsync("/contratos/{contractId}/documentos/nuevo", "empty (new form)", $"/contratos/{ids.Supply}/documentos/nuevo");
        await FinishAsync(sweep, Who.Provider);
    }

    [Fact]
    public async Task Supervisor_pages_pass_axe_and_fit_every_viewport()
    {
        var ids = await DemoIdsAsync();
        var world = await WorldAsync();
        await using var session = await fixture.NewSessionAsync(nameof(Supervisor_pages_pass_axe_and_fit_every_viewport), output);
        var sweep = new AccessibilitySweep(session.Page, "supervisor", output);
        await session.Page.SignInAsync(DemoAccounts.Supervisor);
        await StaticPagesAsync(sweep, Who.Supervisor);
        await sweep.VisitAsync("/contratos", "filled", "/contratos");
        await sweep.VisitAsync("/contratos/{id}", "filled (two earlier payments)", $"/contratos/{ids.Running}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/{id}", "filled (paid)", $"/contratos/{ids.Running}/pagos/{ids.RunningFirst}");
        await sweep.VisitAsync("/revision/{id}", "filled (approved, to mark as paid)", $"/revision/{ids.RunningSecond}");
        await sweep.VisitAsync("/contratos/{contractId}/documentos/nuevo", "empty (new form)", $"/contratos/{ids.Running}/documentos/nuevo");

        await using var own = await fixture.NewSessionAsync(nameof(Supervisor_pages_pass_axe_and_fit_every_viewport) + "-own", output);
        var ownSweep = new AccessibilitySweep(own.Page, "supervisor (own data)", output);
        await own.Page.SignInAsync(world.Supervisor);
        await ownSweep.VisitAsync("/revision", "filled (one request to review)", "/revision");
        await ownSweep.VisitAsync("/revision/{id}", "filled (sent, to review)", $"/revision/{world.SentRequestId}");
        await ownSweep.CheckAsync("/revision/{id}", "error (Rechazar without a reason)", async page =>
        {
            await page.GotoAsync($"/revision/{world.SentRequestId}");
            await AccessibilitySweep.SubmitAsync(page, "Rechazar");
        });
        await ownSweep.CheckAsync("/revision/{id}", "filled (Aprobar asks to confirm, no JavaScript path)", async page =>
        {
            await page.GotoAsync($"/revision/{world.SentRequestId}");
            await AccessibilitySweep.SubmitAsync(page, "Aprobar");
        });
        await ownSweep.VisitAsync("/contratos/{contractId}/documentos/{documentId}", "filled", $"/contratos/{world.SentContractId}/documentos/{world.ExecutionDocumentId}");

        await using var idle = await fixture.NewSessionAsync(nameof(Supervisor_pages_pass_axe_and_fit_every_viewport) + "-idle", output);
        var idleSweep = new AccessibilitySweep(idle.Page, "supervisor (nothing to review)", output);
        await idle.Page.SignInAsync(world.IdleSupervisor);
        await idleSweep.VisitAsync("/revision", "empty", "/revision");
        await idleSweep.VisitAsync("/contratos", "empty", "/contratos");
        await FinishAsync(sweep, Who.Supervisor, ownSweep, idleSweep);
    }

    [Fact]
    public async Task Admin_pages_pass_axe_and_fit_every_viewport()
    {
        var ids = await DemoIdsAsync();
        var world = await WorldAsync();
        await using var session = await fixture.NewSessionAsync(nameof(Admin_pages_pass_axe_and_fit_every_viewport), output);
        var sweep = new AccessibilitySweep(session.Page, "admin", output);
        await session.Page.SignInAsync(DemoAccounts.Admin);
        await StaticPagesAsync(sweep, Who.Admin);

        await sweep.VisitAsync("/contratos", "filled (every contract)", "/contratos");
        await sweep.VisitAsync("/contratos/{id}", "filled", $"/contratos/{ids.Running}");
        await sweep.VisitAsync("/contratos/{contractId}/pagos/{id}", "filled (paid)", $"/contratos/{ids.Running}/pagos/{ids.RunningFirst}");

        await sweep.VisitAsync("/administracion/usuarios", "filled", "/administracion/usuarios");
        await sweep.VisitAsync("/administracion/usuarios", "empty (a search matching nothing)", $"/administracion/usuarios?buscar={NoMatch}");
        await sweep.VisitAsync("/administracion/usuarios/nuevo", "empty (new form)", "/administracion/usuarios/nuevo");
        await sweep.CheckAsync("/administracion/usuarios/nuevo", "error (empty form)", async page =>
        {
            await page.GotoAsync("/administracion/usuarios/nuevo");
            await AccessibilitySweep.SubmitAsync(page, "Crear usuario");
        });
        await sweep.VisitAsync("/administracion/usuarios/{id}/editar", "filled", $"/administracion/usuarios/{ids.Contractor2User}/editar");
        await sweep.CheckAsync("/administracion/usuarios/{id}/editar", "error (name cleared)", async page =>
        {
            await page.GotoAsync($"/administracion/usuarios/{ids.Contractor2User}/editar");
            await page.Locator("#Input_FullName").FillAsync(string.Empty);
            await AccessibilitySweep.SubmitAsync(page, "Guardar");
        });

        await sweep.VisitAsync("/administracion/contratos", "filled", "/administracion/contratos");
        await sweep.VisitAsync("/administracion/contratos", "empty (a search matching nothing)", $"/administracion/contratos?buscar={NoMatch}");
        await sweep.VisitAsync("/administracion/contratos/nuevo", "empty (new form)", "/administracion/contratos/nuevo");
        await sweep.CheckAsync("/administracion/contratos/nuevo", "error (empty form)", async page =>
        {
            await page.GotoAsync("/administracion/contratos/nuevo");
            await AccessibilitySweep.SubmitAsync(page, "Crear contrato");
        });
        await sweep.VisitAsync("/administracion/contratos/{id}/editar", "filled", $"/administracion/contratos/{ids.Running}/editar");
        await sweep.CheckAsync("/administracion/contratos/{id}/editar", "error (purpose cleared)", async page =>
        {
            await page.GotoAsync($"/administracion/contratos/{ids.Running}/editar");
            await page.Locator("#Input_Purpose").FillAsync(string.Empty);
            await AccessibilitySweep.SubmitAsync(page, "Guardar");
        });

        await sweep.VisitAsync("/administracion/entidades", "filled", "/administracion/entidades");
        await sweep.VisitAsync("/administracion/entidades", "empty (a search matching nothing)", $"/administracion/entidades?buscar={NoMatch}");
        await sweep.VisitAsync("/administracion/entidades/nueva", "empty (new form)", "/administracion/entidades/nueva");
        await sweep.CheckAsync("/administracion/entidades/nueva", "error (empty form)", async page =>
        {
            await page.GotoAsync("/administracion/entidades/nueva");
            await AccessibilitySweep.SubmitAsync(page, "Crear entidad");
        });
        await sweep.VisitAsync("/administracion/entidades/{id}/editar", "filled", $"/administracion/entidades/{ids.Entity}/editar");
        await sweep.CheckAsync("/administracion/entidades/{id}/editar", "error (name cleared)", async page =>
        {
            await page.GotoAsync($"/administracion/entidades/{ids.Entity}/editar");
            await page.Locator("#Name").FillAsync(string.Empty);
            await AccessibilitySweep.SubmitAsync(page, "Guardar");
        });
        await sweep.VisitAsync("/administracion/entidades/{id}/documentos", "filled", $"/administracion/entidades/{ids.Entity}/documentos");

        await sweep.VisitAsync("/administracion/festivos", "filled", "/administracion/festivos");
        await sweep.VisitAsync("/administracion/festivos", "empty (a year without holidays)", "/administracion/festivos?anio=9001");
        await sweep.CheckAsync("/administracion/festivos", "error (empty form)", async page =>
        {
            await page.GotoAsync("/administracion/festivos");
            await AccessibilitySweep.SubmitAsync(page, "Agregar festivo");
        });
        var newYear = $"{DateTime.UtcNow.Year}-01-01";
        await sweep.VisitAsync("/administracion/festivos/retirar", "filled (Año Nuevo)", $"/administracion/festivos/retirar?fecha={newYear}");
        await sweep.CheckAsync("/administracion/festivos/retirar", "error (no legal basis)", async page =>
        {
            await page.GotoAsync($"/administracion/festivos/retirar?fecha={newYear}");
            await AccessibilitySweep.SubmitAsync(page, "Retirar festivo");
        });
        await sweep.VisitAsync("/administracion/festivos/cambios/{id}/deshacer", "filled", $"/administracion/festivos/cambios/{world.HolidayChangeId}/deshacer");

        await sweep.VisitAsync("/administracion/auditoria", "filled", "/administracion/auditoria");
        await sweep.VisitAsync("/administracion/auditoria", "empty (a filter matching nothing)", $"/administracion/auditoria?usuario={NoMatch}");
        await sweep.VisitAsync("/administracion/auditoria", "error (an impossible date)", "/administracion/auditoria?desde=31%2F02%2F2026");
        await FinishAsync(sweep, Who.Admin);
    }

    /// <summary>The inventory's pages with a URL, for <paramref name="who"/> (those of another branch once served).</summary>
    private async Task StaticPagesAsync(AccessibilitySweep sweep, Who who)
    {
        var served = AccessibilityInventory.ServedGetPatterns(fixture);
        foreach (var entry in AccessibilityInventory.Pages.Where(p => p.Url is not null && p.Roles.HasFlag(who)))
        {
            if (entry.OnlyIfServed && !served.Contains(entry.Pattern))
            {
                output.WriteLine($"not served yet, not checked: {entry.Pattern}");
                continue;
            }

            await sweep.VisitAsync(entry.Pattern, entry.State, entry.Url!, entry.Status);
        }
    }

    private static async Task ChangePasswordErrorAsync(AccessibilitySweep sweep) =>
        await sweep.CheckAsync("/cuenta/cambiar-contrasena", "error (empty form)", async page =>
        {
            await page.GotoAsync("/cuenta/cambiar-contrasena");
            await AccessibilitySweep.SubmitAsync(page, "Cambiar contraseña");
        });

    /// <summary>Chooses a status in the contract list's filter and sends it, as a user does.</summary>
    private static async Task FilterContractsAsync(Microsoft.Playwright.IPage page, ContractStatus status)
    {
        await page.GotoAsync("/contratos");
        await page.GetByLabel("Estado", new() { Exact = true }).SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = status.ToLabel() });
        await AccessibilitySweep.SubmitAsync(page, "Filtrar");
    }

    /// <summary>Puts values the server refuses in the payment request form: a PILA number with letters, no period start.</summary>
    private static async Task BreakPaymentFormAsync(Microsoft.Playwright.IPage page) => await page.EvaluateAsync(
        """
        () => {
            const set = (id, value) => { const e = document.getElementById(id); if (e) e.value = value; };
            set('Input_PilaNumber', 'abc');
            set('Input_PeriodFrom', '');
            set('Input_PeriodTo', '');
        }
        """);

    /// <summary>Fails when a page the inventory gives this role was not checked, then with every collected failure.</summary>
    private async Task FinishAsync(AccessibilitySweep sweep, Who who, params AccessibilitySweep[] more)
    {
        var served = AccessibilityInventory.ServedGetPatterns(fixture);
        var sweeps = new[] { sweep }.Concat(more).ToList();
        var checkedPatterns = sweeps.SelectMany(s => s.CheckedPatterns).ToHashSet(StringComparer.Ordinal);
        var forgotten = AccessibilityInventory.Pages
            .Where(p => p.Roles.HasFlag(who) && (!p.OnlyIfServed || served.Contains(p.Pattern)) && !checkedPatterns.Contains(p.Pattern))
            .Select(p => p.Pattern).Distinct().ToList();
        await WriteFindingsAsync(who, sweeps);
        var failures = new List<Exception>();
        foreach (var each in sweeps)
        {
            try
            {
                each.ThrowIfAnyFailed();
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e);
            }
        }

        output.WriteLine($"axe totals for role {who}: {sweeps.Sum(s => s.States)} page states, {sweeps.Sum(s => s.AxeRuns)} axe runs, {sweeps.Sum(s => s.Violations)} violations, {sweeps.Sum(s => s.SidewaysScrolls)} sideways scrolls.");
        Assert.True(forgotten.Count == 0, $"The inventory gives {who} these pages, which its test did not check: {string.Join(", ", forgotten)}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Select(f => f.Message)));
    }

    /// <summary>The role's failures as a Markdown table in artifacts/axe/&lt;role&gt;.md (rewritten each run).</summary>
    private static async Task WriteFindingsAsync(Who who, IEnumerable<AccessibilitySweep> sweeps)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Artifacts.ScreenshotsFolder)!, "axe");
        Directory.CreateDirectory(folder);
        var lines = new List<string> { $"# axe findings: {who}", string.Empty, "| role | page [state] | viewport | rule | impact | detail |", "|---|---|---|---|---|---|" };
        lines.AddRange(sweeps.SelectMany(s => s.Findings));
        await File.WriteAllLinesAsync(Path.Combine(folder, $"{who}.md"), lines);
    }

    private Task<AccessibilityWorld> WorldAsync() => Worlds.GetValue(fixture, AccessibilityWorld.CreateAsync);

    private sealed record DemoIds(int Running, int Fresh, int Finished, int Second, int Supply, int RunningFirst, int RunningSecond, int Entity, Guid Contractor2User);

    private async Task<DemoIds> DemoIdsAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var running = await fixture.ContractIdAsync("CO1.PCCNTR.7034218");
        var requests = await db.PaymentRequests.Where(r => r.ContractId == running).OrderBy(r => r.Sequence).Select(r => r.Id).Take(2).ToListAsync();
        var contractor2 = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(DemoAccounts.Contractor2Email);
        return new DemoIds(
            running,
            await fixture.ContractIdAsync("CO1.PCCNTR.7120451"),
            await fixture.ContractIdAsync("CO1.PCCNTR.6518877"),
            await fixture.ContractIdAsync("CO1.PCCNTR.7098832"),
            await fixture.ContractIdAsync("CO1.PCCNTR.7150093"),
            requests[0],
            requests[1],
            await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(),
            contractor2!.Id);
    }
}
