using System.Data.Common;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Domain.PaymentRequests;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.PaymentRequests;
using SecopPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using SecopPortal.Web.Infrastructure.Changes;

namespace SecopPortal.Web.Tests.Review;

/// <summary>Two decisions on the same version of a request: exactly one wins; the other is told so and sees the request as it is now.</summary>
public abstract class ReviewConcurrencyTests(PortalFixture fixture) : ReviewTests(fixture)
{
    [Fact]
    public async Task Rejecting_a_version_that_was_just_approved_shows_the_message_and_the_current_state()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var client = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var page = await PortalHttp.GetPageAsync(client, ReviewPages.Show(id));

        using var approve = await ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id));
        using var reject = await ReviewPages.SubmitAsync(client, page, "Reject.Reason", ReviewPages.Reject(id), new Dictionary<string, string>
        {
            ["Reject.Reason"] = "El informe de actividades no está firmado.",
        });

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        var current = await PortalHttp.ParseAsync(reject);
        Assert.Equal(VersionMessages.Stale, ReviewPages.Conflict(current));
        Assert.Equal("Aprobado", ReviewPages.Status(current));
        Assert.False(ReviewPages.HasForm(current, "Reject.Reason"));
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(PaymentRequestStatus.Approved, stored.Status);
        Assert.Equal(["Crear", "Confirmar", "Enviar", "Aprobar"], stored.History.OrderBy(h => h.Id).Select(h => h.Action));
        Assert.Single(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
    }

    [Fact]
    public async Task Approving_the_same_version_twice_approves_once()
    {
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var id = await ReviewTestData.NewRequestAsync(Factory, mine.ContractId);
        var first = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var second = await Factory.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var firstPage = await PortalHttp.GetPageAsync(first, ReviewPages.Show(id));
        var secondPage = await PortalHttp.GetPageAsync(second, ReviewPages.Show(id));

        using var approved = await ReviewPages.SubmitAsync(first, firstPage, "Approve.RpNumber", ReviewPages.Approve(id));
        using var again = await ReviewPages.SubmitAsync(second, secondPage, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
        {
            ["Approve.RpNumber"] = "RP-OTRO",
        });

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(VersionMessages.Stale, ReviewPages.Conflict(await PortalHttp.ParseAsync(again)), StringComparison.Ordinal);
        var stored = await ReviewTestData.LoadAsync(Factory, id);
        Assert.Equal(ReviewTestData.ContractRp, stored.ApprovedRpNumber);
        Assert.Single(stored.History, h => h.Action == PaymentRequestActions.Approve);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class ReviewConcurrencySqliteTests(SqlitePortalFixture fixture) : ReviewConcurrencyTests(fixture);

/// <summary>
/// Truly concurrent decisions on PostgreSQL: two sessions of the supervisor load the same version and post at the
/// same moment. A test-only interceptor holds each save's UPDATE until both have reached it, so every round races at
/// the database (both passed the version check on load) and the database's concurrency token alone decides.
/// </summary>
[Collection(PostgresPortal.Name)]
public sealed class ReviewConcurrencyPostgresTests(PostgresPortalFixture fixture, ITestOutputHelper output) : ReviewConcurrencyTests(fixture)
{
    private const int Rounds = 10;

    [Fact]
    public async Task Approve_against_reject_at_the_same_moment_exactly_one_wins_every_time()
    {
        var outcomes = await RaceAsync(
            (client, page, id) => ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id)),
            (client, page, id) => ReviewPages.SubmitAsync(client, page, "Reject.Reason", ReviewPages.Reject(id), new Dictionary<string, string>
            {
                ["Reject.Reason"] = "La planilla de seguridad social no corresponde al periodo.",
            }));

        output.WriteLine($"Approve won {outcomes.Count(o => o == 0)} and reject won {outcomes.Count(o => o == 1)} of {Rounds} rounds.");
    }

    [Fact]
    public async Task Two_approvals_at_the_same_moment_approve_exactly_once_every_time()
    {
        var outcomes = await RaceAsync(
            (client, page, id) => ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id)),
            (client, page, id) => ReviewPages.SubmitAsync(client, page, "Approve.RpNumber", ReviewPages.Approve(id), new Dictionary<string, string>
            {
                ["Approve.RpNumber"] = "RP-2026-0999",
            }));

        output.WriteLine($"The first session won {outcomes.Count(o => o == 0)} and the second {outcomes.Count(o => o == 1)} of {Rounds} rounds.");
    }

    /// <summary>Runs <see cref="Rounds"/> races of two posts on fresh requests; returns which of the two won each round.</summary>
    private async Task<List<int>> RaceAsync(
        Func<HttpClient, IHtmlDocument, int, Task<HttpResponseMessage>> firstPost,
        Func<HttpClient, IHtmlDocument, int, Task<HttpResponseMessage>> secondPost)
    {
        var rendezvous = new UpdateRendezvous();
        await using var racing = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<PortalDbContext>((_, options) => options.AddInterceptors(rendezvous))));
        var mine = await ReviewTestData.NewCaseAsync(Factory);
        var first = await racing.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var second = await racing.SignedInAsync(TestUsers.AccountOf(mine.Supervisor));
        var winners = new List<int>();

        for (var round = 1; round <= Rounds; round++)
        {
            // A contract's 10 months hold 10 requests; use a new contract every round to keep each round alike.
            var contract = await ReviewTestData.NewContractAsync(Factory, mine.Contractor.Id, mine.Supervisor.Id);
            var id = await ReviewTestData.NewRequestAsync(Factory, contract.Id);
            var before = await ReviewTestData.LoadAsync(Factory, id);
            var firstPage = await PortalHttp.GetPageAsync(first, ReviewPages.Show(id));
            var secondPage = await PortalHttp.GetPageAsync(second, ReviewPages.Show(id));

            rendezvous.Expect(2);
            var responses = await Task.WhenAll(firstPost(first, firstPage, id), secondPost(second, secondPage, id));
            var met = rendezvous.Met;
            try
            {
                var statuses = responses.Select(r => r.StatusCode).ToArray();
                Assert.True(
                    statuses.Count(s => s == HttpStatusCode.Redirect) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 1,
                    $"Round {round}: {string.Join(", ", statuses)}; expected one redirect (success) and one 409.");
                Assert.True(met, $"Round {round}: the two saves did not meet at the database.");
                var winner = statuses[0] == HttpStatusCode.Redirect ? 0 : 1;
                winners.Add(winner);

                var loserPage = await PortalHttp.ParseAsync(responses[1 - winner]);
                Assert.Equal(VersionMessages.Stale, ReviewPages.Conflict(loserPage));

                var after = await ReviewTestData.LoadAsync(Factory, id);
                Assert.Equal(before.History.Count + 1, after.History.Count);
                var added = after.History.MaxBy(h => h.Id)!;
                Assert.Equal(after.Status, added.To);
                Assert.Equal(PaymentRequestStatus.Sent, added.From);
                Assert.Equal(after.Status.ToLabel(), ReviewPages.Status(loserPage));
                Assert.Equal(after.Status == PaymentRequestStatus.Approved ? PaymentRequestActions.Approve : PaymentRequestActions.Reject, added.Action);
                Assert.Single(await ReviewTestData.NotificationsAboutAsync(Factory, mine.Contractor.Id, id));
            }
            finally
            {
                foreach (var response in responses)
                {
                    response.Dispose();
                }
            }
        }

        return winners;
    }

    /// <summary>
    /// Holds every UPDATE of a payment request until the expected number of them is waiting (or 10 s pass), then lets
    /// them all go at once.
    /// </summary>
    private sealed class UpdateRendezvous : DbCommandInterceptor
    {
        private readonly Lock _gate = new();
        private int _expected;
        private int _arrived;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Met => _all.Task.IsCompletedSuccessfully;

        public void Expect(int participants)
        {
            lock (_gate)
            {
                _expected = participants;
                _arrived = 0;
                _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await WaitAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await WaitAsync(command);
            return result;
        }

        private async Task WaitAsync(DbCommand command)
        {
            if (!command.CommandText.Contains("UPDATE \"PaymentRequests\"", StringComparison.Ordinal))
            {
                return;
            }

            Task all;
            lock (_gate)
            {
                if (_expected == 0)
                {
                    return;
                }

                if (++_arrived == _expected)
                {
                    _all.TrySetResult();
                    _expected = 0;
                }

                all = _all.Task;
            }

            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10)));
        }
    }
}
