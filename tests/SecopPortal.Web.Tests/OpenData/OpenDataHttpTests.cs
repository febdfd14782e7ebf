using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecopPortal.Infrastructure.Persistence;
using SecopPortal.Web.Features.OpenData;
using SecopPortal.Web.Features.PublicContracts;
using SecopPortal.Web.Tests.Infrastructure;
using static SecopPortal.Web.Tests.OpenData.OpenDataTestSupport;

namespace SecopPortal.Web.Tests.OpenData;

/// <summary>
/// The open data's routes as HTTP: the country's file reaches the client while the rows are still being read (it is
/// never built whole first), and every route is anonymous and held to the public record's rate limit.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class OpenDataHttpTests(SqlitePortalFixture fixture)
{
    [Fact]
    public async Task The_ocds_release_names_the_configured_public_address_not_the_host_a_client_sends()
    {
        int contractId;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            contractId = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Contracts.Select(c => c.Id).FirstAsync();
        }

        await using var portal = fixture.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Seed:DemoData", "false")
            .UseSetting("Mail:PublicBaseUrl", "https://secop.example.gov.co/"));
        using var client = portal.CreateClient(PortalHttp.Configure(new WebApplicationFactoryClientOptions()));
        using var request = new HttpRequestMessage(HttpMethod.Get, ContractOcds(contractId));
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var json = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal($"https://secop.example.gov.co{ContractOcds(contractId)}", json.RootElement.GetProperty("uri").GetString());
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_country_csv_reaches_the_client_before_the_query_has_returned_every_row()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rows = new GatedPaymentPlan(PaymentPlanCsv.RowsPerFlush + 1, gate.Task, 5_000);
        await using var portal = fixture.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Seed:DemoData", "false")
            .ConfigureTestServices(services =>
            {
                services.RemoveAll<IPaymentPlanRows>();
                services.AddSingleton<IPaymentPlanRows>(rows);
            }));
        using var client = portal.CreateClient(PortalHttp.Configure(new WebApplicationFactoryClientOptions()));

        try
        {
            // A portal that built the file whole before sending would send nothing while the rows are held: each wait fails.
            using var response = await client.GetAsync(CountryCsv, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(10));
            await using var body = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(body);
            var header = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var firstRow = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

            // The source is still held at its gate: what arrived was written while the rows were being read.
            Assert.False(gate.Task.IsCompleted);
            Assert.Equal(string.Join(",", PaymentPlanCsv.Columns), header!.TrimStart('\uFEFF'));
            Assert.StartsWith("Entidad 1,", firstRow, StringComparison.Ordinal);
            gate.SetResult();
            var rest = await reader.ReadToEndAsync();
            Assert.Equal(PaymentPlanCsv.RowsPerFlush + 1 + 5_000 - 1, rest.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            // Whatever happened, let the request finish so the portal can stop.
            gate.TrySetResult();
        }
    }

    [Fact]
    public void Every_open_data_route_is_anonymous_get_only_and_rate_limited_by_the_public_policy()
    {
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("publico/", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor>()?.ControllerTypeInfo == typeof(OpenDataController))
            .ToList();

        Assert.Equal(3, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(PublicRecord.RateLimitPolicy, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>()));
        Assert.All(endpoints, e => Assert.Equal(["GET"], e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));
    }

    [Fact]
    public async Task A_client_over_the_limit_gets_429_with_retry_after_on_the_open_data()
    {
        await using var portal = fixture.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Seed:DemoData", "false")
            .UseSetting("PublicRecord:PermitsPerMinute", "3"));
        using var client = portal.CreateClient(PortalHttp.Configure(new WebApplicationFactoryClientOptions()));

        var answers = new List<HttpStatusCode>();
        foreach (var url in new[] { CountryCsv, ContractCsv(987_654), ContractOcds(987_654), ContractOcds(987_654) })
        {
            using var response = await client.GetAsync(url);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
    }

    /// <summary>Rows that stop at a gate after the first batch, standing in for a long query still running.</summary>
    private sealed class GatedPaymentPlan(int before, Task gate, int after) : IPaymentPlanRows
    {
        public IAsyncEnumerable<PaymentPlanCsvRow> ReadAsync(PaymentPlanScope scope, CancellationToken cancellationToken) =>
            PaymentPlanCsvTests.GatedRows(before, gate, after);
    }
}
