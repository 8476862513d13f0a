using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search.Snippets;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// The search engine on the server: the same answers as the Lucene index to the same <see cref="EventSearch"/>
/// and <see cref="ArticleSearch"/>, from the <c>search_articles</c> and <c>search_events</c> tables of migration
/// 0003 (per-language text search configurations, trigram indexes, arrays for countries and parties). Every
/// process of a deployment shares them: a worker's <see cref="IndexAsync"/> is visible to the API process at once.
/// Where the engines differ by design: Kazakh, Korean and Thai are matched by substring here (whole words in
/// Lucene), languages PostgreSQL stems and Lucene does not (Dutch, Swedish, Turkish…) are stemmed here, and
/// relevance scores differ (the same hits and totals, not the same order).
/// </summary>
public sealed class PostgresSearchIndex : IRebuildableSearchIndex
{
    private const int RowsOfArticle = 1000;

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider time;
    private readonly PostgresSearchOptions options;
    private readonly PostgresSnippets snippets;
    private long version;
    private long versionReadAt;
    private bool versionRead;

    /// <param name="dataSource">The deployment's one data source; its schema is migrated (0003_search) by the store's migrator.</param>
    public PostgresSearchIndex(NpgsqlDataSource dataSource, TimeProvider time, PostgresSearchOptions? options = null)
    {
        this.options = options ?? new PostgresSearchOptions();
        var errors = this.options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid PostgreSQL search options: " + string.Join(" ", errors), nameof(options));
        }

        this.dataSource = dataSource;
        this.time = time;
        snippets = new PostgresSnippets(dataSource);
    }

    public string Location => "PostgreSQL tables search_articles and search_events";

    /// <summary>The shared version, read from <c>search_state</c> at most once per refresh interval; this process's writes move it at once.</summary>
    public long Version
    {
        get
        {
            var now = time.GetTimestamp();
            if (!Volatile.Read(ref versionRead) || time.GetElapsedTime(Interlocked.Read(ref versionReadAt), now) >= options.VersionRefresh)
            {
                // A synchronous read: ETags are computed in a synchronous property, and this is one indexed row.
                using var command = dataSource.CreateCommand("SELECT version FROM search_state");
                Observe(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
                Interlocked.Exchange(ref versionReadAt, now);
                Volatile.Write(ref versionRead, true);
            }

            return Interlocked.Read(ref version);
        }
    }

    public Task IndexAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        WriteAsync([(article, events)], known: true, cancellationToken);

    public Task IndexBatchAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> batch, bool known, CancellationToken cancellationToken) =>
        WriteAsync(batch, known, cancellationToken);

    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var truncate = new NpgsqlCommand("TRUNCATE search_events, search_articles", connection, transaction))
        {
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> MissingArticlesAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT t.id FROM unnest(@ids) WITH ORDINALITY AS t(id, ord) " +
            "WHERE NOT EXISTS (SELECT 1 FROM search_articles a WHERE a.id = t.id) ORDER BY t.ord");
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = articleIds.ToArray() });
        var missing = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            missing.Add(reader.GetString(0));
        }

        return missing;
    }

    public async Task<EventPage> SearchEventsAsync(EventSearch search, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var text = search.Text is { } words ? await FullTextQuery.PrepareAsync(dataSource, words, cancellationToken) : null;
        var where = EventFilterSql.Where(search, text, parameters);
        var relevance = search.Sort == EventSort.Relevance;
        var skip = relevance ? (int)(search.Cursor?.Value ?? 0) : 0;
        var rank = relevance ? FullTextSql.Rank("e", text!, parameters) : null;
        var after = !relevance && search.Cursor is { } cursor ? " AND " + EventFilterSql.After(search.Sort, cursor, parameters) : string.Empty;
        var limit = parameters.Add(search.Limit + 1, NpgsqlDbType.Integer);
        var offset = parameters.Add(skip, NpgsqlDbType.Integer);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        List<EventRow> rows;
        long total;
        if (relevance)
        {
            (rows, total) = await ReadRankedPageAsync(
                parameters.Command(RankedPage("search_events", "e", where, rank!, "e.row_json::text", limit, offset), connection),
                reader => ReadRow(reader.GetString(1)),
                cancellationToken);
        }
        else
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(parameters.BatchCommand(
                $"SELECT e.row_json::text FROM search_events e WHERE {where}{after} " +
                $"ORDER BY {EventFilterSql.OrderBy(search.Sort)} LIMIT {limit} OFFSET {offset}"));
            batch.BatchCommands.Add(parameters.BatchCommand($"SELECT count(*) FROM search_events e WHERE {where}"));
            (rows, total) = await ReadPageAsync(batch, reader => ReadRow(reader.GetString(0)), cancellationToken);
        }

        var more = rows.Count > search.Limit;
        var page = rows.Take(search.Limit).ToList();
        var snippetsOf = search.Text is { } asked ? await EventSnippetsAsync(page, asked, cancellationToken) : null;
        var items = page.Select((row, i) => new EventHit(row, snippetsOf?[i])).ToList();
        string? next = null;
        if (more && page.Count > 0)
        {
            var last = page[^1];
            var sortName = EventSearchParser.SortName(search.Sort);
            next = relevance
                ? new SearchCursor(sortName, skip + page.Count, last.Id).Encode()
                : new SearchCursor(sortName, Documents.SortKeys.Of(search.Sort, last), last.Id).Encode();
        }

        return new EventPage(items, total, next);
    }

    public Task<EventFacets> FacetsAsync(EventSearch search, CancellationToken cancellationToken) =>
        PostgresFacets.CountAsync(dataSource, search, cancellationToken);

    public async Task<ArticlePage> SearchArticlesAsync(ArticleSearch search, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var text = await FullTextQuery.PrepareAsync(dataSource, search.Text, cancellationToken);
        var where = FullTextSql.Matches("a", text, parameters);
        if (search.Languages.Count > 0)
        {
            where += $" AND a.language = ANY({parameters.AddTextArray(search.Languages)})";
        }

        var rank = FullTextSql.Rank("a", text, parameters);
        var skip = (int)(search.Cursor?.Value ?? 0);
        var limit = parameters.Add(search.Limit + 1, NpgsqlDbType.Integer);
        var offset = parameters.Add(skip, NpgsqlDbType.Integer);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = parameters.Command(
            RankedPage("search_articles", "a", where, rank, "a.id, a.title, a.url, a.language, a.published, a.feed, a.body", limit, offset), connection);
        var (found, total) = await ReadRankedPageAsync(
            command,
            reader => (Hit: new ArticleHit(
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetString(6),
                []), Body: reader.GetString(7)),
            cancellationToken);

        var page = found.Take(search.Limit).ToList();
        var cut = await snippets.BuildAsync(page.Select(f => (f.Body, f.Hit.Language)).ToList(), search.Text, cancellationToken);
        var items = page.Select((f, i) => f.Hit with { Snippet = cut[i] }).ToList();
        var next = found.Count > search.Limit
            ? new SearchCursor(EventSearchParser.SortName(EventSort.Relevance), skip + items.Count, items[^1].Id).Encode()
            : null;
        return new ArticlePage(items, total, next);
    }

    public async Task<EventRow?> GetEventAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT row_json::text FROM search_events WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? ReadRow(json) : null;
    }

    public async Task<IReadOnlyList<EventRow>> EventsOfArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT e.row_json::text FROM search_events e WHERE e.article_id = @article ORDER BY {EventFilterSql.OrderBy(EventSort.DateDesc)} LIMIT {RowsOfArticle}");
        command.Parameters.Add(new NpgsqlParameter("article", NpgsqlDbType.Text) { Value = articleId });
        var rows = new List<EventRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader.GetString(0)));
        }

        return rows;
    }

    public async Task<SearchIndexCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT (SELECT count(*) FROM search_articles), (SELECT count(*) FROM search_events)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SearchIndexCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Nothing to release: the data source belongs to the host.</summary>
    public void Dispose()
    {
    }

    private async Task WriteAsync(IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> articles, bool known, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SearchRowWriter.WriteAsync(connection, transaction, articles, known, cancellationToken);
        await BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Every write transaction ends here: last, so that the one row all writers update is locked the shortest time.
    private async Task BumpVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var bump = new NpgsqlCommand("UPDATE search_state SET version = version + 1 RETURNING version", connection, transaction);
        Observe(Convert.ToInt64(await bump.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
    }

    // The evidence when the words are in it, else the article title, else the article text where they matched.
    private async Task<IReadOnlyList<IReadOnlyList<SnippetSegment>>> EventSnippetsAsync(IReadOnlyList<EventRow> rows, string text, CancellationToken cancellationToken)
    {
        var result = (await snippets.BuildAsync(rows.Select(r => (r.Evidence, r.Language)).ToList(), text, cancellationToken)).ToArray();
        var unmarked = Enumerable.Range(0, rows.Count).Where(i => !SnippetWindow.HasMark(result[i])).ToList();
        var titled = unmarked.Where(i => rows[i].ArticleTitle is not null).ToList();
        if (titled.Count > 0)
        {
            var titles = await snippets.BuildAsync(titled.Select(i => (rows[i].ArticleTitle!, rows[i].Language)).ToList(), text, cancellationToken);
            for (var k = 0; k < titled.Count; k++)
            {
                if (SnippetWindow.HasMark(titles[k]))
                {
                    result[titled[k]] = titles[k];
                }
            }
        }

        unmarked = unmarked.Where(i => !SnippetWindow.HasMark(result[i])).ToList();
        if (unmarked.Count == 0)
        {
            return result;
        }

        var bodies = await BodiesAsync(unmarked.Select(i => rows[i].ArticleId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var withBody = unmarked.Where(i => bodies.ContainsKey(rows[i].ArticleId)).ToList();
        var cut = await snippets.BuildAsync(withBody.Select(i => (bodies[rows[i].ArticleId], rows[i].Language)).ToList(), text, cancellationToken);
        for (var k = 0; k < withBody.Count; k++)
        {
            if (SnippetWindow.HasMark(cut[k]))
            {
                result[withBody[k]] = cut[k];
            }
        }

        return result;
    }

    private async Task<Dictionary<string, string>> BodiesAsync(IReadOnlyList<string> articleIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, body FROM search_articles WHERE id = ANY(@ids)");
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = articleIds.ToArray() });
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bodies[reader.GetString(0)] = reader.GetString(1);
        }

        return bodies;
    }

    // A relevance page in one statement: the matches are found once (with their rank, not their columns), counted,
    // and only the page's rows are read. Ranking needs every match anyway; reading the served JSON or the body of
    // every match before the top-N sort, and finding the matches a second time to count them, was most of the cost.
    // The count comes first and is there even when the page is empty; the page's columns follow it.
    private static string RankedPage(string table, string alias, string where, string rank, string columns, string limit, string offset) => $"""
        WITH m AS MATERIALIZED (SELECT {alias}.id, {rank} AS rank FROM {table} {alias} WHERE {where}),
             top AS (SELECT id, rank FROM m ORDER BY rank DESC, id ASC LIMIT {limit} OFFSET {offset})
        SELECT t.total, p.* FROM (SELECT count(*) AS total FROM m) t
        LEFT JOIN LATERAL (SELECT {columns}, top.rank AS page_rank, top.id AS page_id FROM top JOIN {table} {alias} ON {alias}.id = top.id) p ON TRUE
        ORDER BY p.page_rank DESC, p.page_id ASC
        """;

    private static async Task<(List<T> Rows, long Total)> ReadRankedPageAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                rows.Add(read(reader));
            }
        }

        return (rows, total);
    }

    // A page query is a batch of two statements: the rows of the page, then the count of every match.
    private static async Task<(List<T> Rows, long Total)> ReadPageAsync<T>(NpgsqlBatch batch, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (rows, reader.GetInt64(0));
    }

    private static EventRow ReadRow(string json) =>
        JsonSerializer.Deserialize<EventRow>(json, RecordJson.Options) ?? throw new InvalidDataException("an event row stored as null");

    // Versions only grow; a slow read must not move the cached one back past a newer write.
    private void Observe(long seen)
    {
        var current = Interlocked.Read(ref version);
        while (seen > current)
        {
            var previous = Interlocked.CompareExchange(ref version, seen, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }
}
