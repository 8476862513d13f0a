using NewsPipeline.Cli.Commands;
using NewsPipeline.Cli.Demo;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`demo` end to end over the bundled corpus, twice: the second run must add nothing.</summary>
public sealed class DemoTests
{
    [Fact]
    public void The_bundled_corpus_is_multilingual_and_has_every_feed_format()
    {
        var corpus = new DemoCorpus();

        Assert.True(corpus.Articles.Count >= 15, $"only {corpus.Articles.Count} articles in the manifest");
        Assert.True(corpus.Articles.Select(a => a.Language).Distinct().Count() >= 6);
        Assert.Contains(corpus.FeedPaths, p => p.EndsWith(".rss.xml", StringComparison.Ordinal));
        Assert.Contains(corpus.FeedPaths, p => p.EndsWith(".atom.xml", StringComparison.Ordinal));
        Assert.Contains(corpus.FeedPaths, p => p.EndsWith(".json", StringComparison.Ordinal) || p.EndsWith(".rdf", StringComparison.Ordinal));
        Assert.All(corpus.Articles, a => Assert.Contains("articles/" + Path.GetFileName(a.File), corpus.Paths));
    }

    [Fact]
    public async Task Demo_finds_the_gallium_deal_and_events_in_many_languages_and_a_second_run_adds_nothing()
    {
        using var temp = new TempDirectory();
        var db = new FileInfo(temp.File("demo.db"));

        var first = new StringWriter();
        var exit = await DemoCommand.RunAsync(StoreSettings.For(db.FullName), verbose: false, first, CancellationToken.None);
        var second = new StringWriter();
        await DemoCommand.RunAsync(StoreSettings.For(db.FullName), verbose: false, second, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("Mitsubishi Corporation RtM Japan", first.ToString(), StringComparison.Ordinal);
        Assert.Contains(": 0 new articles", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("ingest is idempotent", second.ToString(), StringComparison.Ordinal);

        using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = db.FullName }, TimeProvider.System);
        var events = await store.QueryEventsAsync(new EventQuery(Limit: 10_000), CancellationToken.None);
        var gallium = Assert.Single(events, e =>
            e.Event.Type == EventType.SupplyAgreement && e.Event.Metal == "gallium" && e.Event.Buyer == "Mitsubishi Corporation RtM Japan");
        Assert.Equal(15, gallium.Event.Tonnes);
        Assert.Equal(("KZ", "JP"), (gallium.Event.Origin, gallium.Event.Destination));
        Assert.True(events.Count >= 9, $"only {events.Count} events");
        Assert.True(events.Select(e => e.Language).Distinct().Count() >= 5, "events in fewer than 5 languages: " + string.Join(",", events.Select(e => e.Language).Distinct()));
        Assert.Equal(new DemoCorpus().Articles.Count, (await store.GetStatisticsAsync(CancellationToken.None)).Articles);
    }
}
