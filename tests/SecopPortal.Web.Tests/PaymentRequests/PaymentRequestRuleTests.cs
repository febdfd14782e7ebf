using System.Net;
using AngleSharp.Html.Dom;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// Every rule of "Confirmar" broken on purpose through the form: the Spanish message stands next to its field and
/// in the summary, and what was typed is still there (and saved).
/// </summary>
public abstract class PaymentRequestRuleTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    /// <summary>A well-formed CUFE (96 hexadecimal characters) no other test uses.</summary>
    protected static string NewCufe() => (Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")).ToUpperInvariant();

    [Fact]
    public async Task A_period_that_overlaps_a_sent_request_is_refused_next_to_Periodo_desde()
    {
        var contract = await NewContractAsync(Factory);
        await SentRequestAsync(contract);
        var id = await CreateRequestAsync(contract);

        var page = await ConfirmRefusedAsync(contract, id, new()
        {
            ["Input.PeriodFrom"] = "2026-02-15",
            ["Input.PeriodTo"] = "2026-03-15",
        });

        AssertFieldError(page, "Input_PeriodFrom", "El periodo se cruza con el de la cuenta de cobro con Id de pago 1 (01/02/2026 a 28/02/2026)");
        Assert.Equal("15/02/2026", ValueOf(page, "Input_PeriodFrom"));
        Assert.Equal("15/03/2026", ValueOf(page, "Input_PeriodTo"));
        Assert.Equal(new DateOnly(2026, 2, 15), (await FindAsync(Factory, id))!.PeriodFrom);
    }

    [Fact]
    public async Task A_CUFE_already_registered_in_the_portal_is_refused()
    {
        var cufe = NewCufe();
        var first = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        await CreateRequestAsync(first, Invoice(cufe));

        var second = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        var id = await CreateRequestAsync(second, Invoice(NewCufe()));
        var page = await ConfirmRefusedAsync(second, id, new() { ["Input.Cufe"] = cufe.ToLowerInvariant() });

        AssertFieldError(page, "Input_Cufe", "Este CUFE ya está registrado en otra cuenta de cobro");
        Assert.Equal(cufe.ToLowerInvariant(), ValueOf(page, "Input_Cufe"));
    }

    [Fact]
    public async Task A_total_above_the_balance_left_on_the_contract_is_refused()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.NetValue"] = "27.000.001", ["Input.TotalValue"] = "27.000.001" });

        AssertFieldError(page, "Input_TotalValue", "El valor total supera el saldo por facturar del contrato ($ 27.000.000).");
        Assert.Equal("27.000.001", ValueOf(page, "Input_TotalValue"));
    }

    protected static Dictionary<string, string> Invoice(string cufe, string net = "10.000.000", string total = "11.900.000") => new()
    {
        ["Input.IssuesElectronicInvoice"] = "true",
        ["Input.Cufe"] = cufe,
        ["Input.InvoiceNumber"] = $"FE-{Guid.NewGuid().ToString("N")[..6]}",
        ["Input.NetValue"] = net,
        ["Input.TotalValue"] = total,
    };

    /// <summary>"Confirmar" with <paramref name="changes"/>; asserts it was refused (the form again, 200) and the request is still "En edición".</summary>
    protected async Task<IHtmlDocument> ConfirmRefusedAsync(TestContract contract, int id, Dictionary<string, string> changes)
    {
        using var response = await ConfirmAsync(contract.Contractor, contract.Id, id, changes);
        var page = await PortalHttp.ParseAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Confirmar answered {(int)response.StatusCode}; expected the form again.");
        Assert.Equal("En edición", StatusBadge(page));
        Assert.NotNull(page.GetElementById(FormId));
        Assert.Equal(PaymentRequestStatus.Editing, (await FindAsync(Factory, id))!.Status);
        return page;
    }
}

/// <summary>The rules that depend on other rows (siblings, the portal's CUFEs, the balance), on both databases.</summary>
[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestRuleSqliteTests(SqlitePortalFixture fixture) : PaymentRequestRuleTests(fixture)
{
    [Fact]
    public async Task Confirmar_without_documents_names_each_missing_one_next_to_the_documents_and_keeps_what_was_typed()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.Notes"] = "Cobro de febrero, con informe." });

        var documents = FieldError(page, "Documents");
        foreach (var type in PaymentRequestRules.RequiredDocuments(PersonType.NaturalPerson, isFirstPayment: true))
        {
            Assert.Contains($"Falta anexar el documento «{type.ToLabel()}».", documents, StringComparison.Ordinal);
        }

        Assert.Contains("Falta anexar el documento «RUT».", Summary(page), StringComparison.Ordinal);
        Assert.Equal("#Documents", page.QuerySelectorAll("#errores a").First(a => a.TextContent.Contains("RUT", StringComparison.Ordinal)).GetAttribute("href"));
        Assert.NotNull(page.GetElementById("Documents"));
        Assert.Equal("Cobro de febrero, con informe.", ValueOf(page, "Input_Notes"));
        Assert.Equal("Cobro de febrero, con informe.", (await FindAsync(Factory, id))!.Notes);
    }

    [Fact]
    public async Task A_total_below_the_net_value_is_refused_for_a_contractor_who_invoices()
    {
        var contract = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        var id = await CreateRequestAsync(contract, Invoice(NewCufe()));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.NetValue"] = "10.000.000", ["Input.TotalValue"] = "9.500.000" });

        AssertFieldError(page, "Input_TotalValue", "El valor total no puede ser menor que el valor neto.");
        Assert.Equal("10.000.000", ValueOf(page, "Input_NetValue"));
        Assert.Equal("9.500.000", ValueOf(page, "Input_TotalValue"));
    }

    [Fact]
    public async Task A_total_different_from_the_net_value_is_refused_when_not_invoicing()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.TotalValue"] = "4.600.000" });

        AssertFieldError(page, "Input_TotalValue", "Si no factura electrónicamente, el valor total debe ser igual al valor neto");
        Assert.Equal("4.600.000", ValueOf(page, "Input_TotalValue"));
        Assert.Equal(4_600_000m, (await FindAsync(Factory, id))!.TotalValue);
    }

    [Fact]
    public async Task A_period_outside_the_contract_term_is_refused_on_both_dates()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.PeriodFrom"] = "2026-01-20", ["Input.PeriodTo"] = "2026-08-15" });

        AssertFieldError(page, "Input_PeriodFrom", "«Periodo desde» debe estar dentro del plazo del contrato (del 01/02/2026 al 31/07/2026).");
        AssertFieldError(page, "Input_PeriodTo", "«Periodo hasta» debe estar dentro del plazo del contrato (del 01/02/2026 al 31/07/2026).");
        Assert.Equal("20/01/2026", ValueOf(page, "Input_PeriodFrom"));
    }

    [Fact]
    public async Task A_malformed_CUFE_is_refused()
    {
        var contract = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        var id = await CreateRequestAsync(contract, Invoice(NewCufe()));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.Cufe"] = "ABC-123-no-es-un-cufe" });

        AssertFieldError(page, "Input_Cufe", "El CUFE debe tener 96 caracteres hexadecimales (0-9, a-f).");
        Assert.Equal("ABC-123-no-es-un-cufe", ValueOf(page, "Input_Cufe"));
    }

    [Fact]
    public async Task A_missing_CUFE_is_refused_when_the_contractor_invoices()
    {
        var contract = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        var id = await CreateRequestAsync(contract, Invoice(NewCufe()));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.Cufe"] = string.Empty });

        AssertFieldError(page, "Input_Cufe", "Escriba el CUFE de la factura electrónica.");
    }

    [Fact]
    public async Task A_planilla_number_shorter_than_six_digits_is_refused()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.PilaNumber"] = "12345" });

        AssertFieldError(page, "Input_PilaNumber", "El número de planilla debe tener al menos 6 dígitos.");
        Assert.Equal("12345", ValueOf(page, "Input_PilaNumber"));
    }

    [Fact]
    public async Task A_planilla_paid_in_the_future_or_missing_is_refused_for_a_persona_natural()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var future = await ConfirmRefusedAsync(contract, id, new() { ["Input.PilaPaidOn"] = "2026-05-21" });
        AssertFieldError(future, "Input_PilaPaidOn", "La fecha de pago de la planilla no puede ser posterior a hoy (20/05/2026).");

        var missing = await ConfirmRefusedAsync(contract, id, new() { ["Input.PilaNumber"] = string.Empty, ["Input.PilaPaidOn"] = string.Empty });
        AssertFieldError(missing, "Input_PilaNumber", "Escriba el número de la planilla de pago de seguridad social (PILA).");
        AssertFieldError(missing, "Input_PilaPaidOn", "Indique la fecha de pago de la planilla.");
    }

    [Fact]
    public async Task An_emission_date_before_the_period_and_a_duplicate_invoice_number_are_refused()
    {
        var contract = await NewContractAsync(Factory);
        await SentRequestAsync(contract);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn.AddMonths(1)));

        var page = await ConfirmRefusedAsync(contract, id, new() { ["Input.IssuedOn"] = "2026-02-27", ["Input.InvoiceNumber"] = "pago 001" });

        AssertFieldError(page, "Input_IssuedOn", "La fecha de emisión no puede ser anterior al inicio del periodo cobrado (01/03/2026).");
        AssertFieldError(page, "Input_InvoiceNumber", "El número de factura «pago 001» ya se usó en la cuenta de cobro con Id de pago 1; use otro.");
    }

    [Fact]
    public async Task Notes_longer_than_2000_characters_are_refused_on_Guardar_and_stay_in_the_box()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var notes = new string('n', 2001);

        using var response = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "guardar"), new Dictionary<string, string> { ["Input.Notes"] = notes, ["Input.FilingNumber"] = "R-77" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await PortalHttp.ParseAsync(response);

        AssertFieldError(again, "Input_Notes", "como máximo 2.000 caracteres.");
        Assert.Equal(notes, ValueOf(again, "Input_Notes"));
        Assert.Equal("R-77", ValueOf(again, "Input_FilingNumber"));
        var stored = await FindAsync(Factory, id);
        Assert.Null(stored!.Notes);
        Assert.Equal("1", stored.FilingNumber);
    }

    [Fact]
    public async Task An_amount_with_more_than_two_decimals_is_refused_on_Guardar_next_to_its_field()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var response = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "guardar"), new Dictionary<string, string> { ["Input.NetValue"] = "4.500.000,125" });
        var again = await PortalHttp.ParseAsync(response);

        AssertFieldError(again, "Input_NetValue", "El valor neto admite como máximo dos decimales.");
        Assert.Equal("4.500.000,125", ValueOf(again, "Input_NetValue"));
        Assert.Equal(4_500_000m, (await FindAsync(Factory, id))!.NetValue);
    }

    [Fact]
    public async Task Text_that_is_not_an_amount_is_shown_again_with_its_message_and_nothing_is_saved()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var response = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "guardar"), new Dictionary<string, string> { ["Input.NetValue"] = "cuatro millones", ["Input.Notes"] = "No se guarda." });
        var again = await PortalHttp.ParseAsync(response);

        AssertFieldError(again, "Input_NetValue", "Escriba un valor en pesos, por ejemplo 4.500.000 o 4.500.000,50.");
        Assert.Equal("cuatro millones", ValueOf(again, "Input_NetValue"));
        Assert.Equal("No se guarda.", ValueOf(again, "Input_Notes"));
        Assert.Null((await FindAsync(Factory, id))!.Notes);
    }

    [Fact]
    public async Task Guardar_keeps_an_incomplete_draft()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var response = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "guardar"),
            new Dictionary<string, string> { ["Input.InvoiceNumber"] = string.Empty, ["Input.PeriodTo"] = string.Empty, ["Input.NetValue"] = string.Empty });
        var saved = await FollowAsync(contract.Contractor, response);

        Assert.Equal("Se guardaron los cambios de la cuenta de cobro.", Flash(saved));
        var stored = await FindAsync(Factory, id);
        Assert.Null(stored!.InvoiceNumber);
        Assert.Null(stored.PeriodTo);
        Assert.Null(stored.NetValue);
        Assert.Equal(PaymentRequestStatus.Editing, stored.Status);
    }

    [Fact]
    public async Task A_late_reception_date_is_a_warning_that_does_not_block_Confirmar()
    {
        var contract = await NewContractAsync(Factory);
        var changes = new Dictionary<string, string>(WithPila(StartsOn)) { ["Input.ReceivedOn"] = "2026-03-20" };
        var id = await CreateRequestAsync(contract, changes);
        var form = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        Assert.Contains("posterior al tercer día hábil del mes siguiente al periodo (04/03/2026)", form.QuerySelector(".field__warning")!.TextContent, StringComparison.Ordinal);

        await AttachRequiredAsync(contract.Contractor, contract.Id, id);
        using var confirmed = await ConfirmAsync(contract.Contractor, contract.Id, id);
        var pending = await FollowAsync(contract.Contractor, confirmed);

        Assert.Equal("Pendiente de registro", StatusBadge(pending));
        Assert.Contains("la Entidad puede tramitar el pago en el siguiente ciclo", pending.QuerySelector(".alert--warning")!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(PostgresPortal.Name)]
public sealed class PaymentRequestRulePostgresTests(PostgresPortalFixture fixture) : PaymentRequestRuleTests(fixture);
