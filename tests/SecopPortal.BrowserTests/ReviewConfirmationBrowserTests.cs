using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecopPortal.BrowserTests.Infrastructure;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SecopPortal.BrowserTests;

/// <summary>
/// "Aprobaciones involuntarias" (issue 9): "Aprobar" and "Marcar como pagado" say what will be recorded and ask again,
/// in a dialog with JavaScript and on a page of their own without it. Each test reviews a request of its own
/// (<see cref="ReviewCases"/>).
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Category", "Browser")]
public sealed class ReviewConfirmationBrowserTests(PortalBrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Aprobar_asks_in_a_dialog_that_cancels_without_recording_and_records_on_si_aprobar()
    {
        var review = await ReviewCases.NewAsync(fixture);
        await using var session = await fixture.NewSessionAsync(nameof(Aprobar_asks_in_a_dialog_that_cancels_without_recording_and_records_on_si_aprobar), output);
        var page = session.Page;
        await page.SignInAsync(review.Supervisor);
        await page.GotoAsync($"/revision/{review.RequestId}");
        var approve = page.GetByRole(AriaRole.Region, new() { Name = "Aprobar", Exact = true });
        await approve.GetByLabel("Registro presupuestal (RP)", new() { Exact = true }).FillAsync("  RP-2026-7777 ");
        var approveButton = approve.GetByRole(AriaRole.Button, new() { Name = "Aprobar", Exact = true });
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "¿Aprobar esta cuenta de cobro?" });

        // Escape cancels: nothing recorded, the focus is back on "Aprobar".
        await approveButton.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Volver sin aprobar", Exact = true })).ToBeFocusedAsync();
        await Expect(dialog).ToContainTextAsync(review.ContractNumber);
        await Expect(dialog).ToContainTextAsync("RP-2026-7777");
        await Expect(dialog).ToContainTextAsync("Aprobado");
        await Expect(dialog).ToContainTextAsync("Se notificará al contratista");
        await session.ScreenshotAsync("dialogo-aprobar");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(approveButton).ToBeFocusedAsync();

        // "Volver sin aprobar" too.
        await approveButton.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Volver sin aprobar", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(approveButton).ToBeFocusedAsync();
        Assert.Equal(PaymentRequestStatus.Sent, (await LoadAsync(review.RequestId)).Status);
        await Expect(ReviewBadge(page)).ToHaveTextAsync("Enviado a la Entidad Estatal");

        // "Sí, aprobar" records what the dialog showed.
        await approveButton.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sí, aprobar", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(page)).ToHaveTextAsync("Aprobado");
        var stored = await LoadAsync(review.RequestId);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.Equal("RP-2026-7777", stored.ApprovedRpNumber);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Without_javascript_aprobar_and_marcar_como_pagado_ask_on_a_confirmation_page()
    {
        var review = await ReviewCases.NewAsync(fixture);
        await using var session = await fixture.NewSessionAsync(nameof(Without_javascript_aprobar_and_marcar_como_pagado_ask_on_a_confirmation_page), output, javaScriptEnabled: false);
        var page = session.Page;
        await page.SignInAsync(review.Supervisor);
        await page.GotoAsync($"/revision/{review.RequestId}");

        // "Aprobar" → the confirmation page; "Volver sin aprobar" changes nothing.
        var approve = page.GetByRole(AriaRole.Region, new() { Name = "Aprobar", Exact = true });
        await approve.GetByRole(AriaRole.Button, new() { Name = "Aprobar", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¿Aprobar esta cuenta de cobro?", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".review-confirm")).ToContainTextAsync(review.ContractNumber);
        await Expect(page.Locator(".review-confirm")).ToContainTextAsync("RP-2026-0457");
        await session.ScreenshotAsync("confirmar-aprobar");
        Assert.Equal(PaymentRequestStatus.Sent, (await LoadAsync(review.RequestId)).Status);
        await page.GetByRole(AriaRole.Link, new() { Name = "Volver sin aprobar", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(page)).ToHaveTextAsync("Enviado a la Entidad Estatal");

        // "Aprobar" → "Sí, aprobar".
        await approve.GetByRole(AriaRole.Button, new() { Name = "Aprobar", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sí, aprobar", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(page)).ToHaveTextAsync("Aprobado");

        // "Marcar como pagado" with a support file → the confirmation names it → "Sí, marcar como pagado" attaches it.
        var paid = page.GetByRole(AriaRole.Region, new() { Name = "Marcar como pagado", Exact = true });
        await paid.GetByLabel("Soporte de pago").SetInputFilesAsync(TestDocuments.Pdf("comprobante-sin-javascript.pdf", "Comprobante de egreso"));
        await paid.GetByRole(AriaRole.Button, new() { Name = "Marcar como pagado", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¿Marcar como pagada esta cuenta de cobro?", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".review-confirm")).ToContainTextAsync("comprobante-sin-javascript.pdf");
        await session.ScreenshotAsync("confirmar-marcar-como-pagado");
        Assert.Equal(PaymentRequestStatus.Approved, (await LoadAsync(review.RequestId)).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sí, marcar como pagado", Exact = true }).ClickAsync();
        await Expect(ReviewBadge(page)).ToHaveTextAsync("Pagado");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Documentos anexos" }).Locator("tbody tr", new() { HasText = "comprobante-sin-javascript.pdf" }))
            .ToContainTextAsync("Soporte de pago");
        var stored = await LoadAsync(review.RequestId);
        Assert.Equal(PaymentRequestStatus.Paid, stored.Status);
        Assert.Single(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Marcar_como_pagado_asks_in_a_dialog_that_escape_cancels()
    {
        var review = await ReviewCases.NewAsync(fixture, approved: true);
        await using var session = await fixture.NewSessionAsync(nameof(Marcar_como_pagado_asks_in_a_dialog_that_escape_cancels), output);
        var page = session.Page;
        await page.SignInAsync(review.Supervisor);
        await page.GotoAsync($"/revision/{review.RequestId}");
        var paid = page.GetByRole(AriaRole.Region, new() { Name = "Marcar como pagado", Exact = true });
        var button = paid.GetByRole(AriaRole.Button, new() { Name = "Marcar como pagado", Exact = true });
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "¿Marcar como pagada esta cuenta de cobro?" });

        await button.ClickAsync();

        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Sin soporte de pago");
        await Expect(dialog).ToContainTextAsync(new Regex("Pagado"));
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();
        Assert.Equal(PaymentRequestStatus.Approved, (await LoadAsync(review.RequestId)).Status);
        Assert.Empty(session.Problems);
    }

    private static ILocator ReviewBadge(IPage page) => page.Locator(".review-head__status .badge");

    private async Task<PaymentRequest> LoadAsync(int requestId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PaymentRequests.AsNoTracking()
            .Include(p => p.Attachments).SingleAsync(p => p.Id == requestId);
    }
}
