using System.Text.RegularExpressions;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// Kills a real writer process (SIGKILL on Unix, TerminateProcess on Windows) while it ingests in a loop,
/// then checks that every article it acknowledged survived with all its events and that the file opens.
/// </summary>
public sealed partial class CrashTests
{
    private const int EventsPerArticle = 3;

    [Fact]
    public async Task Killing_the_writer_mid_write_loses_no_acknowledged_article_and_leaves_the_file_readable()
    {
        using var folder = new TempDirectory();
        var database = folder.File("crash.db");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // a hang guard, not a timing assertion
        var acknowledged = new List<string>();

        foreach (var (round, acksBeforeKill) in new[] { (0, 120), (1, 157), (2, 31), (3, 194), (4, 77) })
        {
            acknowledged.AddRange(await WriteUntilKilled(database, $"round{round}", acksBeforeKill, guard.Token));
        }

        using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = database }, TimeProvider.System);
        foreach (var id in acknowledged)
        {
            Assert.NotNull(await store.GetArticleAsync(id, CancellationToken.None));
        }

        var statistics = await store.GetStatisticsAsync(CancellationToken.None);
        Assert.InRange(statistics.Articles, acknowledged.Count, acknowledged.Count + 5); // at most the one article in flight per kill
        Assert.Equal(statistics.Articles * EventsPerArticle, statistics.Events);
        var events = await store.QueryEventsAsync(new EventQuery(Metal: "gallium", Limit: int.MaxValue), CancellationToken.None);
        Assert.All(events.GroupBy(e => e.ArticleId), group => Assert.Equal(EventsPerArticle, group.Count()));
        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(
            Samples.Article("https://crash.example/after", "Après la panne, l'écriture reprend normalement."), [], CancellationToken.None));
    }

    private static Task<List<string>> WriteUntilKilled(string database, string run, int acksBeforeKill, CancellationToken cancellationToken) =>
        CrashHelperProcess.AcknowledgedUntilKilledAsync(
            "NewsPipeline.Storage.CrashHelper.dll",
            [database, run],
            AckLine(),
            acksBeforeKill,
            // While the child holds the store, this process is refused and told who holds it.
            pid => Assert.Equal(pid, Assert.Throws<StoreLockedException>(() =>
                LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = database }, TimeProvider.System)).Owner?.Pid),
            cancellationToken);

    [GeneratedRegex("^ack ([0-9a-f]{16})$")]
    private static partial Regex AckLine();
}
