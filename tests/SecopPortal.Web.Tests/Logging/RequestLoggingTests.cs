using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using SecopPortal.Infrastructure.Identity;
using SecopPortal.Web.Infrastructure;
using SecopPortal.Web.Tests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace SecopPortal.Web.Tests.Logging;

/// <summary>Serilog's request logging as the portal sets it up, read from what the portal's Serilog logger emits.</summary>
[Collection(SqlitePortal.Name)]
public sealed class RequestLoggingTests(SqlitePortalFixture fixture)
{
    [Fact]
    public async Task Each_request_is_logged_once_with_method_path_status_elapsed_user_and_correlation_but_never_the_query_string()
    {
        var sink = new CollectingSink();
        await using var portal = WithSink(sink);
        var client = await portal.SignedInAsync(DemoAccounts.Contractor2);
        var userId = await UserIdAsync(DemoAccounts.Contractor2.Email);

        using var response = await client.GetAsync(new Uri("/contratos?buscar=1032456789", UriKind.Relative));

        var correlationId = Assert.Single(response.Headers.GetValues(PortalLogging.CorrelationHeader));
        var line = Assert.Single(await sink.RequestLinesAsync("/contratos", expected: 1));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("GET", Scalar(line, "RequestMethod"));
        Assert.Equal(200, Scalar(line, "StatusCode"));
        Assert.True((double)Scalar(line, "Elapsed")! > 0);
        Assert.Equal(userId, Scalar(line, "UserId"));
        Assert.Equal(correlationId, Scalar(line, "CorrelationId"));
        var message = line.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("HTTP GET /contratos responded 200 in ", message, StringComparison.Ordinal);
        Assert.Contains($"user={userId} correlation={correlationId}", message, StringComparison.Ordinal);
        Assert.DoesNotContain("1032456789", message, StringComparison.Ordinal);
        Assert.DoesNotContain(line.Properties.Values, value => value.ToString().Contains("1032456789", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_request_is_logged_with_a_dash_for_the_user()
    {
        var sink = new CollectingSink();
        await using var portal = WithSink(sink);

        using var response = await portal.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        var line = Assert.Single(await sink.RequestLinesAsync("/health", expected: 1));
        Assert.Equal("-", Scalar(line, "UserId"));
        Assert.Equal(Assert.Single(response.Headers.GetValues(PortalLogging.CorrelationHeader)), Scalar(line, "CorrelationId"));
    }

    [Fact]
    public async Task A_request_that_fails_with_500_is_logged_as_an_error()
    {
        var sink = new CollectingSink();
        await using var portal = WithSink(sink, services => services.AddTransient<IStartupFilter, ThrowingEndpointFilter>());
        var client = await portal.SignedInAsync(DemoAccounts.Contractor2);

        using var response = await client.GetAsync(new Uri(ThrowingEndpointFilter.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = Assert.Single(await sink.RequestLinesAsync(ThrowingEndpointFilter.Path, expected: 1));
        Assert.Equal(LogEventLevel.Error, line.Level);
        Assert.Equal(500, Scalar(line, "StatusCode"));
    }

    [Fact]
    public async Task A_sink_that_never_returns_does_not_hold_any_request()
    {
        using var stuck = new StuckSink();
        await using var portal = WithSink(stuck, settings: new Dictionary<string, string?> { ["Logging:QueueSize"] = "5" });
        var client = portal.CreateClient();
        try
        {
            var watch = Stopwatch.StartNew();
            var requests = Enumerable.Range(0, 40).Select(async _ =>
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                return response.StatusCode;
            });
            var statuses = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60));
            watch.Stop();

            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
            Assert.True(stuck.Entered.Wait(TimeSpan.FromSeconds(10)), "The sink was never called, so it held nothing.");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"40 requests took {watch.Elapsed.TotalSeconds:0.0} s behind a stuck sink.");
        }
        finally
        {
            // Let the queue drain so the host's logger can be disposed.
            stuck.Release();
        }
    }

    [Fact]
    public async Task In_production_each_console_line_is_json_with_the_request_properties()
    {
        var sink = new CollectingSink();
        await using var portal = WithSink(sink);
        var client = await portal.SignedInAsync(DemoAccounts.Contractor2);
        var userId = await UserIdAsync(DemoAccounts.Contractor2.Email);
        using var response = await client.GetAsync(new Uri("/contratos", UriKind.Relative));
        var request = Assert.Single(await sink.RequestLinesAsync("/contratos", expected: 1));
        var formatter = PortalLogging.Formatter(new LogOutputOptions().FormatIn(Environment(Environments.Production)));

        using var output = new StringWriter();
        foreach (var logEvent in sink.Events)
        {
            formatter.Format(logEvent, output);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(sink.Events.Count, lines.Length);
        var documents = lines.Select(line => JsonDocument.Parse(line)).ToList();
        try
        {
            Assert.All(documents, document => Assert.True(document.RootElement.TryGetProperty("@t", out _)));
            var json = Assert.Single(documents, d => d.RootElement.TryGetProperty("StatusCode", out _) && d.RootElement.GetProperty("RequestPath").GetString() == "/contratos").RootElement;
            Assert.StartsWith("HTTP GET /contratos responded 200", json.GetProperty("@m").GetString(), StringComparison.Ordinal);
            Assert.Equal("GET", json.GetProperty("RequestMethod").GetString());
            Assert.Equal(200, json.GetProperty("StatusCode").GetInt32());
            Assert.True(json.GetProperty("Elapsed").GetDouble() > 0);
            Assert.Equal(userId, json.GetProperty("UserId").GetString());
            Assert.Equal(Scalar(request, "CorrelationId"), json.GetProperty("CorrelationId").GetString());
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public void Development_writes_readable_text_and_the_format_can_be_set_in_configuration()
    {
        var unset = new LogOutputOptions();
        var configured = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Format"] = "Text" })
            .Build().GetSection(LogOutputOptions.SectionName).Get<LogOutputOptions>()!;
        var line = new LogEvent(
            DateTimeOffset.Now, LogEventLevel.Information, null, new Serilog.Parsing.MessageTemplateParser().Parse("HTTP {RequestMethod} {RequestPath}"),
            [new LogEventProperty("RequestMethod", new ScalarValue("GET")), new LogEventProperty("RequestPath", new ScalarValue("/contratos"))]);
        using var output = new StringWriter();

        PortalLogging.Formatter(unset.FormatIn(Environment(Environments.Development))).Format(line, output);

        Assert.Equal(LogFormat.Json, unset.FormatIn(Environment(Environments.Production)));
        Assert.Equal(LogFormat.Text, configured.FormatIn(Environment(Environments.Production)));
        Assert.Contains("INF] : HTTP GET /contratos", output.ToString(), StringComparison.Ordinal);
        Assert.False(output.ToString().TrimStart().StartsWith('{'));
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private static object? Scalar(LogEvent logEvent, string property) =>
        Assert.IsType<ScalarValue>(logEvent.Properties[property]).Value;

    private WebApplicationFactory<Program> WithSink(ILogEventSink sink, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        fixture.Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(collection =>
            {
                collection.AddSingleton(sink);
                services?.Invoke(collection);
            });
        });

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return user!.Id.ToString();
    }

    /// <summary>Keeps every event the portal's logger writes.</summary>
    private sealed class CollectingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public List<LogEvent> Events => _events.ToList();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        /// <summary>The request lines for <paramref name="path"/>, once <paramref name="expected"/> of them arrived (the sinks write on another thread).</summary>
        public async Task<IReadOnlyList<LogEvent>> RequestLinesAsync(string path, int expected)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var lines = _events.Where(e => IsRequestLine(e) && e.Properties["RequestPath"] is ScalarValue { Value: string p } && p == path).ToList();
                if (lines.Count >= expected || deadline.Elapsed > TimeSpan.FromSeconds(10))
                {
                    return lines;
                }

                await Task.Delay(20);
            }
        }
    }

    /// <summary>The request logging's own line, not another event logged during the request (those carry RequestPath too).</summary>
    private static bool IsRequestLine(LogEvent logEvent) =>
        logEvent.Properties.ContainsKey("StatusCode") && logEvent.Properties.ContainsKey("RequestPath");

    /// <summary>A sink that never returns until released, like a console nobody reads or a disk that hangs.</summary>
    private sealed class StuckSink : ILogEventSink, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();

        public ManualResetEventSlim Entered { get; } = new();

        public void Emit(LogEvent logEvent)
        {
            Entered.Set();
            _release.Wait();
        }

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Dispose();
            Entered.Dispose();
        }
    }
}
