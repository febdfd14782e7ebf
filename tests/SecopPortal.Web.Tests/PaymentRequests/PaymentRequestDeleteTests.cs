using System.Net;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>"Borrar": only before the first send, with a confirmation step (a page without JavaScript).</summary>
[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestDeleteTests(SqlitePortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task Borrar_without_JavaScript_asks_first_then_deletes_the_request_and_its_files()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.ActivityReport);
        var filesBefore = StoredFiles(Factory);
        var edit = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        Assert.NotNull(edit.QuerySelector("form.pr-delete[data-confirm] button"));

        using var asked = await PostButtonAsync(contract.Contractor, edit, Action(contract.Id, id, "borrar"));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await PortalHttp.ParseAsync(asked);
        Assert.Equal("¿Borrar la cuenta de cobro con Id de pago 1?", confirmation.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(await FindAsync(Factory, id));
        Assert.Equal("true", confirmation.QuerySelector("main form input[name=confirmed]")?.GetAttribute("value"));

        using var deleted = await PostButtonAsync(contract.Contractor, confirmation, Action(contract.Id, id, "borrar"), ("confirmed", "true"));
        Assert.Equal($"/contratos/{Id(contract.Id)}", PathOf(deleted));
        Assert.EndsWith("#plan-de-pagos", deleted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var detail = await FollowAsync(contract.Contractor, deleted);
        Assert.Equal("Se borró la cuenta de cobro con Id de pago 1.", Flash(detail));
        Assert.Null(await FindAsync(Factory, id));
        Assert.Equal(filesBefore.Count - 1, StoredFiles(Factory).Count);
    }

    [Fact]
    public async Task Borrar_from_Pendiente_de_registro_deletes_it()
    {
        var contract = await NewContractAsync(Factory);
        var id = await PendingRequestAsync(contract);
        var pending = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var deleted = await PostButtonAsync(contract.Contractor, pending, Action(contract.Id, id, "borrar"), ("confirmed", "true"));

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await FindAsync(Factory, id));
        Assert.Equal(0, await CountRequestsAsync(Factory, contract.Id));
    }

    [Fact]
    public async Task Borrar_is_refused_once_the_request_has_been_sent()
    {
        var contract = await NewContractAsync(Factory);
        var id = await SentRequestAsync(contract);
        var sent = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        Assert.Null(Button(sent, "Borrar"));

        var stamp = (await FindAsync(Factory, id))!.ConcurrencyStamp;
        using var whileSent = await PostButtonAsync(contract.Contractor, sent, Action(contract.Id, id, "borrar"), stamp, ("confirmed", "true"));
        var page = await PortalHttp.ParseAsync(whileSent);
        Assert.Contains("No se puede borrar cuando el estado es «Enviado a la Entidad Estatal».", Summary(page), StringComparison.Ordinal);

        // Rejected and back in edición, it has still been sent once: it is corrected, never deleted.
        await RejectAsync(Factory, id, contract.SupervisorId, "Falta la firma en la cuenta de cobro.");
        var rejected = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        using var editing = await PostButtonAsync(contract.Contractor, rejected, Action(contract.Id, id, "editar"));
        var edit = await FollowAsync(contract.Contractor, editing);
        Assert.Null(Button(edit, "Borrar"));

        using var refused = await PostButtonAsync(contract.Contractor, edit, Action(contract.Id, id, "borrar"), ("confirmed", "true"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        page = await PortalHttp.ParseAsync(refused);
        Assert.Contains("Esta cuenta de cobro ya fue enviada a la Entidad Estatal y no se puede borrar", Summary(page), StringComparison.Ordinal);
        Assert.Equal(PaymentRequestStatus.Editing, (await FindAsync(Factory, id))!.Status);
    }
}
