using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Demo;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Worker;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// What an analyst opens: the demo corpus and a feed with hostile titles ingested by the real pipeline into a
/// LiteDB file, then the real web server (API and page) over that store on 127.0.0.1, and headless Chromium.
/// Built once for all the browser tests of a class.
/// </summary>
public sealed class AnalystSite : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private readonly Chromium chromium = new();
    private WebSite? web;

    public Uri BaseUrl => web?.BaseUrl ?? throw new InvalidOperationException("the site is not running");

    public Microsoft.Playwright.IBrowser Browser => chromium.Browser;

    public int IngestedArticles { get; private set; }

    /// <summary>The server's error log lines so far; every test expects none.</summary>
    public IReadOnlyList<string> ServerErrors => web?.Errors.Lines ?? [];

    /// <summary>Where screenshots go: the test output folder, so CI keeps them beside the test results.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return;
        }

        var database = folder.File("analyst.db");
        await IngestAsync(database);
        web = await WebSite.StartAsync(database);
        await chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await chromium.DisposeAsync();
        if (web is not null)
        {
            await web.DisposeAsync();
        }

        folder.Dispose();
    }

    private async Task IngestAsync(string database)
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

        IngestedArticles = report.Added;
    }
}
