using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.Common;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Admin;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Tests.Review;

/// <summary>
/// Every route of the review screens that takes an id, for every demo user (plus a supervisor of other contracts
/// and an anonymous visitor): who sees the page, who may act, and that everyone else gets a 404 (or the sign-in page).
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class ReviewAuthorizationTests(SqlitePortalFixture fixture) : ReviewTests(fixture)
{
    private const string SignIn = "sign-in";
    private const string Denied = "denied";

    [Fact]
    public async Task Every_review_route_answers_each_user_as_the_matrix_says()
    {
        var supervisorId = await TestUsers.IdOfAsync(Factory, DemoAccounts.Supervisor.Email);
        var contractorId = await TestUsers.IdOfAsync(Factory, DemoAccounts.Contractor.Email);
        var contract = await ReviewTestData.NewContractAsync(Factory, contractorId, supervisorId);
        var sent = await ReviewTestData.NewRequestAsync(Factory, contract.Id);
        var approved = await ReviewTestData.NewRequestAsync(Factory, contract.Id, RequestStage.Approved);
        var draft = await ReviewTestData.NewRequestAsync(Factory, contract.Id, RequestStage.Draft);
        var otherSupervisor = await TestUsers.CreateAsync(Factory, PortalRoles.Supervisor);

        var users = new List<(string Name, HttpClient Client)>
        {
            ("anonymous", Factory.CreateClient()),
            ("admin", await Factory.SignedInAsync(DemoAccounts.Admin)),
            ("supervisor", await Factory.SignedInAsync(DemoAccounts.Supervisor)),
            ("contractor (the request's own)", await Factory.SignedInAsync(DemoAccounts.Contractor)),
            ("contractor2", await Factory.SignedInAsync(DemoAccounts.Contractor2)),
            ("provider", await Factory.SignedInAsync(DemoAccounts.Provider)),
            ("other supervisor", await Factory.SignedInAsync(TestUsers.AccountOf(otherSupervisor))),
        };

        // What each user gets: 200 = the page (for a POST: the page again, since the form is posted without its
        // version and nothing may change), 404, the sign-in page, or "access denied" (may see it, may not do that).
        var expected = new Dictionary<string, Func<string, int, string>>
        {
            ["anonymous"] = (_, _) => SignIn,
            ["admin"] = (route, id) => id == draft ? "404" : route is "aprobar" or "rechazar" ? Denied : "200",
            ["supervisor"] = (_, id) => id == draft ? "404" : "200",
            ["contractor (the request's own)"] = (_, _) => "404",
            ["contractor2"] = (_, _) => "404",
            ["provider"] = (_, _) => "404",
            ["other supervisor"] = (_, _) => "404",
        };

        var failures = new List<string>();
        var cases = 0;
        foreach (var (name, client) in users)
        {
            var token = name == "anonymous" ? null : await PortalHttp.GetAntiforgeryTokenAsync(client, "/cuenta/cambiar-contrasena");
            foreach (var id in new[] { sent, approved, draft })
            {
                foreach (var route in new[] { "ver", "aprobar", "rechazar", "pagado" })
                {
                    cases++;
                    using var response = route == "ver"
                        ? await client.GetAsync(new Uri(ReviewPages.Show(id), UriKind.Relative))
                        : await PortalHttp.PostFormWithTokenAsync(client, $"{ReviewPages.Show(id)}/{route}", [], token);
                    var actual = Outcome(response);
                    var wanted = expected[name](route, id);
                    if (actual != wanted)
                    {
                        failures.Add($"{name} {route} {(id == sent ? "sent" : id == approved ? "approved" : "draft")}: {actual}, expected {wanted}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases differ:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, sent)).Status);
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, approved)).Status);
        Assert.Equal(PaymentRequestStatus.Editing, (await ReviewTestData.LoadAsync(Factory, draft)).Status);
    }

    [Fact]
    public async Task A_post_without_its_version_is_refused_with_a_message_and_changes_nothing()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var response = await ReviewPages.SubmitAsync(client, page, "Reject.Reason", ReviewPages.Reject(id), new Dictionary<string, string>
        {
            ["Reject.ConcurrencyStamp"] = string.Empty,
            ["Reject.Reason"] = "Falta la firma del informe de actividades.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(VersionMessages.Missing, AdminPages.Summary(await PortalHttp.ParseAsync(response)), StringComparison.Ordinal);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var sent = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var approved = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId, RequestStage.Approved);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(sent));
        var (fields, _) = ReviewPages.FormOf(page, "Approve.RpNumber");

        using var approve = await PortalHttp.PostFormWithTokenAsync(client, ReviewPages.Approve(sent), fields, token: null);
        using var paid = await PortalHttp.PostFormWithTokenAsync(client, ReviewPages.MarkPaid(approved), new Dictionary<string, string> { ["Paid.PaidOn"] = "2026-11-20" }, token: null);

        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, paid.StatusCode);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, sent)).Status);
        Assert.Equal(PaymentRequestStatus.Approved, (await ReviewTestData.LoadAsync(Factory, approved)).Status);
    }

    [Fact]
    public async Task A_contractor_who_also_supervises_the_contract_can_never_review_their_own_request()
    {
        var both = await TestUsers.CreateAsync(Factory, PortalRoles.Contractor);
        await ReviewTestData.AddRoleAsync(Factory, both.Id, PortalRoles.Supervisor);
        var supervisorId = await TestUsers.IdOfAsync(Factory, DemoAccounts.Supervisor.Email);
        var contract = await ReviewTestData.NewContractAsync(Factory, both.Id, supervisorId);

        // The contract rules refuse a supervisor who is the contractor; force it in the database, as bad data would.
        await using (var setup = Factory.Services.CreateAsyncScope())
        {
            var contracts = setup.ServiceProvider.GetRequiredService<PortalDbContext>().Contracts;
            Assert.Equal(1, await contracts.Where(c => c.Id == contract.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SupervisorId, both.Id)));
        }

        var id = await ReviewTestData.NewRequestAsync(Factory, contract.Id);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(both));
        var token = await PortalHttp.GetAntiforgeryTokenAsync(client, "/cuenta/cambiar-contrasena");
        var stamp = (await ReviewTestData.LoadAsync(Factory, id)).ConcurrencyStamp.ToString();

        var inbox = await PortalHttp.GetPageAsync(client, ReviewPages.Inbox);
        using var show = await client.GetAsync(new Uri(ReviewPages.Show(id), UriKind.Relative));
        using var approve = await PortalHttp.PostFormWithTokenAsync(client, ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.ConcurrencyStamp"] = stamp,
            ["Approve.ReceivedOn"] = "2026-02-02",
            ["Approve.RpNumber"] = "RP-2026-0457",
        }, token);
        using var reject = await PortalHttp.PostFormWithTokenAsync(client, ReviewPages.Reject(id), new Dictionary<string, string>
        {
            ["Reject.ConcurrencyStamp"] = stamp,
            ["Reject.Reason"] = "Me rechazo a mí mismo, lo cual no debe ser posible.",
        }, token);

        Assert.Empty(inbox.QuerySelectorAll("tbody tr"));
        Assert.Null(inbox.QuerySelector("a.review-menu .review-menu__count"));
        Assert.Equal(HttpStatusCode.NotFound, show.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reject.StatusCode);
        Assert.Equal(PaymentRequestStatus.Sent, (await ReviewTestData.LoadAsync(Factory, id)).Status);

        // And the domain refuses it on its own, whatever screen would ask.
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var request = await db.PaymentRequests.Include(p => p.History).SingleAsync(p => p.Id == id);
        var refusal = Assert.ThrowsAny<DomainException>(() => request.Approve(both.Id, new DateOnly(2026, 2, 2), "RP-1", ReviewTests.Today, DateTime.UtcNow));
        Assert.Equal("No puede revisar su propia cuenta de cobro.", refusal.Message);
    }

    private static string Outcome(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.OriginalString;
            return location.Contains(PortalHttp.LoginPath, StringComparison.Ordinal) ? SignIn
                : location.Contains("/cuenta/acceso-denegado", StringComparison.Ordinal) ? Denied
                : "redirect " + location;
        }

        return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
