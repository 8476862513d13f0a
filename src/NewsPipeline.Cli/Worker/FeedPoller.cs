using Microsoft.Extensions.Logging;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Worker;

/// <summary>What one poll of one feed did; <see cref="HostFault"/> and <see cref="RetryAfter"/> tell the host's schedule.</summary>
public sealed record FeedPollReport(
    string Feed,
    bool NotModified,
    Failure? Failure,
    int Entries,
    int Added,
    int Known,
    int Failed,
    int Events,
    bool HostFault = false,
    TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Polls one feed: conditional fetch → parse → dedup → each new entry through <see cref="ArticleIngestor"/> → feed state
/// saved with the next poll chosen by <see cref="PollPlanner"/>. Every failure is recorded on the feed's state and
/// logged; nothing here throws for bad input.
/// </summary>
public sealed partial class FeedPoller(
    IFeedFetcher fetcher,
    IFeedParser parser,
    ArticleIngestor ingestor,
    IPipelineStore store,
    WorkerOptions options,
    PollPlanner planner,
    TimeProvider time,
    ILogger<FeedPoller> logger)
{
    public async Task<FeedPollReport> PollAsync(FeedDefinition feed, CancellationToken cancellationToken)
    {
        var stored = await store.GetFeedStateAsync(feed.Name, cancellationToken);
        var state = (stored?.For(feed) ?? FeedState.New(feed)) with { LastAttempt = time.GetUtcNow() };
        var fetched = await fetcher.FetchAsync(feed, state, cancellationToken);
        if (fetched.NotModified)
        {
            LogNotModified(feed.Name);
            await SaveSuccessAsync(feed, state, fetched, 0, 0, fetched.FreshFor);
            return new FeedPollReport(feed.Name, true, null, 0, 0, 0, 0, 0);
        }

        if (fetched.Failure is not null || fetched.Body is null)
        {
            return await FailAsync(feed, state, fetched.Failure ?? new Failure(FailureReason.Empty, "empty response"), fetched);
        }

        var parsed = parser.Parse(fetched.Body, fetched.ContentType, fetched.FinalUrl);
        if (!parsed.IsSuccess)
        {
            return await FailAsync(feed, state, parsed.Failure!, fetched);
        }

        var dedup = EntryDedup.Classify(parsed.Value!.Entries, state);
        if (dedup.ReuseDetected)
        {
            LogReusesGuids(feed.Name);
        }

        var (report, handled, edited) = await IngestEntriesAsync(feed, dedup, cancellationToken);
        var remembered = state with
        {
            // An entry that failed must come back in a full document next poll, not behind a 304: drop the validators.
            ETag = report.Failed > 0 ? null : state.ETag,
            LastModified = report.Failed > 0 ? null : state.LastModified,
            SeenEntries = handled.Select(c => c.Key).ToList(),
            Fingerprints = handled.Select(c => c.Fingerprint.ToString()).ToList(),
            ReusesGuids = dedup.ReusesGuids,
            ItemsEdited = state.ItemsEdited + edited,
        };
        var validated = report.Failed > 0 ? fetched with { ETag = null, LastModified = null } : fetched;
        await SaveSuccessAsync(feed, remembered, validated, report.Added, dedup.Entries.Count(c => c.Novelty == EntryNovelty.New), Longer(parsed.Value.TimeToLive, fetched.FreshFor));
        LogPolled(feed.Name, report.Entries, report.Added, report.Known, report.Failed, report.Events);
        return report;
    }

    /// <summary>
    /// Each entry new to this feed goes through the article stages. An edited entry is not fetched again (the article
    /// store keeps the first version of a page; the edit is counted and logged, and its fingerprint updated). Returns
    /// the entries now handled; a failed entry stays out of that list and is tried again next poll.
    /// </summary>
    private async Task<(FeedPollReport Report, IReadOnlyList<ClassifiedEntry> Handled, int Edited)> IngestEntriesAsync(
        FeedDefinition feed, DedupResult dedup, CancellationToken cancellationToken)
    {
        int added = 0, known = 0, failed = 0, events = 0, edited = 0;
        var handled = new List<ClassifiedEntry>();
        foreach (var classified in dedup.Entries)
        {
            if (classified.Novelty != EntryNovelty.New)
            {
                if (classified.Novelty == EntryNovelty.Edited)
                {
                    edited++;
                    LogEdited(feed.Name, classified.Entry.Link, classified.Key);
                }

                known++;
                handled.Add(classified);
                continue;
            }

            var entry = classified.Entry;
            EntryReport entryReport;
            try
            {
                entryReport = await ingestor.IngestAsync(feed, entry, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The one catch-all per article: a bug in a stage must not stop the other articles.
                LogArticleCrashed(ex, feed.Name, entry.Link);
                entryReport = new EntryReport(entry.Link, EntryOutcome.Failed, 0, new Failure(FailureReason.Malformed, ex.Message));
            }

            switch (entryReport.Outcome)
            {
                case EntryOutcome.Added: added++; events += entryReport.Events; break;
                case EntryOutcome.Failed: failed++; break;
                default: known++; break;
            }

            if (entryReport.Outcome != EntryOutcome.Failed)
            {
                handled.Add(classified);
            }
        }

        var distinct = handled.DistinctBy(c => c.Key, StringComparer.Ordinal).ToList();
        return (new FeedPollReport(feed.Name, false, null, dedup.Entries.Count, added, known, failed, events), distinct, edited);
    }

    private async Task SaveSuccessAsync(FeedDefinition feed, FeedState state, FeedFetchResult fetched, int added, int newEntries, TimeSpan? serverHint)
    {
        var now = time.GetUtcNow();
        var plan = planner.AfterSuccess(feed, state, newEntries, serverHint, now);
        await store.SaveFeedStateAsync(
            state with
            {
                Url = fetched.NewUrl ?? state.Url,
                ETag = fetched.ETag ?? state.ETag,
                LastModified = fetched.LastModified ?? state.LastModified,
                LastSuccess = now,
                LastError = null,
                ConsecutiveFailures = 0,
                PausedReason = null,
                NextPoll = plan.NextPoll,
                NextPollReason = plan.Reason,
                CurrentInterval = plan.Interval,
                ItemsSeen = state.ItemsSeen + added,
            },
            CancellationToken.None);
        LogScheduled(feed.Name, plan.NextPoll, plan.Reason);
        if (fetched.NewUrl is not null)
        {
            LogMoved(feed.Name, fetched.NewUrl);
        }
    }

    private async Task<FeedPollReport> FailAsync(FeedDefinition feed, FeedState state, Failure failure, FeedFetchResult fetched)
    {
        var failures = state.ConsecutiveFailures + 1;
        var paused = failure.Reason == FailureReason.Gone ? "gone: " + failure.Detail
            : failures >= options.PauseAfterFailures ? $"{failures} failures in a row" : null;
        var plan = planner.AfterFailure(feed, state, failures, fetched.RetryAfter, time.GetUtcNow());
        if (paused is null)
        {
            LogFeedFailed(feed.Name, failure.ToString(), failures, plan.NextPoll, plan.Reason);
        }
        else
        {
            LogFeedPaused(feed.Name, paused);
        }

        await store.SaveFeedStateAsync(
            state with { LastError = failure.ToString(), ConsecutiveFailures = failures, NextPoll = plan.NextPoll, NextPollReason = paused is null ? plan.Reason : "paused", PausedReason = paused },
            CancellationToken.None);
        return new FeedPollReport(feed.Name, false, failure, 0, 0, 0, 0, 0, fetched.IsHostFault, fetched.RetryAfter);
    }

    private static TimeSpan? Longer(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Feed {Feed}: {Entries} entries, {Added} added, {Known} known, {Failed} failed, {Events} events")]
    private partial void LogPolled(string feed, int entries, int added, int known, int failed, int events);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Feed {Feed}: not modified")]
    private partial void LogNotModified(string feed);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Feed {Feed}: poll failed ({Reason}); failure {Count} in a row, next try at {NextPoll:u} ({Why})")]
    private partial void LogFeedFailed(string feed, string reason, int count, DateTimeOffset nextPoll, string why);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Feed {Feed}: next poll at {NextPoll:u} ({Why})")]
    private partial void LogScheduled(string feed, DateTimeOffset nextPoll, string why);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Feed {Feed}: gives one GUID to different items; its entries are known by link from now on")]
    private partial void LogReusesGuids(string feed);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Feed {Feed}: entry {Url} ({Key}) was edited since it was handled; the stored article is kept")]
    private partial void LogEdited(string feed, Uri url, string key);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Feed {Feed}: paused ({Reason}); fix or remove it in feeds.json, or run 'newspipeline feeds resume'")]
    private partial void LogFeedPaused(string feed, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Feed {Feed}: moved permanently to {NewUrl}; update feeds.json")]
    private partial void LogMoved(string feed, Uri newUrl);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Feed {Feed}: article {Url} failed with an unexpected error")]
    private partial void LogArticleCrashed(Exception exception, string feed, Uri url);
}
