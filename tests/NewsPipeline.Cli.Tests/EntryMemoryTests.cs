using System.Text;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>Per-feed memory of handled entries: a page is fetched once, a failed one is tried again.</summary>
public sealed class EntryMemoryTests
{
    [Fact]
    public async Task A_handled_entry_is_never_fetched_again_and_a_failed_one_is_retried()
    {
        var flakyCalls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            var path = context.Request.Path.Value;
            if (path == "/feed.xml")
            {
                context.Response.ContentType = "application/rss+xml";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                    $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Metais</title><link>{baseUrl}</link><description>d</description>"
                    + $"<item><title>Lítio</title><link>{baseUrl}go/123</link><guid isPermaLink=\"false\">pt-123</guid></item>"
                    + $"<item><title>Cobre</title><link>{baseUrl}flaky</link></item></channel></rss>"));
                return;
            }

            if (path == "/flaky" && Interlocked.Increment(ref flakyCalls) == 1)
            {
                context.Response.StatusCode = 503;
                return;
            }

            // The page names a canonical URL unlike the entry's link, so URL dedup alone would fetch it every poll.
            var slug = path == "/flaky" ? "cobre-chile" : "litio-minas-gerais";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                $"<html lang=\"pt\"><head><link rel=\"canonical\" href=\"{baseUrl}noticias/{slug}\"></head><body><article>"
                + $"<p>A mineradora Vale do Jequitinhonha Mineração S.A. vai fornecer 40 mil toneladas por ano de concentrado de lítio a partir de 2027 ({slug}).</p>"
                + "<p>O contrato foi assinado em Belo Horizonte e vale por cinco anos, segundo a empresa.</p></article></body></html>"));
        });
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"));
        var feed = new FeedDefinition("Metais", server.Url("feed.xml"), "pt", TimeSpan.FromMinutes(30));

        var first = await pipeline.Cycle.RunAsync([feed], onlyDue: false, CancellationToken.None);
        var second = await pipeline.Cycle.RunAsync([feed], onlyDue: false, CancellationToken.None);
        var third = await pipeline.Cycle.RunAsync([feed], onlyDue: false, CancellationToken.None);

        Assert.Equal((1, 1), (first.Added, first.Failed));
        Assert.Equal((1, 0), (second.Added, second.Failed));
        Assert.Equal(0, third.Added);
        Assert.Single(server.Requests, r => r.PathAndQuery == "/go/123");
        Assert.Equal(2, server.Requests.Count(r => r.PathAndQuery == "/flaky"));
        Assert.Equal(2, (await pipeline.Store.GetStatisticsAsync(CancellationToken.None)).Articles);
    }
}
