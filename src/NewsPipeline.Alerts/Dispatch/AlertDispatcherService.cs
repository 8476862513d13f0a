using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NewsPipeline.Alerts.Dispatch;

/// <summary>The worker's dispatcher loop: a pass every <see cref="AlertOptions.PollInterval"/> on the injected clock.</summary>
public sealed partial class AlertDispatcherService(AlertDispatcher dispatcher, AlertOptions options, TimeProvider time, ILogger<AlertDispatcherService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, time);
        do
        {
            try
            {
                await dispatcher.RunUntilIdleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The outbox keeps the work; the next tick tries again.
                LogPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// A last pass on shutdown, within the host's shutdown timeout, so that `run --once` delivers what its cycle
    /// stored; whatever is left stays in the outbox for the next start.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await dispatcher.RunUntilIdleAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPassFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // Shutdown timeout: the outbox keeps the rest.
        }
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Error, Message = "Alert dispatch pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
