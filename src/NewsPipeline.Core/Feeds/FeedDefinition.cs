namespace NewsPipeline.Core.Feeds;

/// <summary>One feed from feeds.json, after validation.</summary>
/// <param name="Name">Unique, human-readable name used in logs and in the store.</param>
/// <param name="Url">Absolute http(s) URL of the feed document.</param>
/// <param name="Language">BCP-47 primary language tag the publisher writes in ("fr", "kk", "zh").</param>
/// <param name="Interval">How often the feed is polled at first; the scheduler adapts it between the floor and the ceiling.</param>
/// <param name="MinInterval">The shortest interval the scheduler may adapt to (the floor); null for the default.</param>
/// <param name="MaxInterval">The longest interval the scheduler may adapt to (the ceiling); null for the default.</param>
/// <param name="Cron">A 5-field cron expression (UTC) that replaces the adaptive interval: the feed is polled at its occurrences.</param>
public sealed record FeedDefinition(
    string Name,
    Uri Url,
    string Language,
    TimeSpan Interval,
    TimeSpan? MinInterval = null,
    TimeSpan? MaxInterval = null,
    string? Cron = null)
{
    /// <summary>The least time between two polls of a busy feed: a quarter of the interval, at least a minute.</summary>
    public TimeSpan Floor => MinInterval ?? Max(TimeSpan.FromMinutes(1), Min(Interval, Interval / 4));

    /// <summary>The most time between two polls of a quiet feed: eight intervals, at most a day (never below the interval).</summary>
    public TimeSpan Ceiling => MaxInterval ?? Max(Interval, Min(TimeSpan.FromDays(1), Interval * 8));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
