using NewsPipeline.Core.Storage;

namespace NewsPipeline.Core.Search;

/// <summary>The one mapping from a stored event to the row analysts see.</summary>
public static class EventRows
{
    public static EventRow From(StoredEvent stored)
    {
        var e = stored.Event;
        return new EventRow(
            stored.Id, e.Type, e.Metal?.Trim().ToLowerInvariant(), e.Buyer, e.Seller, e.Tonnes, e.Per, e.Start,
            e.Origin?.Trim().ToUpperInvariant(), e.Destination?.Trim().ToUpperInvariant(), e.Status, e.Summary, e.Evidence,
            stored.ArticleId, stored.ArticleUrl, stored.ArticleTitle, stored.Language, stored.FeedName,
            stored.ArticlePublished, stored.StoredAt, SourceCount: 1);
    }
}
