using NewsPipeline.Core.Storage;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>The analysts' side of the store (<see cref="IAnalystStore"/>): kept apart so the ingest path stays small.</summary>
public sealed partial class PostgresPipelineStore : IAnalystStore
{
    public async Task<IReadOnlyList<string>> ListArticleIdsAsync(CancellationToken cancellationToken) =>
        await ListAsync("SELECT id FROM articles ORDER BY id COLLATE \"C\"", [], id => id, cancellationToken);

    public async Task<IReadOnlyList<StoredEvent>> GetEventsOfArticleAsync(string articleId, CancellationToken cancellationToken) =>
        await ListAsync(
            "SELECT record::text FROM events WHERE article_id = $1 ORDER BY id COLLATE \"C\"",
            [StoreRows.Text(articleId)],
            json => StoreRows.Read<StoredEvent>(json, $"An event of article {articleId}"),
            cancellationToken);

    public async Task<StoredEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>("SELECT record::text FROM events WHERE id = $1", [StoreRows.Text(eventId)], cancellationToken);
        return json is null ? null : StoreRows.Read<StoredEvent>(json, $"Event {eventId}");
    }

    public async Task SaveMentionsAsync(ArticleMentions mentions, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "INSERT INTO mentions (article_id, record) VALUES ($1, $2) ON CONFLICT (article_id) DO UPDATE SET record = excluded.record",
            [StoreRows.Text(mentions.ArticleId), StoreRows.Jsonb(StoreRows.Json(mentions))],
            cancellationToken);
    }

    public async Task<ArticleMentions?> GetMentionsAsync(string articleId, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>("SELECT record::text FROM mentions WHERE article_id = $1", [StoreRows.Text(articleId)], cancellationToken);
        return json is null ? null : StoreRows.Read<ArticleMentions>(json, $"Mentions of article {articleId}");
    }

    /// <summary>
    /// Binary COPY of the articles, then of the events, in one transaction: all of the batch or none of it. The
    /// unique keys still hold, so a batch that repeats a stored URL or text fails whole.
    /// </summary>
    public async Task BulkLoadAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyAsync(connection, StoreRows.ArticleColumns, "articles", batch.Select(item => item.Article), StoreRows.AddArticle, cancellationToken);
        await CopyAsync(
            connection,
            StoreRows.EventColumns,
            "events",
            batch.SelectMany(item => item.Events),
            (parameters, stored) => StoreRows.AddEvent(parameters, stored, stories.KeysOf(stored)),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task AddSavedSearchAsync(SavedSearch search, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "INSERT INTO saved_searches (id, name, query, created_at, record) VALUES ($1, $2, $3, $4, $5)",
            [StoreRows.Text(search.Id), StoreRows.Text(search.Name), StoreRows.Text(search.Query), StoreRows.Instant(search.CreatedAt), StoreRows.Jsonb(StoreRows.Json(search))],
            cancellationToken);
    }

    public async Task<IReadOnlyList<SavedSearch>> ListSavedSearchesAsync(CancellationToken cancellationToken)
    {
        var all = await ListAsync("SELECT record::text FROM saved_searches", [], json => StoreRows.Read<SavedSearch>(json, "A saved search"), cancellationToken);

        // Ordered here, on the exact instants: the column keeps microseconds, the records ten times finer.
        return all.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<SavedSearch?> GetSavedSearchAsync(string id, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>("SELECT record::text FROM saved_searches WHERE id = $1", [StoreRows.Text(id)], cancellationToken);
        return json is null ? null : StoreRows.Read<SavedSearch>(json, $"Saved search {id}");
    }

    public async Task<bool> DeleteSavedSearchAsync(string id, CancellationToken cancellationToken)
    {
        return await ExecuteAsync("DELETE FROM saved_searches WHERE id = $1", [StoreRows.Text(id)], cancellationToken) > 0;
    }

    // The row parameters of a record, written as one binary COPY row (the same values the INSERTs send).
    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, string columns, string table, IEnumerable<T> records, Action<NpgsqlParameterCollection, T> toRow, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        using var row = new NpgsqlCommand();
        foreach (var record in records)
        {
            row.Parameters.Clear();
            toRow(row.Parameters, record);
            await importer.StartRowAsync(cancellationToken);
            foreach (NpgsqlParameter value in row.Parameters)
            {
                await WriteAsync(importer, value, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, NpgsqlParameter value, CancellationToken cancellationToken) =>
        value.Value is null or DBNull
            ? importer.WriteNullAsync(cancellationToken)
            : importer.WriteAsync(value.Value, value.NpgsqlDbType, cancellationToken);
}
