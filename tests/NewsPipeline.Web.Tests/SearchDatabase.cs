using NewsPipeline.Storage.Postgres.Schema;
using NewsPipeline.TestSupport;
using Npgsql;

namespace NewsPipeline.Web.Tests;

/// <summary>A test's own PostgreSQL database with the schema migrated and a data source over it (skips without a server).</summary>
public sealed class SearchDatabase : IAsyncDisposable
{
    private readonly PostgresDatabase database;

    private SearchDatabase(PostgresDatabase database, NpgsqlDataSource dataSource)
    {
        this.database = database;
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString => database.ConnectionString;

    public static async Task<SearchDatabase> CreateAsync()
    {
        var database = await PostgresDatabase.CreateAsync();
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(CancellationToken.None);
        return new SearchDatabase(database, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await database.DisposeAsync();
    }
}
