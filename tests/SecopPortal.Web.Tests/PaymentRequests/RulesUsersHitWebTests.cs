using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.Entities;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// The rules users hit, through the real pages: the checklist agrees with Confirmar, the proposal passes Confirmar,
/// a persona jurídica is asked for its certification instead of the PILA, a Terminado contract takes its last
/// cuenta de cobro, and an administrator sets the documents an entity asks for.
/// </summary>
public abstract class RulesUsersHitWebTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task Guardar_keeps_a_reversed_period_and_a_planilla_with_a_letter_but_the_checklist_shows_both_crosses_and_Confirmar_agrees()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, new Dictionary<string, string>(WithPila(StartsOn))
        {
            ["Input.PeriodFrom"] = "2026-02-20",
            ["Input.PeriodTo"] = "2026-02-10",
            ["Input.PilaNumber"] = "12a",
        });
        await AttachRequiredAsync(contract.Contractor, contract.Id, id);

        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var crosses = Crosses(page);
        Assert.Contains(crosses, c => c.Contains("«Periodo hasta» no puede ser anterior a «Periodo desde»", StringComparison.Ordinal));
        Assert.Contains(crosses, c => c.Contains("El número de planilla solo admite dígitos", StringComparison.Ordinal));
        Assert.DoesNotContain(Ticks(page), t => t.Contains("Periodo dentro del plazo", StringComparison.Ordinal));

        using var confirm = await ConfirmAsync(contract.Contractor, contract.Id, id);
        var refused = await PortalHttp.ParseAsync(confirm);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        AssertFieldError(refused, "Input_PeriodTo", "«Periodo hasta» no puede ser anterior a «Periodo desde»");
        AssertFieldError(refused, "Input_PilaNumber", "El número de planilla solo admite dígitos");
        Assert.Equal("12a", ValueOf(refused, "Input_PilaNumber"));
    }

    [Fact]
    public async Task The_checklist_with_every_line_ticked_is_followed_by_a_successful_Confirmar()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));
        await AttachRequiredAsync(contract.Contractor, contract.Id, id);

        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        Assert.Empty(Crosses(page));
        Assert.Contains(Ticks(page), t => t.Contains("Factura, fechas y valores completos", StringComparison.Ordinal));
        Assert.Contains(Ticks(page), t => t.Contains("Planilla de seguridad social (PILA)", StringComparison.Ordinal));

        using var confirm = await ConfirmAsync(contract.Contractor, contract.Id, id);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
    }

    /// <summary>
    /// Three months billed and today (20/05/2026) inside the fourth: the proposal bills May, which has not ended, so
    /// its emission date is in June, but the reception date proposed is today, which Confirmar accepts.
    /// </summary>
    [Fact]
    public async Task After_a_run_of_earlier_requests_the_proposal_for_the_unfinished_month_passes_Confirmar()
    {
        var contract = await NewContractAsync(Factory, total: 40_000_000m);
        for (var month = 0; month < 3; month++)
        {
            await SentRequestAsync(contract, WithPila(StartsOn.AddMonths(month)), firstPayment: month == 0);
        }

        var form = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);
        Assert.Equal("01/05/2026", ValueOf(form, "Input_PeriodFrom"));
        Assert.Equal("31/05/2026", ValueOf(form, "Input_PeriodTo"));
        Assert.Equal("01/06/2026", ValueOf(form, "Input_IssuedOn"));
        Assert.Equal(Today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), ValueOf(form, "Input_ReceivedOn"));

        var id = await CreateRequestAsync(contract, WithPila(new DateOnly(2026, 5, 1)));
        await AttachRequiredAsync(contract.Contractor, contract.Id, id, firstPayment: false);
        using var confirm = await ConfirmAsync(contract.Contractor, contract.Id, id);
        Assert.True(confirm.StatusCode == HttpStatusCode.Redirect, Summary(await PortalHttp.ParseAsync(confirm)));
    }

    [Fact]
    public async Task A_persona_juridica_sees_no_planilla_fields_and_attaches_the_revisor_fiscals_certification()
    {
        var contract = await NewContractAsync(Factory, PersonType.LegalPerson);
        var form = await PortalHttp.GetPageAsync(contract.Contractor, contract.CreateUrl);
        Assert.Null(form.GetElementById("Input_PilaNumber"));
        Assert.Contains("artículo 50 de la Ley 789 de 2002", form.GetElementById("seguridad-social-juridica")!.TextContent, StringComparison.Ordinal);
        var types = form.QuerySelectorAll("select[name='Upload.Type'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(nameof(AttachmentType.SocialSecurityCertification), types);
        Assert.DoesNotContain(nameof(AttachmentType.SocialSecurityPayment), types);

        var id = await CreateRequestAsync(contract);
        foreach (var type in PaymentRequestRules.RequiredDocuments(PersonType.LegalPerson, isFirstPayment: true).Where(t => t != AttachmentType.SocialSecurityCertification))
        {
            await AttachAsync(contract.Contractor, contract.Id, id, type);
        }

        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        Assert.True(
            Crosses(page).SequenceEqual(["Certificación de pagos de seguridad social y parafiscales"]),
            page.GetElementById("lista-de-chequeo")?.OuterHtml ?? page.Title);
        using (var refused = await ConfirmAsync(contract.Contractor, contract.Id, id))
        {
            Assert.Contains("Falta anexar el documento «Certificación de pagos de seguridad social y parafiscales»", Summary(await PortalHttp.ParseAsync(refused)), StringComparison.Ordinal);
        }

        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.SocialSecurityCertification);
        using var confirm = await ConfirmAsync(contract.Contractor, contract.Id, id);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
    }

    [Fact]
    public async Task A_terminated_contract_offers_Crear_and_takes_its_last_cuenta_de_cobro_until_it_is_liquidated()
    {
        var contract = await NewContractAsync(Factory);
        await SetStatusAsync(contract.Id, c => c.Terminate());

        var detail = await PortalHttp.GetPageAsync(contract.Contractor, $"/contratos/{Id(contract.Id)}");
        Assert.Contains(detail.QuerySelectorAll("a.btn"), a => a.TextContent.Trim() == "Crear");
        var id = await PendingRequestAsync(contract);
        Assert.Equal(PaymentRequestStatus.PendingRegistration, (await FindAsync(Factory, id))!.Status);

        await SetStatusAsync(contract.Id, c => c.Close());
        using var create = await contract.Contractor.GetAsync(new Uri(contract.CreateUrl, UriKind.Relative));
        var refused = await FollowAsync(contract.Contractor, create);
        Assert.Contains("«Terminado» (hasta su liquidación)", refused.QuerySelector(".alert--error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_that_asks_for_the_certificacion_bancaria_on_every_payment_gets_it_until_the_administrator_goes_back_to_the_portals_rules()
    {
        var entityId = await NewEntityAsync();
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        var url = $"/administracion/entidades/{Id(entityId)}/documentos";
        var settings = await PortalHttp.GetPageAsync(admin, url);
        Assert.False(Checkbox(settings, "LaterPayments", AttachmentType.BankCertificate).IsChecked);
        Assert.True(Checkbox(settings, "FirstPayment", AttachmentType.BankCertificate).IsChecked);
        Assert.True(Checkbox(settings, "LaterPayments", AttachmentType.PaymentClaim).IsDisabled);
        Assert.NotNull(settings.QuerySelector($"label[for='LaterPayments-{AttachmentType.BankCertificate}']"));

        var fields = Checked(settings).Append(new("LaterPayments", nameof(AttachmentType.BankCertificate)));
        using (var saved = await PortalHttp.PostFormAsync(admin, url, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var after = await PortalHttp.GetPageAsync(admin, url);
        Assert.True(Checkbox(after, "LaterPayments", AttachmentType.BankCertificate).IsChecked);
        Assert.Contains("Se guardaron los documentos requeridos", AdminPages.Flash(after), StringComparison.Ordinal);

        var contract = await NewContractAsync(Factory, entityId: entityId);
        await SentRequestAsync(contract, WithPila(StartsOn));
        var id = await CreateRequestAsync(contract, WithPila(StartsOn.AddMonths(1)));
        await AttachRequiredAsync(contract.Contractor, contract.Id, id, firstPayment: false);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        Assert.Equal(["Certificación bancaria"], Crosses(page));
        using (var refused = await ConfirmAsync(contract.Contractor, contract.Id, id))
        {
            Assert.Contains("Falta anexar el documento «Certificación bancaria»", Summary(await PortalHttp.ParseAsync(refused)), StringComparison.Ordinal);
        }

        using (var reset = await PortalHttp.PostFormAsync(admin, url, [new("restablecer", "1")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        }

        Assert.Contains("reglas del portal", AdminPages.Flash(await PortalHttp.GetPageAsync(admin, url)), StringComparison.Ordinal);
        using var confirm = await ConfirmAsync(contract.Contractor, contract.Id, id);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await using var scope = Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PublicEntities.AsNoTracking().SingleAsync(e => e.Id == entityId);
        Assert.Null(stored.LaterPaymentDocuments);
    }

    [Fact]
    public async Task Documents_of_a_missing_entity_are_a_404_and_a_post_without_antiforgery_is_refused()
    {
        var entityId = await NewEntityAsync();
        using var admin = await Factory.SignedInAsync(DemoAccounts.Admin);

        using var missing = await admin.GetAsync(new Uri("/administracion/entidades/999999999/documentos", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var forged = await PortalHttp.PostFormWithTokenAsync(admin, $"/administracion/entidades/{Id(entityId)}/documentos", [new("LaterPayments", "Rut")], token: null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    private static List<string> Crosses(IHtmlDocument page) => ChecklistLines(page, "check--missing");

    private static List<string> Ticks(IHtmlDocument page) => ChecklistLines(page, "check--ok");

    private static List<string> ChecklistLines(IHtmlDocument page, string kind) =>
        [.. page.QuerySelectorAll($"#lista-de-chequeo li.{kind}").Select(li => string.Join(' ', li.Children.Where(c => !c.ClassList.Contains("check__mark") && !c.ClassList.Contains("visually-hidden")).Select(c => c.TextContent.Trim())).Trim())];

    private static IHtmlInputElement Checkbox(IHtmlDocument page, string list, AttachmentType type) =>
        (IHtmlInputElement)page.GetElementById($"{list}-{type}")!;

    /// <summary>What a browser posts: the checked boxes and the fixed (hidden) ones.</summary>
    private static List<KeyValuePair<string, string>> Checked(IHtmlDocument page) =>
        page.QuerySelectorAll("form input[name=FirstPayment], form input[name=LaterPayments]")
            .OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" || (i.IsChecked && !i.IsDisabled))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .ToList();

    private async Task<int> NewEntityAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var entity = new PublicEntity($"Alcaldía de Prueba {Guid.NewGuid().ToString("N")[..6]}", AdminPages.NewNit(out _));
        db.PublicEntities.Add(entity);
        await db.SaveChangesAsync();
        return entity.Id;
    }

    private async Task SetStatusAsync(int contractId, Action<Domain.Contracts.Contract> change)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        change(await db.Contracts.SingleAsync(c => c.Id == contractId));
        await db.SaveChangesAsync();
    }
}

[Collection(SqlitePortal.Name)]
public sealed class RulesUsersHitSqliteTests(SqlitePortalFixture fixture) : RulesUsersHitWebTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class RulesUsersHitPostgresTests(PostgresPortalFixture fixture) : RulesUsersHitWebTests(fixture);
