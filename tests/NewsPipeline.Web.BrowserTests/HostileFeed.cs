using System.Text;
using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// A publisher whose article title carries markup (a script element and an image with an onerror handler),
/// served on loopback and ingested through the real pipeline, so the page is tested against what a hostile
/// feed can really put in the store. The text is ours.
/// </summary>
public sealed class HostileFeed : IAsyncDisposable
{
    public const string FeedName = "Test Wire (hostile titles)";

    /// <summary>The title as the page must show it: markup as visible text.</summary>
    public const string Title = "<script>window.__pwned = true</script><img src=x onerror=\"window.__pwned = true\"> Nordhavn Metals buys Kazakh gallium";

    /// <summary>A word of the article that full-text search finds only in this article.</summary>
    public const string SearchWord = "Nordhavn";

    private readonly LoopbackServer server;

    private HostileFeed(LoopbackServer server) => this.server = server;

    public FeedDefinition Feed => new(FeedName, server.Url("feed.rss.xml"), "en", TimeSpan.FromHours(1));

    public static async Task<HostileFeed> StartAsync()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var feedTemplate = await File.ReadAllTextAsync(Path.Combine(fixtures, "hostile-feed.rss.xml"));
        var articleTemplate = await File.ReadAllTextAsync(Path.Combine(fixtures, "hostile-article.html"));
        var server = await LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            var (contentType, body) = context.Request.Path.Value switch
            {
                "/feed.rss.xml" => ("application/rss+xml; charset=utf-8", feedTemplate),
                "/articles/nordhavn-gallium.html" => ("text/html; charset=utf-8", articleTemplate),
                _ => (null, null),
            };
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body.Replace("{{BASE_URL}}", baseUrl, StringComparison.Ordinal), Encoding.UTF8);
        });
        return new HostileFeed(server);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
