using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SecopPortal.Infrastructure.Mail;

/// <summary>
/// Runs <see cref="OutboxDispatcher"/> (in a scope of its own, for the DbContext) every
/// <see cref="MailOptions.PollInterval"/>. With mail off it keeps running but leaves the outbox alone, and says so
/// once. Nothing it meets — a database or mail server that is down — stops it or the application: it logs and
/// tries again at the next interval.
/// </summary>
public sealed partial class OutboxDispatchService(
    IServiceScopeFactory scopes,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        switch (settings.Delivery)
        {
            case MailDelivery.Off:
                LogMailOff(logger);
                break;
            case MailDelivery.PickupDirectory:
                LogPickupDirectory(logger, settings.PickupDirectory!);
                break;
            default:
                LogSmtp(logger, settings.Host!, settings.Port);
                break;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
                if (settings.Delivery != MailDelivery.Off)
                {
                    await DispatchOnceAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DispatchOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            var result = await dispatcher.DispatchDueAsync(stoppingToken);
            if (result.Failed > 0)
            {
                LogBatchWithFailures(logger, result.Sent, result.Failed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The dispatcher must never take the application down: log and try again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogDispatchFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning,
        Message = "Mail is off (Mail:Enabled is false, no Mail:PickupDirectory): e-mails stay queued in the outbox until it is configured")]
    private static partial void LogMailOff(ILogger logger);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Outbox e-mails are written to the pickup directory {PickupDirectory}")]
    private static partial void LogPickupDirectory(ILogger logger, string pickupDirectory);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Outbox e-mails are sent through SMTP {Host}:{Port}")]
    private static partial void LogSmtp(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Warning, Message = "Outbox dispatch: {Sent} sent, {Failed} failed and rescheduled")]
    private static partial void LogBatchWithFailures(ILogger logger, int sent, int failed);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Error, Message = "Outbox dispatch failed; it runs again at the next interval")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
