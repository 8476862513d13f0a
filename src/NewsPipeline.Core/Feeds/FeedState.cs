namespace NewsPipeline.Core.Feeds;

/// <summary>What the poller remembers about one feed between polls; persisted by the store.</summary>
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
    long ItemsSeen)
{
    public static FeedState New(FeedDefinition feed) =>
        new(feed.Name, feed.Url, null, null, null, null, null, 0, null, 0);
}
