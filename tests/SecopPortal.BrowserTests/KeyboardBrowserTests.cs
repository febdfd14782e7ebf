using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Contracts;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Filing and review with the keyboard only (issue 11): Tab, Shift+Tab, Enter, arrows and typing, never a click nor a
/// Fill. After each answer of the server the focus is where a screen reader user needs it: on the error summary after
/// a refused submit, on the success message after an accepted one, on the document just attached after "Anexar".
/// The file itself is given to the focused file input (a file dialog cannot be driven in headless Chromium). Each test
/// works on a contract or request of its own, so the demo data stays as other tests expect it.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class KeyboardBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private const string Password = "Contratista.Prueba2026!";

    [Fact]
    public async Task A_contractor_files_crear_anexar_confirmar_enviar_with_the_keyboard_and_the_focus_follows_each_answer()
    {
        var (account, contractId) = await NewContractAsync();
        await using var session = await fixture.NewSessionAsync(nameof(A_contractor_files_crear_anexar_confirmar_enviar_with_the_keyboard_and_the_focus_follows_each_answer), output);
        var page = session.Page;
        await page.SignInAsync(account);
        await page.GotoAsync($"/contratos/{contractId}/pagos/crear");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Crear cuenta de cobro · Id de pago 1", Level = 1 })).ToBeVisibleAsync();

        // "Anexar" with nothing chosen: the page comes back with the summary focused, naming both fields.
        await TabToAsync(page, "button[value=anexar]");
        await page.Keyboard.PressAsync("Enter");
        var summary = page.Locator("#errores");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("li")).ToHaveCountAsync(2);
        await Expect(summary.Locator("li a[href='#Upload_Type']")).ToHaveTextAsync("Tipo de documento: Seleccione el tipo de documento que va a anexar.");
        await Expect(summary.Locator("li a[href='#Upload_File']")).ToHaveTextAsync("Archivo: Busque el documento en su equipo y selecciónelo antes de pulsar «Anexar».");
        await session.ScreenshotAsync("anexar-sin-archivo");

        // The reception date may not be ahead of today (in the first days of a month the proposal can be).
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
        foreach (var id in new[] { "Input_IssuedOn", "Input_ReceivedOn" })
        {
            if (await DateOfAsync(page, id) > today)
            {
                await TabToAsync(page, $"#{id}");
                await TypeDateAsync(page, today);
            }
        }

        // Every required document: Tipo de documento (arrows), Archivo, Anexar; the focus lands on the new row.
        var documents = PaymentRequestRules.RequiredDocuments(PersonType.NaturalPerson, isFirstPayment: true).Select(t => t.ToLabel()).ToList();
        for (var i = 0; i < documents.Count; i++)
        {
            var type = documents[i];
            var fileName = $"{Artifacts.Slug(type).ToLowerInvariant()}.pdf";
            await TabToAsync(page, "#Upload_Type");
            await ChooseAsync(page, type);
            await TabToAsync(page, "#Upload_File");
            await page.Locator("#Upload_File:focus").SetInputFilesAsync(TestDocuments.Pdf(fileName, type));
            await TabToAsync(page, "button[value=anexar]");
            await page.Keyboard.PressAsync("Enter");

            var row = page.Locator(".pr-documents tbody tr", new() { HasText = fileName });
            await Expect(row).ToBeFocusedAsync();
            await Expect(page.Locator("[data-announcer]")).ToContainTextAsync($"«{fileName}»");
            if (i == 0)
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cuenta de cobro · Id de pago 1", Level = 1 })).ToBeVisibleAsync();
                await session.ScreenshotAsync("primer-documento-anexado-foco");
            }
        }

        // Confirmar: the answer's message takes the focus.
        await TabToAsync(page, "button[value=confirmar]");
        await page.Keyboard.PressAsync("Enter");
        var flash = page.Locator("#contenido > [data-flash]");
        await Expect(flash).ToBeFocusedAsync();
        await Expect(page.Locator(".pr-head__status .badge")).ToHaveTextAsync(PaymentRequestStatus.PendingRegistration.ToLabel());
        await session.ScreenshotAsync("confirmada-foco");

        // Enviar: the same.
        await TabToAsync(page, "form[action$='/enviar'] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(flash).ToBeFocusedAsync();
        await Expect(page.Locator(".pr-head__status .badge")).ToHaveTextAsync(PaymentRequestStatus.Sent.ToLabel());
        await session.ScreenshotAsync("enviada-foco");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_supervisor_approves_and_rejects_with_the_keyboard_and_the_focus_follows_each_answer()
    {
        var approveCase = await ReviewCases.NewAsync(fixture);
        var rejectCase = await ReviewCases.NewAsync(fixture);
        await using var session = await fixture.NewSessionAsync(nameof(A_supervisor_approves_and_rejects_with_the_keyboard_and_the_focus_follows_each_answer), output);
        var page = session.Page;
        var flash = page.Locator("#contenido > [data-flash]");

        // Aprobar → the dialog (focus on "Volver sin aprobar") → Tab to "Sí, aprobar" → Enter: the message is focused.
        await page.SignInAsync(approveCase.Supervisor);
        await page.GotoAsync($"/revision/{approveCase.RequestId}");
        await TabToAsync(page, "#aprobar form > button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "¿Aprobar esta cuenta de cobro?" });
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Volver sin aprobar", Exact = true })).ToBeFocusedAsync();
        await ShiftTabToAsync(page, "dialog[open] button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(flash).ToBeFocusedAsync();
        await Expect(flash).ToContainTextAsync("Aprobó la cuenta de cobro con Id de pago 1.");
        await session.ScreenshotAsync("aprobada-foco");

        // Rechazar with a reason too short: the summary is focused and links to the field, which keeps what was typed.
        // Each case has a supervisor of its own.
        await using var rejectSession = await fixture.NewSessionAsync(nameof(A_supervisor_approves_and_rejects_with_the_keyboard_and_the_focus_follows_each_answer) + "-rechazar", output);
        page = rejectSession.Page;
        flash = page.Locator("#contenido > [data-flash]");
        await page.SignInAsync(rejectCase.Supervisor);
        await page.GotoAsync($"/revision/{rejectCase.RequestId}");
        await TabToAsync(page, "#Reject_Reason");
        await page.Keyboard.TypeAsync("Falta");
        await TabToAsync(page, "#rechazar button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        var summary = page.Locator("#errores");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("li")).ToHaveTextAsync(["Motivo del rechazo: Escriba el motivo del rechazo (al menos 10 caracteres) para que el contratista sepa qué corregir."]);
        await rejectSession.ScreenshotAsync("rechazo-corto-foco");
        await page.Keyboard.PressAsync("Tab");
        await Expect(summary.Locator("a[href='#Reject_Reason']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        var reason = page.Locator("#Reject_Reason");
        await Expect(reason).ToBeFocusedAsync();
        await Expect(reason).ToHaveValueAsync("Falta");
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" el informe firmado por el contratista.");
        await TabToAsync(page, "#rechazar button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(flash).ToBeFocusedAsync();
        await Expect(flash).ToContainTextAsync("Rechazó la cuenta de cobro con Id de pago 1.");
        await rejectSession.ScreenshotAsync("rechazada-foco");
        Assert.Empty(session.Problems);
        Assert.Empty(rejectSession.Problems);
    }

    [Fact]
    public async Task A_form_with_two_errors_focuses_the_summary_which_names_each_field_once_and_links_to_it()
    {
        await using var session = await fixture.NewSessionAsync(nameof(A_form_with_two_errors_focuses_the_summary_which_names_each_field_once_and_links_to_it), output);
        var page = session.Page;
        await page.GotoAsync(PortalSignIn.Path);

        await TabToAsync(page, "main form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");

        var summary = page.Locator("#errores");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("h2")).ToHaveTextAsync("Hay 2 datos por corregir");
        await Expect(summary.Locator("li")).ToHaveTextAsync(
        [
            "Correo electrónico: Escriba su correo electrónico.",
            "Contraseña: Escriba su contraseña.",
        ]);
        await Expect(summary.Locator("a[href='#Email']")).ToHaveCountAsync(1);
        await Expect(summary.Locator("a[href='#Password']")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("ingresar-dos-errores");

        // The second line leads to its field.
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#Password")).ToBeFocusedAsync();
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task The_notas_counter_is_read_out_only_at_milestones_not_at_every_key()
    {
        var (account, contractId) = await NewContractAsync();
        await using var session = await fixture.NewSessionAsync(nameof(The_notas_counter_is_read_out_only_at_milestones_not_at_every_key), output);
        var page = session.Page;
        await page.SignInAsync(account);
        await page.GotoAsync($"/contratos/{contractId}/pagos/crear");
        var counter = page.Locator("#Input_Notes-count");
        await Expect(counter).ToHaveTextAsync("0 de 2.000 caracteres");
        await Expect(counter).Not.ToHaveAttributeAsync("aria-live", "polite");

        // Far from the limit: the count changes on screen, nothing is read out.
        await TabToAsync(page, "#Input_Notes");
        await page.Keyboard.TypeAsync("Cobro del mes.");
        await Expect(counter).ToHaveTextAsync("14 de 2.000 caracteres");
        await page.WaitForTimeoutAsync(1000);
        var announced = await page.Locator("[data-announcer]").AllTextContentsAsync();
        Assert.True(announced.Count == 0 || announced[0].Length == 0, $"Read out while typing: {string.Join(" ", announced)}");

        // Near it: once the typing pauses, "Quedan 100 caracteres." is read out, once.
        await page.Keyboard.InsertTextAsync(new string('x', 2000 - 14 - 101));
        await page.Keyboard.TypeAsync("y");
        await Expect(counter).ToHaveTextAsync("1.900 de 2.000 caracteres");
        await Expect(page.Locator("[data-announcer]")).ToHaveTextAsync("Quedan 100 caracteres.");
        await page.Keyboard.TypeAsync("zz");
        await page.WaitForTimeoutAsync(1000);
        await Expect(page.Locator("[data-announcer]")).ToHaveTextAsync("Quedan 100 caracteres.");
        await page.Keyboard.InsertTextAsync(new string('x', 97));
        await page.Keyboard.TypeAsync("y");
        await Expect(page.Locator("[data-announcer]")).ToHaveTextAsync("Llegó al límite de 2.000 caracteres.");
        Assert.Empty(session.Problems);
    }

    // ─── Keyboard ──────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>.</summary>
    private static Task TabToAsync(IPage page, string selector) => MoveFocusToAsync(page, selector, "Tab");

    private static Task ShiftTabToAsync(IPage page, string selector) => MoveFocusToAsync(page, selector, "Shift+Tab");

    private static async Task MoveFocusToAsync(IPage page, string selector, string key)
    {
        for (var presses = 0; presses < 200; presses++)
        {
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(key);
        }

        Assert.Fail($"{key} never reached {selector}");
    }

    /// <summary>Chooses an option of the focused (closed) select with the arrow keys.</summary>
    private static async Task ChooseAsync(IPage page, string option)
    {
        await page.Keyboard.PressAsync("Home");
        for (var presses = 0; presses < 40; presses++)
        {
            if (await page.EvaluateAsync<string>("() => document.activeElement.selectedOptions[0].textContent.trim()") == option)
            {
                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Fail($"The arrows never reached «{option}»");
    }

    /// <summary>Types a date into the focused field: dd/mm/aaaa in a text field, the day, month and year segments of a date input.</summary>
    private static async Task TypeDateAsync(IPage page, DateOnly date)
    {
        var type = await page.EvaluateAsync<string>("() => document.activeElement.type");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(type == "text"
            ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)
            : date.ToString("ddMMyyyy", CultureInfo.InvariantCulture));
    }

    private static async Task<DateOnly?> DateOfAsync(IPage page, string id)
    {
        var value = await page.Locator($"#{id}").InputValueAsync();
        return DateOnly.TryParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    // ─── Data ──────────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// A contractor of the test's own (persona natural) with a supply contract in execution: no PILA to prove, so the
    /// documents are all Confirmar asks for. The contract's supervisor is the demo one.
    /// </summary>
    private async Task<(DemoAccount Account, int ContractId)> NewContractAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"teclado.{Guid.NewGuid():N}@secop.test";
        var contractor = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = "Contratista del teclado",
            PersonType = PersonType.NaturalPerson,
            CreatedAtUtc = DateTime.UtcNow,
        };
        Check(await users.CreateAsync(contractor, Password));
        Check(await users.AddToRoleAsync(contractor, PortalRoles.Contractor));
        var supervisor = await users.FindByEmailAsync(DemoAccounts.Supervisor.Email) ?? throw new InvalidOperationException("No demo supervisor.");

        var today = BogotaTime.Today(TimeProvider.System);
        var starts = new DateOnly(today.Year, 1, 1);
        var details = new ContractDetails(
            $"CO1.PCCNTR.K{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}", "Suministro de papelería para la oficina de archivo.",
            ContractType.Supply, ContractModality.DirectContracting, 24_000_000m, 2_000_000m,
            starts.AddDays(-5), starts, starts.AddMonths(12).AddDays(-1), "CDP-2026-0312", "RP-2026-0458", false);
        var contract = new Contract(await db.PublicEntities.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(), details, contractor.Id, PersonType.NaturalPerson, supervisor.Id, DateTime.UtcNow);
        contract.StartExecution();
        db.Contracts.Add(contract);
        await db.SaveChangesAsync();
        return (new DemoAccount(email, Password, contractor.FullName), contract.Id);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
