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

/// <summary>
/// An event as stored: one deal, however many articles reported it. <see cref="Event"/> holds the merged fields;
/// the article fields name the first report; <see cref="Sources"/> lists every report, the first included, and
/// <see cref="History"/> every status change that mattered. When offered to the store, the record is one article's
/// report and the store builds <see cref="Sources"/> and <see cref="History"/> itself.
/// </summary>
public sealed record StoredEvent(
    string Id,
    string ArticleId,
    SupplyEvent Event,
    string Language,
    string FeedName,
    string ArticleUrl,
    string? ArticleTitle,
    DateTimeOffset? ArticlePublished,
    DateTimeOffset StoredAt,
    IReadOnlyList<EventSource>? Sources = null,
    IReadOnlyList<StatusChange>? History = null)
{
    /// <summary>How many articles reported this deal.</summary>
    public int SourceCount => Sources?.Count ?? 1;
}

/// <summary>One article's report of a stored deal, with the fields as that article gave them (status included).</summary>
public sealed record EventSource(
    string ArticleId,
    string Url,
    string FeedName,
    string Language,
    string? Title,
    DateTimeOffset? Published,
    DateTimeOffset StoredAt,
    SupplyEvent Reported);

/// <summary>A status change of a stored deal that matters to readers (talks → fact, fact → denied), and the report that made it.</summary>
public sealed record StatusChange(
    EventStatus From,
    EventStatus To,
    string ArticleId,
    DateTimeOffset? Published,
    DateTimeOffset RecordedAt);

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
    int Limit = 200,
    int? MinSources = null);

/// <summary>What happened when an article was offered to the store.</summary>
public enum IngestOutcome
{
    Added,
    DuplicateUrl,
    DuplicateContent,
}

/// <summary>What became of one offered event: a new deal, a further source of a stored one, or a status change of it.</summary>
public enum StoryOutcome
{
    NewEvent,
    NewSource,
    StatusChanged,
}

/// <summary>
/// The fate of one offered event. <see cref="EventId"/> is the stored deal it now belongs to (its own id when new);
/// <see cref="StatusChange"/> is set when <see cref="Outcome"/> is <see cref="StoryOutcome.StatusChanged"/>.
/// </summary>
public sealed record EventIngest(
    string OfferedId,
    string EventId,
    StoryOutcome Outcome,
    int SourceCount,
    StatusChange? StatusChange = null);

/// <summary>What happened when an article was offered to the store, and to each of its events when it was added.</summary>
public sealed record IngestResult(IngestOutcome Outcome, IReadOnlyList<EventIngest> Events);

/// <summary>Counts for status lines.</summary>
public sealed record StoreStatistics(long Feeds, long Articles, long Events);
