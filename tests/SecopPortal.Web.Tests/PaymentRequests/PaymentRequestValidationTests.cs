using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using SecopPortal.Domain.Common;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>"Validar" next to the CUFE and next to the planilla: a submit without JavaScript, JSON with it.</summary>
[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestValidationTests(SqlitePortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task Validar_CUFE_without_JavaScript_saves_the_form_and_answers_next_to_the_CUFE()
    {
        var contract = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        var id = await CreateRequestAsync(contract, Invoice(NewCufe()));
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var bad = await SubmitAsync(
            contract.Contractor, page, Action(contract.Id, id, "validar-cufe"),
            new Dictionary<string, string> { ["Input.Cufe"] = "12AB", ["Input.Notes"] = "Factura de febrero." }, button: "validar-cufe");
        Assert.EndsWith("#Input_Cufe", bad.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var answered = await FollowAsync(contract.Contractor, bad);
        var result = answered.GetElementById("Input_Cufe-check")!;
        Assert.Contains("check-result--error", result.ClassName, StringComparison.Ordinal);
        Assert.Equal("El CUFE debe tener 96 caracteres hexadecimales (0-9, a-f).", result.TextContent.Trim());
        Assert.Equal("12ab", ValueOf(answered, "Input_Cufe"));
        Assert.Equal("Factura de febrero.", (await FindAsync(Factory, id))!.Notes);

        var good = NewCufe();
        using var ok = await SubmitAsync(contract.Contractor, answered, Action(contract.Id, id, "validar-cufe"), new Dictionary<string, string> { ["Input.Cufe"] = good });
        answered = await FollowAsync(contract.Contractor, ok);
        result = answered.GetElementById("Input_Cufe-check")!;
        Assert.Contains("check-result--ok", result.ClassName, StringComparison.Ordinal);
        Assert.StartsWith("CUFE válido", result.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(good.ToLowerInvariant(), (await FindAsync(Factory, id))!.Cufe);
    }

    [Fact]
    public async Task Validar_CUFE_with_JavaScript_answers_JSON_about_what_is_typed_and_saves_nothing()
    {
        var taken = NewCufe();
        var other = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        await CreateRequestAsync(other, Invoice(taken));
        var contract = await NewContractAsync(Factory, PersonType.LegalPerson, invoicing: true, monthlyFee: null);
        var own = NewCufe();
        var id = await CreateRequestAsync(contract, Invoice(own));
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var before = await FindAsync(Factory, id);

        var duplicate = await AskAsync(contract.Contractor, page, Action(contract.Id, id, "validar-cufe"), new() { ["Input.Cufe"] = taken, ["Input.Notes"] = "No se guarda." });
        Assert.False(duplicate.GetProperty("ok").GetBoolean());
        Assert.StartsWith("Este CUFE ya está registrado en otra cuenta de cobro", duplicate.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Input_Cufe", duplicate.GetProperty("field").GetString());

        var fine = await AskAsync(contract.Contractor, page, Action(contract.Id, id, "validar-cufe"), new() { ["Input.Cufe"] = NewCufe() });
        Assert.True(fine.GetProperty("ok").GetBoolean());

        var notInvoicing = await AskAsync(contract.Contractor, page, Action(contract.Id, id, "validar-cufe"), new() { ["Input.IssuesElectronicInvoice"] = "false" });
        Assert.False(notInvoicing.GetProperty("ok").GetBoolean());
        Assert.Contains("marque «Sí»", notInvoicing.GetProperty("message").GetString(), StringComparison.Ordinal);

        var after = await FindAsync(Factory, id);
        Assert.Equal(before!.ConcurrencyStamp, after!.ConcurrencyStamp);
        Assert.Equal(own.ToLowerInvariant(), after.Cufe);
        Assert.Null(after.Notes);
    }

    [Fact]
    public async Task Validar_planilla_without_JavaScript_answers_Consulta_exitosa_or_the_reason()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var ok = await SubmitAsync(contract.Contractor, page, Action(contract.Id, id, "validar-pila"), WithPila(StartsOn), button: "validar-pila");
        var answered = await FollowAsync(contract.Contractor, ok);
        var result = answered.GetElementById("Input_PilaNumber-check")!;
        Assert.Equal("Consulta exitosa", result.TextContent.Trim());
        Assert.Contains("check-result--ok", result.ClassName, StringComparison.Ordinal);
        Assert.Equal("9876543210", (await FindAsync(Factory, id))!.PilaNumber);

        using var early = await SubmitAsync(
            contract.Contractor, answered, Action(contract.Id, id, "validar-pila"), new Dictionary<string, string> { ["Input.PilaPaidOn"] = "2026-01-30" });
        answered = await FollowAsync(contract.Contractor, early);
        Assert.Equal(
            "La planilla se pagó antes del inicio del periodo cobrado (01/02/2026); anexe la planilla del periodo.",
            answered.GetElementById("Input_PilaNumber-check")!.TextContent.Trim());
    }

    [Fact]
    public async Task Validar_planilla_with_JavaScript_answers_JSON_with_the_reason()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var url = Action(contract.Id, id, "validar-pila");

        var shortNumber = await AskAsync(contract.Contractor, page, url, new() { ["Input.PilaNumber"] = "12345", ["Input.PilaPaidOn"] = "2026-02-10" });
        Assert.False(shortNumber.GetProperty("ok").GetBoolean());
        Assert.Equal("No se encontró la planilla: el número debe tener entre 6 y 20 dígitos.", shortNumber.GetProperty("message").GetString());
        Assert.Equal("Input_PilaNumber", shortNumber.GetProperty("field").GetString());

        var future = await AskAsync(contract.Contractor, page, url, new() { ["Input.PilaNumber"] = "123456", ["Input.PilaPaidOn"] = "2026-05-21" });
        Assert.Equal("La fecha de pago de la planilla no puede ser posterior a hoy (20/05/2026).", future.GetProperty("message").GetString());
        Assert.Equal("Input_PilaPaidOn", future.GetProperty("field").GetString());

        var fine = await AskAsync(contract.Contractor, page, url, new() { ["Input.PilaNumber"] = "123456", ["Input.PilaPaidOn"] = "2026-02-10" });
        Assert.True(fine.GetProperty("ok").GetBoolean());
        Assert.Equal("Consulta exitosa", fine.GetProperty("message").GetString());

        var unreadable = await AskAsync(contract.Contractor, page, url, new() { ["Input.PilaPaidOn"] = "no es fecha" });
        Assert.False(unreadable.GetProperty("ok").GetBoolean());
        Assert.Equal("Input_PilaPaidOn", unreadable.GetProperty("field").GetString());
        Assert.Null((await FindAsync(Factory, id))!.PilaNumber);
    }

    [Fact]
    public async Task Validar_planilla_asks_the_configured_operator_through_IPilaValidator()
    {
        var operatorAnswer = PilaValidationResult.Failure("PilaNumber", "Planilla no encontrada en el operador de información.");
        var pila = new Mock<IPilaValidator>();
        pila.Setup(p => p.ValidateAsync(It.IsAny<PilaQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(operatorAnswer);
        await using var withOperator = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPilaValidator>();
            services.AddSingleton(pila.Object);
        }));
        var contract = await NewContractAsync(Factory);
        var client = await withOperator.SignedInAsync(contract.ContractorAccount);
        var created = await PortalHttp.GetPageAsync(client, contract.CreateUrl);
        using var saved = await SubmitAsync(client, created, contract.CreateUrl, button: "guardar");
        var id = await RequestIdFromRedirectAsync(saved);
        var page = await PortalHttp.GetPageAsync(client, Show(contract.Id, id));

        using var response = await SubmitAsync(client, page, Action(contract.Id, id, "validar-pila"), WithPila(StartsOn));
        var answered = await FollowAsync(client, response);
        Assert.Equal("Planilla no encontrada en el operador de información.", answered.GetElementById("Input_PilaNumber-check")!.TextContent.Trim());

        var json = await AskAsync(client, answered, Action(contract.Id, id, "validar-pila"), new());
        Assert.Equal("Planilla no encontrada en el operador de información.", json.GetProperty("message").GetString());
        pila.Verify(
            p => p.ValidateAsync(
                It.Is<PilaQuery>(q => q.PlanillaNumber == "9876543210" && q.PaidOn == new DateOnly(2026, 2, 10) && q.PeriodFrom == StartsOn
                                      && q.IsRequired && q.ContributorDocumentNumber == "1020304050"),
                It.IsAny<CancellationToken>()),
            Times.Exactly(2));
    }

    [Fact]
    public async Task The_local_rules_answer_that_the_planilla_check_does_not_apply_to_a_contract_without_PILA()
    {
        var validator = new LocalRulesPilaValidator(Clock);
        var answer = await validator.ValidateAsync(new PilaQuery("123456", new DateOnly(2026, 2, 10), StartsOn, IsRequired: false, null), CancellationToken.None);
        Assert.False(answer.IsSuccessful);
        Assert.Equal(LocalRulesPilaValidator.NotApplicableMessage, answer.Message);

        var digits = await validator.ValidateAsync(new PilaQuery("12-3456", new DateOnly(2026, 2, 10), StartsOn, IsRequired: true, null), CancellationToken.None);
        Assert.Contains("solo admite dígitos", digits.Message, StringComparison.Ordinal);
    }

    private static string NewCufe() => (Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")).ToUpperInvariant();

    private static Dictionary<string, string> Invoice(string cufe) => new()
    {
        ["Input.IssuesElectronicInvoice"] = "true",
        ["Input.Cufe"] = cufe,
        ["Input.InvoiceNumber"] = $"FE-{Guid.NewGuid().ToString("N")[..6]}",
        ["Input.NetValue"] = "10.000.000",
        ["Input.TotalValue"] = "11.900.000",
    };

    /// <summary>What the page's script does: posts the form with Accept: application/json and reads the answer.</summary>
    private static async Task<JsonElement> AskAsync(HttpClient client, AngleSharp.Html.Dom.IHtmlDocument page, string url, Dictionary<string, string> changes)
    {
        using var response = await SubmitAsync(client, page, url, changes, json: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
