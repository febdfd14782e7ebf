using System.Globalization;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Issue 11, "the next step always in sight", in Chromium at 1280 px and on a 390 px phone: after the first "Guardar"
/// the "Siguiente paso" block says what is missing and holds "Confirmar" a few Tab presses from the top (measured against
/// the "Confirmar" at the end of the form, where it was the only one: 47 Tab presses and about 2,000 px down); "Crear"
/// offers "Guardar y confirmar"; after "Confirmar" one message; "Registro" explained; the request's data before the
/// checklist and the history (closed) on the request and review pages.
/// </summary>
/// <remarks>
/// Data: the draft each test creates on contratista's CO1.PCCNTR.7034218 (payment 3) is deleted ("Borrar") before it
/// ends; payment 2 (Aprobado) is only read. <see cref="PortalBrowserTests"/> expects exactly two payments there.
/// </remarks>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class NextStepBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    private const string Contract = "CO1.PCCNTR.7034218";

    /// <summary>What a later payment of this persona natural needs (no Certificación bancaria, RUT or impuestos).</summary>
    private static readonly string[] LaterPaymentDocuments =
        ["Cuenta de cobro o factura", "Informe de actividades", "Planilla de pago de seguridad social", "Certificado de ARL vigente", "Orden de pago del mes vencido"];

    private const string TopConfirm = ".pr-next button[value=confirmar]";
    private const string BottomConfirm = ".pr-actions button[value=confirmar]";

    [Fact]
    public async Task After_the_first_Guardar_Confirmar_is_a_few_Tab_presses_from_the_top_on_a_desktop_and_on_a_phone()
    {
        await using var session = await SessionAsync(nameof(After_the_first_Guardar_Confirmar_is_a_few_Tab_presses_from_the_top_on_a_desktop_and_on_a_phone));
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Contractor);
        var contractId = await fixture.ContractIdAsync(Contract);
        await page.GotoAsync($"/contratos/{Id(contractId)}/pagos/crear");
        await Expect(Heading(page, "Crear cuenta de cobro · Id de pago 3")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Cuenta de cobro · Id de pago 3")).ToBeVisibleAsync();
        var requestUrl = new Uri(page.Url).AbsolutePath;

        try
        {
            foreach (var (width, height, name) in new[] { (1280, 800, "escritorio"), (PhoneLayout.Width, 844, "telefono-390") })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync(requestUrl);

                // What the block says: the documents still to attach, by name, and the way to them.
                var block = page.GetByRole(AriaRole.Region, new() { Name = "Siguiente paso: completar y confirmar" });
                await Expect(block).ToBeVisibleAsync();
                foreach (var type in LaterPaymentDocuments)
                {
                    await Expect(block.Locator(".pr-next__missing li").First).ToContainTextAsync($"«{type}»");
                }

                await Expect(block.GetByRole(AriaRole.Link, new() { Name = "Ir a «Anexar documento»" })).ToBeVisibleAsync();

                var top = await MeasureAsync(page, TopConfirm);
                await page.GotoAsync(requestUrl);
                var bottom = await MeasureAsync(page, BottomConfirm);
                output.WriteLine(FormattableString.Invariant(
                    $"{width} px: «Confirmar» of «Siguiente paso»: {top.Tabs} Tab presses ({top.TabsAfterHeading} after the heading), {top.Offset} px from the top; «Confirmar» at the end of the form (before issue 11 the only one): {bottom.Tabs} Tab presses, {bottom.Offset} px."));

                Assert.True(top.TabsAfterHeading is > 0 and <= 2, $"{width} px: «Confirmar» is {top.TabsAfterHeading} Tab presses after the heading's links.");
                Assert.True(top.Tabs * 2 < bottom.Tabs, $"{width} px: {top.Tabs} Tab presses to the block's «Confirmar» against {bottom.Tabs} to the end of the form.");
                Assert.True(top.Offset < height * 1.25, $"{width} px: the block's «Confirmar» is {top.Offset} px down, the screen is {height} px high.");
                Assert.True(top.Offset * 2 < bottom.Offset, $"{width} px: {top.Offset} px against {bottom.Offset} px.");
                await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "payment request form", width);
                await page.EvaluateAsync("() => window.scrollTo(0, 0)");
                await session.ScreenshotAsync($"siguiente-paso-{name}");
            }

            // The block's button belongs to the form: it saves what is typed, then "Confirmar" names what is missing.
            await page.SetViewportSizeAsync(1280, 800);
            await page.GotoAsync(requestUrl);
            await page.GetByLabel("Notas", new() { Exact = true }).FillAsync("Escrito antes de pulsar «Confirmar» arriba.");
            await page.Locator(TopConfirm).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Falta anexar el documento «Orden de pago del mes vencido».");
            await Expect(page.GetByLabel("Notas", new() { Exact = true })).ToHaveValueAsync("Escrito antes de pulsar «Confirmar» arriba.");
            await Expect(page.Locator(".pr-next")).ToContainTextAsync("Corrija lo indicado arriba");
            await page.GotoAsync(requestUrl);
            await Expect(page.GetByLabel("Notas", new() { Exact = true })).ToHaveValueAsync("Escrito antes de pulsar «Confirmar» arriba.");
        }
        finally
        {
            await DeleteDraftAsync(page, requestUrl);
        }

        AssertClean(session);
    }

    [Fact]
    public async Task Guardar_y_confirmar_then_the_documents_then_Confirmar_one_message_Registro_explained_and_in_the_history()
    {
        await using var session = await SessionAsync(nameof(Guardar_y_confirmar_then_the_documents_then_Confirmar_one_message_Registro_explained_and_in_the_history));
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Contractor);
        var contractId = await fixture.ContractIdAsync(Contract);
        await page.GotoAsync($"/contratos/{Id(contractId)}/pagos/crear");

        // "Crear" offers confirming at once; with no document yet it stores the draft and says exactly what is missing.
        var newBlock = page.GetByRole(AriaRole.Region, new() { Name = "Siguiente paso: guardar y completar" });
        await Expect(newBlock).ToContainTextAsync("«Guardar y confirmar» crea la cuenta de cobro");
        var periodFrom = await DateValueAsync(page, "Periodo desde");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5));
        if (await DateValueAsync(page, "Fecha de emisión") > today)
        {
            // In the first days of a month the proposed day may still be ahead; nobody radicates in the future.
            await FillDateAsync(page, "Fecha de emisión", today);
            await FillDateAsync(page, "Fecha de recepción original", today);
        }

        await page.GetByLabel("Número de planilla", new() { Exact = true }).FillAsync("7654321");
        await FillDateAsync(page, "Fecha de pago de la planilla", periodFrom.AddDays(5));
        await session.ScreenshotAsync("crear-con-guardar-y-confirmar");
        await newBlock.GetByRole(AriaRole.Button, new() { Name = Create.SaveAndConfirmText, Exact = true }).ClickAsync();
        await Expect(page.Locator(".pr-head__status .badge")).ToHaveTextAsync("En edición");
        await Expect(page.Locator("#contenido > .alert--success")).ToContainTextAsync(Create.DraftCreatedMessage);
        foreach (var type in LaterPaymentDocuments)
        {
            await Expect(page.Locator("#errores")).ToContainTextAsync($"Falta anexar el documento «{type}».");
        }

        await Expect(page.GetByLabel("Número de planilla", new() { Exact = true })).ToHaveValueAsync("7654321");
        await session.ScreenshotAsync("guardar-y-confirmar-falta");
        var requestUrl = await page.Locator("form#cuenta-de-cobro").EvaluateAsync<string>("f => new URL(f.action).pathname.replace(/\\/guardar$/, '')");

        try
        {
            foreach (var type in LaterPaymentDocuments)
            {
                await page.GetByLabel("Tipo de documento", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = type });
                await page.GetByLabel("Archivo", new() { Exact = true }).SetInputFilesAsync(TestDocuments.Pdf($"{Artifacts.Slug(type).ToLowerInvariant()}.pdf", $"{type} - pago 3"));
                await page.GetByRole(AriaRole.Button, new() { Name = "Anexar", Exact = true }).ClickAsync();
                await Expect(page.Locator("#contenido > .alert--success")).ToContainTextAsync($"como «{type}»");
            }

            // Nothing missing: the block says so and its "Confirmar" is the main button.
            var ready = page.GetByRole(AriaRole.Region, new() { Name = "Siguiente paso: Confirmar" });
            await Expect(ready).ToContainTextAsync("Todo lo obligatorio está completo.");
            await session.ScreenshotAsync("lista-para-confirmar");
            await ready.GetByRole(AriaRole.Button, new() { Name = "Confirmar", Exact = true }).ClickAsync();

            // One message: what happened and what comes next; the block below holds the buttons, "Registro" explained.
            await Expect(page.Locator(".pr-head__status .badge")).ToHaveTextAsync("Pendiente de registro");
            var messages = page.Locator("#contenido .alert");
            await Expect(messages).ToHaveCountAsync(1);
            await Expect(messages).ToContainTextAsync("La cuenta de cobro quedó en «Pendiente de registro»");
            await Expect(messages).ToContainTextAsync("siguiente paso: «Enviar»");
            var actions = page.GetByRole(AriaRole.Region, new() { Name = "Siguiente paso: Enviar" });
            var registro = actions.GetByRole(AriaRole.Button, new() { Name = "Registro", Exact = true });
            await Expect(registro).ToHaveAccessibleDescriptionAsync(ActionExplanations.Reopen);
            await Expect(actions).ToContainTextAsync(ActionExplanations.Reopen);
            await session.ScreenshotAsync("confirmada-un-mensaje");

            await registro.ClickAsync();
            await Expect(page.Locator(".pr-head__status .badge")).ToHaveTextAsync("En edición");
            var history = page.GetByRole(AriaRole.Region, new() { Name = "Historial" });
            await Expect(history.Locator(".pr-history__latest")).ToContainTextAsync("Último paso: Registro");
            await Expect(history.Locator(".pr-history__latest")).ToContainTextAsync(ActionExplanations.ReopenDone);
            var timeline = history.GetByRole(AriaRole.List, new() { Name = "Historial de la cuenta de cobro" });
            await Expect(timeline).ToBeHiddenAsync();
            await history.GetByText("Ver los 3 pasos del historial").ClickAsync();
            await Expect(timeline.Locator(":scope > li .timeline__head strong")).ToHaveTextAsync(["Crear", "Confirmar", "Registro"]);
            await Expect(timeline.Locator(":scope > li").Last).ToContainTextAsync(ActionExplanations.ReopenDone);
            await history.ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync("registro-en-el-historial");
        }
        finally
        {
            await DeleteDraftAsync(page, requestUrl);
        }

        AssertClean(session);
    }

    [Fact]
    public async Task The_request_and_review_pages_show_the_data_and_actions_before_the_checklist_and_the_closed_history_at_1280_and_390_px()
    {
        var contractId = await fixture.ContractIdAsync(Contract);
        await using var contractor = await SessionAsync(nameof(The_request_and_review_pages_show_the_data_and_actions_before_the_checklist_and_the_closed_history_at_1280_and_390_px) + "-contratista");
        await using var supervisor = await SessionAsync(nameof(The_request_and_review_pages_show_the_data_and_actions_before_the_checklist_and_the_closed_history_at_1280_and_390_px) + "-supervisor");
        var c = contractor.Page;
        var s = supervisor.Page;
        await c.SignInAsync(DemoAccounts.Contractor);
        await s.SignInAsync(DemoAccounts.Supervisor);

        // Payment 2 (Aprobado): the contractor's read-only page, and the supervisor's review page with "Marcar como pagado".
        await c.GotoAsync($"/contratos/{Id(contractId)}");
        await c.GetByRole(AriaRole.Link, new() { Name = "Detalle del pago 2", Exact = true }).ClickAsync();
        var requestUrl = new Uri(c.Url).AbsolutePath;
        await s.GotoAsync($"/contratos/{Id(contractId)}");
        await s.GetByRole(AriaRole.Link, new() { Name = "Detalle del pago 2", Exact = true }).ClickAsync();
        var reviewUrl = new Uri(s.Url).AbsolutePath;

        foreach (var (width, height, name) in new[] { (1280, 800, "1280"), (PhoneLayout.Width, 844, "390") })
        {
            await c.SetViewportSizeAsync(width, height);
            await c.GotoAsync(requestUrl);
            await ExpectInOrderAsync(c, width,
                Region(c, "Datos de la cuenta de cobro"), Region(c, "Documentos"), Region(c, "Lista de chequeo"), Region(c, "Historial"));
            await ExpectHistoryClosedAsync(c);
            await PhoneLayout.ExpectNoSidewaysScrollAsync(c, "request page", width);
            await contractor.ScreenshotAsync($"solicitud-{name}");

            await s.SetViewportSizeAsync(width, height);
            await s.GotoAsync(reviewUrl);
            await ExpectInOrderAsync(s, width,
                Region(s, "Datos de la cuenta de cobro"), Region(s, "Documentos anexos").First, Region(s, "Marcar como pagado"),
                Region(s, "Lista de chequeo"), Region(s, "Historial"));
            await ExpectHistoryClosedAsync(s);
            await PhoneLayout.ExpectNoSidewaysScrollAsync(s, "review page", width);
            await supervisor.ScreenshotAsync($"revision-{name}");
        }

        AssertClean(contractor);
        AssertClean(supervisor);
    }

    // ─── Steps and measures ─────────────────────────────────────────────────────────────────────────────────────

    private async Task<BrowserSession> SessionAsync(string name)
    {
        var session = await fixture.NewSessionAsync(name, output);
        session.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "Borrar" asks first
        return session;
    }

    /// <summary>
    /// From a freshly loaded page, presses Tab until <paramref name="selector"/> has the focus: the presses, those after
    /// the last link of the page's heading block, and the element's distance from the top of the page.
    /// </summary>
    private static async Task<(int Tabs, int TabsAfterHeading, int Offset)> MeasureAsync(IPage page, string selector)
    {
        var lastInHeading = 0;
        for (var presses = 1; presses <= 200; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var where = await page.EvaluateAsync<string>(
                "s => { const e = document.activeElement; return !e ? '' : e.matches(s) ? 'target' : e.closest('.pr-head') ? 'heading' : ''; }", selector);
            if (where == "heading")
            {
                lastInHeading = presses;
            }
            else if (where == "target")
            {
                var offset = await page.Locator(selector).EvaluateAsync<int>("e => Math.round(e.getBoundingClientRect().top + window.scrollY)");
                return (presses, presses - lastInHeading, offset);
            }
        }

        Assert.Fail($"200 Tab presses never reached {selector}.");
        return default;
    }

    private static async Task DeleteDraftAsync(IPage page, string requestUrl)
    {
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync(requestUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Borrar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Contrato {Contract}", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>On a phone each region starts below the previous one; on a desktop each one of the column it is in.</summary>
    private static async Task ExpectInOrderAsync(IPage page, int width, params ILocator[] regions)
    {
        var tops = new List<double>();
        foreach (var region in regions)
        {
            await Expect(region).ToHaveCountAsync(1);
            tops.Add(await region.EvaluateAsync<double>("e => e.getBoundingClientRect().top + window.scrollY"));
        }

        var order = string.Join(", ", tops.Select(t => t.ToString("0", CultureInfo.InvariantCulture)));
        if (width <= PhoneLayout.Width)
        {
            Assert.True(tops.Zip(tops.Skip(1)).All(p => p.First < p.Second), $"At {width} px the regions start at {order} px: not in reading order.");
        }
        else
        {
            // Side by side on a desktop: the request's data at the top of its column, the history after the checklist.
            Assert.True(tops[0] <= tops.Min() + 1, $"At {width} px the request's data is not first: {order}.");
            Assert.True(tops[^1] > tops[^2], $"At {width} px the history does not come after the checklist: {order}.");
        }
    }

    private static async Task ExpectHistoryClosedAsync(IPage page)
    {
        var history = Region(page, "Historial");
        await Expect(history.Locator(".pr-history__latest")).ToContainTextAsync("Último paso: Aprobar");
        await Expect(history.Locator("details")).Not.ToHaveAttributeAsync("open", string.Empty);
        await Expect(history.GetByRole(AriaRole.List, new() { Name = "Historial de la cuenta de cobro" })).ToBeHiddenAsync();
    }

    /// <summary>A date box's value, whether the browser's date input (yyyy-MM-dd) or a text box written dd/mm/aaaa.</summary>
    private static async Task<DateOnly> DateValueAsync(IPage page, string label)
    {
        var value = await page.GetByLabel(label, new() { Exact = true }).InputValueAsync();
        return DateOnly.ParseExact(value, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture);
    }

    private static async Task FillDateAsync(IPage page, string label, DateOnly date)
    {
        var box = page.GetByLabel(label, new() { Exact = true });
        var format = await box.GetAttributeAsync("type") == "date" ? "yyyy-MM-dd" : "dd/MM/yyyy";
        await box.FillAsync(date.ToString(format, CultureInfo.InvariantCulture));
    }

    private static ILocator Region(IPage page, string name) => page.GetByRole(AriaRole.Region, new() { Name = name, Exact = true });

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static void AssertClean(BrowserSession session)
    {
        var problems = session.Problems.Where(p => !p.Contains("/favicon", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "The browser reported:\n" + string.Join('\n', problems));
    }
}
