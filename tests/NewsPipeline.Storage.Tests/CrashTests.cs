using System.Diagnostics;
using System.Text;
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

    private static async Task<List<string>> WriteUntilKilled(string database, string run, int acksBeforeKill, CancellationToken cancellationToken)
    {
        using var child = StartHelper(database, run);
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        child.BeginErrorReadLine();
        var acknowledged = new List<string>();
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync(cancellationToken);
            Assert.True(ready == $"ready {child.Id}", $"The crash helper did not start: {ready} {errors}");

            // While the child holds the store, this process is refused and told who holds it.
            var refused = Assert.Throws<StoreLockedException>(() =>
                LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = database }, TimeProvider.System));
            Assert.Equal(child.Id, refused.Owner?.Pid);

            while (acknowledged.Count < acksBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync(cancellationToken);
                Assert.True(line is not null, $"The crash helper stopped on its own: {errors}");
                acknowledged.Add(ParseAck(line) ?? throw new InvalidOperationException($"Unexpected helper output: {line}"));
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync(cancellationToken);

        // Acknowledgements printed after the ones read above but before the kill count too; a torn last line does not.
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } rest)
        {
            if (ParseAck(rest) is { } id)
            {
                acknowledged.Add(id);
            }
        }

        return acknowledged;
    }

    private static string? ParseAck(string line) => AckLine().Match(line) is { Success: true } match ? match.Groups[1].Value : null;

    private static Process StartHelper(string database, string run)
    {
        var helper = Path.Combine(AppContext.BaseDirectory, "NewsPipeline.Storage.CrashHelper.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(run);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash helper.");
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }

    [GeneratedRegex("^ack ([0-9a-f]{16})$")]
    private static partial Regex AckLine();
}
