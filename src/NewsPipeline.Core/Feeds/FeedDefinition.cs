namespace NewsPipeline.Core.Feeds;

/// <summary>One feed from feeds.json, after validation.</summary>
/// <param name="Name">Unique, human-readable name used in logs and in the store.</param>
/// <param name="Url">Absolute http(s) URL of the feed document.</param>
/// <param name="Language">BCP-47 primary language tag the publisher writes in ("fr", "kk", "zh").</param>
/// <param name="Interval">How often the feed is polled.</param>
public sealed record FeedDefinition(string Name, Uri Url, string Language, TimeSpan Interval);
