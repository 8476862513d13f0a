using NewsPipeline.Core.Storage;

namespace NewsPipeline.Core.Search;

/// <summary>
/// The search engine beside the store: answers filtered, sorted, faceted and full-text queries. The store stays
/// the system of record; everything here can be rebuilt from it.
/// </summary>
public interface IEventSearchIndex : IDisposable
{
    /// <summary>Changes whenever the searchable content changes (for ETags).</summary>
    long Version { get; }

    /// <summary>Adds or replaces an article and its events; searchable when the task completes.</summary>
    Task IndexAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    Task<EventPage> SearchEventsAsync(EventSearch search, CancellationToken cancellationToken);

    Task<EventFacets> FacetsAsync(EventSearch search, CancellationToken cancellationToken);

    Task<ArticlePage> SearchArticlesAsync(ArticleSearch search, CancellationToken cancellationToken);

    /// <summary>The indexed event with this id, or null.</summary>
    Task<EventRow?> GetEventAsync(string id, CancellationToken cancellationToken);

    /// <summary>The indexed events of one article, newest first.</summary>
    Task<IReadOnlyList<EventRow>> EventsOfArticleAsync(string articleId, CancellationToken cancellationToken);

    Task<SearchIndexCounts> CountAsync(CancellationToken cancellationToken);
}

/// <summary>What the index holds.</summary>
public sealed record SearchIndexCounts(long Articles, long Events);
