using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>Converts Core records to the stored documents and back.</summary>
internal static class DocumentMapping
{
    public static FeedDocument ToDocument(FeedState state) => new()
    {
        Id = state.FeedName,
        Url = state.Url.OriginalString,
        ETag = state.ETag,
        LastModified = state.LastModified,
        LastAttempt = state.LastAttempt,
        LastSuccess = state.LastSuccess,
        LastError = state.LastError,
        ConsecutiveFailures = state.ConsecutiveFailures,
        NextPoll = state.NextPoll,
        ItemsSeen = state.ItemsSeen,
        ConfiguredUrl = state.ConfiguredUrl?.OriginalString,
        PausedReason = state.PausedReason,
        SeenEntries = state.SeenEntries?.ToList(),
        CurrentIntervalSeconds = (long?)state.CurrentInterval?.TotalSeconds,
        NextPollReason = state.NextPollReason,
        ReusesGuids = state.ReusesGuids,
        Fingerprints = state.Fingerprints?.ToList(),
        ItemsEdited = state.ItemsEdited,
    };

    public static FeedState ToRecord(FeedDocument document) => new(
        document.Id,
        new Uri(document.Url, UriKind.RelativeOrAbsolute),
        document.ETag,
        document.LastModified,
        document.LastAttempt,
        document.LastSuccess,
        document.LastError,
        document.ConsecutiveFailures,
        document.NextPoll,
        document.ItemsSeen,
        document.ConfiguredUrl is null ? null : new Uri(document.ConfiguredUrl, UriKind.RelativeOrAbsolute),
        document.PausedReason,
        document.SeenEntries,
        document.CurrentIntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        document.NextPollReason,
        document.ReusesGuids,
        document.Fingerprints,
        document.ItemsEdited);

    public static ArticleDocument ToDocument(StoredArticle article) => new()
    {
        Id = article.Id,
        Url = article.Url,
        CanonicalUrl = article.CanonicalUrl,
        CanonicalKey = StoreKeys.CanonicalKey(article.CanonicalUrl),
        ContentHash = StoreKeys.ContentHashOf(article),
        FeedName = article.FeedName,
        Title = article.Title,
        Text = article.Text,
        Language = article.Language,
        Published = article.Published,
        FetchedAt = article.FetchedAt,
    };

    public static StoredArticle ToRecord(ArticleDocument document) => new(
        document.Id,
        document.Url,
        document.CanonicalUrl,
        document.ContentHash,
        document.FeedName,
        document.Title,
        document.Text,
        document.Language,
        document.Published,
        document.FetchedAt);

    /// <summary>The row of a deal, filed under <paramref name="storyKeys"/> (see <c>StoryBlocking</c>).</summary>
    public static EventDocument ToDocument(StoredEvent stored, IReadOnlyList<string> storyKeys)
    {
        var e = stored.Event;
        var sources = StorySignature.StoredSources(stored);
        var when = EventWhen.Of(e.Start, stored.ArticlePublished);
        return new EventDocument
        {
            Id = stored.Id,
            ArticleId = stored.ArticleId,
            Type = WireName<EventType>.Of(e.Type),
            Metal = StoreKeys.MetalKey(e.Metal),
            Buyer = e.Buyer,
            Seller = e.Seller,
            BuyerKey = StoreKeys.CompanyKey(e.Buyer),
            SellerKey = StoreKeys.CompanyKey(e.Seller),
            Tonnes = e.Tonnes,
            Per = WireName<RatePeriod>.Of(e.Per),
            Start = e.Start,
            Origin = StoreKeys.CountryKey(e.Origin),
            Destination = StoreKeys.CountryKey(e.Destination),
            Status = WireName<EventStatus>.Of(e.Status),
            Summary = e.Summary,
            Evidence = e.Evidence,
            Language = stored.Language,
            FeedName = stored.FeedName,
            ArticleUrl = stored.ArticleUrl,
            ArticleTitle = stored.ArticleTitle,
            ArticlePublished = stored.ArticlePublished,
            StoredAt = stored.StoredAt,
            WhenFrom = when is { } w1 ? StoreKeys.Midnight(w1.From) : null,
            WhenTo = when is { } w2 ? StoreKeys.Midnight(w2.To) : null,
            SortKey = StoreKeys.SortKey(stored),
            SearchText = StoreKeys.SearchText(stored),
            Sources = sources.Select(ToDocument).ToList(),
            History = (stored.History ?? []).Select(ToDocument).ToList(),
            StoryKeys = storyKeys.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    public static StoredEvent ToRecord(EventDocument document)
    {
        var stored = new StoredEvent(
            document.Id,
            document.ArticleId,
            ToRecord(
                document.Type, document.Metal, document.Buyer, document.Seller, document.Tonnes, document.Per, document.Start,
                document.Origin, document.Destination, document.Status, document.Summary, document.Evidence),
            document.Language,
            document.FeedName,
            document.ArticleUrl,
            document.ArticleTitle,
            document.ArticlePublished,
            document.StoredAt);

        // Rows written before stories have no source list: the row's own article is its one source.
        return stored with
        {
            Sources = document.Sources?.Select(ToRecord).ToList() ?? StorySignature.StoredSources(stored),
            History = document.History?.Select(ToRecord).ToList() ?? [],
        };
    }

    private static EventSourceDocument ToDocument(EventSource source) => new()
    {
        ArticleId = source.ArticleId,
        Url = source.Url,
        FeedName = source.FeedName,
        Language = source.Language,
        Title = source.Title,
        Published = source.Published,
        StoredAt = source.StoredAt,
        Reported = new ReportedEventDocument
        {
            Type = WireName<EventType>.Of(source.Reported.Type),
            Metal = source.Reported.Metal,
            Buyer = source.Reported.Buyer,
            Seller = source.Reported.Seller,
            Tonnes = source.Reported.Tonnes,
            Per = WireName<RatePeriod>.Of(source.Reported.Per),
            Start = source.Reported.Start,
            Origin = source.Reported.Origin,
            Destination = source.Reported.Destination,
            Status = WireName<EventStatus>.Of(source.Reported.Status),
            Summary = source.Reported.Summary,
            Evidence = source.Reported.Evidence,
        },
    };

    private static EventSource ToRecord(EventSourceDocument document)
    {
        var r = document.Reported;
        return new EventSource(
            document.ArticleId,
            document.Url,
            document.FeedName,
            document.Language,
            document.Title,
            document.Published,
            document.StoredAt,
            ToRecord(r.Type, r.Metal, r.Buyer, r.Seller, r.Tonnes, r.Per, r.Start, r.Origin, r.Destination, r.Status, r.Summary, r.Evidence));
    }

    private static StatusChangeDocument ToDocument(StatusChange change) => new()
    {
        From = WireName<EventStatus>.Of(change.From),
        To = WireName<EventStatus>.Of(change.To),
        ArticleId = change.ArticleId,
        Published = change.Published,
        RecordedAt = change.RecordedAt,
    };

    private static StatusChange ToRecord(StatusChangeDocument document) => new(
        WireName<EventStatus>.Parse(document.From),
        WireName<EventStatus>.Parse(document.To),
        document.ArticleId,
        document.Published,
        document.RecordedAt);

    private static SupplyEvent ToRecord(
        string type, string? metal, string? buyer, string? seller, double? tonnes, string? per, string? start,
        string? origin, string? destination, string status, string summary, string evidence) =>
        new(
            WireName<EventType>.Parse(type),
            metal,
            buyer,
            seller,
            tonnes,
            WireName<RatePeriod>.ParseOptional(per),
            start,
            origin,
            destination,
            WireName<EventStatus>.Parse(status),
            summary,
            evidence);
}
