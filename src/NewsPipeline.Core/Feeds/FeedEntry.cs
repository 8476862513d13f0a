namespace NewsPipeline.Core.Feeds;

/// <summary>One item of a parsed feed, as the feed describes it (before the article page is fetched).</summary>
/// <param name="Id">The item's GUID or id when the feed gives one.</param>
/// <param name="Link">Absolute URL of the article page (resolved against xml:base and the feed URL).</param>
public sealed record FeedEntry(
    string? Id,
    Uri Link,
    string? Title,
    DateTimeOffset? Published,
    string? Summary,
    string? Language);

/// <summary>The result of parsing one feed document.</summary>
/// <param name="Format">"rss", "atom", "rdf" or "json".</param>
public sealed record ParsedFeed(string Format, string? Title, IReadOnlyList<FeedEntry> Entries);
