using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Documents;

/// <summary>
/// Runs <see cref="DocumentSweeper"/> (in a scope of its own, for the DbContext) shortly after start-up and then
/// every <see cref="UploadLimitsOptions.SweepInterval"/>. A failed sweep is logged and retried at the next
/// interval; nothing it does can stop the application.
/// </summary>
public sealed partial class DocumentSweepService(
    IServiceScopeFactory scopes,
    IOptions<UploadLimitsOptions> options,
    TimeProvider clock,
    ILogger<DocumentSweepService> logger) : BackgroundService
{
    /// <summary>The first sweep waits this long (or the interval, if shorter) so start-up is not slowed down.</summary>
    public static readonly TimeSpan FirstSweepDelay = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SweepEnabled)
        {
            LogDisabled(logger);
            return;
        }

        var interval = settings.SweepInterval;
        var delay = interval < FirstSweepDelay ? interval : FirstSweepDelay;
        try
        {
            await Task.Delay(delay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepOnceAsync(stoppingToken);
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sweeper = scope.ServiceProvider.GetRequiredService<DocumentSweeper>();
            var result = await sweeper.SweepAsync(stoppingToken);
            LogSwept(logger, result.Examined, result.DeletedUnreferenced, result.DeletedTemporary, result.Failed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A background sweep must never take the application down: log and try again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information,
        Message = "Document sweep examined {Examined} files, deleted {Unreferenced} unreferenced and {Temporary} temporary, {Failed} failed")]
    private static partial void LogSwept(ILogger logger, int examined, int unreferenced, int temporary, int failed);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error, Message = "Document sweep failed; it will run again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Document sweep is disabled (Uploads:SweepEnabled = false)")]
    private static partial void LogDisabled(ILogger logger);
}
