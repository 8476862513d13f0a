using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Search;

/// <summary>
/// Keeps the index a faithful copy of the store, the system of record: a full rebuild, and the start-up check
/// that re-indexes whatever a crash between the store commit and the index commit left out.
/// </summary>
public sealed partial class SearchIndexMaintenance(IPipelineStore store, IAnalystStore analyst, IRebuildableSearchIndex index, ILogger<SearchIndexMaintenance> logger)
{
    private const int BatchSize = 500;

    /// <summary>Drops the index and indexes every stored article with its events. Returns the number of articles.</summary>
    public async Task<int> RebuildAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await index.ClearAsync(cancellationToken);
        var ids = await analyst.ListArticleIdsAsync(cancellationToken);
        await IndexAsync(ids, progress, known: false, cancellationToken);
        LogRebuilt(ids.Count);
        return ids.Count;
    }

    /// <summary>
    /// Indexes stored articles the index lacks. Cheap when nothing is missing (two counts compared); otherwise
    /// every article id is checked. Returns the number of articles indexed.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetStatisticsAsync(cancellationToken);
        var indexed = await index.CountAsync(cancellationToken);
        if (stored.Articles == indexed.Articles && stored.Events == indexed.Events)
        {
            return 0;
        }

        var ids = await analyst.ListArticleIdsAsync(cancellationToken);
        var missing = await index.MissingArticlesAsync(ids, cancellationToken);
        await IndexAsync(missing, null, known: true, cancellationToken);
        LogCaughtUp(missing.Count, stored.Articles, indexed.Articles);
        return missing.Count;
    }

    private async Task IndexAsync(IReadOnlyList<string> ids, IProgress<int>? progress, bool known, CancellationToken cancellationToken)
    {
        for (var start = 0; start < ids.Count; start += BatchSize)
        {
            var batch = new List<(StoredArticle, IReadOnlyList<StoredEvent>)>();
            foreach (var id in ids.Skip(start).Take(BatchSize))
            {
                if (await store.GetArticleAsync(id, cancellationToken) is { } article)
                {
                    batch.Add((article, await analyst.GetEventsOfArticleAsync(id, cancellationToken)));
                }
            }

            await index.IndexBatchAsync(batch, known, cancellationToken);
            progress?.Report(Math.Min(ids.Count, start + BatchSize));
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Search index rebuilt from the store: {Articles} articles")]
    private partial void LogRebuilt(int articles);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Search index caught up with the store: {Missing} articles re-indexed (store {Stored}, index {Indexed})")]
    private partial void LogCaughtUp(int missing, long stored, long indexed);
}
