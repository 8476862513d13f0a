using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage.Search;

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
        CanonicalKey = CanonicalKey(article.CanonicalUrl),
        ContentHash = string.IsNullOrEmpty(article.ContentHash) ? ContentHash.OfText(article.Text) : article.ContentHash,
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
            Metal = e.Metal?.Trim().ToLowerInvariant(),
            Buyer = e.Buyer,
            Seller = e.Seller,
            BuyerKey = SearchKey.Fold(e.Buyer),
            SellerKey = SearchKey.Fold(e.Seller),
            Tonnes = e.Tonnes,
            Per = WireName<RatePeriod>.Of(e.Per),
            Start = e.Start,
            Origin = CountryKey(e.Origin),
            Destination = CountryKey(e.Destination),
            Status = WireName<EventStatus>.Of(e.Status),
            Summary = e.Summary,
            Evidence = e.Evidence,
            Language = stored.Language,
            FeedName = stored.FeedName,
            ArticleUrl = stored.ArticleUrl,
            ArticleTitle = stored.ArticleTitle,
            ArticlePublished = stored.ArticlePublished,
            StoredAt = stored.StoredAt,
            WhenFrom = when is { } w1 ? Midnight(w1.From) : null,
            WhenTo = when is { } w2 ? Midnight(w2.To) : null,
            SortKey = SortKey(when, stored),
            SearchText = SearchKey.Fold(string.Join(' ', sources.SelectMany(s => new[] { s.Reported.Evidence, s.Title }).Prepend(e.Summary))),
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

    /// <summary>The dedup key of a canonical URL: normalised when it is absolute, as given otherwise.</summary>
    public static string CanonicalKey(string canonicalUrl) =>
        Uri.TryCreate(canonicalUrl.Trim(), UriKind.Absolute, out var uri) ? UrlNormalizer.Normalize(uri) : canonicalUrl.Trim();

    public static string? CountryKey(string? country) =>
        string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();

    public static DateTime Midnight(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static string SortKey(EventWhen? when, StoredEvent stored)
    {
        // Fixed-width fields compare correctly as ordinal strings; absent dates sort oldest.
        var day = when is { } w ? w.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "00000000";
        var published = (stored.ArticlePublished?.UtcTicks ?? 0).ToString("D19", CultureInfo.InvariantCulture);
        var storedAt = stored.StoredAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        return string.Join('|', day, published, storedAt, stored.Id);
    }
}
