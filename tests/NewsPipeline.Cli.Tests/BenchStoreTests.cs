using System.Globalization;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`bench store` runs the same analyst queries over either backend, so the two are compared like for like.</summary>
public sealed class BenchStoreTests
{
    [SkippableFact]
    public async Task The_same_generated_corpus_gives_the_same_hits_for_every_filtered_query_on_both_backends()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var temp = new TempDirectory();
        string[] size = ["--events", "3000", "--articles", "600", "--runs", "2", "--seed", "5"];

        var lite = await CliProcess.RunAsync(temp.Path, ["bench", "store", "--store", "bench/lite.db", .. size]);
        var postgres = await CliProcess.RunAsync(temp.Path, ["bench", "store", "--store", database.ConnectionString, .. size]);

        Assert.True(lite.ExitCode == 0, lite.StandardError);
        Assert.True(postgres.ExitCode == 0, postgres.StandardError);
        Assert.Contains("backend: LiteDB store + Lucene index", lite.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("backend: PostgreSQL store + PostgreSQL full-text search", postgres.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("loaded 3,000 events and 600 articles", postgres.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("(pg_database_size)", postgres.StandardOutput, StringComparison.Ordinal);

        var liteHits = Hits(lite.StandardOutput);
        var postgresHits = Hits(postgres.StandardOutput);
        Assert.Equal(liteHits.Keys, postgresHits.Keys);
        Assert.Equal(22, liteHits.Count);
        foreach (var (query, hits) in liteHits.Where(q => !q.Key.StartsWith("full text", StringComparison.Ordinal)))
        {
            Assert.True(hits == postgresHits[query], $"{query}: LiteDB+Lucene {hits}, PostgreSQL {postgresHits[query]}");
        }

        Assert.Equal(3000, postgresHits["everything, newest first"]);
        Assert.All(postgresHits.Where(q => q.Key.StartsWith("full text", StringComparison.Ordinal)), q => Assert.True(q.Value > 0, q.Key));

        var again = await CliProcess.RunAsync(temp.Path, ["bench", "store", "--store", database.ConnectionString, .. size]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("is not empty", again.StandardError, StringComparison.Ordinal);
    }

    // The query table: label, p50, p99, CPU, hits, runs; the label is everything before the four numbers.
    private static Dictionary<string, long> Hits(string output) =>
        output.Split('\n')
            .SkipWhile(line => !line.StartsWith("query ", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => !line.StartsWith("same query", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(
                cells => string.Join(' ', cells[..^5]),
                cells => long.Parse(cells[^2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                StringComparer.Ordinal);
}
