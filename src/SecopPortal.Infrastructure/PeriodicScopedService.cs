using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecopPortal.Infrastructure;

/// <summary>
/// Background housekeeping: runs <see cref="RunOnceAsync"/> in a scope of its own (for the DbContext) after
/// <see cref="FirstDelay"/> and then every <see cref="Interval"/>. A failed run is reported to
/// <see cref="OnFailed"/> and tried again at the next interval; nothing it does can stop the application.
/// </summary>
public abstract class PeriodicScopedService(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected abstract TimeSpan FirstDelay { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>False to not run at all (<see cref="OnDisabled"/> says so once).</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected abstract void OnFailed(Exception exception);

    protected virtual void OnDisabled()
    {
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            OnDisabled();
            return;
        }

        try
        {
            await Task.Delay(FirstDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunSafelyAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunOnceAsync(scope.ServiceProvider, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Housekeeping must never take the application down: report and try again later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnFailed(ex);
        }
    }
}
