namespace NewsPipeline.Storage.LiteDb;

// Documents as LiteDB stores them. Kept apart from the Core records so the file format is explicit:
// enums are DESIGN §3 strings, instants are UTC ISO 8601 strings (see StoreMapper), and the
// *Key, When*, SortKey and SearchText fields exist only to be indexed or filtered on.

/// <summary>One row of the <c>feeds</c> collection; the id is the feed name.</summary>
internal sealed class FeedDocument
{
    public string Id { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string? ETag { get; set; }

    public string? LastModified { get; set; }

    public DateTimeOffset? LastAttempt { get; set; }

    public DateTimeOffset? LastSuccess { get; set; }

    public string? LastError { get; set; }

    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? NextPoll { get; set; }

    public long ItemsSeen { get; set; }

    public string? ConfiguredUrl { get; set; }

    public string? PausedReason { get; set; }

    public List<string>? SeenEntries { get; set; }

    public long? CurrentIntervalSeconds { get; set; }

    public string? NextPollReason { get; set; }

    public bool ReusesGuids { get; set; }

    public List<string>? Fingerprints { get; set; }

    public long ItemsEdited { get; set; }
}

/// <summary>One row of the <c>articles</c> collection.</summary>
internal sealed class ArticleDocument
{
    public string Id { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string CanonicalUrl { get; set; } = string.Empty;

    /// <summary>The canonical URL after <c>UrlNormalizer</c>: the unique key for dedup.</summary>
    public string CanonicalKey { get; set; } = string.Empty;

    public string ContentHash { get; set; } = string.Empty;

    public string FeedName { get; set; } = string.Empty;

    public string? Title { get; set; }

    public string Text { get; set; } = string.Empty;

    public string Language { get; set; } = string.Empty;

    public DateTimeOffset? Published { get; set; }

    public DateTimeOffset FetchedAt { get; set; }
}

/// <summary>
/// One row of the <c>events</c> collection: one deal, its merged fields flattened, the first report's article
/// context, every source and the status history.
/// </summary>
internal sealed class EventDocument
{
    public string Id { get; set; } = string.Empty;

    public string ArticleId { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    /// <summary>Lower-case canonical metal name.</summary>
    public string? Metal { get; set; }

    public string? Buyer { get; set; }

    public string? Seller { get; set; }

    public string BuyerKey { get; set; } = string.Empty;

    public string SellerKey { get; set; } = string.Empty;

    public double? Tonnes { get; set; }

    public string? Per { get; set; }

    public string? Start { get; set; }

    /// <summary>Upper-case ISO 3166-1 alpha-2.</summary>
    public string? Origin { get; set; }

    /// <summary>Upper-case ISO 3166-1 alpha-2.</summary>
    public string? Destination { get; set; }

    public string Status { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string Evidence { get; set; } = string.Empty;

    public string Language { get; set; } = string.Empty;

    public string FeedName { get; set; } = string.Empty;

    public string ArticleUrl { get; set; } = string.Empty;

    public string? ArticleTitle { get; set; }

    public DateTimeOffset? ArticlePublished { get; set; }

    public DateTimeOffset StoredAt { get; set; }

    /// <summary>First day the event covers (see <c>EventWhen</c>), UTC midnight.</summary>
    public DateTime? WhenFrom { get; set; }

    /// <summary>Last day the event covers, UTC midnight.</summary>
    public DateTime? WhenTo { get; set; }

    /// <summary>Orders newest first when sorted descending: event date, then publication, then storage.</summary>
    public string SortKey { get; set; } = string.Empty;

    /// <summary>Folded evidence, summary and article title of every source for the text filter.</summary>
    public string SearchText { get; set; } = string.Empty;

    /// <summary>Every report of this deal, the first included; null in rows written before stories (one source: this row's article).</summary>
    public List<EventSourceDocument>? Sources { get; set; }

    /// <summary>Status changes that mattered, oldest first.</summary>
    public List<StatusChangeDocument>? History { get; set; }

    /// <summary>The blocking keys of <c>StoryBlocking</c>, a multikey index that finds candidate deals for a new report.</summary>
    public List<string>? StoryKeys { get; set; }
}

/// <summary>One article's report of a deal, with the fields as that article gave them.</summary>
internal sealed class EventSourceDocument
{
    public string ArticleId { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    public string FeedName { get; set; } = string.Empty;

    public string Language { get; set; } = string.Empty;

    public string? Title { get; set; }

    public DateTimeOffset? Published { get; set; }

    public DateTimeOffset StoredAt { get; set; }

    public ReportedEventDocument Reported { get; set; } = new();
}

/// <summary>The event fields as one source reported them (DESIGN §3 spellings).</summary>
internal sealed class ReportedEventDocument
{
    public string Type { get; set; } = string.Empty;

    public string? Metal { get; set; }

    public string? Buyer { get; set; }

    public string? Seller { get; set; }

    public double? Tonnes { get; set; }

    public string? Per { get; set; }

    public string? Start { get; set; }

    public string? Origin { get; set; }

    public string? Destination { get; set; }

    public string Status { get; set; } = string.Empty;

    public string Summary { get; set; } = string.Empty;

    public string Evidence { get; set; } = string.Empty;
}

/// <summary>A status change of a deal and the report that made it.</summary>
internal sealed class StatusChangeDocument
{
    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string ArticleId { get; set; } = string.Empty;

    public DateTimeOffset? Published { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
