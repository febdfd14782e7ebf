using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Serilog;
using Serilog.Core;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace SecopPortal.Web.Infrastructure;

/// <summary>How log lines are written: readable text or one JSON object per line.</summary>
public enum LogFormat
{
    /// <summary>Readable text (the default in Development).</summary>
    Text = 1,

    /// <summary>Compact JSON, one event per line, with the rendered message (the default everywhere else).</summary>
    Json = 2,
}

/// <summary>Where and how the portal writes its log, bound from the "Logging" section.</summary>
/// <remarks>Levels are Serilog's own, in the "Serilog:MinimumLevel" section.</remarks>
public sealed class LogOutputOptions
{
    public const string SectionName = "Logging";

    /// <summary><c>Logging:Format</c>: Text or Json; when unset, Text in Development and Json elsewhere.</summary>
    public LogFormat? Format { get; set; }

    /// <summary>
    /// <c>Logging:QueueSize</c>: how many lines may wait for the console and the file (default 10,000). When the
    /// queue is full new lines are dropped, never waited for.
    /// </summary>
    public int QueueSize { get; set; } = 10_000;

    /// <summary><c>Logging:File:Path</c>: also write to daily files here (kept 14 days); empty for the console only.</summary>
    public LogFileOptions File { get; set; } = new();

    public LogFormat FormatIn(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Format ?? (environment.IsDevelopment() ? LogFormat.Text : LogFormat.Json);
    }
}

public sealed class LogFileOptions
{
    public string? Path { get; set; }
}

/// <summary>
/// Serilog for the whole portal (Serilog.AspNetCore): levels from the "Serilog" section, sinks from
/// <see cref="LogOutputOptions"/>, and one line per request from Serilog's request logging.
/// </summary>
public static class PortalLogging
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>Text lines: time, level, source, message (the request line carries its own properties).</summary>
    public const string TextTemplate = "[{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public const string RequestTemplate =
        "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms user={UserId:l} correlation={CorrelationId:l}";

    /// <summary>
    /// Makes Serilog the logging provider. Every sink — the console, the optional file and any
    /// <see cref="ILogEventSink"/> registered in the services — sits behind one bounded queue
    /// (Serilog.Sinks.Async with <c>blockWhenFull: false</c>): a request only queues its lines, a slow console or
    /// disk never holds it, and when the queue is full lines are dropped rather than waited for. The logger belongs
    /// to the host (the static <see cref="Log.Logger"/> is left alone), which flushes it on shutdown.
    /// </summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                var output = configuration.GetSection(LogOutputOptions.SectionName).Get<LogOutputOptions>() ?? new LogOutputOptions();
                if (output.QueueSize < 1)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Logging:QueueSize must be at least 1 (got {output.QueueSize})."));
                }

                var formatter = Formatter(output.FormatIn(environment));
                var extraSinks = services.GetServices<ILogEventSink>().ToList();
                logger.ReadFrom.Configuration(configuration)
                    .Enrich.FromLogContext()
                    .WriteTo.Async(
                        sinks =>
                        {
                            sinks.Console(formatter);
                            if (!string.IsNullOrWhiteSpace(output.File.Path))
                            {
                                sinks.File(formatter, output.File.Path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
                            }

                            foreach (var sink in extraSinks)
                            {
                                sinks.Sink(sink);
                            }
                        },
                        bufferSize: output.QueueSize,
                        blockWhenFull: false);
            },
            preserveStaticLogger: true);
    }

    /// <summary>How lines look in the console and the file for <paramref name="format"/>.</summary>
    public static ITextFormatter Formatter(LogFormat format) => format switch
    {
        LogFormat.Json => new RenderedCompactJsonFormatter(),
        _ => new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Gives each request its correlation id (the trace id; <see cref="HttpContext.TraceIdentifier"/>, the
    /// <c>X-Correlation-Id</c> header and the 500 page show it) and logs one line per request: method, path
    /// (never the query string, which may carry personal data), status, elapsed ms, user id and correlation id.
    /// 5xx and unhandled exceptions are logged as errors, the rest as information (Serilog's default levels).
    /// </summary>
    public static IApplicationBuilder UsePortalRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var correlationId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            context.TraceIdentifier = correlationId;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[CorrelationHeader] = correlationId;
                return Task.CompletedTask;
            });
            return next(context);
        });

        // The host's logger: the static one may belong to another host in the same process (the tests).
        var logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        return app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.MessageTemplate = RequestTemplate;
            options.IncludeQueryInRequestPath = false;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
                diagnostics.Set("CorrelationId", context.TraceIdentifier);
            };
        });
    }
}
