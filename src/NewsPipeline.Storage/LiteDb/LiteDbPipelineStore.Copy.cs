using JsonSerializer = System.Text.Json.JsonSerializer;
using LiteDB;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>
/// Whole-store paging and verbatim imports, for moving a store between backends (`store copy`). Pages follow the
/// <c>_id</c> index, whose ordinal collation (see <see cref="StoreSchema.ConnectionString"/>) is the order promised.
/// </summary>
public sealed partial class LiteDbPipelineStore
{
    public Task<IReadOnlyList<StoredArticle>> ListArticlesAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<StoredArticle>>(() => Page(articles, afterId, limit).Select(DocumentMapping.ToRecord).ToList(), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<StoredEvent>>(() => Page(events, afterId, limit).Select(DocumentMapping.ToRecord).ToList(), cancellationToken);

    public Task<IReadOnlyList<ArticleMentions>> ListMentionsAsync(string? afterArticleId, int limit, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<ArticleMentions>>(
            () => Page(database.GetCollection<MentionsDocument>(MentionsCollection), afterArticleId, limit)
                .Select(d => JsonSerializer.Deserialize<ArticleMentions>(d.Json, RecordJson.Options)
                    ?? throw new InvalidDataException($"Mentions of {d.Id} are stored as JSON null."))
                .ToList(),
            cancellationToken);

    public Task<IReadOnlySet<string>> FindArticleIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var wanted = new BsonArray(ids.Select(id => new BsonValue(id)));
        return worker.RunAsync<IReadOnlySet<string>>(
            () => articles.Query().Where(Query.In("_id", wanted)).Select(BsonExpression.Create("$._id")).ToEnumerable()
                .Select(d => d["_id"].AsString).ToHashSet(StringComparer.Ordinal),
            cancellationToken);
    }

    public Task ImportMentionsAsync(IReadOnlyList<ArticleMentions> mentions, CancellationToken cancellationToken)
    {
        var documents = mentions.Select(m => new MentionsDocument { Id = m.ArticleId, Json = JsonSerializer.Serialize(m, RecordJson.Options) }).ToList();
        return worker.RunAsync(() => InTransaction(() => database.GetCollection<MentionsDocument>(MentionsCollection).Upsert(documents)), cancellationToken);
    }

    public Task<IReadOnlyList<AlertDelivery>> ListOutboxAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        worker.RunAsync<IReadOnlyList<AlertDelivery>>(() => Page(outbox, afterId, limit).Select(ToDelivery).ToList(), cancellationToken);

    public Task ImportDeliveriesAsync(IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken)
    {
        var documents = deliveries.Select(ToDocument).ToList();
        return worker.RunAsync(
            () => InTransaction(() => documents.Count(d => !outbox.Exists(Query.EQ("_id", d.Id)) && outbox.Insert(d) is not null)),
            cancellationToken);
    }

    private static List<T> Page<T>(ILiteCollection<T> collection, string? afterId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var query = collection.Query();
        if (afterId is not null)
        {
            query = query.Where(Query.GT("_id", afterId));
        }

        return query.OrderBy(BsonExpression.Create("$._id")).Limit(limit).ToList();
    }

    // Runs on the store thread only: LiteDB ties a transaction to the thread that began it.
    private int InTransaction(Func<int> write)
    {
        if (!database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was left open on the store thread.");
        }

        try
        {
            var written = write();
            database.Commit();
            return written;
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }
}
