namespace NewsPipeline.Core.Feeds;

/// <summary>What the poller remembers about one feed between polls; persisted by the store.</summary>
/// <param name="Url">Where the feed is polled: the configured URL, or where a permanent redirect moved it.</param>
/// <param name="ConfiguredUrl">The URL feeds.json gave when <paramref name="Url"/> was set; an operator's edit resets the polled URL.</param>
/// <param name="PausedReason">Why polling stopped (the feed is gone, or failed too often in a row); null while it is polled.</param>
public sealed record FeedState(
    string FeedName,
    Uri Url,
    string? ETag,
    string? LastModified,
    DateTimeOffset? LastAttempt,
    DateTimeOffset? LastSuccess,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextPoll,
    long ItemsSeen,
    Uri? ConfiguredUrl = null,
    string? PausedReason = null)
{
    public static FeedState New(FeedDefinition feed) =>
        new(feed.Name, feed.Url, null, null, null, null, null, 0, null, 0, feed.Url);

    /// <summary>
    /// The state to poll <paramref name="feed"/> with: a permanent move is kept while feeds.json still names the
    /// URL it moved from; a changed configured URL starts over from the new one (old validators belong to the old URL).
    /// </summary>
    public FeedState For(FeedDefinition feed) =>
        ConfiguredUrl == feed.Url ? this : this with { Url = feed.Url, ConfiguredUrl = feed.Url, ETag = null, LastModified = null, PausedReason = null, ConsecutiveFailures = 0 };

    public bool IsPaused => PausedReason is not null;
}
