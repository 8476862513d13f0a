using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Search;
using Npgsql;

namespace NewsPipeline.Cli.Bench;

/// <summary>What a loaded bench store occupies, per backend, and what a server needs between a bulk load and queries.</summary>
internal static class StoreFootprint
{
    /// <summary>
    /// PostgreSQL: ANALYZE, as an operator runs after a bulk load (autovacuum would, minutes later), so the planner
    /// knows the tables' sizes before the first timed query. Returns how long it took; null for LiteDB.
    /// </summary>
    public static async Task<TimeSpan?> PrepareForQueriesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<NpgsqlDataSource>() is not { } dataSource)
        {
            return null;
        }

        var start = Stopwatch.GetTimestamp();
        await using var analyze = dataSource.CreateCommand("ANALYZE");
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return Stopwatch.GetElapsedTime(start);
    }

    public static async Task<string> DescribeAsync(IServiceProvider services, StoreSettings settings, CancellationToken cancellationToken)
    {
        if (settings.LiteDb is { } liteDb)
        {
            var index = services.GetRequiredService<LuceneSearchIndex>();
            return string.Create(CultureInfo.InvariantCulture,
                $"store {LiteDbBytes(new FileInfo(liteDb.DatabasePath)) / 1048576.0:0.0} MB ({liteDb.DatabasePath}), index {index.SizeInBytes() / 1048576.0:0.0} MB");
        }

        // Tables with their indexes and TOAST; the search engine's tables are those of migration 0003 (search_*).
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            """
            SELECT pg_database_size(current_database()),
                   coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname NOT LIKE 'search\_%'), 0)::bigint,
                   coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relname LIKE 'search\_%'), 0)::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r'
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"database {reader.GetInt64(0) / 1048576.0:0.0} MB (pg_database_size): store tables {reader.GetInt64(1) / 1048576.0:0.0} MB, search tables {reader.GetInt64(2) / 1048576.0:0.0} MB, with their indexes");
    }

    // The data file plus LiteDB's write-ahead log, which holds recent pages until a checkpoint.
    private static long LiteDbBytes(FileInfo file)
    {
        file.Refresh();
        var log = new FileInfo(Path.Combine(file.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(file.Name) + "-log" + file.Extension));
        return file.Length + (log.Exists ? log.Length : 0);
    }
}
