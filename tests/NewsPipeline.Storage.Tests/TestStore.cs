using LiteDB;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// A store under test on one backend: a LiteDB file in a temporary folder, or a fresh PostgreSQL database (see
/// <see cref="PostgresDatabase"/>, which skips the test when no server is configured), migrated on open.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory? folder;
    private readonly PostgresDatabase? database;
    private IPipelineStore store;

    private TestStore(Backend backend, IPipelineStore store, TempDirectory? folder, PostgresDatabase? database)
    {
        Backend = backend;
        this.store = store;
        this.folder = folder;
        this.database = database;
    }

    public Backend Backend { get; }

    public IPipelineStore Store => store;

    public IAnalystStore Analyst => (IAnalystStore)store;

    public IAlertStore Alerts => (IAlertStore)store;

    /// <summary>What the backend throws when a write fails inside the ingest transaction.</summary>
    public Type FailureType => Backend == Backend.LiteDb ? typeof(LiteException) : typeof(PostgresStoreException);

    /// <summary>The PostgreSQL database's connection string (PostgreSQL only).</summary>
    public string ConnectionString => database?.ConnectionString ?? throw new InvalidOperationException("Not a PostgreSQL store.");

    public static async Task<TestStore> CreateAsync(Backend backend)
    {
        if (backend == Backend.LiteDb)
        {
            var folder = new TempDirectory();
            return new TestStore(backend, Samples.Open(folder), folder, null);
        }

        var database = await PostgresDatabase.CreateAsync();
        try
        {
            return new TestStore(backend, await OpenPostgresAsync(database.ConnectionString), null, database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A PostgreSQL store with a data source (a connection pool) of its own, as another process would have.</summary>
    public static Task<PostgresPipelineStore> OpenPostgresAsync(string connectionString) =>
        PostgresPipelineStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString, MigrateOnStart = true }, TimeProvider.System, CancellationToken.None);

    /// <summary>Closes the store and opens it again on the same file or database.</summary>
    public async Task ReopenAsync()
    {
        store.Dispose();
        store = Backend == Backend.LiteDb ? Samples.Open(folder!) : await OpenPostgresAsync(database!.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        store.Dispose();
        folder?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
