using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.Storage.Postgres.Schema;
using Npgsql;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task The_container_opens_one_store_for_both_service_types_and_releases_the_file_when_disposed()
    {
        using var folder = new TempDirectory();
        var options = new LiteDbStoreOptions { DatabasePath = folder.File(Path.Combine("data", "newspipeline.db")) };

        await using (var provider = new ServiceCollection().AddLiteDbPipelineStore(options).BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IPipelineStore>();
            Assert.Same(provider.GetRequiredService<LiteDbPipelineStore>(), store);
            Assert.Equal(0, (await store.GetStatisticsAsync(CancellationToken.None)).Articles);
            Assert.Equal(Environment.ProcessId, StoreLock.TryReadOwner(options.DatabasePath)?.Pid);
        }

        Assert.Null(StoreLock.TryReadOwner(options.DatabasePath));
    }

    [SkippableFact]
    public async Task The_container_shares_one_data_source_and_one_postgres_store_behind_the_three_interfaces()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var options = new PostgresStoreOptions { ConnectionString = database.ConnectionString, MigrateOnStart = true };
        NpgsqlDataSource source;

        await using (var provider = new ServiceCollection().AddPostgresPipelineStore(options).BuildServiceProvider())
        {
            var store = provider.GetRequiredService<PostgresPipelineStore>();
            Assert.Same(store, provider.GetRequiredService<IPipelineStore>());
            Assert.Same(store, provider.GetRequiredService<IAnalystStore>());
            Assert.Same(store, provider.GetRequiredService<IAlertStore>());
            Assert.Equal(new StoreStatistics(0, 0, 0), await store.GetStatisticsAsync(CancellationToken.None));
            source = provider.GetRequiredService<NpgsqlDataSource>();
            var schema = await new SchemaMigrator(source).GetStatusAsync(CancellationToken.None);
            Assert.True(schema.IsCurrent);
            Assert.Equal(Migration.Embedded().Max(m => m.Version), schema.Version);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await source.OpenConnectionAsync());
    }

    [SkippableFact]
    public async Task A_postgres_store_refuses_a_schema_it_was_not_allowed_to_migrate()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var options = new PostgresStoreOptions { ConnectionString = database.ConnectionString, MigrateOnStart = false };

        var refused = await Assert.ThrowsAsync<SchemaMigrationException>(() => PostgresPipelineStore.OpenAsync(options, TimeProvider.System, CancellationToken.None));

        Assert.Contains("newspipeline migrate", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_fail_at_registration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddLiteDbPipelineStore(new LiteDbStoreOptions { DatabasePath = "" }));
        var postgres = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPostgresPipelineStore(new PostgresStoreOptions { ConnectionString = "Database=news" }));
        Assert.Contains("names no host", postgres.Message, StringComparison.Ordinal);
    }
}
