using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// Two tabs or two people acting on the same version of a request: exactly one succeeds; the other is told so in
/// Spanish and shown the request as it is now.
/// </summary>
public abstract class PaymentRequestConcurrencyTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    [Fact]
    public async Task Enviar_and_Registro_on_the_same_version_only_the_first_succeeds()
    {
        var contract = await NewContractAsync(Factory);
        var id = await PendingRequestAsync(contract);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var sent = await PostButtonAsync(contract.Contractor, page, Action(contract.Id, id, "enviar"));
        using var reopened = await PostButtonAsync(contract.Contractor, page, Action(contract.Id, id, "registro"));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        var current = await PortalHttp.ParseAsync(reopened);
        Assert.Contains(VersionMessages.Stale, Summary(current), StringComparison.Ordinal);
        Assert.Equal("Enviado a la Entidad Estatal", StatusBadge(current));
        Assert.Equal(PaymentRequestStatus.Sent, (await FindAsync(Factory, id))!.Status);
    }

    [Fact]
    public async Task Guardar_in_one_tab_and_Confirmar_in_another_the_second_sees_the_saved_values()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract, WithPila(StartsOn));
        await AttachRequiredAsync(contract.Contractor, contract.Id, id);
        var firstTab = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var secondTab = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));

        using var saved = await SubmitAsync(contract.Contractor, firstTab, Action(contract.Id, id, "guardar"), new Dictionary<string, string> { ["Input.Notes"] = "Primera pestaña." });
        using var confirmed = await SubmitAsync(
            contract.Contractor, secondTab, Action(contract.Id, id, "confirmar"), new Dictionary<string, string> { ["Input.Notes"] = "Segunda pestaña." }, button: "confirmar");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        var current = await PortalHttp.ParseAsync(confirmed);
        Assert.Contains(VersionMessages.Stale, Summary(current), StringComparison.Ordinal);
        Assert.Equal("En edición", StatusBadge(current));
        Assert.Equal("Primera pestaña.", ValueOf(current, "Input_Notes"));
        var stored = await FindAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Editing, stored!.Status);
        Assert.Equal("Primera pestaña.", stored.Notes);
    }

    [Fact]
    public async Task A_stale_Anexar_stores_no_file()
    {
        var contract = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(contract);
        var stale = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        await AttachAsync(contract.Contractor, contract.Id, id, AttachmentType.Rut);
        var before = StoredFiles(Factory);

        using var response = await SubmitAsync(
            contract.Contractor, stale, Action(contract.Id, id, "anexos"), new Dictionary<string, string> { ["Upload.Type"] = "ActivityReport" }, UploadFile.Pdf("informe.pdf"), button: "anexar");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, StoredFiles(Factory));
        Assert.Single((await FindAsync(Factory, id))!.Attachments);
    }

    protected async Task<int> SentTransitionsAsync(int id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.PaymentRequests.AsNoTracking().Include(p => p.History).SingleAsync(p => p.Id == id);
        return request.History.Count(h => h.To == PaymentRequestStatus.Sent);
    }

    protected async Task<int> NotificationsForAsync(Guid userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Notifications.CountAsync(n => n.RecipientId == userId);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestConcurrencySqliteTests(SqlitePortalFixture fixture) : PaymentRequestConcurrencyTests(fixture);

/// <summary>Truly concurrent requests (two clients at once) on PostgreSQL, where they really race.</summary>
[Collection(PostgresPortal.Name)]
public sealed class PaymentRequestConcurrencyPostgresTests(PostgresPortalFixture fixture) : PaymentRequestConcurrencyTests(fixture)
{
    [Fact]
    public async Task Enviar_and_Registro_at_the_same_time_exactly_one_succeeds()
    {
        for (var round = 0; round < 3; round++)
        {
            var contract = await NewContractAsync(Factory);
            var id = await PendingRequestAsync(contract);
            var secondTab = await Factory.SignedInAsync(contract.ContractorAccount);
            var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
            var samePage = await PortalHttp.GetPageAsync(secondTab, Show(contract.Id, id));
            Assert.Equal(StampOf(page), StampOf(samePage));

            var responses = await Task.WhenAll(
                PostButtonAsync(contract.Contractor, page, Action(contract.Id, id, "enviar")),
                PostButtonAsync(secondTab, samePage, Action(contract.Id, id, "registro")));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            Assert.Equal([HttpStatusCode.Found, HttpStatusCode.Conflict], statuses);
            var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Contains(VersionMessages.Stale, Summary(await PortalHttp.ParseAsync(loser)), StringComparison.Ordinal);
            var stored = (await FindAsync(Factory, id))!;
            var senderWon = responses[0].StatusCode == HttpStatusCode.Found;
            Assert.Equal(senderWon ? PaymentRequestStatus.Sent : PaymentRequestStatus.Editing, stored.Status);
            Assert.Equal(senderWon ? 1 : 0, await NotificationsForAsync(contract.SupervisorId));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Enviar_twice_at_the_same_time_sends_once_and_notifies_once()
    {
        var contract = await NewContractAsync(Factory);
        var id = await PendingRequestAsync(contract);
        var secondTab = await Factory.SignedInAsync(contract.ContractorAccount);
        var page = await PortalHttp.GetPageAsync(contract.Contractor, Show(contract.Id, id));
        var samePage = await PortalHttp.GetPageAsync(secondTab, Show(contract.Id, id));

        var responses = await Task.WhenAll(
            PostButtonAsync(contract.Contractor, page, Action(contract.Id, id, "enviar")),
            PostButtonAsync(secondTab, samePage, Action(contract.Id, id, "enviar")));

        Assert.Equal([HttpStatusCode.Found, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await SentTransitionsAsync(id));
        Assert.Equal(1, (await FindAsync(Factory, id))!.SendCount);
        Assert.Equal(1, await NotificationsForAsync(contract.SupervisorId));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
