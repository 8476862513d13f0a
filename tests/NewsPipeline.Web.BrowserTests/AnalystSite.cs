using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Demo;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// What an analyst opens after `newspipeline demo`: the demo corpus, plus a feed with hostile titles, ingested
/// by the real pipeline (HTTP on loopback, extraction, LiteDB, search index).
/// </summary>
public sealed class AnalystSite : BrowserSite
{
    protected override async Task FillAsync(string database)
    {
        var corpus = new DemoCorpus();
        await using var demo = await DemoServer.StartAsync(corpus, CancellationToken.None);
        await using var hostile = await HostileFeed.StartAsync();
        var services = new ServiceCollection().AddLogging().AddSingleton(new Random(7))
            .AddNewsPipeline(PipelineSettings.Default(database));
        await using var provider = services.BuildServiceProvider();
        var feeds = corpus.Feeds(demo.BaseUrl).Append(hostile.Feed).ToList();
        var report = await provider.GetRequiredService<IngestCycle>().RunAsync(feeds, onlyDue: false, CancellationToken.None);
        if (report.FeedFailures > 0 || report.Failed > 0)
        {
            throw new InvalidOperationException($"ingest failed: {report.FeedFailures} feeds and {report.Failed} articles");
        }
    }
}
