using System.Globalization;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Stories;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Core.Storage;

/// <summary>
/// The derived values every backend files records under: dedup keys, filter keys and the newest-first order.
/// Shared so that an article is a duplicate, and a query returns the same events in the same order, whichever
/// backend holds the store (and so that copying a store from one backend to another keeps its meaning).
/// </summary>
public static class StoreKeys
{
    /// <summary>The dedup key of a canonical URL: normalised when it is absolute, as given otherwise.</summary>
    public static string CanonicalKey(string canonicalUrl) =>
        Uri.TryCreate(canonicalUrl.Trim(), UriKind.Absolute, out var uri) ? UrlNormalizer.Normalize(uri) : canonicalUrl.Trim();

    /// <summary>The content hash an article is stored under: its own, or the hash of its text when it came without one.</summary>
    public static string ContentHashOf(StoredArticle article) =>
        string.IsNullOrEmpty(article.ContentHash) ? ContentHash.OfText(article.Text) : article.ContentHash;

    /// <summary>Upper-case ISO 3166-1 alpha-2, or null for none.</summary>
    public static string? CountryKey(string? country) =>
        string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();

    /// <summary>Lower-case canonical metal name, or null for none.</summary>
    public static string? MetalKey(string? metal) => metal?.Trim().ToLowerInvariant();

    /// <summary>UTC midnight of a day, as the since/until filters compare it.</summary>
    public static DateTime Midnight(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>
    /// Orders newest first when compared ordinally and sorted descending: the day the event covers, then the
    /// publication, then storage, then the id.
    /// </summary>
    public static string SortKey(StoredEvent stored)
    {
        var when = EventWhen.Of(stored.Event.Start, stored.ArticlePublished);

        // Fixed-width fields compare correctly as ordinal strings; absent dates sort oldest.
        var day = when is { } w ? w.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "00000000";
        var published = (stored.ArticlePublished?.UtcTicks ?? 0).ToString("D19", CultureInfo.InvariantCulture);
        var storedAt = stored.StoredAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        return string.Join('|', day, published, storedAt, stored.Id);
    }

    /// <summary>What the store's text filter searches: the folded summary, and the evidence and title of every source.</summary>
    public static string SearchText(StoredEvent stored) =>
        TextFold.Fold(string.Join(' ', StorySignature.StoredSources(stored).SelectMany(s => new[] { s.Reported.Evidence, s.Title }).Prepend(stored.Event.Summary)));

    /// <summary>A company name folded as search folds it, for the store's substring filter.</summary>
    public static string CompanyKey(string? company) => TextFold.Fold(company);

    /// <summary>The words of a text query, each folded; a query of only spaces has none.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        TextFold.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
