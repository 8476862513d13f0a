using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
using NewsPipeline.Storage.Postgres.Schema;
using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// The server store: PostgreSQL shared by many worker and API processes. Every operation takes a connection from
/// the data source for its own duration; an article and its events are one transaction whose uniqueness and story
/// matching hold across processes (see <see cref="IngestArticleAsync"/>).
/// </summary>
public sealed partial class PostgresPipelineStore : IPipelineStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly StoryResolver stories;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private int disposed;

    /// <summary>A store over an existing data source, whose schema the caller has checked; the caller disposes the source.</summary>
    public PostgresPipelineStore(NpgsqlDataSource dataSource, StoryMatchOptions storyOptions, TimeProvider time, ILogger<PostgresPipelineStore>? logger = null)
        : this(dataSource, ownsDataSource: false, storyOptions, time, logger)
    {
    }

    private PostgresPipelineStore(NpgsqlDataSource dataSource, bool ownsDataSource, StoryMatchOptions storyOptions, TimeProvider time, ILogger? logger)
    {
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        stories = new StoryResolver(storyOptions);
        this.time = time;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Builds a data source for <paramref name="options"/>, checks the schema (applying pending migrations when
    /// <see cref="PostgresStoreOptions.MigrateOnStart"/>) and returns a store that disposes the source with itself.
    /// </summary>
    public static async Task<PostgresPipelineStore> OpenAsync(PostgresStoreOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataSource = options.BuildDataSource();
        try
        {
            await new SchemaMigrator(dataSource).EnsureCurrentAsync(options.MigrateOnStart, cancellationToken);
            return new PostgresPipelineStore(dataSource, ownsDataSource: true, options.Stories, time, logger: null);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Checks the schema on a shared data source (migrating when asked) and returns a store that leaves the source open.</summary>
    public static async Task<PostgresPipelineStore> OpenAsync(
        NpgsqlDataSource dataSource, PostgresStoreOptions options, TimeProvider time, ILogger<PostgresPipelineStore>? logger, CancellationToken cancellationToken)
    {
        options.ThrowIfInvalid();
        await new SchemaMigrator(dataSource).EnsureCurrentAsync(options.MigrateOnStart, cancellationToken);
        return new PostgresPipelineStore(dataSource, options.Stories, time, logger);
    }

    public async Task<FeedState?> GetFeedStateAsync(string feedName, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>("SELECT record::text FROM feeds WHERE feed_name = $1", [StoreRows.Text(feedName)], cancellationToken);
        return json is null ? null : StoreRows.Read<FeedState>(json, $"Feed state {feedName}");
    }

    public async Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO feeds (feed_name, next_poll, record) VALUES ($1, $2, $3)
            ON CONFLICT (feed_name) DO UPDATE SET next_poll = excluded.next_poll, record = excluded.record
            """,
            connection);
        StoreRows.AddFeed(command.Parameters, state);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FeedState>> ListFeedStatesAsync(CancellationToken cancellationToken) =>
        await ListAsync("SELECT record::text FROM feeds ORDER BY feed_name COLLATE \"C\"", [], json => StoreRows.Read<FeedState>(json, "A feed state"), cancellationToken);

    public async Task<bool> ContainsArticleAsync(string canonicalUrl, CancellationToken cancellationToken) =>
        await ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE canonical_key = $1)", [StoreRows.Text(StoreKeys.CanonicalKey(canonicalUrl))], cancellationToken);

    public async Task<IngestOutcome> AddArticleAsync(StoredArticle article, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        (await IngestArticleAsync(article, events, cancellationToken)).Outcome;

    public async Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken)
    {
        var json = await ScalarAsync<string>("SELECT record::text FROM articles WHERE id = $1", [StoreRows.Text(id)], cancellationToken);
        return json is null ? null : StoreRows.Read<StoredArticle>(json, $"Article {id}");
    }

    public async Task<IReadOnlyList<StoredEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        var filter = new EventFilter(query);
        return await ListAsync(filter.Sql, filter.Parameters, json => StoreRows.Read<StoredEvent>(json, "An event"), cancellationToken);
    }

    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM feeds), (SELECT count(*) FROM articles), (SELECT count(*) FROM events)", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreStatistics(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (ownsDataSource)
        {
            dataSource.Dispose();
        }
    }

    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return await dataSource.OpenConnectionAsync(cancellationToken);
    }

    // Statements without results (upserts, deletes) on a connection of their own.
    private async Task<int> ExecuteAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // One value of the first row, or default when there is no row or it is NULL.
    private async Task<T?> ScalarAsync<T>(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)value;
    }

    // Every row's first column (a record's JSON), converted in order.
    private async Task<List<T>> ListAsync<T>(string sql, NpgsqlParameter[] parameters, Func<string, T> convert, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(convert(reader.GetString(0)));
        }

        return rows;
    }
}
