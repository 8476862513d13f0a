namespace NewsPipeline.Ingestion.Parsing;

/// <summary>Everything the parser read from one feed document, including items without a usable link.</summary>
/// <param name="Format">"rss", "rdf", "atom" or "json".</param>
/// <param name="Encoding">The charset the bytes were decoded with.</param>
/// <param name="TimeToLive">The publisher's freshness hint: RSS ttl, else Syndication module updatePeriod/updateFrequency.</param>
public sealed record FeedDocument(string Format, string? Title, string Encoding, IReadOnlyList<FeedDocumentItem> Items, TimeSpan? TimeToLive = null);

/// <summary>One item as the document gives it; <see cref="Link"/> is absolute when present.</summary>
public sealed record FeedDocumentItem(
    string? Id,
    string? Title,
    Uri? Link,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    string? Summary,
    string? Content,
    string? Language,
    IReadOnlyList<Core.Feeds.FeedMedia>? Media = null);
