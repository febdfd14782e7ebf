using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// The monthly cycle of a cuenta de cobro in Chromium, as docs/product.md §5 draws its life, and the mistakes users
/// make most often on the form. Same app and browser as <see cref="PortalBrowserTests"/> (collection "Browser").
/// </summary>
/// <remarks>
/// Data: each test leaves the demo data as other tests expect it. <see cref="PortalBrowserTests"/> asserts that
/// CO1.PCCNTR.7120451 has no payments and that CO1.PCCNTR.7034218 has exactly two (Pagado, Aprobado), so the full
/// cycle runs on contratista2's contract CO1.PCCNTR.7098832 (persona natural, first payment, no other test reads its
/// plan), and the failing paths on CO1.PCCNTR.7034218 and the proveedor's contract delete ("Borrar") the draft they
/// create before they end.
/// </remarks>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class PaymentRequestBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>María Fernanda Torres León's contract: persona natural, $ 3.200.000 a month for 5 months, no payments yet.</summary>
    private const string CycleContract = "CO1.PCCNTR.7098832";
    private static readonly string CycleContractor = DemoAccounts.Contractor2.FullName;
    private const decimal CycleMonthlyFee = 3_200_000m;
    private const decimal CycleContractValue = CycleMonthlyFee * 5;

    /// <summary>Contratista's contract with payment 1 Pagado and payment 2 Aprobado: the next one is Id de pago 3.</summary>
    private const string ContractWithPayments = "CO1.PCCNTR.7034218";

    /// <summary>The proveedor's supply contract: persona jurídica, obliged to invoice electronically.</summary>
    private const string ProviderContract = "CO1.PCCNTR.7150093";

    private const string Rejection = "El informe de actividades no trae la firma del contratista ni la del supervisor. Anéxelo firmado.";
    private const string CorrectedNotes = "Se corrigió el informe de actividades: ahora va firmado por el contratista y el supervisor.";

    /// <summary>Every document a persona natural attaches to a first payment, with the file each test uploads.</summary>
    private static readonly (string Type, string FileName)[] FirstPaymentDocuments =
    [
        ("Cuenta de cobro o factura", "cuenta-de-cobro-pago-001.pdf"),
        ("Informe de actividades", "informe-de-actividades.pdf"),
        ("Planilla de pago de seguridad social", "planilla-pila.pdf"),
        ("Certificado de ARL vigente", "certificado-arl.pdf"),
        ("Certificación bancaria", "certificacion-bancaria.pdf"),
        ("RUT", "rut.pdf"),
        ("Soporte de pago de impuestos", "soporte-impuestos.pdf"),
    ];

    private static readonly string[] FullCycle =
    [
        "Crear", "Confirmar", "Enviar", "Rechazar", "Editar", "Confirmar", "Enviar", "Aprobar", "Marcar como pagado",
    ];

    private static readonly Regex RequestPath = Pattern(@"/contratos/(\d+)/pagos/(\d+)");

    [Fact]
    public async Task Full_monthly_cycle_create_attach_confirm_send_reject_edit_the_same_record_resend_approve_and_mark_paid()
    {
        await using var contractor = await SessionAsync("contratista");
        await using var supervisor = await SessionAsync("supervisor");
        var c = contractor.Page;
        var s = supervisor.Page;

        // ── The contractor opens the contract and "Crear" from section 7.
        await c.SignInAsync(DemoAccounts.Contractor2);
        await OpenMyContractsAsync(c);
        await OpenDetailFromListAsync(c, CycleContract);
        await c.GetByRole(AriaRole.Navigation, new() { Name = "Secciones del contrato" }).GetByRole(AriaRole.Link, new() { Name = "7 Ejecución del contrato", Exact = true }).ClickAsync();
        var execution = Section7(c);
        await Expect(execution.GetByText("Todavía no hay pagos registrados en este contrato.")).ToBeVisibleAsync();
        await contractor.ScreenshotAsync("seccion-7-sin-pagos");
        await execution.GetByRole(AriaRole.Link, new() { Name = "Crear", Exact = true }).ClickAsync();

        // ── The defaults: Pago 001, radicación 1, the monthly fee in both values, the contract's first month, business-day dates.
        await Expect(Heading(c, "Crear cuenta de cobro · Id de pago 1")).ToBeVisibleAsync();
        await Expect(c.GetByLabel("No", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(c.GetByLabel("CUFE", new() { Exact = true })).ToBeHiddenAsync();
        await Expect(Field(c, "Número de factura")).ToHaveValueAsync("Pago 001");
        await Expect(Field(c, "Número de radicación")).ToHaveValueAsync("1");
        await Expect(Field(c, "Valor neto")).ToHaveValueAsync("3.200.000");
        await Expect(Field(c, "Valor total")).ToHaveValueAsync("3.200.000");
        await Expect(Field(c, "Valor total")).Not.ToBeEditableAsync(); // mirrors Valor neto for a persona natural
        await Expect(c.Locator(".pr-balance")).ToContainTextAsync($"Valor mensual pactado: {Money.Format(CycleMonthlyFee)}");
        var today = BogotaToday();
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        Assert.Equal(firstMonth, await DateValueAsync(c, "Periodo desde"));
        Assert.Equal(firstMonth.AddMonths(1).AddDays(-1), await DateValueAsync(c, "Periodo hasta"));
        var issuedOn = await DateValueAsync(c, "Fecha de emisión");
        Assert.True(issuedOn > firstMonth.AddMonths(1).AddDays(-1) && issuedOn <= firstMonth.AddMonths(1).AddDays(10), $"Fecha de emisión {issuedOn} is the first business day after the period");
        Assert.True(issuedOn.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"Fecha de emisión {issuedOn} is a business day");
        Assert.Equal(new DateOnly(issuedOn.Year, issuedOn.Month, DateTime.DaysInMonth(issuedOn.Year, issuedOn.Month)), await DateValueAsync(c, "Fecha de vencimiento"));
        // The reception proposed is the emission date, but never later than today (Confirmar refuses a future one).
        Assert.Equal(issuedOn <= today ? issuedOn : today, await DateValueAsync(c, "Fecha de recepción original"));
        var checklist = c.Locator("#lista-de-chequeo");
        await Expect(checklist.GetByRole(AriaRole.Heading, new() { Name = "Lista de chequeo" })).ToBeVisibleAsync();
        foreach (var (type, _) in FirstPaymentDocuments)
        {
            await ExpectChecklistAsync(c, type, present: false);
        }

        await contractor.ScreenshotAsync("crear-valores-propuestos");

        // In the first days of a month the proposed emission/reception day may still be ahead; nobody radicates in the future.
        if (issuedOn > today)
        {
            await FillDateAsync(c, "Fecha de emisión", today);
            await FillDateAsync(c, "Fecha de recepción original", today);
        }

        // ── Every required document of a first payment; the first "Anexar" creates the request. The checklist turns ✓ one by one.
        for (var i = 0; i < FirstPaymentDocuments.Length; i++)
        {
            var (type, fileName) = FirstPaymentDocuments[i];
            await AttachAsync(c, type, TestDocuments.Pdf(fileName, $"{type} - {CycleContract} - {CycleContractor}"), description: i == 0 ? "Cuenta de cobro del primer mes" : null);
            await ExpectChecklistAsync(c, type, present: true);
            if (i == 0)
            {
                await Expect(c).ToHaveURLAsync(RequestPath);
                await Expect(Heading(c, "Cuenta de cobro · Id de pago 1")).ToBeVisibleAsync();
                await Expect(StatusBadge(c)).ToHaveTextAsync("En edición");
                await Expect(Flash(c)).ToContainTextAsync("Se creó la cuenta de cobro con Id de pago 1, en estado «En edición».");
                await contractor.ScreenshotAsync("primer-documento-anexado");
            }
        }

        var (contractId, requestId) = RequestIds(c.Url);
        var requestUrl = $"/contratos/{contractId}/pagos/{requestId}";
        var attachments = c.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr");
        await Expect(attachments).ToHaveCountAsync(FirstPaymentDocuments.Length);
        // Every document ✓; what Confirmar would still refuse is the planilla, and the checklist says so.
        await Expect(checklist.Locator("li.check--missing")).ToHaveCountAsync(1);
        await Expect(checklist.Locator("li.check--missing")).ToContainTextAsync("planilla de pago de seguridad social (PILA)");

        // ── The PILA fields, checked inline ("Validar" → "Consulta exitosa").
        var periodFrom = await DateValueAsync(c, "Periodo desde");
        await Field(c, "Número de planilla").FillAsync("9876543210");
        await FillDateAsync(c, "Fecha de pago de la planilla", periodFrom.AddDays(9));
        await c.Locator(".pr-check-row").GetByRole(AriaRole.Button, new() { Name = "Validar", Exact = true }).ClickAsync();
        await Expect(c.Locator("#Input_PilaNumber-check")).ToContainTextAsync("Consulta exitosa");
        await Field(c, "Notas").FillAsync("Cobro del primer mes de ejecución.");
        await contractor.ScreenshotAsync("todos-los-documentos-y-pila");

        // ── Confirmar → Pendiente de registro; Enviar → Enviado a la Entidad Estatal.
        await ConfirmAsync(c);
        await contractor.ScreenshotAsync("pendiente-de-registro");
        await SendAsync(c);
        await Expect(c.GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true })).ToHaveCountAsync(0);
        await Expect(c.GetByRole(AriaRole.Button, new() { Name = "Borrar", Exact = true })).ToHaveCountAsync(0);
        await Expect(c.GetByRole(AriaRole.Button, new() { Name = "Registro", Exact = true })).ToHaveCountAsync(0);
        await Expect(c.Locator(".pr-note")).ToContainTextAsync("Laura Méndez Ríos");
        await contractor.ScreenshotAsync("enviado");

        // ── The supervisor: the bell, "Cuentas por revisar", "Revisar".
        await s.SignInAsync(DemoAccounts.Supervisor);
        await Expect(UnreadBell(s)).ToBeVisibleAsync();
        await Expect(s.Locator(".bell__badge")).ToBeVisibleAsync();
        await supervisor.ScreenshotAsync("campana-sin-leer");
        await UnreadBell(s).ClickAsync();
        var sentNotice = Notification(s, $"Cuenta de cobro por revisar: contrato {CycleContract}, pago 1");
        await Expect(sentNotice).ToContainTextAsync("Nueva");
        await Expect(sentNotice).ToContainTextAsync($"{CycleContractor} envió a la Entidad Estatal la cuenta de cobro del contrato {CycleContract}");
        await supervisor.ScreenshotAsync("notificaciones");

        await OpenReviewFromInboxAsync(supervisor, requestId, "bandeja-cuentas-por-revisar");
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Enviado a la Entidad Estatal");
        await Expect(s.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr")).ToHaveCountAsync(FirstPaymentDocuments.Length);
        await Expect(s.GetByRole(AriaRole.Region, new() { Name = "Datos de la cuenta de cobro", Exact = true })).ToContainTextAsync("Pago 001");
        await supervisor.ScreenshotAsync("revisar");

        // A reason too short is refused next to its field, keeping what was typed; then the real reason.
        var reason = s.GetByLabel("Motivo del rechazo", new() { Exact = true });
        await reason.FillAsync("Falta");
        await s.GetByRole(AriaRole.Button, new() { Name = "Rechazar", Exact = true }).ClickAsync();
        await ExpectFieldErrorAsync(s, reason, "Escriba el motivo del rechazo (al menos 10 caracteres) para que el contratista sepa qué corregir.");
        await Expect(reason).ToHaveValueAsync("Falta");
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Enviado a la Entidad Estatal");
        await supervisor.ScreenshotAsync("motivo-muy-corto");
        await reason.FillAsync(Rejection);
        await s.GetByRole(AriaRole.Button, new() { Name = "Rechazar", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Rechazado");
        await Expect(Flash(s)).ToContainTextAsync("Rechazó la cuenta de cobro con Id de pago 1.");
        await Expect(s.Locator(".review-reason")).ToContainTextAsync(Rejection);
        await supervisor.ScreenshotAsync("rechazada");

        // ── The contractor: the bell, the reason shown prominently, "Editar" the SAME record.
        await c.GotoAsync($"/contratos/{contractId}");
        await Expect(UnreadBell(c)).ToBeVisibleAsync();
        await UnreadBell(c).ClickAsync();
        var rejectedNotice = Notification(c, $"Cuenta de cobro rechazada: contrato {CycleContract}, pago 1");
        await Expect(rejectedNotice).ToContainTextAsync("Nueva");
        await Expect(rejectedNotice).ToContainTextAsync("Motivo del rechazo: «El informe de actividades no trae la firma");
        await contractor.ScreenshotAsync("notificacion-rechazo");
        await rejectedNotice.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(c).ToHaveURLAsync(AtPath(requestUrl));
        await Expect(StatusBadge(c)).ToHaveTextAsync("Rechazado");
        var rejectionBox = c.GetByRole(AriaRole.Region, new() { Name = "Motivo del rechazo" });
        await Expect(rejectionBox).ToBeVisibleAsync();
        await Expect(rejectionBox).ToBeInViewportAsync();
        await Expect(rejectionBox.Locator(".pr-rejection__reason")).ToHaveTextAsync(Rejection);
        await contractor.ScreenshotAsync("rechazada-con-motivo");

        await rejectionBox.GetByRole(AriaRole.Button, new() { Name = "Editar", Exact = true }).ClickAsync();
        await Expect(c).ToHaveURLAsync(AtPath(requestUrl));
        await Expect(StatusBadge(c)).ToHaveTextAsync("En edición");
        await Expect(Heading(c, "Cuenta de cobro · Id de pago 1")).ToBeVisibleAsync();
        await Expect(c.GetByRole(AriaRole.Region, new() { Name = "Motivo del rechazo" })).ToContainTextAsync(Rejection);
        await Expect(Field(c, "Número de planilla")).ToHaveValueAsync("9876543210");
        await Expect(attachments).ToHaveCountAsync(FirstPaymentDocuments.Length);
        await Expect(c.GetByRole(AriaRole.Button, new() { Name = "Borrar", Exact = true })).ToHaveCountAsync(0); // sent once: no longer deletable
        await Field(c, "Notas").FillAsync(CorrectedNotes);
        await contractor.ScreenshotAsync("editar-tras-rechazo");
        await ConfirmAsync(c);
        Assert.Equal((contractId, requestId), RequestIds(c.Url));
        await SendAsync(c);
        Assert.Equal((contractId, requestId), RequestIds(c.Url));
        await Expect(c.Locator(".facts")).ToContainTextAsync(CorrectedNotes);
        await contractor.ScreenshotAsync("reenviada");

        // ── The supervisor approves with the defaults, then marks it paid with a "Soporte de pago".
        await s.GotoAsync("/notificaciones");
        await Expect(Notification(s, $"Cuenta de cobro corregida por revisar: contrato {CycleContract}, pago 1")).ToContainTextAsync("Nueva");
        await OpenReviewFromInboxAsync(supervisor, requestId, "bandeja-corregida");
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Enviado a la Entidad Estatal");
        await Expect(s.GetByRole(AriaRole.Region, new() { Name = "Datos de la cuenta de cobro", Exact = true })).ToContainTextAsync(CorrectedNotes);
        var approve = s.GetByRole(AriaRole.Region, new() { Name = "Aprobar", Exact = true });
        await Expect(approve.GetByLabel("Fecha de recepción original", new() { Exact = true })).Not.ToHaveValueAsync(string.Empty);
        await Expect(approve.GetByLabel("Registro presupuestal (RP)", new() { Exact = true })).ToHaveValueAsync(Pattern(@"^RP-\d{4}-8832$"));
        await supervisor.ScreenshotAsync("revisar-corregida");
        await approve.GetByRole(AriaRole.Button, new() { Name = "Aprobar", Exact = true }).ClickAsync();
        var approveDialog = s.GetByRole(AriaRole.Dialog, new() { Name = "¿Aprobar esta cuenta de cobro?" });
        await Expect(approveDialog).ToContainTextAsync(CycleContract);
        await approveDialog.GetByRole(AriaRole.Button, new() { Name = "Sí, aprobar", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Aprobado");
        await Expect(Flash(s)).ToContainTextAsync("Aprobó la cuenta de cobro con Id de pago 1.");
        await Expect(s.GetByRole(AriaRole.Region, new() { Name = "Aprobar", Exact = true })).ToHaveCountAsync(0);

        var paid = s.GetByRole(AriaRole.Region, new() { Name = "Marcar como pagado", Exact = true });
        await Expect(paid.GetByLabel("Fecha real de pago", new() { Exact = true })).ToHaveValueAsync(today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await paid.GetByLabel("Soporte de pago").SetInputFilesAsync(TestDocuments.Pdf("comprobante-de-egreso.pdf", $"Comprobante de egreso - {CycleContract} - pago 1"));
        await supervisor.ScreenshotAsync("aprobada");
        await paid.GetByRole(AriaRole.Button, new() { Name = "Marcar como pagado", Exact = true }).ClickAsync();
        var paidDialog = s.GetByRole(AriaRole.Dialog, new() { Name = "¿Marcar como pagada esta cuenta de cobro?" });
        await Expect(paidDialog).ToContainTextAsync("comprobante-de-egreso.pdf");
        await supervisor.ScreenshotAsync("dialogo-marcar-como-pagado");
        await paidDialog.GetByRole(AriaRole.Button, new() { Name = "Sí, marcar como pagado", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Pagado");
        await Expect(s.Locator(".review-note")).ToHaveTextAsync($"Está pagada desde el {today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.");
        var supportRow = s.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr", new() { HasText = "comprobante-de-egreso.pdf" });
        await Expect(supportRow).ToContainTextAsync("Soporte de pago");
        await ExpectTimelineAsync(s.Locator(".review-after"));
        await supervisor.ScreenshotAsync("pagada-historial");

        // ── The contractor: the bell announces approval and payment; opening the request (which marks them read)
        // shows "Pagado", the whole timeline, and then the paid amount in section 7.
        await c.GotoAsync($"/contratos/{contractId}");
        await UnreadBell(c).ClickAsync();
        await Expect(Notification(c, $"Cuenta de cobro aprobada: contrato {CycleContract}, pago 1")).ToContainTextAsync("Nueva");
        await Expect(Notification(c, $"Cuenta de cobro pagada: contrato {CycleContract}, pago 1")).ToContainTextAsync("Nueva");
        await contractor.ScreenshotAsync("notificaciones-aprobada-pagada");
        await c.GotoAsync(requestUrl);
        await Expect(StatusBadge(c)).ToHaveTextAsync("Pagado");
        await ExpectTimelineAsync(c.Locator(".pr-history"));
        await Expect(c.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr")).ToHaveCountAsync(FirstPaymentDocuments.Length + 1);
        await contractor.ScreenshotAsync("pagada-historial");
        await Expect(UnreadBell(c)).ToHaveCountAsync(0);

        await c.GotoAsync($"/contratos/{contractId}#seccion-7");
        var plan = Section7(c).GetByRole(AriaRole.Region, new() { Name = "Plan de pagos", Exact = true }).Locator("tbody tr");
        await Expect(plan).ToHaveCountAsync(1);
        await Expect(plan.Locator("td").Nth(1)).ToHaveTextAsync("Pago 001");
        await Expect(plan.Locator("td").Nth(4)).ToHaveTextAsync(Money.Format(CycleMonthlyFee));
        await Expect(plan.Locator("td").Nth(5)).ToHaveTextAsync("Pagado");
        var balance = Section7(c).Locator("dl.balance dd");
        await Expect(balance).ToHaveTextAsync(
        [
            Money.Format(CycleContractValue), Money.Format(CycleMonthlyFee), Money.Format(CycleMonthlyFee), Money.Format(CycleMonthlyFee),
            Money.Format(CycleContractValue - CycleMonthlyFee),
        ]);
        await Section7(c).ScrollIntoViewIfNeededAsync();
        await contractor.ScreenshotAsync("seccion-7-pagado");

        AssertBrowserWasClean(contractor);
        AssertBrowserWasClean(supervisor);
    }

    [Fact]
    public async Task Confirmar_with_a_required_document_missing_names_it_marks_it_in_the_checklist_and_keeps_the_form()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Contractor);
        await OpenCreateFormAsync(page, ContractWithPayments);
        await Expect(Heading(page, "Crear cuenta de cobro · Id de pago 3")).ToBeVisibleAsync();
        await Expect(page.Locator("#lista-de-chequeo")).ToContainTextAsync("Pago posterior al primero: documentos que pide Alcaldía Municipal de Villa del Río.");

        // Everything a later payment needs except "Orden de pago del mes vencido".
        string[] attached = ["Cuenta de cobro o factura", "Informe de actividades", "Planilla de pago de seguridad social", "Certificado de ARL vigente"];
        foreach (var type in attached)
        {
            await AttachAsync(page, type, TestDocuments.Pdf($"{Artifacts.Slug(type).ToLowerInvariant()}.pdf", $"{type} - pago 3"));
        }

        var periodFrom = await DateValueAsync(page, "Periodo desde");
        await Field(page, "Número de planilla").FillAsync("7654321");
        await FillDateAsync(page, "Fecha de pago de la planilla", periodFrom.AddDays(5));
        await Field(page, "Notas").FillAsync("Cobro del mes; la orden de pago llega mañana.");
        await ConfirmButton(page).ClickAsync();

        const string message = "Falta anexar el documento «Orden de pago del mes vencido».";
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        var documents = page.GetByRole(AriaRole.Region, new() { Name = "Documentos", Exact = true });
        await Expect(documents.Locator("#Documents-error li")).ToHaveTextAsync([message]);
        await ExpectChecklistAsync(page, "Orden de pago del mes vencido", present: false);
        foreach (var type in attached)
        {
            await ExpectChecklistAsync(page, type, present: true);
        }

        // Nothing lost: the state, the typed fields and the four documents.
        await Expect(StatusBadge(page)).ToHaveTextAsync("En edición");
        await Expect(Field(page, "Número de planilla")).ToHaveValueAsync("7654321");
        Assert.Equal(periodFrom.AddDays(5), await DateValueAsync(page, "Fecha de pago de la planilla"));
        await Expect(Field(page, "Notas")).ToHaveValueAsync("Cobro del mes; la orden de pago llega mañana.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr")).ToHaveCountAsync(attached.Length);
        await session.ScreenshotAsync("falta-orden-de-pago");

        await DeleteDraftAsync(page, 3, ContractWithPayments);
        AssertBrowserWasClean(session);
    }

    [Fact]
    public async Task A_provider_who_invoices_gets_total_below_neto_refused_next_to_valor_total_with_the_cufe_kept()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Provider);
        await OpenCreateFormAsync(page, ProviderContract);

        // Invoicing comes from the contract: "Sí", the CUFE visible, no "Pago 001" and no amounts proposed (no monthly fee).
        await Expect(page.GetByLabel("Sí", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(Field(page, "CUFE")).ToBeVisibleAsync();
        await Expect(Field(page, "Número de factura")).ToHaveValueAsync(string.Empty);
        await session.ScreenshotAsync("crear-factura-electronica");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestPath);
        await Expect(StatusBadge(page)).ToHaveTextAsync("En edición");

        var cufe = Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData(Guid.NewGuid().ToByteArray()));
        Assert.Equal(96, cufe.Length);
        await Field(page, "CUFE").FillAsync(cufe);
        await page.Locator("[data-cufe-field]").GetByRole(AriaRole.Button, new() { Name = "Validar", Exact = true }).ClickAsync();
        await Expect(page.Locator("#Input_Cufe-check")).ToHaveTextAsync("CUFE válido: tiene 96 caracteres hexadecimales y no está registrado en otra cuenta de cobro.");
        await Field(page, "Número de factura").FillAsync("FE-2041");
        await Field(page, "Valor neto").FillAsync("10.000.000");
        await Field(page, "Valor total").FillAsync("9.500.000");
        await ConfirmButton(page).ClickAsync();

        const string message = "El valor total no puede ser menor que el valor neto.";
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        await ExpectFieldErrorAsync(page, Field(page, "Valor total"), message);
        await Expect(Field(page, "CUFE")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Field(page, "CUFE")).ToHaveValueAsync(cufe);
        await Expect(Field(page, "Número de factura")).ToHaveValueAsync("FE-2041");
        await Expect(Field(page, "Valor neto")).ToHaveValueAsync("10.000.000");
        await Expect(Field(page, "Valor total")).ToHaveValueAsync("9.500.000");
        await Expect(StatusBadge(page)).ToHaveTextAsync("En edición");
        await session.ScreenshotAsync("total-menor-que-neto");

        await DeleteDraftAsync(page, 1, ProviderContract);
        await Expect(Section7(page).GetByText("Todavía no hay pagos registrados en este contrato.")).ToBeVisibleAsync();
        AssertBrowserWasClean(session);
    }

    [Fact]
    public async Task A_period_overlapping_an_approved_payment_is_refused_next_to_periodo_desde_keeping_the_dates_typed()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Contractor);
        await OpenCreateFormAsync(page, ContractWithPayments);
        await Expect(Heading(page, "Crear cuenta de cobro · Id de pago 3")).ToBeVisibleAsync();
        await Expect(Field(page, "Número de factura")).ToHaveValueAsync("Pago 003");

        // The proposed period starts the day after payment 2's; starting ten days earlier bills days payment 2 already billed.
        var proposedFrom = await DateValueAsync(page, "Periodo desde");
        var proposedTo = await DateValueAsync(page, "Periodo hasta");
        var payment2To = proposedFrom.AddDays(-1);
        var payment2From = new DateOnly(payment2To.Year, payment2To.Month, 1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(Flash(page)).ToContainTextAsync("Se creó la cuenta de cobro con Id de pago 3, en estado «En edición».");
        await ExpectChecklistAsync(page, "Periodo dentro del plazo y sin cruces", present: true);

        var overlappingFrom = proposedFrom.AddDays(-10);
        await FillDateAsync(page, "Periodo desde", overlappingFrom);
        await ConfirmButton(page).ClickAsync();

        var message = $"El periodo se cruza con el de la cuenta de cobro con Id de pago 2 ({Day(payment2From)} a {Day(payment2To)}); cobre un periodo distinto.";
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        await ExpectFieldErrorAsync(page, Field(page, "Periodo desde"), message);
        await Expect(page.Locator("#lista-de-chequeo li.check--missing", new() { HasText = "se cruza con el de la cuenta de cobro con Id de pago 2" })).ToHaveCountAsync(1);
        Assert.Equal(overlappingFrom, await DateValueAsync(page, "Periodo desde"));
        Assert.Equal(proposedTo, await DateValueAsync(page, "Periodo hasta"));
        await Expect(StatusBadge(page)).ToHaveTextAsync("En edición");
        await session.ScreenshotAsync("periodo-cruzado");

        await DeleteDraftAsync(page, 3, ContractWithPayments);
        var plan = Section7(page).GetByRole(AriaRole.Region, new() { Name = "Plan de pagos", Exact = true }).Locator("tbody tr");
        await Expect(plan).ToHaveCountAsync(2);
        AssertBrowserWasClean(session);
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_next_to_archivo_and_no_attachment_row_is_added()
    {
        await using var session = await SessionAsync();
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Contractor);
        await OpenCreateFormAsync(page, ContractWithPayments);

        await Field(page, "Notas").FillAsync("Anexo el informe de actividades del mes.");
        await page.GetByLabel("Tipo de documento", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Informe de actividades" });
        await page.GetByLabel("Archivo", new() { Exact = true }).SetInputFilesAsync(TestDocuments.RenamedExecutable("informe-de-actividades.pdf"));
        await page.GetByLabel("Descripción", new() { Exact = true }).FillAsync("Informe del mes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anexar", Exact = true }).ClickAsync();

        const string message = "El archivo «informe-de-actividades.pdf» no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido: se reconoce por su contenido, no por su extensión.";
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        await ExpectFieldErrorAsync(page, page.GetByLabel("Archivo", new() { Exact = true }), message);
        var documents = page.GetByRole(AriaRole.Region, new() { Name = "Documentos", Exact = true });
        await Expect(documents.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" })).ToHaveCountAsync(0);
        await Expect(documents.GetByText("Todavía no hay documentos anexos.")).ToBeVisibleAsync();
        await ExpectChecklistAsync(page, "Informe de actividades", present: false);

        // What was typed stays: the notes, the chosen type and the description (the browser cannot keep the file).
        await Expect(Field(page, "Notas")).ToHaveValueAsync("Anexo el informe de actividades del mes.");
        await Expect(page.GetByLabel("Tipo de documento", new() { Exact = true })).ToHaveValueAsync("ActivityReport");
        await Expect(page.GetByLabel("Descripción", new() { Exact = true })).ToHaveValueAsync("Informe del mes");
        await session.ScreenshotAsync("ejecutable-rechazado");

        await DeleteDraftAsync(page, 3, ContractWithPayments);
        AssertBrowserWasClean(session);
    }

    [Fact]
    public async Task On_a_390_pixel_phone_the_request_form_the_review_page_and_the_contract_detail_do_not_scroll_sideways()
    {
        await using var contractor = await SessionAsync("contratista");
        await using var supervisor = await SessionAsync("supervisor");
        var c = contractor.Page;
        var s = supervisor.Page;
        await c.SetViewportSizeAsync(390, 844);
        await s.SetViewportSizeAsync(390, 844);

        await c.SignInAsync(DemoAccounts.Contractor);
        var contractId = await fixture.ContractIdAsync(ContractWithPayments);
        await GotoAsync(c, $"/contratos/{contractId}");
        await Expect(Heading(c, $"Contrato {ContractWithPayments}")).ToBeVisibleAsync();
        await PhoneLayout.ExpectNoSidewaysScrollAsync(c, "contract detail");
        await contractor.ScreenshotAsync("detalle-contrato-390");

        await GotoAsync(c, $"/contratos/{contractId}/pagos/crear");
        await Expect(Heading(c, "Crear cuenta de cobro · Id de pago 3")).ToBeVisibleAsync();
        await PhoneLayout.ExpectNoSidewaysScrollAsync(c, "payment request form");
        await contractor.ScreenshotAsync("formulario-cuenta-de-cobro-390");

        // The review page of payment 2 (Aprobado): the facts, documents, timeline and the "Marcar como pagado" form.
        await s.SignInAsync(DemoAccounts.Supervisor);
        await GotoAsync(s, $"/contratos/{contractId}");
        await Section7(s).GetByRole(AriaRole.Link, new() { Name = "Detalle del pago 2", Exact = true }).ClickAsync();
        await Expect(s).ToHaveURLAsync(Pattern(@"/revision/\d+$"));
        await Expect(ReviewBadge(s)).ToHaveTextAsync("Aprobado");
        await Expect(s.GetByRole(AriaRole.Region, new() { Name = "Marcar como pagado", Exact = true })).ToBeVisibleAsync();
        await PhoneLayout.ExpectNoSidewaysScrollAsync(s, "review page");
        await supervisor.ScreenshotAsync("revision-390");

        AssertBrowserWasClean(contractor);
        AssertBrowserWasClean(supervisor);
    }

    [Fact]
    public async Task Todos_los_documentos_en_un_PDF_downloads_one_PDF_from_the_contractors_page_and_from_the_supervisors_review_page()
    {
        await using var contractor = await SessionAsync("contratista");
        await using var supervisor = await SessionAsync("supervisor");
        var c = contractor.Page;
        var s = supervisor.Page;
        var contractId = await fixture.ContractIdAsync(ContractWithPayments);

        // The contractor: section 7 → payment 2 (Aprobado) → the link next to "Cuenta de cobro (PDF)".
        await c.SignInAsync(DemoAccounts.Contractor);
        await GotoAsync(c, $"/contratos/{contractId}");
        await Section7(c).GetByRole(AriaRole.Link, new() { Name = "Detalle del pago 2", Exact = true }).ClickAsync();
        await Expect(c).ToHaveURLAsync(RequestPath);
        var link = c.GetByRole(AriaRole.Link, new() { Name = MergedDocumentsPdf.LinkText, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await contractor.ScreenshotAsync("todos-los-documentos-enlace");
        var fromContractor = await DownloadPdfAsync(c, link, "documentos-desde-contratista.pdf");
        Assert.Equal($"documentos-{ContractWithPayments}-2.pdf", fromContractor.FileName);

        // The supervisor: the same request's review page.
        await s.SignInAsync(DemoAccounts.Supervisor);
        await GotoAsync(s, $"/contratos/{contractId}");
        await Section7(s).GetByRole(AriaRole.Link, new() { Name = "Detalle del pago 2", Exact = true }).ClickAsync();
        await Expect(s).ToHaveURLAsync(Pattern(@"/revision/\d+$"));
        var reviewLink = s.GetByRole(AriaRole.Link, new() { Name = MergedDocumentsPdf.LinkText, Exact = true });
        await supervisor.ScreenshotAsync("todos-los-documentos-enlace-revision");
        var fromSupervisor = await DownloadPdfAsync(s, reviewLink, "documentos-desde-supervisor.pdf");
        Assert.Equal(fromContractor.FileName, fromSupervisor.FileName);
        Assert.Equal(fromContractor.Pages, fromSupervisor.Pages);

        AssertBrowserWasClean(contractor);
        AssertBrowserWasClean(supervisor);
    }

    // ─── Steps ──────────────────────────────────────────────────────────────────────────────────────────────────

    private async Task<BrowserSession> SessionAsync(string? who = null, [CallerMemberName] string testName = "")
    {
        var session = await fixture.NewSessionAsync(who is null ? testName : $"{testName}-{who}", output);

        // "Borrar" asks in a dialog; Playwright would dismiss it. The tests that click it accept, as a user would.
        session.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return session;
    }

    private static async Task GotoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Status: 200 }, $"GET {path} answered {response?.Status}");
    }

    private static async Task OpenMyContractsAsync(IPage page)
    {
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" });
        await menu.GetByText("Mis procesos", new() { Exact = true }).ClickAsync();
        await menu.GetByRole(AriaRole.Link, new() { Name = "Mis contratos", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Mis contratos")).ToBeVisibleAsync();
    }

    private static async Task OpenDetailFromListAsync(IPage page, string number)
    {
        var row = page.GetByRole(AriaRole.Table).Locator("tbody tr", new() { HasText = number });
        await row.GetByRole(AriaRole.Link, new() { Name = "Detalle" }).ClickAsync();
        await Expect(Heading(page, $"Contrato {number}")).ToBeVisibleAsync();
    }

    /// <summary>Mis procesos → Mis contratos → Detalle → section 7 → "Crear".</summary>
    private static async Task OpenCreateFormAsync(IPage page, string contractNumber)
    {
        await OpenMyContractsAsync(page);
        await OpenDetailFromListAsync(page, contractNumber);
        await Section7(page).GetByRole(AriaRole.Link, new() { Name = "Crear", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Crear cuenta de cobro", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>"Anexar documento": type, file, optional description, "Anexar"; waits for the page to list the file.</summary>
    private static async Task AttachAsync(IPage page, string type, FilePayload file, string? description = null)
    {
        await page.GetByLabel("Tipo de documento", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = type });
        await page.GetByLabel("Archivo", new() { Exact = true }).SetInputFilesAsync(file);
        if (description is not null)
        {
            await page.GetByLabel("Descripción", new() { Exact = true }).FillAsync(description);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Anexar", Exact = true }).ClickAsync();
        await Expect(Flash(page)).ToContainTextAsync($"Se anexó «{file.Name}» como «{type}».");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr", new() { HasText = file.Name })).ToContainTextAsync(type);
    }

    private static async Task ConfirmAsync(IPage page)
    {
        await ConfirmButton(page).ClickAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Pendiente de registro");
        await Expect(Flash(page)).ToContainTextAsync("La cuenta de cobro quedó en «Pendiente de registro».");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Registro", Exact = true })).ToBeVisibleAsync();
    }

    private static async Task SendAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true }).ClickAsync();
        await Expect(StatusBadge(page)).ToHaveTextAsync("Enviado a la Entidad Estatal");
        await Expect(Flash(page)).ToHaveTextAsync("Su cuenta de cobro fue enviada a la Entidad Estatal.");
    }

    /// <summary>The supervisor's menu → "Cuentas por revisar" → the row of the request → "Revisar".</summary>
    private static async Task OpenReviewFromInboxAsync(BrowserSession session, int requestId, string screenshot)
    {
        var page = session.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Cuentas por revisar" }).ClickAsync();
        await Expect(Heading(page, "Cuentas por revisar")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Table).Locator("tbody tr", new() { HasText = CycleContract });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(CycleContractor);
        await Expect(row).ToContainTextAsync("Pago 001");
        await Expect(row).ToContainTextAsync(Money.Format(CycleMonthlyFee));
        await session.ScreenshotAsync(screenshot);
        await row.GetByRole(AriaRole.Link, new() { Name = "Revisar" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(AtPath($"/revision/{requestId.ToString(CultureInfo.InvariantCulture)}"));
        await Expect(Heading(page, "Cuenta de cobro · Id de pago 1")).ToBeVisibleAsync();
    }

    /// <summary>"Borrar" (accepting the dialog) on a draft: back on the contract with the confirmation.</summary>
    private static async Task DeleteDraftAsync(IPage page, int sequence, string contractNumber)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Borrar", Exact = true }).ClickAsync();
        await Expect(Heading(page, $"Contrato {contractNumber}")).ToBeVisibleAsync();
        await Expect(Flash(page)).ToHaveTextAsync($"Se borró la cuenta de cobro con Id de pago {sequence.ToString(CultureInfo.InvariantCulture)}.");
    }

    // ─── Assertions ─────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// The field is marked invalid and its <c>aria-describedby</c> points at an element, inside the same field block,
    /// that says <paramref name="message"/>.
    /// </summary>
    private static async Task ExpectFieldErrorAsync(IPage page, ILocator input, string message)
    {
        await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = await input.GetAttributeAsync("aria-describedby") ?? string.Empty;
        var errorId = describedBy.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(id => id.EndsWith("-error", StringComparison.Ordinal));
        Assert.True(errorId is not null, $"aria-describedby=\"{describedBy}\" names no error message");
        await Expect(page.Locator($"[id='{errorId}']")).ToHaveTextAsync(message);
        var block = input.Locator("xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' field ')][1]");
        await Expect(block.Locator($"[id='{errorId}']")).ToBeVisibleAsync();
    }

    private static async Task ExpectChecklistAsync(IPage page, string label, bool present)
    {
        var item = page.Locator("#lista-de-chequeo li").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) });
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToHaveClassAsync(present ? Pattern(@"\bcheck--ok\b") : Pattern(@"\bcheck--missing\b"));
        await Expect(item.Locator(".check__mark")).ToHaveTextAsync(present ? "✓" : "✗");
    }

    /// <summary>Every step of the cycle, in order, with the rejection's reason on the "Rechazar" step (the history opened first: it is closed).</summary>
    private static async Task ExpectTimelineAsync(ILocator scope)
    {
        await scope.Locator(".pr-history__all > summary").ClickAsync();
        var timeline = scope.GetByRole(AriaRole.List, new() { Name = "Historial de la cuenta de cobro" });
        var steps = timeline.Locator(":scope > li");
        await Expect(steps.Locator(".timeline__head strong")).ToHaveTextAsync(FullCycle);
        await Expect(steps.Nth(3)).ToContainTextAsync("Laura Méndez Ríos");
        await Expect(steps.Nth(3).Locator(".timeline__reason")).ToHaveTextAsync(Rejection);
        await Expect(steps.Nth(0)).ToContainTextAsync(CycleContractor);
        await Expect(steps.Last.Locator(".badge")).ToHaveTextAsync("Pagado");
        await Expect(timeline.Locator(".timeline__reason")).ToHaveCountAsync(1);
    }

    /// <summary>
    /// Clicks <paramref name="link"/>, takes the download the browser gets, keeps a copy in artifacts/documents and
    /// checks it is a PDF with a cover, an index and at least one document page (the demo payments carry PDFs).
    /// </summary>
    private static async Task<(string FileName, int Pages)> DownloadPdfAsync(IPage page, ILocator link, string keepAs)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Null(await download.FailureAsync());
        Directory.CreateDirectory(Artifacts.DocumentsFolder);
        var path = Path.Combine(Artifacts.DocumentsFolder, keepAs);
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        using var pdf = PdfSharp.Pdf.IO.PdfReader.Open(path, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.True(pdf.PageCount >= 3, $"{keepAs} has {pdf.PageCount} pages: cover, index and the documents");
        return (download.SuggestedFilename, pdf.PageCount);
    }

    /// <summary>No console error, no script error, no 5xx, and no 4xx except a missing favicon.</summary>
    private static void AssertBrowserWasClean(BrowserSession session)
    {
        var problems = session.Problems
            .Where(p => !(p.StartsWith("HTTP 404 for ", StringComparison.Ordinal) && p.Contains("/favicon", StringComparison.Ordinal)))
            .Where(p => !(p.StartsWith("console: Failed to load resource", StringComparison.Ordinal) && session.Problems.Any(q => q.Contains("/favicon", StringComparison.Ordinal))))
            .ToList();
        Assert.True(problems.Count == 0, "The browser reported:\n" + string.Join('\n', problems));
    }

    // ─── Locators and values ────────────────────────────────────────────────────────────────────────────────────

    private static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    /// <summary>
    /// "Confirmar" of the "Siguiente paso" block under the heading (issue 11); the same button of the form stays at its
    /// end too, so the name alone matches two.
    /// </summary>
    private static ILocator ConfirmButton(IPage page) =>
        page.Locator(".pr-next").GetByRole(AriaRole.Button, new() { Name = "Confirmar", Exact = true });

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static ILocator Section7(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "7 Ejecución del contrato", Exact = true });

    /// <summary>The layout's success message (not the one section 7 shows after an execution document).</summary>
    private static ILocator Flash(IPage page) => page.Locator("#contenido > .alert--success");

    private static ILocator StatusBadge(IPage page) => page.Locator(".pr-head__status .badge");

    private static ILocator ReviewBadge(IPage page) => page.Locator(".review-head__status .badge");

    private static ILocator UnreadBell(IPage page) => page.GetByRole(AriaRole.Link, new() { NameRegex = Pattern(@"^Notificaciones, \d+ sin leer$") });

    private static ILocator Notification(IPage page, string title) =>
        page.GetByRole(AriaRole.List, new() { Name = "Notificaciones, de la más reciente a la más antigua" })
            .Locator(":scope > li")
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    private static async Task<DateOnly> DateValueAsync(IPage page, string label)
    {
        var value = await Field(page, label).InputValueAsync();
        return DateOnly.ParseExact(value, "dd/MM/yyyy", CultureInfo.InvariantCulture);
    }

    private static Task FillDateAsync(IPage page, string label, DateOnly date) =>
        Field(page, label).FillAsync(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));

    private static (int ContractId, int RequestId) RequestIds(string url)
    {
        var match = RequestPath.Match(url);
        Assert.True(match.Success, $"{url} is not a payment request's address");
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static DateOnly BogotaToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static Regex AtPath(string path) => Pattern($"^[^?#]*//[^/]+{Regex.Escape(path)}(?:[?#].*)?$");

    private static Regex Pattern(string pattern) => new(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
}
