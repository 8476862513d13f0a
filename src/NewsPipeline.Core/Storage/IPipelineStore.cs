using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Core.Storage;

/// <summary>
/// Persistence for the pipeline. One implementation per backend (LiteDB embedded by default);
/// every method is safe to call concurrently from one process.
/// </summary>
public interface IPipelineStore : IDisposable
{
    Task<FeedState?> GetFeedStateAsync(string feedName, CancellationToken cancellationToken);

    Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedState>> ListFeedStatesAsync(CancellationToken cancellationToken);

    /// <summary>True when an article with this canonical URL (normalised) is already stored.</summary>
    Task<bool> ContainsArticleAsync(string canonicalUrl, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an article and its events in one transaction. Idempotent: an article whose canonical URL
    /// or content hash is already stored is not added again, and neither are its events.
    /// </summary>
    async Task<IngestOutcome> AddArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        (await IngestArticleAsync(article, events, cancellationToken)).Outcome;

    /// <summary>
    /// <see cref="AddArticleAsync"/> with the fate of each event: an event that reports a deal already stored
    /// (see <c>Stories.StoryMatcher</c>) becomes a further source of it, fills the fields it lacked and records a
    /// status change that matters, in the same transaction as the article.
    /// </summary>
    Task<IngestResult> IngestArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken);

    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken);
}
