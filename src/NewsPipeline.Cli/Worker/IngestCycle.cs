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
        var tasks = due.Select(async feed =>
        {
            await gate.WaitAsync(cancellationToken);
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
            }
        });
        reports.AddRange(await Task.WhenAll(tasks));
        return new CycleReport(reports);
    }

    /// <summary>When the next feed falls due, so the worker can sleep until then.</summary>
    public async Task<DateTimeOffset> NextDueAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken)
    {
        var states = (await store.ListFeedStatesAsync(cancellationToken)).ToDictionary(s => s.FeedName, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return feeds
            .Select(f => states.TryGetValue(f.Name, out var s) && s.NextPoll is { } next ? next : now)
            .DefaultIfEmpty(now + TimeSpan.FromMinutes(5))
            .Min();
    }

    private async Task<IReadOnlyList<FeedDefinition>> DueFeedsAsync(IReadOnlyList<FeedDefinition> feeds, CancellationToken cancellationToken)
    {
        var states = (await store.ListFeedStatesAsync(cancellationToken)).ToDictionary(s => s.FeedName, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        return feeds.Where(f => !states.TryGetValue(f.Name, out var s) || s.NextPoll is null || s.NextPoll <= now).ToList();
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Feed {Feed}: poll failed with an unexpected error")]
    private partial void LogFeedCrashed(Exception exception, string feed);
}
