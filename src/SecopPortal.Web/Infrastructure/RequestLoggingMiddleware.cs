using System.Diagnostics;
using System.Security.Claims;

namespace SecopPortal.Web.Infrastructure;

/// <summary>
/// One log line per request: method, path, status, elapsed ms, user id and correlation id. Never the
/// query string's values, a form field or a document's bytes.
/// </summary>
public sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var correlationId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[CorrelationHeader] = correlationId;
            return Task.CompletedTask;
        });

        var started = Stopwatch.GetTimestamp();
        var status = 500;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-";
            LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", status, elapsed, userId, correlationId);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms user={UserId} correlation={CorrelationId}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, string userId, string correlationId);
}
