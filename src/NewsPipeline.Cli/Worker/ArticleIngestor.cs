using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Cli.Worker;

/// <summary>What became of one feed entry.</summary>
public enum EntryOutcome
{
    Added,
    AlreadyKnown,
    Duplicate,
    Failed,
}

/// <summary>The report for one feed entry: outcome, events stored, and why it failed when it did.</summary>
public sealed record EntryReport(Uri Link, EntryOutcome Outcome, int Events, Failure? Failure);

/// <summary>
/// One feed entry through the article stages: fetch page → main content → recognition and events → store.
/// Expected failures come back as values; the one catch-all per article lives in <see cref="FeedPoller"/>.
/// </summary>
public sealed partial class ArticleIngestor(
    IPageFetcher pages,
    IContentExtractor content,
    IArticleAnalyzer analyzer,
    IPipelineStore store,
    IAnalystStore analystStore,
    IEventSearchIndex searchIndex,
    TimeProvider time,
    ILogger<ArticleIngestor> logger)
{
    // Links being ingested right now, by normalised URL: two feeds syndicating one article in the same pass must not
    // both fetch its page (the store's URL check cannot see an article that is not stored yet).
    private readonly ConcurrentDictionary<string, Task<EntryReport>> inFlight = new(StringComparer.Ordinal);

    public async Task<EntryReport> IngestAsync(FeedDefinition feed, FeedEntry entry, CancellationToken cancellationToken)
    {
        var normalized = UrlNormalizer.Normalize(entry.Link);
        var mine = new TaskCompletionSource<EntryReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!inFlight.TryAdd(normalized, mine.Task))
        {
            if (inFlight.TryGetValue(normalized, out var other))
            {
                // The other feed's outcome decides: stored (or known) there means known here; failed there means retry here.
                var report = await other.WaitAsync(cancellationToken);
                return report.Outcome == EntryOutcome.Failed ? report with { Link = entry.Link } : new EntryReport(entry.Link, EntryOutcome.AlreadyKnown, 0, null);
            }

            return await IngestAsync(feed, entry, cancellationToken);
        }

        try
        {
            var report = await IngestOnceAsync(feed, entry, normalized, cancellationToken);
            mine.SetResult(report);
            return report;
        }
        catch (Exception ex)
        {
            mine.SetResult(new EntryReport(entry.Link, EntryOutcome.Failed, 0, new Failure(FailureReason.Malformed, ex.Message)));
            throw;
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, Task<EntryReport>>(normalized, mine.Task));
        }
    }

    private async Task<EntryReport> IngestOnceAsync(FeedDefinition feed, FeedEntry entry, string normalized, CancellationToken cancellationToken)
    {
        if (await store.ContainsArticleAsync(normalized, cancellationToken))
        {
            return new EntryReport(entry.Link, EntryOutcome.AlreadyKnown, 0, null);
        }

        var fetched = await pages.FetchAsync(entry.Link, cancellationToken);
        if (!fetched.IsSuccess)
        {
            LogPageFailed(feed.Name, entry.Link, fetched.Failure!.ToString());
            return new EntryReport(entry.Link, EntryOutcome.Failed, 0, fetched.Failure);
        }

        var page = fetched.Value!;
        var article = content.Extract(page.Text, page.FinalUrl);
        if (string.IsNullOrWhiteSpace(article.Text))
        {
            var empty = new Failure(FailureReason.Empty, "no main text found on the page");
            LogPageFailed(feed.Name, entry.Link, empty.ToString());
            return new EntryReport(entry.Link, EntryOutcome.Failed, 0, empty);
        }

        var canonical = UrlNormalizer.Normalize(article.CanonicalUrl ?? page.FinalUrl);
        var published = article.Published ?? entry.Published;
        var extraction = analyzer.Analyze(new ExtractionInput(
            Id: ContentHash.ShortId(canonical),
            Text: article.Text,
            Title: article.Title ?? entry.Title,
            // Only languages checked against the text (the page's, by the content stage) or stated per item; a
            // feed-wide or header language is often wrong on aggregators, so the analyzer detects instead.
            Language: article.Language ?? entry.Language,
            Published: published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Url: canonical));

        var now = time.GetUtcNow();
        var stored = new StoredArticle(
            extraction.Id, page.FinalUrl.ToString(), canonical, ContentHash.OfText(article.Text), feed.Name,
            article.Title ?? entry.Title, article.Text, extraction.Language, published, now);
        var events = extraction.Events
            .Select((e, index) => new StoredEvent(
                ContentHash.ShortId(string.Create(CultureInfo.InvariantCulture, $"{stored.Id}/{index}/{e.Type}/{e.Metal}/{e.Tonnes}")),
                stored.Id, e, stored.Language, feed.Name, stored.Url, stored.Title, published, now))
            .ToList();

        var result = await store.IngestArticleAsync(stored, events, cancellationToken);
        if (result.Outcome != IngestOutcome.Added)
        {
            LogDuplicate(feed.Name, entry.Link, result.Outcome.ToString());
            return new EntryReport(entry.Link, EntryOutcome.Duplicate, 0, null);
        }

        // After the store commit: the store is the system of record, and the index start-up check re-indexes
        // an article a crash left out here.
        await analystStore.SaveMentionsAsync(ArticleMentions.From(stored.Id, extraction), cancellationToken);
        await IndexAsync(stored, result, cancellationToken);
        LogStored(feed.Name, entry.Link, stored.Id, stored.Language, events.Count);
        foreach (var outcome in result.Events)
        {
            if (outcome.StatusChange is { } change)
            {
                LogStatusChanged(feed.Name, stored.Id, outcome.EventId, change.From, change.To, outcome.SourceCount);
            }
            else if (outcome.Outcome == StoryOutcome.NewSource)
            {
                LogFurtherSource(feed.Name, stored.Id, outcome.EventId, outcome.SourceCount);
            }
        }

        return new EntryReport(entry.Link, EntryOutcome.Added, events.Count, null);
    }

    /// <summary>
    /// Indexes what the store now holds: the article with the deals it first reported, and again every earlier
    /// article whose deal this one joined (its source count, filled fields or status changed). Offered events that
    /// joined a deal were never stored under their own id, so they are not indexed.
    /// </summary>
    private async Task IndexAsync(StoredArticle stored, IngestResult result, CancellationToken cancellationToken)
    {
        await searchIndex.IndexAsync(stored, await analystStore.GetEventsOfArticleAsync(stored.Id, cancellationToken), cancellationToken);
        var joined = result.Events.Where(e => e.Outcome != StoryOutcome.NewEvent).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
        if (joined.Count == 0)
        {
            return;
        }

        foreach (var ownerId in await OwnersAsync(joined, cancellationToken))
        {
            if (ownerId != stored.Id && await store.GetArticleAsync(ownerId, cancellationToken) is { } owner)
            {
                await searchIndex.IndexAsync(owner, await analystStore.GetEventsOfArticleAsync(ownerId, cancellationToken), cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyCollection<string>> OwnersAsync(IReadOnlySet<string> eventIds, CancellationToken cancellationToken)
    {
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in eventIds)
        {
            if (await analystStore.GetEventAsync(id, cancellationToken) is { } stored)
            {
                owners.Add(stored.ArticleId);
            }
        }

        return owners;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Feed {Feed}: stored article {Url} as {ArticleId} ({Language}) with {Events} events")]
    private partial void LogStored(string feed, Uri url, string articleId, string language, int events);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Feed {Feed}: article {ArticleId} is a further source of event {EventId} ({Sources} sources)")]
    private partial void LogFurtherSource(string feed, string articleId, string eventId, int sources);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Feed {Feed}: article {ArticleId} moves event {EventId} from {From} to {To} ({Sources} sources)")]
    private partial void LogStatusChanged(string feed, string articleId, string eventId, EventStatus from, EventStatus to, int sources);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Feed {Feed}: article {Url} not added ({Outcome})")]
    private partial void LogDuplicate(string feed, Uri url, string outcome);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Feed {Feed}: article {Url} skipped: {Reason}")]
    private partial void LogPageFailed(string feed, Uri url, string reason);
}
