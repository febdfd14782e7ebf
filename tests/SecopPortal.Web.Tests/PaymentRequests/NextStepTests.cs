using System.Net;
using AngleSharp.Dom;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// Issue 11, "the next step always in sight", as the server renders it: the "Siguiente paso" block of the form, "Guardar
/// y confirmar" on "Crear", one message after "Confirmar", and "Registro" explained where it is offered and in the history.
/// </summary>
public abstract class NextStepTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task After_Guardar_the_block_under_the_heading_lists_what_is_missing_and_holds_Confirmar_then_says_it_can_be_confirmed()
    {
        var contract = await NewContractAsync(Factory);
        var client = contract.Contractor;
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));

        var edit = await PortalHttp.GetPageAsync(client, Show(contract.Id, id));
        var block = NextStep(edit);
        Assert.Contains("Siguiente paso: completar y confirmar", block.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var missing = block.QuerySelectorAll(".pr-next__missing li").Select(li => li.TextContent.Trim()).ToList();
        var documents = missing[0];
        Assert.StartsWith("Anexar 7 documentos: «Cuenta de cobro o factura», «Informe de actividades»", documents, StringComparison.Ordinal);
        Assert.Contains("«RUT»", documents, StringComparison.Ordinal);
        Assert.NotNull(block.QuerySelector("a[href='#Upload_Type']"));
        AssertConfirmButton(block, contract.Id, id, "Confirmar", primary: false);

        // The block comes before the form: it is the first thing after the heading and the messages.
        var form = edit.GetElementById(FormId)!;
        Assert.True(block.CompareDocumentPosition(form).HasFlag(DocumentPositions.Following), "The «Siguiente paso» block comes before the form.");

        await AttachRequiredAsync(client, contract.Id, id);
        var complete = await PortalHttp.GetPageAsync(client, Show(contract.Id, id));
        block = NextStep(complete);
        Assert.Equal("Siguiente paso: Confirmar", block.QuerySelector("h2")!.TextContent.Trim());
        Assert.Empty(block.QuerySelectorAll(".pr-next__missing li"));
        Assert.Contains("Todo lo obligatorio está completo.", block.TextContent, StringComparison.Ordinal);
        Assert.Null(block.QuerySelector("a[href='#Upload_Type']"));
        AssertConfirmButton(block, contract.Id, id, "Confirmar", primary: true);
    }

    [Fact]
    public async Task Crear_offers_Guardar_y_confirmar_which_stores_the_draft_and_says_exactly_what_is_missing()
    {
        var contract = await NewContractAsync(Factory);
        var client = contract.Contractor;
        var form = await PortalHttp.GetPageAsync(client, contract.CreateUrl);
        var offered = NextStep(form).QuerySelector("button[form='cuenta-de-cobro'][value='confirmar']");
        Assert.Equal(Web.Features.PaymentRequests.Create.SaveAndConfirmText, offered?.TextContent.Trim());
        Assert.Contains(Web.Features.PaymentRequests.Create.SaveAndConfirmText, form.QuerySelectorAll($"#{FormId} button").Select(b => b.TextContent.Trim()));

        using var response = await SubmitAsync(client, form, contract.CreateUrl, WithPila(StartsOn), button: "confirmar");

        // The draft exists (ADR 0007: the first submit creates it whatever the button) and the page says what is missing.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        Assert.Equal("En edición", StatusBadge(page));
        Assert.Contains(Web.Features.PaymentRequests.Create.DraftCreatedMessage, Flash(page), StringComparison.Ordinal);
        Assert.Contains("Falta anexar el documento «Cuenta de cobro o factura».", Summary(page), StringComparison.Ordinal);
        Assert.Contains("Falta anexar el documento «Informe de actividades».", Summary(page), StringComparison.Ordinal);
        Assert.Contains("Corrija lo indicado arriba", NextStep(page).TextContent, StringComparison.Ordinal);
        var detail = await PortalHttp.GetPageAsync(client, $"/contratos/{Id(contract.Id)}");
        Assert.Contains("Pago 001", detail.GetElementById("seccion-7")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_Confirmar_one_message_says_what_happened_and_that_Enviar_comes_next_and_Registro_is_explained()
    {
        var contract = await NewContractAsync(Factory);
        var client = contract.Contractor;
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));
        await AttachRequiredAsync(client, contract.Id, id);

        using var confirmed = await ConfirmAsync(client, contract.Id, id);
        var pending = await FollowAsync(client, confirmed);
        var message = Assert.Single(pending.QuerySelectorAll("#contenido .alert"));
        Assert.Contains("quedó en «Pendiente de registro»", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("siguiente paso: «Enviar»", message.TextContent, StringComparison.Ordinal);
        Assert.Empty(pending.QuerySelectorAll(".pr-note"));
        var block = NextStep(pending);
        Assert.DoesNotContain("Está completa", block.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Enviar", "Registro", "Borrar"], block.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));

        // "Registro" is explained next to its button, and described by it for a screen reader.
        var registro = block.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Registro");
        Assert.Equal(ActionExplanations.Reopen, pending.GetElementById(registro.GetAttribute("aria-describedby")!)?.TextContent.Trim());

        // On a later visit (no message) the block says the state itself, still without a second banner.
        var later = await PortalHttp.GetPageAsync(client, Show(contract.Id, id));
        Assert.Empty(later.QuerySelectorAll("#contenido .alert"));
        Assert.Contains("Está completa pero todavía no se ha enviado.", NextStep(later).TextContent, StringComparison.Ordinal);

        // After "Registro", the history says what it did.
        using var reopened = await PostButtonAsync(client, later, Action(contract.Id, id, "registro"));
        var edit = await FollowAsync(client, reopened);
        var history = edit.QuerySelector(".pr-history")!;
        Assert.Contains("Último paso: Registro", Normalize(history.QuerySelector(".pr-history__latest")!.TextContent), StringComparison.Ordinal);
        Assert.Equal(ActionExplanations.ReopenDone, history.QuerySelector(".pr-history__latest .pr-history__note")!.TextContent.Trim());
        var step = history.QuerySelectorAll(".timeline__item").Single(li => li.QuerySelector(".timeline__head strong")!.TextContent.Trim() == "Registro");
        Assert.Equal(ActionExplanations.ReopenDone, step.QuerySelector(".timeline__note")!.TextContent.Trim());
        Assert.Null(history.QuerySelector("details[open]"));
    }

    private static IElement NextStep(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var block = page.QuerySelector("#contenido .pr-next");
        Assert.True(block is not null, $"The page has no «Siguiente paso» block. Title: {page.Title}");
        return block!;
    }

    private static void AssertConfirmButton(IElement block, int contractId, int id, string text, bool primary)
    {
        var button = block.QuerySelector("button[value='confirmar']");
        Assert.NotNull(button);
        Assert.Equal(text, button!.TextContent.Trim());
        Assert.Equal(FormId, button.GetAttribute("form"));
        Assert.Equal(Action(contractId, id, "confirmar"), button.GetAttribute("formaction"));
        Assert.Equal("Accion", button.GetAttribute("name"));
        Assert.Equal(primary, button.ClassList.Contains("btn--primary"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

[Collection(SqlitePortal.Name)]
public sealed class NextStepSqliteTests(SqlitePortalFixture fixture) : NextStepTests(fixture);
