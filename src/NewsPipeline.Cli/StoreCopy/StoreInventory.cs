using System.Security.Cryptography;
using NewsPipeline.Cli.Hosting;

namespace NewsPipeline.Cli.StoreCopy;

/// <summary>How many records of one kind a store holds, and a SHA-256 over them in id order (<see cref="CanonicalJson"/>, one per line).</summary>
internal sealed record KindSummary(string Kind, long Count, string Sha256);

/// <summary>
/// Counts and checksums every kind of record a store holds, through the store interfaces only, so that the same
/// code run on both ends of a copy shows whether they hold the same data.
/// </summary>
internal static class StoreInventory
{
    private const int PageSize = 2000;

    public static readonly IReadOnlyList<string> Kinds = ["feeds", "articles", "events", "mentions", "saved searches", "subscriptions", "alert outbox"];

    public static async Task<IReadOnlyList<KindSummary>> TakeAsync(StoreAccess store, CancellationToken cancellationToken) =>
    [
        Summarise(Kinds[0], (await store.Pipeline.ListFeedStatesAsync(cancellationToken)).OrderBy(f => f.FeedName, StringComparer.Ordinal)),
        await SummariseAsync(Kinds[1], KeysetPages.ReadAsync(store.Analyst.ListArticlesAsync, a => a.Id, PageSize, cancellationToken)),
        await SummariseAsync(Kinds[2], KeysetPages.ReadAsync(store.Analyst.ListEventsAsync, e => e.Id, PageSize, cancellationToken)),
        await SummariseAsync(Kinds[3], KeysetPages.ReadAsync(store.Analyst.ListMentionsAsync, m => m.ArticleId, PageSize, cancellationToken)),
        Summarise(Kinds[4], (await store.Analyst.ListSavedSearchesAsync(cancellationToken)).OrderBy(s => s.Id, StringComparer.Ordinal)),
        Summarise(Kinds[5], (await store.Alerts.ListSubscriptionsAsync(cancellationToken)).OrderBy(s => s.Name, StringComparer.Ordinal)),
        await SummariseAsync(Kinds[6], KeysetPages.ReadAsync(store.Alerts.ListOutboxAsync, d => d.Id, PageSize, cancellationToken)),
    ];

    private static KindSummary Summarise<T>(string kind, IEnumerable<T> records)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        foreach (var record in records)
        {
            Append(hash, record);
            count++;
        }

        return new KindSummary(kind, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<KindSummary> SummariseAsync<T>(string kind, IAsyncEnumerable<IReadOnlyList<T>> pages)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        await foreach (var page in pages)
        {
            foreach (var record in page)
            {
                Append(hash, record);
                count++;
            }
        }

        return new KindSummary(kind, count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Append<T>(IncrementalHash hash, T record)
    {
        hash.AppendData(CanonicalJson.Serialize(record));
        hash.AppendData("\n"u8);
    }
}
