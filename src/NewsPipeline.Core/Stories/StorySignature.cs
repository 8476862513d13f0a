using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// What the matcher compares: a deal's fields, the span of publication dates over which it was reported, the
/// fingerprints of its evidence sentences and the articles that reported it. Any backend builds it from its rows.
/// </summary>
public sealed record StorySignature(
    string Id,
    SupplyEvent Event,
    DateTimeOffset FirstReported,
    DateTimeOffset LastReported,
    IReadOnlyList<ulong> EvidenceHashes,
    IReadOnlyList<string> ArticleIds)
{
    /// <summary>The signature of one event as one article reports it.</summary>
    public static StorySignature OfReport(string id, string articleId, SupplyEvent reported, DateTimeOffset published) =>
        new(id, reported, published, published, [SimHash.Of(reported.Evidence)], [articleId]);

    /// <summary>The signature of a stored deal over all its sources; a source's date is its publication, else when it was stored.</summary>
    public static StorySignature OfStored(StoredEvent stored)
    {
        var sources = StoredSources(stored);
        var dates = sources.Select(ReportedAt).ToList();
        return new StorySignature(
            stored.Id,
            stored.Event,
            dates.Min(),
            dates.Max(),
            sources.Select(source => SimHash.Of(source.Reported.Evidence)).ToList(),
            sources.Select(source => source.ArticleId).ToList());
    }

    /// <summary>The sources of a stored event; a record without a list is its own single source.</summary>
    public static IReadOnlyList<EventSource> StoredSources(StoredEvent stored) =>
        stored.Sources is { Count: > 0 } sources
            ? sources
            : [new EventSource(stored.ArticleId, stored.ArticleUrl, stored.FeedName, stored.Language, stored.ArticleTitle, stored.ArticlePublished, stored.StoredAt, stored.Event)];

    /// <summary>When a source reported the deal: its publication date, else when it was stored.</summary>
    public static DateTimeOffset ReportedAt(EventSource source) => source.Published ?? source.StoredAt;
}
