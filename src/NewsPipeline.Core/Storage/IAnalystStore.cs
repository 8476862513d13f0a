using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Storage;

/// <summary>What an article was found to mention (DESIGN §3 shapes), kept for the event and article detail views.</summary>
public sealed record ArticleMentions(
    string ArticleId,
    IReadOnlyList<CompanyMention> Companies,
    IReadOnlyList<OrganisationMention> Organisations,
    IReadOnlyList<string> Metals,
    IReadOnlyList<string> Countries,
    IReadOnlyList<QuantityMention> Quantities)
{
    public static ArticleMentions From(string articleId, ExtractionResult extraction) => new(
        articleId, extraction.Companies, extraction.Organisations, extraction.Metals, extraction.Countries, extraction.Quantities);

    public static ArticleMentions None(string articleId) => new(articleId, [], [], [], [], []);
}

/// <summary>A query an analyst saved under a name; <see cref="Query"/> is the query string of the API contract.</summary>
public sealed record SavedSearch(string Id, string Name, string Query, DateTimeOffset CreatedAt);

/// <summary>
/// Store operations behind search and the analysts' views, beside <see cref="IPipelineStore"/>: what the search
/// index is rebuilt from, mentions per article, saved searches.
/// </summary>
public interface IAnalystStore
{
    Task<IReadOnlyList<string>> ListArticleIdsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredEvent>> GetEventsOfArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>One stored event (a deal with all its sources) by id, or null.</summary>
    Task<StoredEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken);

    Task SaveMentionsAsync(ArticleMentions mentions, CancellationToken cancellationToken);

    Task<ArticleMentions?> GetMentionsAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores trusted, unique articles and events (generated benchmark data, migrations) in one transaction,
    /// without the duplicate checks of <see cref="IPipelineStore.AddArticleAsync"/>.
    /// </summary>
    Task BulkLoadAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> articles in ordinal id order, the first after <paramref name="afterId"/> (null: from the
    /// start). Keyset pages like this one, <see cref="ListEventsAsync"/> and <see cref="ListMentionsAsync"/> let `store copy`
    /// move and verify a store of any size without holding it in memory.
    /// </summary>
    Task<IReadOnlyList<StoredArticle>> ListArticlesAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> stored events (sources and history included) in ordinal id order after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> articles' mentions in ordinal article-id order after <paramref name="afterArticleId"/>.</summary>
    Task<IReadOnlyList<ArticleMentions>> ListMentionsAsync(string? afterArticleId, int limit, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="ids"/> name stored articles (what a resumed copy skips).</summary>
    Task<IReadOnlySet<string>> FindArticleIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Stores many articles' mentions in one transaction, each replacing any held for its article (so repeating it is harmless).</summary>
    Task ImportMentionsAsync(IReadOnlyList<ArticleMentions> mentions, CancellationToken cancellationToken);

    Task AddSavedSearchAsync(SavedSearch search, CancellationToken cancellationToken);

    Task<IReadOnlyList<SavedSearch>> ListSavedSearchesAsync(CancellationToken cancellationToken);

    Task<SavedSearch?> GetSavedSearchAsync(string id, CancellationToken cancellationToken);

    Task<bool> DeleteSavedSearchAsync(string id, CancellationToken cancellationToken);
}
