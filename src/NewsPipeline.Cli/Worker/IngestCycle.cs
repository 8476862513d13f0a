using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Worker;

/// <summary>The sum of one cycle over the feeds.</summary>
public sealed record CycleReport(IReadOnlyList<FeedPollReport> Feeds)
{
    public int Added => Feeds.Sum(f => f.Added);

    public int Known => Feeds.Sum(f => f.Known);

    public int Failed => Feeds.Sum(f => f.Failed);

    public int Events => Feeds.Sum(f => f.Events);

    public int FeedFailures => Feeds.Count(f => !f.Succeeded);
}

/// <summary>
/// Polls every feed that is due, a few at a time. A feed that throws is recorded and the cycle goes on
/// (the one catch-all per feed).
/// </summary>
public sealed partial class IngestCycle(FeedPoller poller, IPipelineStore store, TimeProvider time, WorkerOptions options, ILogger<IngestCycle> logger)
{
    public async Task<CycleReport> RunAsync(IReadOnlyList<FeedDefinition> feeds, bool onlyDue, CancellationToken cancellationToken)
    {
        var due = onlyDue ? await DueFeedsAsync(feeds, cancellationToken) : feeds;
        var reports = new List<FeedPollReport>();
        using var gate = new SemaphoreSlim(options.ConcurrentFeeds);
        var hostGates = due.Select(f => f.Url.IdnHost).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(h => h, _ => new SemaphoreSlim(options.ConcurrentFeedsPerHost), StringComparer.OrdinalIgnoreCase);
        var tasks = due.Select(async feed =>
        {
            // The host's turn first, then a global slot: a slot is never held while waiting for a busy host.
            var hostGate = hostGates[feed.Url.IdnHost];
            await hostGate.WaitAsync(cancellationToken);
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            catch
            {
                hostGate.Release();
                throw;
            }

            try
            {
                return await poller.PollAsync(feed, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFeedCrashed(ex, feed.Name);
                return new FeedPollReport(feed.Name, false, new Core.Failure(Core.FailureReason.Malformed, ex.Message), 0, 0, 0, 0, 0);
            }
            finally
            {
                gate.Release();
                hostGate.Release();
            }
        });
        try
        {
            reports.AddRange(await Task.WhenAll(tasks));
        }
        finally
        {
            foreach (var hostGate in hostGates.Values)
            {
                hostGate.Dispose();
            }
        }

        return new CycleReport(reports);
    }

    /// <summary>When the next feed falls due, so the worker can sleep until then.</summary>
    public async Task<DateTimeOffset> NextDueAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken)
    {
        var states = (await store.ListFeedStatesAsync(cancellationToken)).ToDictionary(s => s.FeedName, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return feeds
            .Where(f => !(states.TryGetValue(f.Name, out var s) && s.For(f).IsPaused))
            .Select(f => states.TryGetValue(f.Name, out var s) && s.NextPoll is { } next ? next : now)
            .DefaultIfEmpty(now + TimeSpan.FromMinutes(5))
            .Min();
    }

    private async Task<IReadOnlyList<FeedDefinition>> DueFeedsAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken)
    {
        var states = (await store.ListFeedStatesAsync(cancellationToken)).ToDictionary(s => s.FeedName, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return feeds.Where(f => !states.TryGetValue(f.Name, out var s)
            || (!s.For(f).IsPaused && (s.NextPoll is null || s.NextPoll <= now))).ToList();
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Feed {Feed}: poll failed with an unexpected error")]
    private partial void LogFeedCrashed(Exception exception, string feed);
}
