using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Calendar;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>The contractor's monthly cycle through the pages, as seeds 001–003 describe it.</summary>
public abstract class PaymentRequestCycleTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task Contractor_creates_attaches_confirms_sends_and_corrects_a_rejected_request_in_the_same_record()
    {
        var contract = await NewContractAsync(Factory);
        var client = contract.Contractor;

        // Section 7 → Plan de pagos → "Crear".
        var detail = await PortalHttp.GetPageAsync(client, $"/contratos/{Id(contract.Id)}");
        var create = detail.QuerySelectorAll("#seccion-7 a").FirstOrDefault(a => a.TextContent.Trim() == "Crear");
        Assert.Equal(contract.CreateUrl, create?.GetAttribute("href"));

        var form = await PortalHttp.GetPageAsync(client, contract.CreateUrl);
        using var created = await SubmitAsync(client, form, contract.CreateUrl, WithPila(StartsOn), button: "guardar");
        var id = await RequestIdFromRedirectAsync(created);
        var edit = await FollowAsync(client, created);
        Assert.Contains("Se creó la cuenta de cobro con Id de pago 1", Flash(edit), StringComparison.Ordinal);
        Assert.Equal("En edición", StatusBadge(edit));
        Assert.Equal("9876543210", ValueOf(edit, "Input_PilaNumber"));

        // Every required document of a first payment of a persona natural, one "Anexar" each.
        await AttachRequiredAsync(client, contract.Id, id);
        edit = await PortalHttp.GetPageAsync(client, Show(contract.Id, id));
        Assert.Empty(edit.QuerySelectorAll(".checklist .check--missing"));
        Assert.Equal(7, edit.QuerySelectorAll("#Documents tbody tr").Length);

        // "Confirmar" → Pendiente de registro: read-only, with "Enviar", "Registro", "Borrar".
        using var confirmed = await ConfirmAsync(client, contract.Id, id);
        var pending = await FollowAsync(client, confirmed);
        Assert.Equal("Pendiente de registro", StatusBadge(pending));
        Assert.Null(pending.GetElementById(FormId));
        Assert.Equal(["Enviar", "Registro", "Borrar"], ButtonTexts(pending));

        // "Registro" reopens it; "Confirmar" again.
        using var reopened = await PostButtonAsync(client, pending, Action(contract.Id, id, "registro"));
        edit = await FollowAsync(client, reopened);
        Assert.Equal("En edición", StatusBadge(edit));
        Assert.NotNull(edit.GetElementById(FormId));
        using var confirmedAgain = await ConfirmAsync(client, contract.Id, id, new Dictionary<string, string> { ["Input.Notes"] = "Pago de febrero." });
        pending = await FollowAsync(client, confirmedAgain);
        Assert.Equal("Pendiente de registro", StatusBadge(pending));

        // "Enviar": read-only for the contractor, and the supervisor is notified.
        using var sent = await PostButtonAsync(client, pending, Action(contract.Id, id, "enviar"));
        var sentPage = await FollowAsync(client, sent);
        Assert.Equal("Su cuenta de cobro fue enviada a la Entidad Estatal.", Flash(sentPage));
        Assert.Equal("Enviado a la Entidad Estatal", StatusBadge(sentPage));
        Assert.Empty(ButtonTexts(sentPage));
        Assert.Null(sentPage.GetElementById(FormId));
        Assert.Equal(1, await NotificationsForAsync(contract.SupervisorId));

        // The supervisor rejects it (their screens are another slice; the domain is the same).
        const string reason = "El informe de actividades no trae la firma del contratista.";
        await RejectAsync(Factory, id, contract.SupervisorId, reason);
        var rejected = await PortalHttp.GetPageAsync(client, Show(contract.Id, id));
        Assert.Equal("Rechazado", StatusBadge(rejected));
        Assert.Equal("Motivo del rechazo", rejected.GetElementById("motivo-rechazo")?.TextContent.Trim());
        Assert.Contains(reason, rejected.QuerySelector(".pr-rejection")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Editar"], ButtonTexts(rejected));

        // "Editar" reopens the same record; it is corrected and sent again.
        using var reopenedAfterRejection = await PostButtonAsync(client, rejected, Action(contract.Id, id, "editar"));
        Assert.Equal(Show(contract.Id, id), PathOf(reopenedAfterRejection));
        edit = await FollowAsync(client, reopenedAfterRejection);
        Assert.Equal("En edición", StatusBadge(edit));
        Assert.Contains(reason, edit.QuerySelector(".pr-rejection")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Borrar", ButtonTexts(edit));
        await AttachAsync(client, contract.Id, id, AttachmentType.ActivityReport, UploadFile.Pdf("informe-firmado.pdf"));
        using var reconfirmed = await ConfirmAsync(client, contract.Id, id);
        pending = await FollowAsync(client, reconfirmed);
        using var resent = await PostButtonAsync(client, pending, Action(contract.Id, id, "enviar"));
        sentPage = await FollowAsync(client, resent);
        Assert.Equal("Enviado a la Entidad Estatal", StatusBadge(sentPage));

        var stored = await FindAsync(Factory, id);
        Assert.NotNull(stored);
        Assert.Equal(1, stored!.Sequence);
        Assert.Equal(2, stored.SendCount);
        Assert.Equal("Pago de febrero.", stored.Notes);
        Assert.Equal(
            ["Crear", "Confirmar", "Registro", "Confirmar", "Enviar", "Rechazar", "Editar", "Confirmar", "Enviar"],
            stored.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(h => h.Action));
        Assert.Equal(1, await CountRequestsAsync(Factory, contract.Id));
        Assert.Equal(2, await NotificationsForAsync(contract.SupervisorId));
        Assert.Equal(8, stored.Attachments.Count);
    }

    [Fact]
    public async Task Crear_shows_the_suggested_values_and_stores_nothing_until_the_first_submit()
    {
        var contract = await NewContractAsync(Factory);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);

        Assert.Contains("Id de pago 1", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(contract.Number, page.QuerySelector(".pr-head")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", page.QuerySelector("input[name='Input.IssuesElectronicInvoice']:checked")?.GetAttribute("value"));
        Assert.Equal("Pago 001", ValueOf(page, "Input_InvoiceNumber"));
        Assert.Equal("01/02/2026", ValueOf(page, "Input_PeriodFrom"));
        Assert.Equal("28/02/2026", ValueOf(page, "Input_PeriodTo"));

        // 28/02/2026 is a Saturday: the first business day after it is Monday 02/03/2026.
        Assert.Equal(ColombianCalendar.FirstBusinessDayAfter(new DateOnly(2026, 2, 28)), new DateOnly(2026, 3, 2));
        Assert.Equal("02/03/2026", ValueOf(page, "Input_IssuedOn"));
        Assert.Equal("31/03/2026", ValueOf(page, "Input_DueOn"));
        Assert.Equal("02/03/2026", ValueOf(page, "Input_ReceivedOn"));
        Assert.Equal("1", ValueOf(page, "Input_FilingNumber"));
        Assert.Equal("4.500.000", ValueOf(page, "Input_NetValue"));
        Assert.Equal("4.500.000", ValueOf(page, "Input_TotalValue"));
        Assert.Equal(string.Empty, ValueOf(page, "Input_PilaNumber"));

        // Every field with its SECOP II label, tied to its control.
        var labels = new Dictionary<string, string>
        {
            ["Input_Cufe"] = "CUFE",
            ["Input_InvoiceNumber"] = "Número de factura",
            ["Input_PeriodFrom"] = "Periodo desde",
            ["Input_PeriodTo"] = "Periodo hasta",
            ["Input_IssuedOn"] = "Fecha de emisión",
            ["Input_DueOn"] = "Fecha de vencimiento",
            ["Input_ReceivedOn"] = "Fecha de recepción original",
            ["Input_FilingNumber"] = "Número de radicación",
            ["Input_NetValue"] = "Valor neto",
            ["Input_TotalValue"] = "Valor total",
            ["Input_Notes"] = "Notas",
            ["Input_PilaNumber"] = "Número de planilla",
            ["Input_PilaPaidOn"] = "Fecha de pago de la planilla",
            ["Input_IssuesElectronicInvoice_Si"] = "Sí",
            ["Input_IssuesElectronicInvoice_No"] = "No",
            ["Upload_Type"] = "Tipo de documento",
            ["Upload_File"] = "Archivo",
            ["Upload_Description"] = "Descripción",
        };
        foreach (var (control, label) in labels)
        {
            Assert.Equal(label, page.QuerySelector($"label[for='{control}']")?.TextContent.Trim());
            Assert.NotNull(page.GetElementById(control));
        }

        Assert.Equal("¿Está obligado a facturar electrónicamente?", page.QuerySelector("#Input_IssuesElectronicInvoice legend")?.TextContent.Trim());
        Assert.All(
            ["Input_PeriodFrom", "Input_PeriodTo", "Input_IssuedOn", "Input_DueOn", "Input_ReceivedOn", "Input_PilaPaidOn"],
            control => Assert.Equal(("text", "dd/mm/aaaa"), (page.GetElementById(control)!.GetAttribute("type"), page.GetElementById(control)!.GetAttribute("placeholder"))));
        Assert.Contains("Guardar", ButtonTexts(page));
        Assert.Contains("Anexar", ButtonTexts(page));
        Assert.Equal(
            ["Cuenta de cobro o factura", "Informe de actividades", "Planilla de pago de seguridad social", "Certificado de ARL vigente",
             "Certificación bancaria", "RUT", "Soporte de pago de impuestos",
             "Escriba el número de la planilla de pago de seguridad social (PILA)."],
            page.QuerySelectorAll(".checklist .check--missing span:nth-child(2)").Select(s => s.TextContent.Trim()));
        Assert.Equal(0, await CountRequestsAsync(Factory, contract.Id));
    }

    [Fact]
    public async Task The_next_request_suggests_the_following_month_Pago_002_and_asks_for_the_previous_payment_order()
    {
        var contract = await NewContractAsync(Factory);
        await SentRequestAsync(contract);

        var page = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);
        Assert.Contains("Id de pago 2", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pago 002", ValueOf(page, "Input_InvoiceNumber"));
        Assert.Equal("01/03/2026", ValueOf(page, "Input_PeriodFrom"));
        Assert.Equal("31/03/2026", ValueOf(page, "Input_PeriodTo"));
        Assert.Equal("01/04/2026", ValueOf(page, "Input_IssuedOn"));
        Assert.Equal("2", ValueOf(page, "Input_FilingNumber"));
        var missing = page.QuerySelectorAll(".checklist .check--missing span:nth-child(2)").Select(s => s.TextContent.Trim()).ToList();
        Assert.Contains("Orden de pago del mes vencido", missing);
        Assert.DoesNotContain("RUT", missing);
    }

    [Fact]
    public async Task Crear_whose_Id_de_pago_was_taken_meanwhile_is_shown_again_with_the_next_number_and_nothing_stored()
    {
        var contract = await NewContractAsync(Factory);
        var first = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);
        var second = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);
        using var created = await SubmitAsync(contract.Contractor, first, contract.CreateUrl, button: "guardar");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var stale = await SubmitAsync(
            contract.Contractor, second, contract.CreateUrl, new Dictionary<string, string> { ["Input.Notes"] = "Escrito en otra pestaña." }, button: "guardar");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = await PortalHttp.ParseAsync(stale);
        Assert.Contains("esta tendrá el Id de pago 2", Summary(again), StringComparison.Ordinal);
        Assert.Contains("Id de pago 2", again.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pago 002", ValueOf(again, "Input_InvoiceNumber"));
        Assert.Equal("2", ValueOf(again, "Input_FilingNumber"));
        Assert.Equal("Escrito en otra pestaña.", ValueOf(again, "Input_Notes"));
        Assert.Equal(1, await CountRequestsAsync(Factory, contract.Id));

        using var createdSecond = await SubmitAsync(contract.Contractor, again, contract.CreateUrl, button: "guardar");
        var secondId = await RequestIdFromRedirectAsync(createdSecond);
        Assert.Equal(2, (await FindAsync(Factory, secondId))!.Sequence);
    }

    private async Task<int> NotificationsForAsync(Guid userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Notifications.CountAsync(n => n.RecipientId == userId);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestCycleSqliteTests(SqlitePortalFixture fixture) : PaymentRequestCycleTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class PaymentRequestCyclePostgresTests(PostgresPortalFixture fixture) : PaymentRequestCycleTests(fixture);
