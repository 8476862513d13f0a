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
/// One pass over the feeds, host by host, coordinated through <see cref="IPollCoordinator"/> so that workers sharing
/// a store split the feeds and the hosts' politeness between them. In the worker (<c>onlyDue</c>) a host whose gap or
/// backoff is not over is skipped, and with a minimum gap a host gives one feed per pass (the most overdue), so its
/// requests are spaced out across passes; at most <see cref="WorkerOptions.FeedsPerPass"/> feeds are leased per pass,
/// and the worker sleeps until <see cref="NextDueAsync"/>. A one-shot pass polls every feed no other worker holds,
/// waiting out each host's gap between its feeds (a host's backoff is not waited for: the operator asked for one pass
/// now). A feed that throws is recorded and the pass goes on (the one catch-all per feed).
/// </summary>
public sealed partial class IngestCycle(FeedPoller poller, IPipelineStore store, IPollCoordinator coordinator, TimeProvider time, WorkerOptions options, ILogger<IngestCycle> logger)
{
    public async Task<CycleReport> RunAsync(IReadOnlyList<FeedDefinition> feeds, bool onlyDue, CancellationToken cancellationToken)
    {
        var states = await StatesAsync(cancellationToken);
        var leases = await ClaimAsync(feeds, states, onlyDue, cancellationToken);
        await using var held = new HeldLeases(coordinator, leases, time, logger);
        var toPoll = onlyDue ? await StillDueAsync(feeds, leases, held, cancellationToken) : leases;
        var byName = feeds.ToDictionary(f => f.Name, StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(options.ConcurrentFeeds);
        var lanes = toPoll.GroupBy(l => l.Host, StringComparer.OrdinalIgnoreCase)
            .Select(lane => RunLaneAsync(lane.Key, lane.ToList(), byName, onlyDue, gate, held, cancellationToken));
        var reports = (await Task.WhenAll(lanes)).SelectMany(r => r).ToList();

        // Only the polled feeds changed: re-read those instead of every feed's state.
        foreach (var polled in reports)
        {
            if (await store.GetFeedStateAsync(polled.Feed, cancellationToken) is { } state)
            {
                states[polled.Feed] = state;
            }
        }

        return new CycleReport(reports, await NextDueAsync(feeds, states, cancellationToken));
    }

    /// <summary>When the next feed falls due (and its host is free), so the worker can sleep until then.</summary>
    public async Task<DateTimeOffset> NextDueAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken) =>
        await NextDueAsync(feeds, await StatesAsync(cancellationToken), cancellationToken);

    private async Task<DateTimeOffset> NextDueAsync(IReadOnlyList<FeedDefinition> feeds, Dictionary<string, FeedState> states, CancellationToken cancellationToken)
    {
        var polled = feeds.Where(f => !(states.TryGetValue(f.Name, out var s) && s.For(f).IsPaused)).ToList();
        var waits = await coordinator.HostWaitsAsync(polled.Select(f => Host(f, states)).ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken);
        var now = time.GetUtcNow();
        return polled
            .Select(f =>
            {
                var due = states.TryGetValue(f.Name, out var s) && s.NextPoll is { } next ? next : now;
                var free = now + waits.GetValueOrDefault(Host(f, states));
                return due > free ? due : free;
            })
            .DefaultIfEmpty(now + TimeSpan.FromMinutes(5))
            .Min();
    }

    /// <summary>
    /// Leases the feeds this pass polls: in the worker the due ones of free hosts, most overdue first (one per host with
    /// a gap); in a one-shot pass every feed. Feeds another worker holds are left to it.
    /// </summary>
    private async Task<IReadOnlyList<FeedLease>> ClaimAsync(IReadOnlyList<FeedDefinition> feeds, Dictionary<string, FeedState> states, bool onlyDue, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wanted = (onlyDue ? feeds.Where(f => IsDue(f, states.GetValueOrDefault(f.Name), now)) : feeds)
            .Select(f => new FeedClaim(f.Name, Host(f, states)))
            .ToList();
        if (onlyDue)
        {
            var waits = await coordinator.HostWaitsAsync(wanted.Select(w => w.Host).ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken);
            wanted = wanted.Where(w => waits.GetValueOrDefault(w.Host) <= TimeSpan.Zero)
                .OrderBy(w => states.TryGetValue(w.FeedName, out var s) ? s.NextPoll ?? DateTimeOffset.MinValue : DateTimeOffset.MinValue)
                .ToList();
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        var perHost = onlyDue && options.MinimumHostGap > TimeSpan.Zero ? 1 : int.MaxValue;
        var leases = await coordinator.ClaimFeedsAsync(wanted, perHost, onlyDue ? options.FeedsPerPass : int.MaxValue, cancellationToken);
        foreach (var lease in leases.Where(l => l.TakenOverFrom is not null))
        {
            LogTakenOver(lease.FeedName, lease.TakenOverFrom!, lease.WorkerId);
        }

        if (!onlyDue && leases.Count < wanted.Count)
        {
            LogLeasedElsewhere(wanted.Count - leases.Count);
        }

        return leases;
    }

    /// <summary>
    /// Another worker may have polled a feed between our reading its state and leasing it: read it again under the
    /// lease and give back those no longer due.
    /// </summary>
    private async Task<IReadOnlyList<FeedLease>> StillDueAsync(IReadOnlyList<FeedDefinition> feeds, IReadOnlyList<FeedLease> leases, HeldLeases held, CancellationToken cancellationToken)
    {
        var byName = feeds.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var due = new List<FeedLease>();
        foreach (var lease in leases)
        {
            var state = await store.GetFeedStateAsync(lease.FeedName, cancellationToken);
            if (IsDue(byName[lease.FeedName], state, now))
            {
                due.Add(lease);
            }
            else
            {
                await held.ReleaseAsync(lease, polled: false);
            }
        }

        return due;
    }

    private static bool IsDue(FeedDefinition feed, FeedState? state, DateTimeOffset now) =>
        state is null || (!state.For(feed).IsPaused && (state.NextPoll is null || state.NextPoll <= now));

    // The host that will be asked: a feed moved for good is polled where it moved to.
    private static string Host(FeedDefinition feed, Dictionary<string, FeedState> states) =>
        (states.TryGetValue(feed.Name, out var s) ? s.For(feed).Url : feed.Url).IdnHost;

    private async Task<IReadOnlyList<FeedPollReport>> RunLaneAsync(
        string host, IReadOnlyList<FeedLease> leases, Dictionary<string, FeedDefinition> feeds, bool honourBackoff, SemaphoreSlim gate, HeldLeases held, CancellationToken cancellationToken)
    {
        // With a gap a host sees one request at a time; without, up to ConcurrentFeedsPerHost (within this process).
        using var hostGate = new SemaphoreSlim(options.MinimumHostGap > TimeSpan.Zero ? 1 : options.ConcurrentFeedsPerHost);
        var reports = await Task.WhenAll(leases.Select(async lease =>
        {
            await hostGate.WaitAsync(cancellationToken);
            try
            {
                var report = await PollInTurnAsync(feeds[lease.FeedName], host, honourBackoff, gate, held, cancellationToken);

                // No report: the host went into backoff (another feed of it failed, maybe in another worker); its feeds wait.
                await held.ReleaseAsync(lease, polled: report is not null);
                return report;
            }
            finally
            {
                hostGate.Release();
            }
        }));
        return reports.OfType<FeedPollReport>().ToList();
    }

    /// <summary>
    /// Polls the feed in the host's turn. The turn is only asked for while a global slot is held, and the slot is
    /// given back while waiting for the host, so neither a slot nor a host sits idle waiting for the other.
    /// </summary>
    private async Task<FeedPollReport?> PollInTurnAsync(FeedDefinition feed, string host, bool honourBackoff, SemaphoreSlim gate, HeldLeases held, CancellationToken cancellationToken)
    {
        while (true)
        {
            await gate.WaitAsync(cancellationToken);
            HostTurnAttempt attempt;
            try
            {
                attempt = await coordinator.TryTakeHostTurnAsync(host, honourBackoff, cancellationToken);
                if (attempt.Turn is { } turn)
                {
                    return await PollAsync(feed, turn, held, cancellationToken);
                }
            }
            finally
            {
                gate.Release();
            }

            if (attempt.InBackoff)
            {
                return null;
            }

            await Task.Delay(attempt.RetryIn, time, cancellationToken);
        }
    }

    private async Task<FeedPollReport> PollAsync(FeedDefinition feed, HostTurn turn, HeldLeases held, CancellationToken cancellationToken)
    {
        held.Hold(turn);
        FeedPollReport? report = null;
        try
        {
            report = await PollOneAsync(feed, cancellationToken);
            return report;
        }
        finally
        {
            // Ended even on shutdown, so the host's other workers need not wait for the turn to expire.
            var answer = await coordinator.EndHostTurnAsync(turn, report?.HostFault ?? false, report?.RetryAfter, CancellationToken.None);
            held.Drop(turn);
            if (answer.Backoff is { } backoff)
            {
                LogHostBackoff(turn.Host, feed.Name, answer.Failures, backoff);
            }
        }
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

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Feed {Feed}: lease of worker {Previous} expired, taken over by {Worker}")]
    private partial void LogTakenOver(string feed, string previous, string worker);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "{Feeds} feed(s) are being polled by other workers; this pass leaves them to them")]
    private partial void LogLeasedElsewhere(int feeds);
}
