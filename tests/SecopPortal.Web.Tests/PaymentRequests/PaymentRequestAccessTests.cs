using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.PaymentRequests.PaymentRequestPages;

namespace SecopPortal.Web.Tests.PaymentRequests;

/// <summary>
/// Every contractor route checks the request against the user and against the contract in the URL: anyone else
/// gets 404 (never the data, never a change), on GET and on POST alike.
/// </summary>
public abstract class PaymentRequestAccessTests(PortalFixture fixture) : PaymentRequestTests(fixture)
{
    private static readonly string[] PostActions = ["guardar", "confirmar", "registro", "enviar", "borrar", "editar", "anexos", "validar-cufe", "validar-pila"];

    [Fact]
    public async Task Another_contractor_a_supervisor_and_an_administrator_get_404_on_every_route_of_a_draft()
    {
        var owner = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(owner);
        await AttachAsync(owner.Contractor, owner.Id, id, AttachmentType.ActivityReport);
        var draft = (await FindAsync(Factory, id))!;
        var attachmentId = draft.Attachments.Single().Id;

        var otherContractor = await NewContractAsync(Factory);
        var supervisor = await Factory.SignedInAsync(owner.SupervisorAccount);
        var admin = await Factory.SignedInAsync(DemoAccounts.Admin);
        foreach (var (who, client, tokenPage) in new[]
                 {
                     ("otro contratista", otherContractor.Contractor, otherContractor.CreateUrl),
                     ("supervisor", supervisor, "/contratos"),
                     ("administrador", admin, "/contratos"),
                 })
        {
            var token = await PortalHttp.GetAntiforgeryTokenAsync(client, tokenPage);
            await AssertEveryRouteIsNotFoundAsync(who, client, token, owner.Id, id, attachmentId, draft.ConcurrencyStamp);
            using var download = await client.GetAsync(new Uri($"/pagos/{Id(id)}/anexos/{Id(attachmentId)}/descargar", UriKind.Relative));
            Assert.True(download.StatusCode == HttpStatusCode.NotFound, $"{who}: download answered {(int)download.StatusCode}.");
        }

        var after = (await FindAsync(Factory, id))!;
        Assert.Equal(draft.ConcurrencyStamp, after.ConcurrencyStamp);
        Assert.Single(after.Attachments);
    }

    [Fact]
    public async Task A_request_reached_through_another_contract_of_the_same_contractor_is_404()
    {
        var owner = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(owner);
        var stamp = (await FindAsync(Factory, id))!.ConcurrencyStamp;

        // A second contract of the same contractor: its id in the URL does not own the request.
        var second = await NewContractAsync(Factory);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecopPortal.Infrastructure.Persistence.PortalDbContext>();
            var contract = await db.Contracts.SingleAsync(c => c.Id == second.Id);
            contract.AssignContractor(owner.ContractorId, SecopPortal.Domain.Common.PersonType.NaturalPerson);
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.Contractor.GetAsync(new Uri(Create(second.Id), UriKind.Relative))).StatusCode);
        var token = await PortalHttp.GetAntiforgeryTokenAsync(owner.Contractor, Show(owner.Id, id));
        await AssertEveryRouteIsNotFoundAsync("contrato equivocado", owner.Contractor, token, second.Id, id, attachmentId: 1, stamp, includeCreate: false);
        Assert.Equal(stamp, (await FindAsync(Factory, id))!.ConcurrencyStamp);
    }

    [Fact]
    public async Task The_supervisor_reads_a_sent_request_but_cannot_act_as_the_contractor()
    {
        var owner = await NewContractAsync(Factory);
        var id = await SentRequestAsync(owner);
        var supervisor = await Factory.SignedInAsync(owner.SupervisorAccount);

        var page = await PortalHttp.GetPageAsync(supervisor, Show(owner.Id, id));
        Assert.Equal("Enviado a la Entidad Estatal", StatusBadge(page));
        Assert.Empty(ButtonTexts(page));
        Assert.Null(page.GetElementById(FormId));

        var token = await PortalHttp.GetAntiforgeryTokenAsync(supervisor, "/contratos");
        var stamp = (await FindAsync(Factory, id))!.ConcurrencyStamp.ToString();
        foreach (var action in PostActions)
        {
            using var response = await PortalHttp.PostFormWithTokenAsync(
                supervisor, Action(owner.Id, id, action), [new("ConcurrencyStamp", stamp), new("confirmed", "true")], token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"The supervisor's POST {action} answered {(int)response.StatusCode}.");
        }

        Assert.Equal(PaymentRequestStatus.Sent, (await FindAsync(Factory, id))!.Status);
    }

    [Fact]
    public async Task A_contract_that_does_not_accept_requests_sends_the_contractor_back_with_the_reason()
    {
        var owner = await NewContractAsync(Factory);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecopPortal.Infrastructure.Persistence.PortalDbContext>();
            var contract = await db.Contracts.SingleAsync(c => c.Id == owner.Id);
            contract.Terminate();
            contract.Close();
            await db.SaveChangesAsync();
        }

        using var response = await owner.Contractor.GetAsync(new Uri(owner.CreateUrl, UriKind.Relative));
        var detail = await FollowAsync(owner.Contractor, response);
        Assert.Contains("No se pueden crear cuentas de cobro porque el contrato está «Cerrado»", detail.QuerySelector(".alert--error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        var owner = await NewContractAsync(Factory);
        var id = await CreateRequestAsync(owner);
        var anonymous = Factory.CreateClient();

        using var response = await anonymous.GetAsync(new Uri(Show(owner.Id, id), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PortalHttp.LoginPath, PathOf(response), StringComparison.Ordinal);
    }

    private static async Task AssertEveryRouteIsNotFoundAsync(
        string who, HttpClient client, string token, int contractId, int id, int attachmentId, Guid stamp, bool includeCreate = true)
    {
        var gets = new List<string> { Show(contractId, id) };
        var posts = PostActions.Select(action => Action(contractId, id, action)).Append(Remove(contractId, id, attachmentId)).ToList();
        if (includeCreate)
        {
            gets.Add(Create(contractId));
            posts.Add(Create(contractId));
        }

        foreach (var url in gets)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who}: GET {url} answered {(int)response.StatusCode}.");
        }

        foreach (var url in posts)
        {
            using var response = await PortalHttp.PostFormWithTokenAsync(
                client, url,
                [new("ConcurrencyStamp", stamp.ToString()), new("confirmed", "true"), new("DraftIncluded", "true"), new("Input.Notes", "intruso")],
                token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{who}: POST {url} answered {(int)response.StatusCode}.");
        }
    }
}

[Collection(SqlitePortal.Name)]
public sealed class PaymentRequestAccessSqliteTests(SqlitePortalFixture fixture) : PaymentRequestAccessTests(fixture);

[Collection(PostgresPortal.Name)]
public sealed class PaymentRequestAccessPostgresTests(PostgresPortalFixture fixture) : PaymentRequestAccessTests(fixture);
