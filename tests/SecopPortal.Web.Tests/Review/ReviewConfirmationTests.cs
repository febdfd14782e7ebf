using System.Net;
using AngleSharp.Html.Dom;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Features.Review;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Review;

/// <summary>
/// "Aprobaciones involuntarias" (issue 9): "Aprobar" and "Marcar como pagado" record nothing until confirmed. Without
/// JavaScript the first post answers with the confirmation step, which says what will be recorded; only its
/// "Sí, …" (Confirmed=true, with the same version) records.
/// </summary>
public abstract class ReviewConfirmationTests(PortalFixture fixture) : ReviewTests(fixture)
{
    [Fact]
    public async Task Aprobar_without_confirmation_records_nothing_and_shows_what_will_be_recorded()
    {
        var (mine, id, client, page) = await OpenReviewAsync();
        var before = await ReviewTestData.LoadAsync(Factory, id);

        using var response = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.ReceivedOn"] = "2026-02-04",
            ["Approve.RpNumber"] = "  RP-2026-9911 ",
        }, confirm: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmation = await PortalHttp.ParseAsync(response);
        Assert.Equal("¿Aprobar esta cuenta de cobro?", confirmation.QuerySelector("h1")!.TextContent.Trim());
        var facts = Facts(confirmation);
        Assert.Equal(mine.ContractNumber, facts["Número del contrato"]);
        Assert.Equal("1", facts["Id de pago"]);
        Assert.Equal(before.InvoiceNumber, facts["Número de factura"]);
        Assert.Equal("01/01/2026 a 31/01/2026", facts["Periodo"]);
        Assert.Equal("$ 2.000.000", facts["Valor total"]);
        Assert.Equal("Aprobado", facts["Nuevo estado"]);
        Assert.Equal("04/02/2026", facts["Fecha de recepción original"]);
        Assert.Equal("RP-2026-9911", facts["Registro presupuestal (RP)"]);
        Assert.Equal("20/11/2026", facts["Fecha de aprobación"]);
        Assert.Contains("Se notificará al contratista", confirmation.GetElementById("confirmar-consecuencia")!.TextContent, StringComparison.Ordinal);
        var form = ReviewPages.ConfirmationForm(confirmation)!;
        Assert.Equal(ReviewPages.Approve(id), form.GetAttribute("action"));
        Assert.Equal("true", form.QuerySelector("input[name='Approve.Confirmed']")!.GetAttribute("value"));
        Assert.Equal(before.ConcurrencyStamp.ToString(), form.QuerySelector("input[name='Approve.ConcurrencyStamp']")!.GetAttribute("value"));
        Assert.Equal("Sí, aprobar", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
        Assert.Equal($"{ReviewPages.Show(id)}#aprobar", confirmation.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Volver sin aprobar").GetAttribute("href"));

        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Sent, stored.Status);
        Assert.Equal(before.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Equal(before.History.Count, stored.History.Count);
        Assert.Empty(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
    }

    [Fact]
    public async Task Si_aprobar_records_exactly_what_the_confirmation_showed()
    {
        var (mine, id, client, page) = await OpenReviewAsync();
        using var first = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.ReceivedOn"] = "2026-02-04",
            ["Approve.RpNumber"] = "RP-2026-9911",
        }, confirm: false);

        using var confirmed = await ReviewPages.ConfirmAsync(client, first);
        var after = await ReviewPages.FollowAsync(client, confirmed);

        Assert.Equal("Aprobado", ReviewPages.Status(after));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.Equal(new DateOnly(2026, 2, 4), stored.ReceivedOn);
        Assert.Equal("RP-2026-9911", stored.ApprovedRpNumber);
        Assert.Single(stored.History, h => h.Action == PaymentRequestActions.Approve);
        Assert.Single(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
    }

    [Fact]
    public async Task Aprobar_with_a_broken_rule_shows_the_message_not_the_confirmation()
    {
        var (_, id, client, page) = await OpenReviewAsync();

        using var response = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.ReceivedOn"] = "2026-11-23",
        }, confirm: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);
        Assert.Null(ReviewPages.ConfirmationForm(again));
        AdminPages.AssertFieldError(again, "Approve_ReceivedOn", "no puede ser posterior a hoy (20/11/2026)");
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Si_aprobar_without_the_antiforgery_token_is_refused()
    {
        var (_, id, client, page) = await OpenReviewAsync();
        using var first = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), confirm: false);
        var form = ReviewPages.ConfirmationForm(await PortalHttp.ParseAsync(first))!;
        var (fields, _) = ReviewPages.ConfirmationFields(form);

        using var forged = await PortalHttp.PostFormWithTokenAsync(client, ReviewPages.Approve(id), fields, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Si_aprobar_on_another_supervisors_request_is_a_404()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var theirs = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var owner = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(owner, ReviewPages.Show(id));
        var (fields, _) = ReviewPages.FormOf(page, "Approve.RpNumber");
        fields["Approve.Confirmed"] = "true";
        var intruder = await Factory.SignedInAsync(TestUsers.AccountOf(theirs.Supervisor));
        var token = await PortalHttp.GetAntiforgeryTokenAsync(intruder, "/cuenta/cambiar-contrasena");

        using var response = await PortalHttp.PostFormWithTokenAsync(intruder, ReviewPages.Approve(id), fields, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task A_confirmation_of_a_version_someone_else_changed_records_nothing_and_says_so()
    {
        var (_, id, client, page) = await OpenReviewAsync();
        using var confirmation = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), confirm: false);
        using var rejected = await ReviewPages.SubmitAsync(client, page, "Reject.Reason", ReviewPages.Reject(id), new Dictionary<string, string>
        {
            ["Reject.Reason"] = "El informe de actividades no está firmado.",
        });

        using var late = await ReviewPages.ConfirmAsync(client, confirmation);

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(PaymentRequestStatus.Rejected, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Marcar_como_pagado_without_confirmation_keeps_the_support_for_si_marcar_como_pagado()
    {
        var (_, id, client, page) = await OpenReviewAsync(RequestStage.Approved);
        var support = TestFiles.Pdf(padding: 1500);

        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, paidOn: "2026-11-19", support: ("Comprobante de egreso 311.pdf", support), confirm: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var confirmation = await PortalHttp.ParseAsync(response);
        Assert.Equal("¿Marcar como pagada esta cuenta de cobro?", confirmation.QuerySelector("h1")!.TextContent.Trim());
        var facts = Facts(confirmation);
        Assert.Equal("Pagado", facts["Nuevo estado"]);
        Assert.Equal("19/11/2026", facts["Fecha real de pago"]);
        Assert.Equal("Comprobante de egreso 311.pdf", facts["Soporte de pago"]);
        Assert.Equal("Sí, marcar como pagado", ReviewPages.ConfirmationForm(confirmation)!.QuerySelector("button[type=submit]")!.TextContent.Trim());
        Assert.Contains(confirmation.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Volver sin marcar como pagado");
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, id)).Status);

        using var confirmed = await ReviewPages.ConfirmAsync(client, response);
        var after = await ReviewPages.FollowAsync(client, confirmed);

        Assert.Equal("Pagado", ReviewPages.Status(after));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(new DateOnly(2026, 11, 19), stored.PaidOn);
        var attachment = Assert.Single(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport);
        Assert.Equal("Comprobante de egreso 311.pdf", attachment.FileName);
        var link = after.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")?.TextContent.Trim() == "Soporte de pago")
            .QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Descargar");
        using var download = await client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(support, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_kept_support_cannot_be_confirmed_with_a_forged_reference()
    {
        var (_, id, client, page) = await OpenReviewAsync(RequestStage.Approved);
        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, support: ("soporte.pdf", TestFiles.Pdf()), confirm: false);
        var form = ReviewPages.ConfirmationForm(await PortalHttp.ParseAsync(response))!;
        var (fields, token) = ReviewPages.ConfirmationFields(form);
        fields["Paid.PendingSupport"] = "documents/otro-archivo";

        using var forged = await PortalHttp.PostFormWithTokenAsync(client, ReviewPages.MarkPaid(id), fields, token);

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        AdminPages.AssertFieldError(await PortalHttp.ParseAsync(forged), "Paid_PaymentSupport", MarkPaid.PendingSupportExpired);
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task The_review_page_carries_the_dialog_with_the_same_summary_for_javascript()
    {
        var (_, _, _, page) = await OpenReviewAsync();

        var dialog = page.GetElementById("confirmar-aprobar")!;
        Assert.Equal("dialog", dialog.LocalName);
        Assert.Equal("confirmar-aprobar", page.QuerySelector("[name='Approve.RpNumber']")!.Closest("form")!.GetAttribute("data-confirm-dialog"));
        Assert.Equal("confirmar-aprobar-titulo", dialog.GetAttribute("aria-labelledby"));
        var confirm = dialog.QuerySelector("button[type=submit]")!;
        Assert.Equal(("Approve.Confirmed", "true", "Sí, aprobar"), (confirm.GetAttribute("name"), confirm.GetAttribute("value"), confirm.TextContent.Trim()));
        Assert.Equal("Volver sin aprobar", dialog.QuerySelector("button[data-dialog-cancel]")!.TextContent.Trim());
        Assert.Equal("RP-2026-0457", Facts(dialog)["Registro presupuestal (RP)"]);
        Assert.NotNull(page.QuerySelector("script[src^='/js/review.js']"));
    }

    /// <summary>A new case with one request at <paramref name="stage"/>, and its review page as the supervisor sees it.</summary>
    private async Task<(ReviewCase Mine, int Id, HttpClient Client, IHtmlDocument Page)> OpenReviewAsync(RequestStage stage = RequestStage.Sent)
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, stage);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        return (mine, id, client, await PortalHttp.GetPageAsync(client, ReviewPages.Show(id)));
    }

    private static Dictionary<string, string> Facts(AngleSharp.Dom.IParentNode container) =>
        container.QuerySelectorAll(".review-confirm__facts dt")
            .ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim(), StringComparer.Ordinal);
}

[Collection(SqlitePortal.Name)]
public sealed class ReviewConfirmationSqliteTests(SqlitePortalFixture fixture) : ReviewConfirmationTests(fixture);
