using Microsoft.Extensions.Logging;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Worker;

/// <summary>What one poll of one feed did.</summary>
public sealed record FeedPollReport(
    string Feed,
    bool NotModified,
    Failure? Failure,
    int Entries,
    int Added,
    int Known,
    int Failed,
    int Events)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Polls one feed: conditional fetch → parse → each entry through <see cref="ArticleIngestor"/> → feed state saved.
/// Every failure is recorded on the feed's state and logged; nothing here throws for bad input.
/// </summary>
public sealed partial class FeedPoller(
    IFeedFetcher fetcher,
    IFeedParser parser,
    ArticleIngestor ingestor,
    IPipelineStore store,
    WorkerOptions options,
    Random random,
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
            await SaveSuccessAsync(feed, state, fetched, 0, cancellationToken);
            return new FeedPollReport(feed.Name, true, null, 0, 0, 0, 0, 0);
        }

        if (fetched.Failure is not null || fetched.Body is null)
        {
            return await FailAsync(feed, state, fetched.Failure ?? new Failure(FailureReason.Empty, "empty response"), fetched.RetryAfter, cancellationToken);
        }

        var parsed = parser.Parse(fetched.Body, fetched.ContentType, fetched.FinalUrl);
        if (!parsed.IsSuccess)
        {
            return await FailAsync(feed, state, parsed.Failure!, null, cancellationToken);
        }

        var (report, seen) = await IngestEntriesAsync(feed, parsed.Value!, state.SeenEntries ?? [], cancellationToken);
        await SaveSuccessAsync(feed, state with { SeenEntries = seen }, fetched, report.Added, cancellationToken);
        LogPolled(feed.Name, report.Entries, report.Added, report.Known, report.Failed, report.Events);
        return report;
    }

    /// <summary>
    /// Each entry not handled by an earlier poll goes through the article stages. Returns the keys of the
    /// document's entries that are now handled; a failed entry stays out of that list and is tried again next poll.
    /// </summary>
    private async Task<(FeedPollReport Report, IReadOnlyList<string> Seen)> IngestEntriesAsync(
        FeedDefinition feed, ParsedFeed parsed, IReadOnlyList<string> seenBefore, CancellationToken cancellationToken)
    {
        int added = 0, known = 0, failed = 0, events = 0;
        var previously = seenBefore.ToHashSet(StringComparer.Ordinal);
        var seen = new List<string>();
        foreach (var entry in parsed.Entries)
        {
            var key = FeedState.EntryKey(entry);
            if (previously.Contains(key))
            {
                known++;
                seen.Add(key);
                continue;
            }

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
                seen.Add(key);
            }
        }

        return (new FeedPollReport(feed.Name, false, null, parsed.Entries.Count, added, known, failed, events), seen.Distinct(StringComparer.Ordinal).ToList());
    }

    private async Task SaveSuccessAsync(FeedDefinition feed, FeedState state, FeedFetchResult fetched, int added, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
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
                NextPoll = now + feed.Interval + (feed.Interval * (options.Jitter * random.NextDouble())),
                ItemsSeen = state.ItemsSeen + added,
            },
            CancellationToken.None);
        if (fetched.NewUrl is not null)
        {
            LogMoved(feed.Name, fetched.NewUrl);
        }
    }

    private async Task<FeedPollReport> FailAsync(FeedDefinition feed, FeedState state, Failure failure, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var failures = state.ConsecutiveFailures + 1;
        var paused = failure.Reason == FailureReason.Gone ? "gone: " + failure.Detail
            : failures >= options.PauseAfterFailures ? $"{failures} failures in a row" : null;
        var backoff = Backoff.After(failures, feed.Interval, retryAfter);
        if (paused is null)
        {
            LogFeedFailed(feed.Name, failure.ToString(), failures, backoff);
        }
        else
        {
            LogFeedPaused(feed.Name, paused);
        }

        await store.SaveFeedStateAsync(
            state with { LastError = failure.ToString(), ConsecutiveFailures = failures, NextPoll = time.GetUtcNow() + backoff, PausedReason = paused },
            CancellationToken.None);
        return new FeedPollReport(feed.Name, false, failure, 0, 0, 0, 0, 0);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Feed {Feed}: {Entries} entries, {Added} added, {Known} known, {Failed} failed, {Events} events")]
    private partial void LogPolled(string feed, int entries, int added, int known, int failed, int events);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Feed {Feed}: not modified")]
    private partial void LogNotModified(string feed);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Feed {Feed}: poll failed ({Reason}); failure {Count} in a row, next try in {Backoff}")]
    private partial void LogFeedFailed(string feed, string reason, int count, TimeSpan backoff);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Feed {Feed}: paused ({Reason}); fix or remove it in feeds.json, or run 'newspipeline feeds resume'")]
    private partial void LogFeedPaused(string feed, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Feed {Feed}: moved permanently to {NewUrl}; update feeds.json")]
    private partial void LogMoved(string feed, Uri newUrl);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Feed {Feed}: article {Url} failed with an unexpected error")]
    private partial void LogArticleCrashed(Exception exception, string feed, Uri url);
}

/// <summary>Exponential backoff per feed, never shorter than the server's Retry-After, capped at a day.</summary>
public static class Backoff
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromHours(24);

    public static TimeSpan After(int consecutiveFailures, TimeSpan interval, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(consecutiveFailures - 1, 10);
        var wait = TimeSpan.FromTicks(Math.Min(Ceiling.Ticks, interval.Ticks * (1L << exponent)));
        return retryAfter is { } hint && hint > wait ? hint : wait;
    }
}
