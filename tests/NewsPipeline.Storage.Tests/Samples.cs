using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.TestSupport;

namespace NewsPipeline.Storage.Tests;

/// <summary>Builders for stored records; all sentences are written for these tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset FetchedAt = new(2026, 3, 20, 9, 30, 0, TimeSpan.Zero);

    public static LiteDbPipelineStore Open(TempDirectory folder, string name = "store.db") =>
        LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = folder.File(name) }, TimeProvider.System);

    /// <summary>An article whose id comes from the URL exactly as given, so dedup relies on the store's own normalisation.</summary>
    public static StoredArticle Article(
        string url,
        string text,
        string language = "fr",
        string? title = null,
        DateTimeOffset? published = null,
        string feed = "test-feed") =>
        new(ContentHash.ShortId(url), url, url, ContentHash.OfText(text), feed, title, text, language, published, FetchedAt);

    public static StoredEvent Stored(StoredArticle article, SupplyEvent supplyEvent, int index = 0) =>
        new(
            article.Id + "-" + index.ToString(CultureInfo.InvariantCulture),
            article.Id,
            supplyEvent,
            article.Language,
            article.FeedName,
            article.Url,
            article.Title,
            article.Published,
            FetchedAt);

    public static SupplyEvent Event(
        EventType type,
        string? metal,
        string evidence,
        string? buyer = null,
        string? seller = null,
        double? tonnes = null,
        RatePeriod? per = null,
        string? start = null,
        string? origin = null,
        string? destination = null,
        EventStatus status = EventStatus.Fact,
        string summary = "") =>
        new(type, metal, buyer, seller, tonnes, per, start, origin, destination, status, summary, evidence);
}
