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
    public async Task<EntryReport> IngestAsync(FeedDefinition feed, FeedEntry entry, CancellationToken cancellationToken)
    {
        if (await store.ContainsArticleAsync(UrlNormalizer.Normalize(entry.Link), cancellationToken))
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

        var outcome = await store.AddArticleAsync(stored, events, cancellationToken);
        if (outcome != IngestOutcome.Added)
        {
            LogDuplicate(feed.Name, entry.Link, outcome.ToString());
            return new EntryReport(entry.Link, EntryOutcome.Duplicate, 0, null);
        }

        // After the store commit: the store is the system of record, and the index start-up check re-indexes
        // an article a crash left out here.
        await analystStore.SaveMentionsAsync(ArticleMentions.From(stored.Id, extraction), cancellationToken);
        await searchIndex.IndexAsync(stored, events, cancellationToken);
        LogStored(feed.Name, entry.Link, stored.Id, stored.Language, events.Count);
        return new EntryReport(entry.Link, EntryOutcome.Added, events.Count, null);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Feed {Feed}: stored article {Url} as {ArticleId} ({Language}) with {Events} events")]
    private partial void LogStored(string feed, Uri url, string articleId, string language, int events);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Feed {Feed}: article {Url} not added ({Outcome})")]
    private partial void LogDuplicate(string feed, Uri url, string outcome);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Feed {Feed}: article {Url} skipped: {Reason}")]
    private partial void LogPageFailed(string feed, Uri url, string reason);
}
