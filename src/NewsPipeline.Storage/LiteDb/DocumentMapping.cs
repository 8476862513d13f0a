using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
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

    public static EventDocument ToDocument(StoredEvent stored)
    {
        var e = stored.Event;
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
            SearchText = SearchKey.Fold(string.Join(' ', e.Evidence, e.Summary, stored.ArticleTitle)),
        };
    }

    public static StoredEvent ToRecord(EventDocument document) => new(
        document.Id,
        document.ArticleId,
        new SupplyEvent(
            WireName<EventType>.Parse(document.Type),
            document.Metal,
            document.Buyer,
            document.Seller,
            document.Tonnes,
            WireName<RatePeriod>.ParseOptional(document.Per),
            document.Start,
            document.Origin,
            document.Destination,
            WireName<EventStatus>.Parse(document.Status),
            document.Summary,
            document.Evidence),
        document.Language,
        document.FeedName,
        document.ArticleUrl,
        document.ArticleTitle,
        document.ArticlePublished,
        document.StoredAt);

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
