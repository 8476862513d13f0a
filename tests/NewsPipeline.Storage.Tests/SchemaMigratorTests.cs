using NewsPipeline.Storage.Postgres;
using NewsPipeline.Storage.Postgres.Schema;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;

namespace NewsPipeline.Storage.Tests;

public sealed class SchemaMigratorTests
{
    private static readonly Migration First = new(1, "lots", "CREATE TABLE lots (id text PRIMARY KEY, tonnes double precision NOT NULL)");
    private static readonly Migration Second = new(2, "lot_metal", "ALTER TABLE lots ADD COLUMN metal text NOT NULL DEFAULT 'gallium'");

    [SkippableFact]
    public async Task Pending_migrations_are_applied_once_in_order_even_when_four_processes_start_together()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);

        var before = await new SchemaMigrator(source, [First, Second]).GetStatusAsync(CancellationToken.None);
        Assert.Equal(0, before.Version);
        Assert.Equal(2, before.Pending.Count);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new SchemaMigrator(source, [First, Second]).MigrateAsync(CancellationToken.None)));

        Assert.Equal(2, applied.Sum(a => a.Count));
        var after = await new SchemaMigrator(source, [First, Second]).GetStatusAsync(CancellationToken.None);
        Assert.True(after.IsCurrent);
        Assert.Equal([1, 2], after.Applied.Select(a => a.Version));
        await using var insert = source.CreateCommand("INSERT INTO lots (id, tonnes) VALUES ('kz-1', 15) RETURNING metal");
        Assert.Equal("gallium", await insert.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task A_store_behind_the_build_is_refused_until_migrated_and_an_edited_migration_is_refused_always()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(source, [First]).MigrateAsync(CancellationToken.None);

        var behind = await Assert.ThrowsAsync<SchemaMigrationException>(() => new SchemaMigrator(source, [First, Second]).EnsureCurrentAsync(migrate: false, CancellationToken.None));
        Assert.Contains("newspipeline migrate", behind.Message, StringComparison.Ordinal);
        await new SchemaMigrator(source, [First, Second]).EnsureCurrentAsync(migrate: true, CancellationToken.None);

        var edited = First with { Sql = First.Sql.Replace("double precision", "numeric", StringComparison.Ordinal) };
        var refused = await Assert.ThrowsAsync<SchemaMigrationException>(() => new SchemaMigrator(source, [edited, Second]).GetStatusAsync(CancellationToken.None));
        Assert.Contains("never be edited", refused.Message, StringComparison.Ordinal);
        var newer = await Assert.ThrowsAsync<SchemaMigrationException>(() => new SchemaMigrator(source, [First]).GetStatusAsync(CancellationToken.None));
        Assert.Contains("newer NewsPipeline", newer.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_failing_migration_leaves_the_schema_at_the_last_whole_version()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        var broken = new Migration(2, "broken", "ALTER TABLE lots ADD COLUMN origin text; ALTER TABLE no_such_table ADD COLUMN x int");

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => new SchemaMigrator(source, [First, broken]).MigrateAsync(CancellationToken.None));

        Assert.Contains("0002_broken", error.Message, StringComparison.Ordinal);
        var status = await new SchemaMigrator(source, [First, broken]).GetStatusAsync(CancellationToken.None);
        Assert.Equal(1, status.Version);
        await using var columns = source.CreateCommand("SELECT count(*) FROM information_schema.columns WHERE table_name = 'lots' AND column_name = 'origin'");
        Assert.Equal(0L, await columns.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("postgresql://np:s%40cret@db.internal:5433/news?sslmode=require", "db.internal", 5433, "news", "np")]
    [InlineData("Host=127.0.0.1;Port=55432;Database=newspipeline;Username=postgres", "127.0.0.1", 55432, "newspipeline", "postgres")]
    public void Both_spellings_of_a_connection_string_are_understood(string value, string host, int port, string database, string user)
    {
        Assert.True(PostgresConnectionString.IsPostgres(value));
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql(value));
        Assert.Equal((host, port, database, user), (builder.Host, builder.Port, builder.Database, builder.Username));
        Assert.DoesNotContain("s@cret", PostgresConnectionString.Redact(value), StringComparison.Ordinal);
        Assert.False(PostgresConnectionString.IsPostgres("./data/newspipeline.db"));
    }
}
