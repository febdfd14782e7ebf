using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Web.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// Issue 11, the layout points on phones and desktop: lists of every role fit 1280, 390 and 320 px without a sideways
/// scroll (long contract numbers, card tables, the admin lists and their filters), a payment's state badge wraps inside
/// its cell without being clipped and "Detalle" stays in sight, and file names and e-mails break only at natural points
/// (after _ - . @ and spaces), breaking anywhere only when one piece alone is wider than its place.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneLayoutBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>Desktop, a common phone and the narrowest phone.</summary>
    private static readonly (int Width, int Height)[] Screens = [(1280, 800), (PhoneLayout.Width, 844), (PhoneLayout.NarrowWidth, 640)];

    [Theory]
    [InlineData(DemoAccounts.AdminEmail, "/contratos?vista=todos")]
    [InlineData(DemoAccounts.SupervisorEmail, "/contratos")]
    [InlineData(DemoAccounts.ContractorEmail, "/contratos")]
    [InlineData(DemoAccounts.Contractor2Email, "/contratos")]
    [InlineData(DemoAccounts.ProviderEmail, "/contratos")]
    public async Task Each_demo_accounts_start_page_and_contract_list_fit_every_screen(string email, string contracts)
    {
        await using var session = await fixture.NewSessionAsync($"telefono-inicio-{email.Split('@')[0]}", output);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.WithEmail(email));
        foreach (var (width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/");
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, $"start page of {email}", width);
            await session.ScreenshotAsync($"inicio-{width}");
            await page.GotoAsync(contracts);
            await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, $"contract list of {email}", width);
            await session.ScreenshotAsync($"contratos-{width}");
        }

        Assert.Empty(session.Problems);
    }

    [Theory]
    [InlineData("/administracion/contratos", "Contratos")]
    [InlineData("/administracion/contratos?entidad=1", "Contratos")]
    [InlineData("/administracion/usuarios", "Usuarios")]
    [InlineData("/administracion/entidades", "Entidades Estatales")]
    [InlineData("/administracion/festivos", "Días festivos")]
    [InlineData("/administracion/auditoria", "Auditoría")]
    public async Task Each_admin_list_and_its_filters_fit_every_screen(string path, string heading)
    {
        await using var session = await fixture.NewSessionAsync($"telefono-admin-{path.Split('/')[^1].Replace('?', '-').Replace('=', '-')}", output);
        var page = session.Page;
        await page.SignInAsync(DemoAccounts.Admin);
        foreach (var (width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, $"admin list {path}", width);

            // Every filter, list and button stays inside the screen (the entity filter was 497 px wide).
            var outside = await page.EvaluateAsync<string>(
                "w => [...document.querySelectorAll('main input, main select, main button, main .btn')].filter(e => e.getBoundingClientRect().right > w + 0.5).map(e => (e.id || e.name || e.textContent.trim()) + ' right=' + Math.round(e.getBoundingClientRect().right)).join(', ')",
                width);
            Assert.True(outside.Length == 0, $"Controls stick out of a {width} px screen on {path}: {outside}");
            await session.ScreenshotAsync($"lista-{width}");
        }

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task The_sent_badge_wraps_inside_the_payment_plan_and_Detalle_stays_in_sight()
    {
        var review = await ReviewCases.NewAsync(fixture);
        var contractId = await fixture.ContractIdAsync(review.ContractNumber);
        await using var session = await fixture.NewSessionAsync(nameof(The_sent_badge_wraps_inside_the_payment_plan_and_Detalle_stays_in_sight), output);
        var page = session.Page;
        await page.SignInAsync(review.Supervisor);
        foreach (var (width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/contratos/{contractId}");
            var plan = page.Locator(".table-wrap[aria-labelledby='plan-de-pagos']");
            var badge = plan.Locator(".badge", new() { HasText = "Enviado a la Entidad Estatal" });
            var detail = plan.GetByRole(AriaRole.Link, new() { Name = "Detalle del pago 1" });
            await Expect(badge).ToBeVisibleAsync();
            await Expect(detail).ToBeVisibleAsync();
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "contract detail", width);

            // The badge shows all its text (nothing cut by its own box) and stays inside its cell.
            var clipped = await badge.EvaluateAsync<string>(
                """
                b => {
                    const box = b.getBoundingClientRect(), cell = b.closest('td').getBoundingClientRect();
                    const problems = [];
                    if (b.scrollWidth > b.clientWidth + 1) problems.push(`text ${b.scrollWidth} px in a ${b.clientWidth} px badge`);
                    if (box.left < cell.left - 0.5 || box.right > cell.right + 0.5) problems.push(`badge ${Math.round(box.left)}–${Math.round(box.right)} outside its cell ${Math.round(cell.left)}–${Math.round(cell.right)}`);
                    return problems.join('; ');
                }
                """);
            Assert.True(clipped.Length == 0, $"The badge «Enviado a la Entidad Estatal» is clipped at {width} px: {clipped}");

            // "Detalle" is in sight without scrolling the table sideways: inside the table's frame and the screen.
            var wrap = await plan.BoundingBoxAsync() ?? throw new InvalidOperationException("The payment plan has no box.");
            var link = await detail.BoundingBoxAsync() ?? throw new InvalidOperationException("Detalle has no box.");
            Assert.True(link.X >= wrap.X && link.X + link.Width <= wrap.X + wrap.Width + 0.5 && link.X + link.Width <= width,
                $"Detalle is out of sight at {width} px: link {link.X}–{link.X + link.Width}, table frame {wrap.X}–{wrap.X + wrap.Width}.");
            var scrolled = await plan.EvaluateAsync<int>("w => w.scrollWidth - w.clientWidth");
            Assert.True(scrolled <= 1, $"The payment plan scrolls sideways by {scrolled} px at {width} px.");
            await plan.ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync($"plan-de-pagos-{width}");
        }

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task File_names_break_only_after_underscores_hyphens_and_dots()
    {
        var review = await ReviewCases.NewAsync(fixture);
        var contractId = await fixture.ContractIdAsync(review.ContractNumber);
        await using var session = await fixture.NewSessionAsync(nameof(File_names_break_only_after_underscores_hyphens_and_dots), output);
        var page = session.Page;
        await page.SignInAsync(review.Supervisor);

        // An execution document with a long name made of short pieces, uploaded as a user does.
        const string longName = "acta_de_inicio-del_contrato_firmada_por_las_partes.v2.pdf";
        await page.GotoAsync($"/contratos/{contractId}/documentos/nuevo");
        await page.GetByLabel("Descripción").FillAsync("Acta de inicio firmada");
        await page.GetByLabel("Archivo").SetInputFilesAsync(TestDocuments.Pdf(longName, "Acta de inicio"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Anexar" }).ClickAsync();
        await Expect(page.GetByText(longName).First).ToBeVisibleAsync();
        var documentPath = await page.GetByRole(AriaRole.Link, new() { Name = "Detalle de «Acta de inicio firmada»" }).GetAttributeAsync("href");

        foreach (var (width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);

            await page.GotoAsync($"/revision/{review.RequestId}");
            var attachments = page.Locator(".table-wrap[aria-label='Tabla de documentos anexos']");
            await Expect(attachments).ToContainTextAsync("Certificación_bancaria.pdf");
            await ExpectBreaksOnlyAtNaturalPointsAsync(attachments.Locator("td[data-label='Nombre del archivo']"), "_-. ", $"attachment names of the review page at {width} px");
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "review page", width);
            await attachments.ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync($"revision-anexos-{width}");

            await page.GotoAsync($"/contratos/{contractId}#seccion-7");
            var documents = page.Locator(".table-wrap[aria-labelledby='documentos-ejecucion']");
            await Expect(documents).ToContainTextAsync(longName);
            await ExpectBreaksOnlyAtNaturalPointsAsync(documents.Locator("td[data-label='Nombre del archivo']"), "_-. ", $"execution documents at {width} px");
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "contract detail", width);
            await documents.ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync($"documentos-ejecucion-{width}");

            await page.GotoAsync(documentPath!);
            var name = page.Locator("dt:text-is('Nombre del archivo') + dd");
            await Expect(name).ToHaveTextAsync(longName);
            await ExpectBreaksOnlyAtNaturalPointsAsync(name, "_-. ", $"execution document detail at {width} px");
            await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "execution document detail", width);
            await session.ScreenshotAsync($"documento-detalle-{width}");
        }

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task E_mails_in_the_audit_log_break_only_after_at_signs_and_dots()
    {
        // A supervisor of the test's own, whose e-mail has a 32-character piece ("supervisor.<guid>@secop.test"), signs in
        // and out, so the log has a long e-mail to show.
        var review = await ReviewCases.NewAsync(fixture);
        await using var session = await fixture.NewSessionAsync(nameof(E_mails_in_the_audit_log_break_only_after_at_signs_and_dots), output);
        var page = session.Page;
        await page.SignInAsync(review.Supervisor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cerrar sesión" })).ToHaveCountAsync(0);
        await page.SignInAsync(DemoAccounts.Admin);
        foreach (var (width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var (path, email) in new[] { ("/administracion/auditoria", DemoAccounts.AdminEmail), ($"/administracion/auditoria?usuario={Uri.EscapeDataString(review.Supervisor.Email)}", review.Supervisor.Email) })
            {
                await page.GotoAsync(path);
                var log = page.GetByRole(AriaRole.Table);
                await Expect(log).ToContainTextAsync(email);
                await ExpectBreaksOnlyAtNaturalPointsAsync(log.Locator("td[data-label='Usuario']"), "@.", $"audit log e-mails of {path} at {width} px");
                await PhoneLayout.ExpectNoSidewaysScrollAsync(page, "audit log", width);
                await session.ScreenshotAsync($"auditoria-{width}");
            }
        }

        Assert.Empty(session.Problems);
    }

    /// <summary>
    /// Fails when a line inside one of <paramref name="cells"/> starts in the middle of a piece of text, that is not
    /// after a space or one of <paramref name="after"/>, unless that piece alone is wider than the room it has (the only
    /// case where breaking anywhere is allowed).
    /// </summary>
    private static async Task ExpectBreaksOnlyAtNaturalPointsAsync(ILocator cells, string after, string what)
    {
        await Expect(cells.First).ToBeVisibleAsync();
        var problems = await cells.EvaluateAllAsync<string[]>(
            """
            (cells, after) => {
                const natural = c => /\s/.test(c) || after.includes(c);
                const problems = [];
                for (const cell of cells) {
                    const chars = [];
                    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        for (let i = 0; i < node.data.length; i++) {
                            const range = document.createRange();
                            range.setStart(node, i);
                            range.setEnd(node, i + 1);
                            // A space at the end of a line has no box of its own: it stays on the line before.
                            const rect = range.getClientRects()[0];
                            const top = rect && rect.width > 0 ? rect.top : chars.length > 0 ? chars[chars.length - 1].top : 0;
                            chars.push({ c: node.data[i], top, node });
                        }
                    }
                    for (let i = 1; i < chars.length; i++) {
                        if (chars[i].top <= chars[i - 1].top + 2 || natural(chars[i - 1].c) || /\s/.test(chars[i].c)) continue;
                        // A break inside a piece: allowed only if the piece, on one line, is wider than its place.
                        let start = i - 1, end = i;
                        while (start > 0 && !natural(chars[start - 1].c)) start--;
                        while (end < chars.length - 1 && !natural(chars[end].c)) end++;
                        const piece = chars.slice(start, end + 1).map(x => x.c).join('');
                        const holder = chars[i].node.parentElement;
                        const canvas = document.createElement('canvas').getContext('2d');
                        canvas.font = getComputedStyle(holder).font;
                        const pieceWidth = canvas.measureText(piece).width;
                        let box = holder;
                        while (getComputedStyle(box).display === 'inline') box = box.parentElement;
                        const style = getComputedStyle(box);
                        // Text straight inside a grid (a card row's cell) has the last column, not the whole cell.
                        const room = style.display === 'grid' && box === holder
                            ? parseFloat(style.gridTemplateColumns.trim().split(/\s+/).pop())
                            : box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                        if (pieceWidth <= room + 1) {
                            const text = chars.map(x => x.c).join('');
                            problems.push(`«${text.slice(0, i)}|${text.slice(i)}» breaks inside «${piece}» (${Math.round(pieceWidth)} px) with ${Math.round(room)} px of room`);
                        }
                    }
                }
                return problems;
            }
            """,
            after);
        Assert.True(problems.Length == 0, $"Text breaks mid-word in the {what}: {string.Join("; ", problems)}");
    }
}
