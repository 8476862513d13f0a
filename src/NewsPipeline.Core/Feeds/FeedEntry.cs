namespace NewsPipeline.Core.Feeds;

/// <summary>One item of a parsed feed, as the feed describes it (before the article page is fetched).</summary>
/// <param name="Id">The item's GUID or id when the feed gives one.</param>
/// <param name="Link">Absolute URL of the article page (resolved against xml:base and the feed URL).</param>
/// <param name="Media">Media RSS objects (media:content, media:thumbnail) attached to the item, in document order.</param>
public sealed record FeedEntry(
    string? Id,
    Uri Link,
    string? Title,
    DateTimeOffset? Published,
    string? Summary,
    string? Language,
    IReadOnlyList<FeedMedia>? Media = null);

/// <summary>One Media RSS object: a picture, video or sound attached to an item.</summary>
/// <param name="Url">Absolute URL of the object.</param>
/// <param name="Kind">"content" or "thumbnail".</param>
/// <param name="Type">The declared MIME type, when given.</param>
/// <param name="Medium">image, video, audio, document or executable, when given.</param>
/// <param name="Title">media:title in scope (the object's own, else its group's, else the item's).</param>
/// <param name="Description">media:description in scope, the same way.</param>
public sealed record FeedMedia(Uri Url, string Kind, string? Type, string? Medium, string? Title, string? Description);

/// <summary>The result of parsing one feed document.</summary>
/// <param name="Format">"rss", "atom", "rdf" or "json".</param>
/// <param name="TimeToLive">How long the publisher says the document stays fresh (RSS ttl, else sy:updatePeriod/updateFrequency).</param>
public sealed record ParsedFeed(string Format, string? Title, IReadOnlyList<FeedEntry> Entries, TimeSpan? TimeToLive = null);
