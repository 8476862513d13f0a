using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Search;

/// <summary>
/// One event as analysts see it (the API contract's Event): the event flattened with its article's context.
/// Serialised with <c>RecordJson</c> (snake_case).
/// </summary>
public sealed record EventRow(
    string Id,
    EventType Type,
    string? Metal,
    string? Buyer,
    string? Seller,
    double? Tonnes,
    RatePeriod? Per,
    string? Start,
    string? Origin,
    string? Destination,
    EventStatus Status,
    string Summary,
    string Evidence,
    string ArticleId,
    string ArticleUrl,
    string? ArticleTitle,
    string Language,
    string Feed,
    DateTimeOffset? Published,
    DateTimeOffset StoredAt,
    int SourceCount);

/// <summary>
/// A piece of a highlighted snippet. Snippets are never HTML: the page renders each segment as a text node and
/// marks those with <see cref="Mark"/>.
/// </summary>
public sealed record SnippetSegment(string Text, bool Mark);

/// <summary>An event in a result page, with a snippet when the query had full-text words.</summary>
public sealed record EventHit(EventRow Event, IReadOnlyList<SnippetSegment>? Snippet);

/// <summary>One page of events: <see cref="Total"/> counts every match, <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record EventPage(IReadOnlyList<EventHit> Items, long Total, string? NextCursor);

/// <summary>How many matching events carry a value.</summary>
public sealed record FacetValue(string Value, long Count);

/// <summary>Events and tonnes from one country to another.</summary>
public sealed record FlowCount(string Origin, string Destination, long Count, double Tonnes);

/// <summary>Tonnes of one metal in one month (event date), for the chart.</summary>
public sealed record MetalMonthTonnes(string Metal, string Month, double Tonnes);

/// <summary>Facet counts over every event matching a query (not just one page).</summary>
public sealed record EventFacets(
    long Total,
    IReadOnlyList<FacetValue> Metals,
    IReadOnlyList<FacetValue> Countries,
    IReadOnlyList<FacetValue> Types,
    IReadOnlyList<FacetValue> Statuses,
    IReadOnlyList<FacetValue> Months,
    IReadOnlyList<FacetValue> Buyers,
    IReadOnlyList<FacetValue> Sellers,
    IReadOnlyList<FacetValue> Languages,
    IReadOnlyList<FacetValue> Feeds,
    IReadOnlyList<FlowCount> Flows,
    IReadOnlyList<MetalMonthTonnes> TonnesByMetalMonth);

/// <summary>An article found by full-text search.</summary>
public sealed record ArticleHit(
    string Id,
    string? Title,
    string Url,
    string Language,
    DateTimeOffset? Published,
    string Feed,
    IReadOnlyList<SnippetSegment> Snippet);

public sealed record ArticlePage(IReadOnlyList<ArticleHit> Items, long Total, string? NextCursor);
