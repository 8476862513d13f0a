using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Worker;

/// <summary>The sum of one cycle over the feeds, and when the next feed (and its host) falls due after it.</summary>
public sealed record CycleReport(IReadOnlyList<FeedPollReport> Feeds, DateTimeOffset NextDue)
{
    public int Added => Feeds.Sum(f => f.Added);

    public int Known => Feeds.Sum(f => f.Known);

    public int Failed => Feeds.Sum(f => f.Failed);

    public int Events => Feeds.Sum(f => f.Events);

    public int FeedFailures => Feeds.Count(f => !f.Succeeded);
}

/// <summary>
/// One pass over the feeds, host by host. In the worker (<c>onlyDue</c>) a host whose gap or backoff is not over is
/// skipped, and with a minimum gap a host gives one feed per pass (the most overdue), so its requests are spaced out
/// across passes; the worker sleeps until <see cref="NextDueAsync"/>. A one-shot pass polls every feed, waiting out
/// each host's gap between its feeds (a host's backoff is not waited for: the operator asked for one pass now).
/// A feed that throws is recorded and the pass goes on (the one catch-all per feed).
/// </summary>
public sealed partial class IngestCycle(FeedPoller poller, IPipelineStore store, HostSchedule hosts, TimeProvider time, WorkerOptions options, ILogger<IngestCycle> logger)
{
    public async Task<CycleReport> RunAsync(IReadOnlyList<FeedDefinition> feeds, bool onlyDue, CancellationToken cancellationToken)
    {
        var states = await StatesAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lanes = (onlyDue ? feeds.Where(f => IsDue(f, states, now)) : feeds)
            .GroupBy(f => Host(f, states), StringComparer.OrdinalIgnoreCase)
            .Select(lane => (Host: lane.Key, Feeds: onlyDue ? TakeTurn(lane.Key, lane, states, now) : lane.ToList()))
            .Where(lane => lane.Feeds.Count > 0)
            .ToList();
        using var gate = new SemaphoreSlim(options.ConcurrentFeeds);
        var reports = (await Task.WhenAll(lanes.Select(lane => RunLaneAsync(lane.Host, lane.Feeds, gate, cancellationToken)))).SelectMany(r => r).ToList();

        // Only the polled feeds changed: re-read those instead of every feed's state.
        foreach (var polled in lanes.SelectMany(l => l.Feeds))
        {
            if (await store.GetFeedStateAsync(polled.Name, cancellationToken) is { } state)
            {
                states[polled.Name] = state;
            }
        }

        return new CycleReport(reports, NextDue(feeds, states));
    }

    /// <summary>When the next feed falls due (and its host is free), so the worker can sleep until then.</summary>
    public async Task<DateTimeOffset> NextDueAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken) =>
        NextDue(feeds, await StatesAsync(cancellationToken));

    private DateTimeOffset NextDue(IReadOnlyList<FeedDefinition> feeds, Dictionary<string, FeedState> states)
    {
        var now = time.GetUtcNow();
        return feeds
            .Where(f => !(states.TryGetValue(f.Name, out var s) && s.For(f).IsPaused))
            .Select(f =>
            {
                var due = states.TryGetValue(f.Name, out var s) && s.NextPoll is { } next ? next : now;
                var free = hosts.FreeAt(Host(f, states));
                return due > free ? due : free;
            })
            .DefaultIfEmpty(now + TimeSpan.FromMinutes(5))
            .Min();
    }

    private static bool IsDue(FeedDefinition feed, Dictionary<string, FeedState> states, DateTimeOffset now) =>
        !states.TryGetValue(feed.Name, out var s) || (!s.For(feed).IsPaused && (s.NextPoll is null || s.NextPoll <= now));

    // The host that will be asked: a feed moved for good is polled where it moved to.
    private static string Host(FeedDefinition feed, Dictionary<string, FeedState> states) =>
        (states.TryGetValue(feed.Name, out var s) ? s.For(feed).Url : feed.Url).IdnHost;

    private List<FeedDefinition> TakeTurn(string host, IEnumerable<FeedDefinition> due, Dictionary<string, FeedState> states, DateTimeOffset now)
    {
        if (hosts.FreeAt(host) > now)
        {
            return [];
        }

        var byOverdue = due.OrderBy(f => states.TryGetValue(f.Name, out var s) ? s.NextPoll ?? DateTimeOffset.MinValue : DateTimeOffset.MinValue);
        return options.MinimumHostGap > TimeSpan.Zero ? byOverdue.Take(1).ToList() : byOverdue.ToList();
    }

    private async Task<IReadOnlyList<FeedPollReport>> RunLaneAsync(string host, IReadOnlyList<FeedDefinition> feeds, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        // With a gap a host sees one request at a time; without, up to ConcurrentFeedsPerHost.
        using var hostGate = new SemaphoreSlim(options.MinimumHostGap > TimeSpan.Zero ? 1 : options.ConcurrentFeedsPerHost);
        return await Task.WhenAll(feeds.Select(async feed =>
        {
            // The host's turn first, then a global slot: a slot is never held while waiting for a busy host.
            await hostGate.WaitAsync(cancellationToken);
            try
            {
                var wait = hosts.GapOverAt(host) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }

                await gate.WaitAsync(cancellationToken);
                try
                {
                    var report = await PollOneAsync(feed, cancellationToken);
                    if (hosts.Answered(host, report.HostFault, report.RetryAfter) is { } backoff)
                    {
                        LogHostBackoff(host, feed.Name, hosts.Failures(host), backoff);
                    }

                    return report;
                }
                finally
                {
                    gate.Release();
                }
            }
            finally
            {
                hostGate.Release();
            }
        }));
    }

    private async Task<FeedPollReport> PollOneAsync(FeedDefinition feed, CancellationToken cancellationToken)
    {
        try
        {
            return await poller.PollAsync(feed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFeedCrashed(ex, feed.Name);
            return new FeedPollReport(feed.Name, false, new Core.Failure(Core.FailureReason.Malformed, ex.Message), 0, 0, 0, 0, 0);
        }
    }

    private async Task<Dictionary<string, FeedState>> StatesAsync(CancellationToken cancellationToken) =>
        (await store.ListFeedStatesAsync(cancellationToken)).ToDictionary(s => s.FeedName, StringComparer.Ordinal);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Feed {Feed}: poll failed with an unexpected error")]
    private partial void LogFeedCrashed(Exception exception, string feed);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Feed {Feed}: host {Host} failed {Failures} time(s) in a row; its feeds wait {Backoff}")]
    private partial void LogHostBackoff(string host, string feed, int failures, TimeSpan backoff);
}
