using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Tests.Infrastructure;
using SecopPortal.Web.Tests.Review;
using Xunit.Abstractions;

namespace SecopPortal.Web.Tests.Performance;

/// <summary>
/// The list pages read only what they show: the SQL commands one GET sends for "Cuentas por revisar" and for a
/// contract's "Detalle" (with its Plan de pagos) are the same with 2 payment requests as with 40, and few: the
/// session is one read by key, the menu's numbers one statement, the detail at most 5 statements in all. Each command
/// is counted once, when EF executes it, and filed under the HTTP request that ran it; commands run before MVC takes
/// over (the server-side session's read) are counted apart from the page's own.
/// </summary>
public abstract class SqlCommandCountTests(PortalFixture fixture, ITestOutputHelper output) : ReviewTests(fixture)
{
    private WebApplicationFactory<Program>? _counted;
    private SqlCommandCounter? _counter;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var counter = new SqlCommandCounter();
        _counter = counter;
        _counted = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<PortalDbContext>((_, options) => options.AddInterceptors(counter));
            services.Configure<MvcOptions>(options => options.Filters.Add(new PagePhaseMarker()));
        }));
    }

    public override async Task DisposeAsync()
    {
        if (_counted is not null)
        {
            await _counted.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task The_inbox_and_the_plan_de_pagos_send_as_many_sql_commands_for_40_requests_as_for_2()
    {
        var factory = Factory;
        var supervisor = await TestUsers.CreateAsync(factory, PortalRoles.Supervisor);
        var contractor = await TestUsers.CreateAsync(factory, PortalRoles.Contractor);
        var contract = await ReviewTestData.NewContractAsync(factory, contractor.Id, supervisor.Id, new DateOnly(2022, 7, 1), months: 48, monthlyFee: 1_000_000m);
        var client = await _counted!.SignedInAsync(TestUsers.AccountOf(supervisor));
        var inbox = ReviewPages.Inbox;
        var detail = $"/contratos/{ReviewPages.Invariant(contract.Id)}";

        await AddRequestsAsync(factory, contract.Id, 2);
        await MeasureAsync(client, inbox); // warm-up: first compilation of each query
        await MeasureAsync(client, detail);
        var inboxWithTwo = await MeasureAsync(client, inbox);
        var detailWithTwo = await MeasureAsync(client, detail);

        await AddRequestsAsync(factory, contract.Id, 38);
        var inboxWithForty = await MeasureAsync(client, inbox);
        var detailWithForty = await MeasureAsync(client, detail);

        output.WriteLine($"Database: {Fixture.Database}");
        Report("GET /revision (Cuentas por revisar, 20 a page)", 2, inboxWithTwo, 40, inboxWithForty);
        Report("GET /contratos/{id} (Detalle with the Plan de pagos)", 2, detailWithTwo, 40, detailWithForty);

        Assert.Equal(2, inboxWithTwo.Rows);
        Assert.Equal(20, inboxWithForty.Rows);
        Assert.Equal(2, detailWithTwo.Rows);
        Assert.Equal(40, detailWithForty.Rows);
        Assert.True(
            inboxWithTwo.Page.Count == inboxWithForty.Page.Count,
            $"The inbox ran {inboxWithTwo.Page.Count} commands with 2 requests and {inboxWithForty.Page.Count} with 40:{Environment.NewLine}{Describe(inboxWithForty)}");
        Assert.True(
            detailWithTwo.Page.Count == detailWithForty.Page.Count,
            $"The contract detail ran {detailWithTwo.Page.Count} commands with 2 requests and {detailWithForty.Page.Count} with 40:{Environment.NewLine}{Describe(detailWithForty)}");
        Assert.Equal(inboxWithTwo.BeforePage.Count, inboxWithForty.BeforePage.Count);
        Assert.Equal(detailWithTwo.BeforePage.Count, detailWithForty.BeforePage.Count);

        // The session: one read of its ticket by key, nothing else before the page (no security-stamp check).
        var sessionRead = Assert.Single(inboxWithForty.BeforePage);
        Assert.Contains("\"UserSessions\"", sessionRead, StringComparison.Ordinal);
        Assert.Single(detailWithForty.BeforePage);

        // The inbox: the menu's counts (its total among them) and one page query.
        Assert.Equal(2, inboxWithForty.Page.Count);

        // The detail: the contract with its entity and parties, the Plan de pagos, the execution documents, the menu's counts.
        Assert.Equal(4, detailWithForty.Page.Count);
        Assert.True(detailWithForty.Page.Count + detailWithForty.BeforePage.Count <= 5, Describe(detailWithForty));
    }

    private void Report(string page, int fewRows, Measurement few, int manyRows, Measurement many)
    {
        output.WriteLine($"{page}");
        output.WriteLine($"  {fewRows} requests: {few.Page.Count} page commands + {few.BeforePage.Count} authentication commands ({few.Rows} rows shown)");
        output.WriteLine($"  {manyRows} requests: {many.Page.Count} page commands + {many.BeforePage.Count} authentication commands ({many.Rows} rows shown)");
        output.WriteLine(Describe(many));
    }

    private static string Describe(Measurement measurement) =>
        string.Join(Environment.NewLine, measurement.Page.Select((c, i) => $"    page #{i + 1}: {FirstLine(c)}")
            .Concat(measurement.BeforePage.Select((c, i) => $"    auth #{i + 1}: {FirstLine(c)}")));

    private static string FirstLine(string sql)
    {
        var flat = string.Join(' ', sql.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }

    private async Task<Measurement> MeasureAsync(HttpClient client, string path)
    {
        // A second later, as between two real clicks.
        Clock.Advance(TimeSpan.FromSeconds(1));
        var probeId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add(SqlCommandCounter.Header, probeId);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalHttp.ParseAsync(response);
        var rows = path == ReviewPages.Inbox
            ? page.QuerySelectorAll("main tbody tr").Length
            : page.QuerySelectorAll("#seccion-7 table")[0].QuerySelectorAll("tbody tr").Length;
        var commands = _counter!.CommandsOf(probeId);
        return new Measurement(
            commands.Where(c => c.DuringPage).Select(c => c.Sql).ToList(),
            commands.Where(c => !c.DuringPage).Select(c => c.Sql).ToList(),
            rows);
    }

    private static async Task AddRequestsAsync(PortalFactory factory, int contractId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ReviewTestData.NewRequestAsync(factory, contractId, RequestStage.Sent, ReviewTestData.BogotaUtc(2026, 11, 2, 8).AddMinutes(i));
        }
    }

    private sealed record Measurement(IReadOnlyList<string> Page, IReadOnlyList<string> BeforePage, int Rows);

    /// <summary>Marks the moment MVC starts on a request: commands after it are the page's own.</summary>
    private sealed class PagePhaseMarker : IAuthorizationFilter, IOrderedFilter
    {
        public int Order => int.MinValue;

        public void OnAuthorization(AuthorizationFilterContext context) =>
            context.HttpContext.Items[SqlCommandCounter.PageStarted] = true;
    }
}

/// <summary>Files every executed command under the <see cref="Header"/> of the HTTP request that ran it.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Count";
    public const string PageStarted = "SqlCommandCounter.PageStarted";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<CountedCommand>> _commands = new(StringComparer.Ordinal);

    // Reads the AsyncLocal that the host fills in once AddHttpContextAccessor is registered: the current request.
    private readonly HttpContextAccessor _http = new();

    public IReadOnlyList<CountedCommand> CommandsOf(string probeId) =>
        _commands.TryGetValue(probeId, out var queue) ? queue.ToList() : [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var context = _http.HttpContext;
        if (context?.Request.Headers[Header].ToString() is { Length: > 0 } probeId)
        {
            var duringPage = context.Items.ContainsKey(PageStarted);
            _commands.GetOrAdd(probeId, _ => new ConcurrentQueue<CountedCommand>()).Enqueue(new CountedCommand(duringPage, command.CommandText));
        }
    }
}

public sealed record CountedCommand(bool DuringPage, string Sql);

[Collection(SqlitePortal.Name)]
public sealed class SqlCommandCountSqliteTests(SqlitePortalFixture fixture, ITestOutputHelper output) : SqlCommandCountTests(fixture, output);

[Collection(PostgresPortal.Name)]
public sealed class SqlCommandCountPostgresTests(PostgresPortalFixture fixture, ITestOutputHelper output) : SqlCommandCountTests(fixture, output);
