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

    [LoggerMessage(EventId = 8100, Level = LogLevel.Error, Message = "Alert dispatch pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
