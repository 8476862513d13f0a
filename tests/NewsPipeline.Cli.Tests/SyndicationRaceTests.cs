using System.Text;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>Two feeds syndicating one article, polled at the same time: its page is fetched and stored once.</summary>
public sealed class SyndicationRaceTests
{
    [Fact]
    public async Task An_article_in_two_feeds_polled_together_is_fetched_once()
    {
        var feedsServed = 0;
        var bothFeedsServed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            if (context.Request.Path.Value!.StartsWith("/feed", StringComparison.Ordinal))
            {
                var tracking = context.Request.Path == "/feed-b.xml" ? "?utm_source=rss&amp;utm_medium=feed" : string.Empty;
                context.Response.ContentType = "application/rss+xml";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                    $"<rss version=\"2.0\"><channel><title>Agencia</title><item><title>Litio en Atacama</title><link>{baseUrl}nota/litio{tracking}</link></item></channel></rss>"));
                if (Interlocked.Increment(ref feedsServed) == 2)
                {
                    bothFeedsServed.SetResult();
                }

                return;
            }

            // The page is held until both feeds have been read, so both polls reach this article at the same time.
            await bothFeedsServed.Task.WaitAsync(TimeSpan.FromSeconds(10));
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                "<html lang=\"es\"><body><article><p>La minera Salar Andino exportará 20 mil toneladas de carbonato de litio a Japón desde 2027.</p>"
                + "<p>El contrato fue firmado en Santiago y vale por cinco años, informó la empresa.</p></article></body></html>"));
        });
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"), worker: new WorkerOptions { MinimumHostGap = TimeSpan.Zero, ConcurrentFeedsPerHost = 2 });
        var feeds = new[]
        {
            new FeedDefinition("Agencia A", server.Url("feed-a.xml"), "es", TimeSpan.FromMinutes(30)),
            new FeedDefinition("Agencia B", server.Url("feed-b.xml"), "es", TimeSpan.FromMinutes(30)),
        };

        var report = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);

        Assert.Single(server.Requests, r => r.PathAndQuery.StartsWith("/nota/litio", StringComparison.Ordinal));
        Assert.Equal((1, 1, 0), (report.Added, report.Known, report.Failed));
        Assert.Equal(1, (await pipeline.Store.GetStatisticsAsync(CancellationToken.None)).Articles);
    }
}
