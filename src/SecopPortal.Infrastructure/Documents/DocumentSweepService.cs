using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// Runs <see cref="DocumentSweeper"/> shortly after start-up and then every <see cref="UploadLimitsOptions.SweepInterval"/>.
/// A failed sweep is logged and retried at the next interval; nothing it does can stop the application.
/// </summary>
public sealed partial class DocumentSweepService(
    IServiceScopeFactory scopes,
    IOptions<UploadLimitsOptions> options,
    TimeProvider clock,
    ILogger<DocumentSweepService> logger) : PeriodicScopedService(scopes, clock)
{
    /// <summary>The first sweep waits this long (or the interval, if shorter) so start-up is not slowed down.</summary>
    public static readonly TimeSpan FirstSweepDelay = TimeSpan.FromMinutes(2);

    protected override bool Enabled => options.Value.SweepEnabled;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override TimeSpan FirstDelay => Interval < FirstSweepDelay ? Interval : FirstSweepDelay;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<DocumentSweeper>().SweepAsync(cancellationToken);
        LogSwept(logger, result.Examined, result.DeletedUnreferenced, result.DeletedTemporary, result.Failed);
    }

    protected override void OnFailed(Exception exception) => LogSweepFailed(logger, exception);

    protected override void OnDisabled() => LogDisabled(logger);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information,
        Message = "Document sweep examined {Examined} files, deleted {Unreferenced} unreferenced and {Temporary} temporary, {Failed} failed")]
    private static partial void LogSwept(ILogger logger, int examined, int unreferenced, int temporary, int failed);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error, Message = "Document sweep failed; it will run again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Document sweep is disabled (Uploads:SweepEnabled = false)")]
    private static partial void LogDisabled(ILogger logger);
}
