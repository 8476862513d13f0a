using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Worker;

/// <summary>What the worker polls and whether it stops after one cycle.</summary>
public sealed record WorkerPlan(IReadOnlyList<FeedDefinition> Feeds, bool Once);

/// <summary>
/// The long-running poller: a cycle over the due feeds, then sleep until the next feed falls due.
/// Stops cleanly on SIGTERM/Ctrl+C: the token cancels in-flight work, and feed state is saved per feed.
/// </summary>
public sealed partial class PollingWorker(
    IngestCycle cycle,
    WorkerPlan plan,
    WorkerOptions options,
    IPollCoordinator coordinator,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<PollingWorker> logger) : BackgroundService
{
    /// <summary>The last completed cycle, for the caller of a one-shot run.</summary>
    public CycleReport? LastCycle { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(coordinator.WorkerId, plan.Feeds.Count, plan.Once, coordinator.LeaseDuration?.ToString() ?? "none (alone on its store)");
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                LastCycle = await cycle.RunAsync(plan.Feeds, onlyDue: !plan.Once, stoppingToken);
                LogCycle(LastCycle.Feeds.Count, LastCycle.Added, LastCycle.Events, LastCycle.FeedFailures);
                if (plan.Once)
                {
                    break;
                }

                var wait = Clamp(LastCycle.NextDue - time.GetUtcNow());
                LogSleeping(wait);
                await Task.Delay(wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopping();
        }
        finally
        {
            if (plan.Once)
            {
                lifetime.StopApplication();
            }
        }
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < options.MinimumIdle ? options.MinimumIdle : wait > options.MaximumIdle ? options.MaximumIdle : wait;

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Worker {Worker} starting with {Feeds} feeds (once: {Once}; feed leases expire after {Lease})")]
    private partial void LogStarting(string worker, int feeds, bool once, string lease);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Cycle done: {Feeds} feeds polled, {Added} articles added, {Events} events, {Failures} feeds failed")]
    private partial void LogCycle(int feeds, int added, int events, int failures);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Sleeping {Wait} until the next feed is due")]
    private partial void LogSleeping(TimeSpan wait);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Worker stopping: shutdown requested")]
    private partial void LogStopping();
}
