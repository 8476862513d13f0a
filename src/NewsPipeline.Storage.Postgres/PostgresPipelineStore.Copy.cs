using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// Whole-store paging and verbatim imports, for moving a store between backends (`store copy`). Pages are keyset
/// pages on the primary keys in ordinal ("C") order, the order every backend promises.
/// </summary>
public sealed partial class PostgresPipelineStore
{
    public async Task<IReadOnlyList<StoredArticle>> ListArticlesAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        await PageAsync("articles", "id", afterId, limit, json => StoreRows.Read<StoredArticle>(json, "An article"), cancellationToken);

    public async Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        await PageAsync("events", "id", afterId, limit, json => StoreRows.Read<StoredEvent>(json, "An event"), cancellationToken);

    public async Task<IReadOnlyList<ArticleMentions>> ListMentionsAsync(string? afterArticleId, int limit, CancellationToken cancellationToken) =>
        await PageAsync("mentions", "article_id", afterArticleId, limit, json => StoreRows.Read<ArticleMentions>(json, "An article's mentions"), cancellationToken);

    public async Task<IReadOnlyList<AlertDelivery>> ListOutboxAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        await PageAsync("alert_outbox", "id", afterId, limit, json => StoreRows.Read<AlertDelivery>(json, "An outbox row"), cancellationToken);

    public async Task<IReadOnlySet<string>> FindArticleIdsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = await ListAsync("SELECT id FROM articles WHERE id = ANY($1)", [StoreRows.TextArray([.. ids])], id => id, cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    public async Task ImportMentionsAsync(IReadOnlyList<ArticleMentions> mentions, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var item in mentions)
        {
            var command = new NpgsqlBatchCommand(
                "INSERT INTO mentions (article_id, record) VALUES ($1, $2) ON CONFLICT (article_id) DO UPDATE SET record = excluded.record");
            command.Parameters.Add(StoreRows.Text(item.ArticleId));
            command.Parameters.Add(StoreRows.Jsonb(StoreRows.Json(item)));
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ImportDeliveriesAsync(IReadOnlyList<AlertDelivery> deliveries, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var delivery in deliveries)
        {
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO alert_outbox ({StoreRows.DeliveryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING");
            StoreRows.AddDelivery(command.Parameters, delivery);
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // Table and key names are this file's constants, never input; the key value and limit are parameters.
    private async Task<List<T>> PageAsync<T>(string table, string key, string? after, int limit, Func<string, T> convert, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return after is null
            ? await ListAsync($"SELECT record::text FROM {table} ORDER BY {key} COLLATE \"C\" LIMIT $1", [StoreRows.Integer(limit)], convert, cancellationToken)
            : await ListAsync(
                $"SELECT record::text FROM {table} WHERE {key} COLLATE \"C\" > $1 ORDER BY {key} COLLATE \"C\" LIMIT $2",
                [StoreRows.Text(after), StoreRows.Integer(limit)],
                convert,
                cancellationToken);
    }
}
