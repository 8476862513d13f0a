using System.Text;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>Permanent redirects are remembered; an operator's edit of feeds.json wins over them.</summary>
public sealed class FeedMoveTests
{
    [Fact]
    public async Task A_permanent_move_is_followed_directly_next_time_until_feeds_json_names_another_url()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var path = context.Request.Path.Value;
            if (path == "/old.xml")
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = "/new.xml";
                return;
            }

            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Noticias</title><link>http://x/</link><description>d</description></channel></rss>"));
        });
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"));
        var original = new FeedDefinition("minería", server.Url("old.xml"), "es", TimeSpan.FromMinutes(30));

        await pipeline.Cycle.RunAsync([original], onlyDue: false, CancellationToken.None);
        await pipeline.Cycle.RunAsync([original], onlyDue: false, CancellationToken.None);
        await pipeline.Cycle.RunAsync([original with { Url = server.Url("other.xml") }], onlyDue: false, CancellationToken.None);

        Assert.Equal(["/old.xml", "/new.xml", "/new.xml", "/other.xml"], server.Requests.Select(r => r.PathAndQuery));
        var state = await pipeline.Store.GetFeedStateAsync("minería", CancellationToken.None);
        Assert.Equal(server.Url("other.xml"), state!.Url);
    }
}
