using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Storage;

/// <summary>An ingested article as stored. <see cref="Id"/> is derived from the canonical URL.</summary>
public sealed record StoredArticle(
    string Id,
    string Url,
    string CanonicalUrl,
    string ContentHash,
    string FeedName,
    string? Title,
    string Text,
    string Language,
    DateTimeOffset? Published,
    DateTimeOffset FetchedAt);

/// <summary>An event as stored, with the article it came from.</summary>
public sealed record StoredEvent(
    string Id,
    string ArticleId,
    SupplyEvent Event,
    string Language,
    string FeedName,
    string ArticleUrl,
    string? ArticleTitle,
    DateTimeOffset? ArticlePublished,
    DateTimeOffset StoredAt);

/// <summary>Filters of DESIGN §4 `query`; null means "any".</summary>
public sealed record EventQuery(
    string? Metal = null,
    string? Country = null,
    string? Company = null,
    EventType? Type = null,
    DateOnly? Since = null,
    DateOnly? Until = null,
    double? MinTonnes = null,
    string? Text = null,
    int Limit = 200);

/// <summary>What happened when an article was offered to the store.</summary>
public enum IngestOutcome
{
    Added,
    DuplicateUrl,
    DuplicateContent,
}

/// <summary>Counts for status lines.</summary>
public sealed record StoreStatistics(long Feeds, long Articles, long Events);
