using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Worker;

/// <summary>
/// The feeds and host turns one pass holds. While they expire (workers sharing a store), a timer renews them every
/// third of the lease so a slow poll keeps its feed; whatever is still held when the pass ends (a shutdown mid-poll)
/// is given back so other workers need not wait for the expiry.
/// </summary>
public sealed partial class HeldLeases : IAsyncDisposable
{
    private readonly IPollCoordinator coordinator;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, FeedLease> feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HostTurn> turns = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    public HeldLeases(IPollCoordinator coordinator, IEnumerable<FeedLease> leases, TimeProvider time, ILogger logger)
    {
        this.coordinator = coordinator;
        this.logger = logger;
        foreach (var lease in leases)
        {
            feeds[lease.FeedName] = lease;
        }

        renewing = coordinator.LeaseDuration is { } duration ? RenewLoopAsync(duration / 3, time, stop.Token) : Task.CompletedTask;
    }

    public void Hold(HostTurn turn) => turns[turn.Host] = turn;

    public void Drop(HostTurn turn) => turns.TryRemove(turn.Host, out _);

    /// <summary>Gives the feed back; logs when another worker had taken it meanwhile (its poll may have overlapped ours).</summary>
    public async Task ReleaseAsync(FeedLease lease, bool polled)
    {
        if (!feeds.TryRemove(lease.FeedName, out _))
        {
            return;
        }

        // Given back even when the pass is being cancelled: the alternative is other workers waiting out the lease.
        if (!await coordinator.ReleaseAsync(lease, polled, CancellationToken.None))
        {
            LogLeaseLost(lease.FeedName, lease.WorkerId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
        foreach (var lease in feeds.Values.ToList())
        {
            await ReleaseAsync(lease, polled: false);
        }
    }

    private async Task RenewLoopAsync(TimeSpan period, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await RenewOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The pass ended.
        }
    }

    private async Task RenewOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var lost in await coordinator.RenewAsync(feeds.Values.ToList(), turns.Values.ToList(), cancellationToken))
            {
                if (feeds.TryRemove(lost, out var lease))
                {
                    LogLeaseLost(lost, lease.WorkerId);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed renewal is retried at the next tick; the lease is only lost if the store stays away past its expiry.
            LogRenewFailed(ex, feeds.Count);
        }
    }

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Feed {Feed}: lease of worker {Worker} was lost before its poll ended (renewed too late); another worker may have polled it too")]
    private partial void LogLeaseLost(string feed, string worker);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Renewing the leases of {Feeds} feed(s) failed; retrying at the next tick")]
    private partial void LogRenewFailed(Exception exception, int feeds);
}
