using System.Net;
using AngleSharp.Html.Dom;
using SecopPortal.Domain.Notifications;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Documents;
using SecopPortal.Web.Tests.Infrastructure;

namespace SecopPortal.Web.Tests.Review;

/// <summary>The review page and the supervisor's three decisions: "Aprobar", "Rechazar" and "Marcar como pagado".</summary>
public abstract class ReviewDecisionTests(PortalFixture fixture) : ReviewTests(fixture)
{
    [Fact]
    public async Task The_review_page_shows_every_field_the_checklist_the_documents_and_the_history()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));

        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        Assert.Contains("Id de pago 1", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(mine.ContractNumber, page.QuerySelector(".review-head__meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(mine.Contractor.FullName, page.QuerySelector(".review-head__meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Enviado a la Entidad Estatal", ReviewPages.Status(page));
        var facts = page.QuerySelectorAll("dl.facts dt").Select(dt => dt.TextContent.Trim()).ToList();
        Assert.Superset(
            new HashSet<string>(["Id de pago", "Número de factura", "Periodo", "Fecha de emisión", "Fecha de vencimiento", "Fecha de recepción original", "Número de radicación", "Valor neto", "Valor total", "Número de planilla", "Fecha de pago de la planilla", "Notas"]),
            new HashSet<string>(facts));
        Assert.Contains("Lista de chequeo", page.QuerySelector(".checklist h2")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".checklist .check--missing"));
        Assert.Equal(["Crear", "Confirmar", "Enviar"], ReviewPages.TimelineActions(page));

        var downloads = page.QuerySelectorAll("a").Where(a => a.TextContent.Trim() == "Descargar").ToList();
        Assert.Equal(7, downloads.Count); // persona natural, first payment: seven required documents
        using var download = await client.GetAsync(new Uri(downloads[0].GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(TestFiles.Pdf(), await download.Content.ReadAsByteArrayAsync());

        Assert.True(ReviewPages.HasForm(page, "Approve.ReceivedOn"));
        Assert.True(ReviewPages.HasForm(page, "Reject.Reason"));
        Assert.False(ReviewPages.HasForm(page, "Paid.PaidOn"));
        AssertEveryInputIsLabelled(page);
    }

    [Fact]
    public async Task Approving_with_the_defaults_confirms_the_reception_date_and_the_contracts_rp()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var before = await ReviewTestData.LoadAsync(Factory, id);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        Assert.Equal(before.ReceivedOn!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), AdminPages.ValueOf(page, "Approve.ReceivedOn"));
        Assert.Equal(ReviewTestData.ContractRp, AdminPages.ValueOf(page, "Approve.RpNumber"));
        using var response = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id));
        var after = await ReviewPages.FollowAsync(client, response);

        Assert.Equal("Aprobado", ReviewPages.Status(after));
        Assert.Contains("Aprobó la cuenta de cobro con Id de pago 1", AdminPages.Flash(after), StringComparison.Ordinal);
        Assert.Equal(["Crear", "Confirmar", "Enviar", "Aprobar"], ReviewPages.TimelineActions(after));
        Assert.False(ReviewPages.HasForm(after, "Approve.ReceivedOn"));
        Assert.False(ReviewPages.HasForm(after, "Reject.Reason"));
        Assert.True(ReviewPages.HasForm(after, "Paid.PaidOn"), "An approved request offers «Marcar como pagado» to its supervisor.");
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.Equal(ReviewTestData.ContractRp, stored.ApprovedRpNumber);
        Assert.Equal(before.ReceivedOn, stored.ReceivedOn);
        Assert.Equal(mine.Supervisor.Id, stored.History.MaxBy(h => h.Id)!.ByUserId);

        var notification = Assert.Single(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
        Assert.Equal(NotificationKind.PaymentRequestApproved, notification.Kind);

        var inbox = await PortalHttp.GetPageAsync(client, ReviewPages.Inbox);
        Assert.DoesNotContain(inbox.QuerySelectorAll("tbody a"), a => a.GetAttribute("href") == ReviewPages.Show(id));
    }

    [Fact]
    public async Task Approving_with_a_typed_rp_and_reception_date_records_them()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var response = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.ReceivedOn"] = "2026-02-04",
            ["Approve.RpNumber"] = "  RP-2026-9911 ",
        });
        var after = await ReviewPages.FollowAsync(client, response);

        Assert.Equal("Aprobado", ReviewPages.Status(after));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal("RP-2026-9911", stored.ApprovedRpNumber);
        Assert.Equal(new DateOnly(2026, 2, 4), stored.ReceivedOn);
        Assert.Contains("RP-2026-9911", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_with_a_future_reception_date_and_no_rp_shows_each_message_next_to_its_field_and_keeps_what_was_typed()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var response = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.ReceivedOn"] = "2026-11-23",
            ["Approve.RpNumber"] = "   ",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(again, "Approve_ReceivedOn", "no puede ser posterior a hoy (20/11/2026)");
        AdminPages.AssertFieldError(again, "Approve_RpNumber", "Escriba el número del registro presupuestal (RP).");
        Assert.Equal("23/11/2026", AdminPages.ValueOf(again, "Approve.ReceivedOn"));
        Assert.Equal("Enviado a la Entidad Estatal", ReviewPages.Status(again));
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
        Assert.Empty(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
    }

    [Fact]
    public async Task Approving_without_a_reception_date_asks_for_it()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var response = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string> { ["Approve.ReceivedOn"] = string.Empty });

        var again = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(again, "Approve_ReceivedOn", "Indique la fecha de recepción original.");
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Rejecting_with_a_reason_under_ten_characters_shows_the_message_next_to_the_field_and_keeps_the_text()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var response = await ReviewPages.SubmitAsync(client, page, "Reject.Reason", ReviewPages.Reject(id), new Dictionary<string, string> { ["Reject.Reason"] = "Revisar" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(again, "Reject_Reason", "al menos 10 caracteres");
        Assert.Equal("Revisar", AdminPages.ValueOf(again, "Reject.Reason")?.Trim());
        Assert.Contains("review-decision--failed", again.GetElementById("rechazar")!.ClassName, StringComparison.Ordinal);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task Rejecting_with_a_reason_moves_to_rechazado_and_the_reason_shows_in_the_timeline()
    {
        const string reason = "Falta la planilla de seguridad social de enero; anéxela y envíe de nuevo.";
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var response = await ReviewPages.SubmitAsync(client, page, "Reject.Reason", ReviewPages.Reject(id), new Dictionary<string, string> { ["Reject.Reason"] = reason });
        var after = await ReviewPages.FollowAsync(client, response);

        Assert.Equal("Rechazado", ReviewPages.Status(after));
        Assert.Contains("Rechazó la cuenta de cobro", AdminPages.Flash(after), StringComparison.Ordinal);
        Assert.Equal(reason, after.QuerySelector(".timeline__reason")!.TextContent.Trim());
        Assert.Equal("Rechazar", ReviewPages.TimelineActions(after)[^1]);
        Assert.Contains(reason, after.QuerySelector(".review-reason")!.TextContent, StringComparison.Ordinal);
        Assert.False(ReviewPages.HasForm(after, "Approve.ReceivedOn"));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Rejected, stored.Status);
        Assert.Equal(reason, stored.RejectionReason);
        var notification = Assert.Single(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
        Assert.Equal(NotificationKind.PaymentRequestRejected, notification.Kind);
        Assert.Contains(reason.TrimEnd('.'), notification.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marking_paid_without_a_support_records_the_real_payment_date()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        Assert.Equal("20/11/2026", AdminPages.ValueOf(page, "Paid.PaidOn"));
        Assert.Equal("multipart/form-data", page.QuerySelector("[name='Paid.PaidOn']")!.Closest("form")!.GetAttribute("enctype"));
        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, paidOn: "2026-11-19");
        var after = await ReviewPages.FollowAsync(client, response);

        Assert.Equal("Pagado", ReviewPages.Status(after));
        Assert.Equal("Marcar como pagado", ReviewPages.TimelineActions(after)[^1]);
        Assert.False(ReviewPages.HasForm(after, "Paid.PaidOn"));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Paid, stored.Status);
        Assert.Equal(new DateOnly(2026, 11, 19), stored.PaidOn);
        Assert.DoesNotContain(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport);
        var notification = Assert.Single(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
        Assert.Equal(NotificationKind.PaymentRequestPaid, notification.Kind);
    }

    [Fact]
    public async Task Marking_paid_with_a_support_pdf_attaches_it_as_soporte_de_pago()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));
        var support = TestFiles.Pdf(padding: 2000);

        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, support: ("Comprobante de egreso 2026-311.pdf", support));
        var after = await ReviewPages.FollowAsync(client, response);

        Assert.Equal("Pagado", ReviewPages.Status(after));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        var attachment = Assert.Single(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport);
        Assert.Equal("Comprobante de egreso 2026-311.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal(mine.Supervisor.Id, attachment.UploadedById);
        var row = after.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("td")?.TextContent.Trim() == "Soporte de pago");
        var link = row.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Descargar");
        using var download = await client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(support, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_renamed_executable_as_support_is_refused_next_to_the_field_and_leaves_nothing_behind()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));
        var filesBefore = ReviewTestData.StoredFileCount(Factory);

        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, paidOn: "2026-11-18", support: ("soporte.pdf", TestFiles.WindowsExecutable()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(again, "Paid_PaymentSupport", "no es un PDF, ZIP, PNG, JPEG, DOCX ni XLSX válido");
        Assert.Equal("18/11/2026", AdminPages.ValueOf(again, "Paid.PaidOn"));
        Assert.Equal("Aprobado", ReviewPages.Status(again));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.DoesNotContain(stored.Attachments, a => a.Type == AttachmentType.PaymentSupport);
        Assert.Equal(filesBefore, ReviewTestData.StoredFileCount(Factory));
        Assert.Empty(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
    }

    [Fact]
    public async Task A_payment_date_in_the_future_is_refused_and_the_uploaded_support_is_deleted()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));
        var filesBefore = ReviewTestData.StoredFileCount(Factory);

        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, paidOn: "2026-11-21", support: ("soporte.pdf", TestFiles.Pdf()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(again, "Paid_PaidOn", "La fecha real de pago no puede ser posterior a hoy (20/11/2026).");
        Assert.Equal("21/11/2026", AdminPages.ValueOf(again, "Paid.PaidOn"));
        Assert.Contains("vuelva a seleccionarlo", again.GetElementById("pagado")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, id)).Status);
        Assert.Equal(filesBefore, ReviewTestData.StoredFileCount(Factory));
    }

    [Fact]
    public async Task Admins_read_the_review_page_from_the_contract_and_may_only_mark_paid()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var sent = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var approved = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        var contract = await PortalHttp.GetPageAsync(admin, $"/contratos/{ReviewPages.Invariant(mine.ContractId)}");
        var planLinks = contract.QuerySelectorAll("#seccion-7 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains(ReviewPages.Show(sent), planLinks);
        Assert.Contains(ReviewPages.Show(approved), planLinks);

        var sentPage = await PortalHttp.GetPageAsync(admin, ReviewPages.Show(sent));
        Assert.False(ReviewPages.HasForm(sentPage, "Approve.ReceivedOn"));
        Assert.False(ReviewPages.HasForm(sentPage, "Reject.Reason"));
        Assert.False(ReviewPages.HasForm(sentPage, "Paid.PaidOn"));
        Assert.Contains("Solo el supervisor del contrato puede aprobarla o rechazarla.", sentPage.QuerySelector(".review-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Contrato " + mine.ContractNumber, sentPage.QuerySelector(".breadcrumbs")!.TextContent, StringComparison.Ordinal);

        var approvedPage = await PortalHttp.GetPageAsync(admin, ReviewPages.Show(approved));
        Assert.False(ReviewPages.HasForm(approvedPage, "Approve.ReceivedOn"));
        using var response = await ReviewPages.SubmitMarkPaidAsync(admin, approvedPage, approved);
        var after = await ReviewPages.FollowAsync(admin, response);

        Assert.Equal("Pagado", ReviewPages.Status(after));
        var adminId = await TestUsers.IdOfAsync(Factory, DemoAccounts.Admin.Email);
        Assert.Equal(adminId, (await ReviewTestData.LoadAsync(Factory, approved)).History.MaxBy(h => h.Id)!.ByUserId);
    }

    [Fact]
    public async Task The_supervisors_plan_de_pagos_links_each_sent_request_to_its_review_page()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var sent = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var draft = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Draft);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));

        var contract = await PortalHttp.GetPageAsync(client, $"/contratos/{ReviewPages.Invariant(mine.ContractId)}");
        var link = contract.QuerySelectorAll("#seccion-7 a").Single(a => a.GetAttribute("href") == ReviewPages.Show(sent));
        var page = await PortalHttp.GetPageAsync(client, link.GetAttribute("href")!);

        Assert.Equal("Enviado a la Entidad Estatal", ReviewPages.Status(page));
        Assert.DoesNotContain(contract.QuerySelectorAll("#seccion-7 a"), a => a.GetAttribute("href") == ReviewPages.Show(draft));
    }

    /// <summary>Every visible control has a label pointing at it.</summary>
    private static void AssertEveryInputIsLabelled(IHtmlDocument page)
    {
        foreach (var control in page.QuerySelectorAll("main input:not([type=hidden]), main textarea, main select"))
        {
            var id = control.Id;
            Assert.False(string.IsNullOrEmpty(id), $"A control without id: {control.OuterHtml}");
            Assert.True(page.QuerySelector($"label[for='{id}']") is not null, $"No <label for=\"{id}\">.");
        }
    }
}

[Collection(SqlitePortal.Name)]
public sealed class ReviewDecisionSqliteTests(SqlitePortalFixture fixture) : ReviewDecisionTests(fixture)
{
    [Fact]
    public async Task A_support_over_the_file_size_limit_is_refused_next_to_the_field_and_leaves_nothing_behind()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));
        var filesBefore = ReviewTestData.StoredFileCount(Factory);
        var oversize = new byte[(25 * 1024 * 1024) + 1]; // Kestrel's own 30 MB limit is lifted; the portal's 25 MB is what refuses
        TestFiles.Pdf().CopyTo(oversize, 0);

        using var response = await ReviewPages.SubmitMarkPaidAsync(client, page, id, support: ("extracto.pdf", oversize));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);
        AdminPages.AssertFieldError(again, "Paid_PaymentSupport", "supera el tamaño máximo permitido de 25 MB");
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, id)).Status);
        Assert.Equal(filesBefore, ReviewTestData.StoredFileCount(Factory));
    }
}

[Collection(PostgresPortal.Name)]
public sealed class ReviewDecisionPostgresTests(PostgresPortalFixture fixture) : ReviewDecisionTests(fixture);
