using System.Diagnostics;
using System.Globalization;
using SecopPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using static SecopPortal.Web.Tests.Authorization.AuthorizationMatrix;

namespace SecopPortal.Web.Tests.Authorization;

/// <summary>
/// Every route of the app (as its endpoint data source lists them) × every way of filling its ids × every demo user,
/// an extra supervisor of no contract and an anonymous visitor, against the truth table of
/// <see cref="AuthorizationMatrix"/>: owners get the page, users who may not see an object get a 404 without its data
/// (never a 403, never a 200), non-admins get the 403 page on admin routes, visitors the sign-in page. Every POST is
/// sent with a valid antiforgery token (so the authorization check is what answers) and once more without one (400).
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class AuthorizationMatrixTests(SqlitePortalFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_route_of_the_app_has_a_row_in_the_matrix_that_fills_its_ids()
    {
        var routes = AppRoute.Of(fixture.Factory);
        var world = await MatrixWorld.OfAsync(fixture.Factory);

        var problems = CoverageProblems(routes, world);

        output.WriteLine($"{routes.Count} routes × methods in the app, {routes.Count(r => r.Parameters.Count > 0)} of them with ids.");
        Assert.True(problems.Count == 0, $"The authorization matrix does not cover the app ({problems.Count} problems):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        Assert.Contains(routes, r => r.Pattern == "/contratos/{contractId}/pagos/{id}/anexos/{attachmentId}/quitar");
    }

    [Fact]
    public async Task Every_route_answers_every_user_as_the_truth_table_says()
    {
        var world = await MatrixWorld.OfAsync(fixture.Factory);
        var routes = AppRoute.Of(fixture.Factory);
        var before = await MatrixWorld.SnapshotAsync(fixture.Factory, world);
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(fixture.Factory, world, routes, Sweep.Gets | Sweep.PostsWithToken);

        Report(result, clock.Elapsed);
        var changed = Changes(before, await MatrixWorld.SnapshotAsync(fixture.Factory, world));
        Assert.True(result.Failures.Count == 0 && changed.Count == 0, Describe(result, changed));
    }

    [Fact]
    public async Task Every_post_route_refuses_a_request_without_its_antiforgery_token()
    {
        var world = await MatrixWorld.OfAsync(fixture.Factory);
        var routes = AppRoute.Of(fixture.Factory);
        var before = await MatrixWorld.SnapshotAsync(fixture.Factory, world);
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(fixture.Factory, world, routes, Sweep.PostsWithoutToken);

        Report(result, clock.Elapsed);
        Assert.True(result.Requests > 0, "No POST route was swept.");
        var changed = Changes(before, await MatrixWorld.SnapshotAsync(fixture.Factory, world));
        Assert.True(result.Failures.Count == 0 && changed.Count == 0, Describe(result, changed));
    }

    private void Report(MatrixResult result, TimeSpan elapsed)
    {
        output.WriteLine($"Matrix size: {result.Requests.ToString(CultureInfo.InvariantCulture)} requests in {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s "
                         + $"({string.Join(", ", result.PerFamily.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value.ToString(CultureInfo.InvariantCulture)}"))}).");
        output.WriteLine(result.Table());
    }

    internal static string Describe(MatrixResult result, IReadOnlyList<string>? changed = null) =>
        $"{result.Failures.Count} of {result.Requests} requests answered differently from the truth table:{Environment.NewLine}"
        + string.Join(Environment.NewLine, result.Failures)
        + (changed is null ? string.Empty
            : changed.Count > 0 ? $"{Environment.NewLine}Seeded objects changed by the sweep (a POST that should have been refused acted):{Environment.NewLine}{string.Join(Environment.NewLine, changed)}"
            : $"{Environment.NewLine}(No seeded object changed.)");

    private static List<string> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys)
            .Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key))
            .Select(key => $"  {key}: {before.GetValueOrDefault(key) ?? "(none)"} → {after.GetValueOrDefault(key) ?? "(none)"}")
            .ToList();
}

/// <summary>The GET half of the matrix on PostgreSQL: the same queries that decide access, on the production database.</summary>
[Collection(PostgresPortal.Name)]
public sealed class AuthorizationMatrixPostgresTests(PostgresPortalFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_get_route_answers_every_user_as_the_truth_table_says_on_PostgreSQL()
    {
        var world = await MatrixWorld.OfAsync(fixture.Factory);
        var routes = AppRoute.Of(fixture.Factory);
        Assert.Empty(CoverageProblems(routes, world));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(fixture.Factory, world, routes, Sweep.Gets);

        output.WriteLine($"Matrix size (GET, PostgreSQL): {result.Requests.ToString(CultureInfo.InvariantCulture)} requests in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
        output.WriteLine(result.Table());
        Assert.True(result.Failures.Count == 0, AuthorizationMatrixTests.Describe(result));
    }
}
