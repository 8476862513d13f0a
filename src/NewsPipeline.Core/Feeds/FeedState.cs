namespace NewsPipeline.Core.Feeds;

/// <summary>What the poller remembers about one feed between polls; persisted by the store.</summary>
/// <param name="Url">Where the feed is polled: the configured URL, or where a permanent redirect moved it.</param>
/// <param name="ConfiguredUrl">The URL feeds.json gave when <paramref name="Url"/> was set; an operator's edit resets the polled URL.</param>
/// <param name="PausedReason">Why polling stopped (the feed is gone, or failed too often in a row); null while it is polled.</param>
/// <param name="SeenEntries">Keys (GUID, else link) of the feed's most recent entries already handled, newest last, so a poll never fetches their pages again.</param>
/// <param name="CurrentInterval">The interval the scheduler adapted to (between the feed's floor and ceiling); null before the first success.</param>
/// <param name="NextPollReason">Why <paramref name="NextPoll"/> is when it is ("adaptive", "ttl", "Retry-After", "backoff", "cron"…), for operators.</param>
/// <param name="ReusesGuids">The feed was caught giving one GUID to different items, so its entries are known by link instead.</param>
/// <param name="Fingerprints">The <see cref="EntryFingerprint"/> of each entry in <paramref name="SeenEntries"/>, to notice edits and GUID reuse.</param>
/// <param name="ItemsEdited">Entries seen again with a changed title or text.</param>
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
    string? PausedReason = null,
    IReadOnlyList<string>? SeenEntries = null,
    TimeSpan? CurrentInterval = null,
    string? NextPollReason = null,
    bool ReusesGuids = false,
    IReadOnlyList<string>? Fingerprints = null,
    long ItemsEdited = 0)
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

    /// <summary>How an entry is known across polls: its GUID when the feed gives one, else its link.</summary>
    public static string EntryKey(FeedEntry entry) => string.IsNullOrWhiteSpace(entry.Id) ? "link:" + entry.Link.AbsoluteUri : "id:" + entry.Id.Trim();
}
