using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.StoreCopy;

/// <summary>What one kind of record came to in a copy: written now, or found already there (an earlier, interrupted run).</summary>
internal sealed record CopiedKind(string Kind, long Written, long AlreadyThere);

/// <summary>One batch done, for progress lines (and for tests that interrupt a copy midway).</summary>
internal sealed record CopyProgress(string Kind, long Done, long? Total);

/// <summary>
/// Copies every record of one store into another through the store interfaces, so any backend pair works
/// (LiteDB to PostgreSQL is the way up). Reads the source only. Each batch is one transaction on the target and
/// every step skips or replaces what is already there, so a copy that was interrupted is simply run again.
/// Articles come before mentions and the outbox, subscriptions before the outbox: a server backend's foreign keys
/// hold at every commit.
/// </summary>
internal sealed class StoreCopier(StoreAccess source, StoreAccess target, int batchSize, Action<CopyProgress>? onBatch = null)
{
    public async Task<IReadOnlyList<CopiedKind>> CopyAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var statistics = await source.Pipeline.GetStatisticsAsync(cancellationToken);
        return
        [
            await CopyFeedsAsync(cancellationToken),
            await CopySubscriptionsAsync(cancellationToken),
            await CopySavedSearchesAsync(cancellationToken),
            await CopyArticlesAsync(statistics.Articles, cancellationToken),
            await CopyMentionsAsync(cancellationToken),
            await CopyOutboxAsync(cancellationToken),
        ];
    }

    // Feed state is small and upserted whole: writing it again is the same as skipping it.
    private async Task<CopiedKind> CopyFeedsAsync(CancellationToken cancellationToken)
    {
        var feeds = await source.Pipeline.ListFeedStatesAsync(cancellationToken);
        foreach (var feed in feeds)
        {
            await target.Pipeline.SaveFeedStateAsync(feed, cancellationToken);
        }

        Report("feeds", feeds.Count, feeds.Count);
        return new CopiedKind("feeds", feeds.Count, 0);
    }

    private async Task<CopiedKind> CopySubscriptionsAsync(CancellationToken cancellationToken)
    {
        var subscriptions = await source.Alerts.ListSubscriptionsAsync(cancellationToken);
        foreach (var subscription in subscriptions)
        {
            await target.Alerts.SaveSubscriptionAsync(subscription, cancellationToken);
        }

        Report("subscriptions", subscriptions.Count, subscriptions.Count);
        return new CopiedKind("subscriptions", subscriptions.Count, 0);
    }

    private async Task<CopiedKind> CopySavedSearchesAsync(CancellationToken cancellationToken)
    {
        long written = 0, there = 0;
        var searches = await source.Analyst.ListSavedSearchesAsync(cancellationToken);
        foreach (var search in searches)
        {
            if (await target.Analyst.GetSavedSearchAsync(search.Id, cancellationToken) is not null)
            {
                there++;
                continue;
            }

            await target.Analyst.AddSavedSearchAsync(search, cancellationToken);
            written++;
        }

        Report("saved searches", searches.Count, searches.Count);
        return new CopiedKind("saved searches", written, there);
    }

    /// <summary>
    /// Articles with the events they first reported, one target transaction per batch (<see cref="IAnalystStore.BulkLoadAsync"/>).
    /// A batch commits whole, so an article found on the target came with its events, and only the missing ones are loaded.
    /// </summary>
    private async Task<CopiedKind> CopyArticlesAsync(long total, CancellationToken cancellationToken)
    {
        long written = 0, there = 0, done = 0;
        await foreach (var page in KeysetPages.ReadAsync(source.Analyst.ListArticlesAsync, a => a.Id, batchSize, cancellationToken))
        {
            var present = await target.Analyst.FindArticleIdsAsync(page.Select(a => a.Id).ToList(), cancellationToken);
            var batch = new List<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)>(page.Count - present.Count);
            foreach (var article in page.Where(a => !present.Contains(a.Id)))
            {
                batch.Add((article, await source.Analyst.GetEventsOfArticleAsync(article.Id, cancellationToken)));
            }

            if (batch.Count > 0)
            {
                await target.Analyst.BulkLoadAsync(batch, cancellationToken);
            }

            written += batch.Count;
            there += present.Count;
            done += page.Count;
            Report("articles", done, total);
        }

        return new CopiedKind("articles", written, there);
    }

    // Mentions replace what the target holds for the same article, so a resumed copy may write a batch twice.
    private async Task<CopiedKind> CopyMentionsAsync(CancellationToken cancellationToken)
    {
        long done = 0;
        await foreach (var page in KeysetPages.ReadAsync(source.Analyst.ListMentionsAsync, m => m.ArticleId, batchSize, cancellationToken))
        {
            await target.Analyst.ImportMentionsAsync(page, cancellationToken);
            done += page.Count;
            Report("mentions", done, null);
        }

        return new CopiedKind("mentions", done, 0);
    }

    private async Task<CopiedKind> CopyOutboxAsync(CancellationToken cancellationToken)
    {
        long done = 0;
        await foreach (var page in KeysetPages.ReadAsync(source.Alerts.ListOutboxAsync, d => d.Id, batchSize, cancellationToken))
        {
            await target.Alerts.ImportDeliveriesAsync(page, cancellationToken);
            done += page.Count;
            Report("alert outbox", done, null);
        }

        return new CopiedKind("alert outbox", done, 0);
    }

    private void Report(string kind, long done, long? total) => onBatch?.Invoke(new CopyProgress(kind, done, total));
}
