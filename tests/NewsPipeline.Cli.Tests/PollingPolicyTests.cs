using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>
/// One feed whose server answers 200, 304, 429, 500, 200, 304 on successive polls: the requests the worker makes,
/// the waits it chooses (fake time, no jitter) and the articles it stores.
/// </summary>
public sealed class PollingPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_feed_answering_200_304_429_500_200_304_is_polled_conditionally_with_the_waits_each_answer_calls_for()
    {
        var feedPolls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var path = context.Request.Path.Value!;
            if (path.StartsWith("/artigo/", StringComparison.Ordinal))
            {
                await WritePageAsync(context, path);
                return;
            }

            switch (Interlocked.Increment(ref feedPolls))
            {
                case 1:
                    await WriteFeedAsync(context, "\"v1\"", "a", "b");
                    break;
                case 2 or 6:
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    if (feedPolls == 6)
                    {
                        context.Response.Headers.CacheControl = "public, max-age=14400";
                    }

                    break;
                case 3:
                    context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    context.Response.Headers.RetryAfter = "7200";
                    break;
                case 4:
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    break;
                default:
                    await WriteFeedAsync(context, "\"v2\"", "a", "b", "c");
                    break;
            }
        });
        var time = new FakeTimeProvider(Start);
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"), time, new WorkerOptions { Jitter = 0 });
        var feed = new FeedDefinition("Mineração", server.Url("feed.xml"), "pt", TimeSpan.FromHours(1));

        var waits = new List<(TimeSpan Wait, string Reason)>();
        var added = new List<int>();
        for (var poll = 0; poll < 6; poll++)
        {
            var report = await pipeline.Cycle.RunAsync([feed], onlyDue: true, CancellationToken.None);
            added.Add(report.Added);
            var state = (await pipeline.Store.GetFeedStateAsync(feed.Name, CancellationToken.None))!;
            waits.Add((state.NextPoll!.Value - time.GetUtcNow(), state.NextPollReason!));

            // Nothing is polled before it is due: a pass a minute early leaves the server alone.
            time.SetUtcNow(state.NextPoll.Value - TimeSpan.FromMinutes(1));
            await pipeline.Cycle.RunAsync([feed], onlyDue: true, CancellationToken.None);
            time.SetUtcNow(state.NextPoll.Value);
        }

        var feedRequests = server.Requests.Where(r => r.PathAndQuery == "/feed.xml").ToList();
        Assert.Equal(6, feedRequests.Count);
        Assert.False(feedRequests[0].Headers.ContainsKey("If-None-Match"));
        Assert.All(feedRequests.Skip(1).Take(4), r => Assert.Equal("\"v1\"", r.Headers["If-None-Match"]));
        Assert.All(feedRequests.Skip(1), r => Assert.Equal("Mon, 02 Mar 2026 07:00:00 GMT", r.Headers["If-Modified-Since"]));
        Assert.Equal("\"v2\"", feedRequests[5].Headers["If-None-Match"]);

        Assert.Equal(
            [
                (TimeSpan.FromHours(1), "interval"),                       // first success keeps the configured interval
                (TimeSpan.FromHours(1.5), "adaptive: nothing new"),         // 304: the interval grows by half
                (TimeSpan.FromHours(2), "Retry-After 02:00:00"),            // 429: the server's wait beats the 1 h backoff
                (TimeSpan.FromHours(2), "backoff after 2 failure(s)"),      // 500: interval × 2
                (TimeSpan.FromMinutes(45), "adaptive: new entries"),        // a new entry halves the adapted 1.5 h
                (TimeSpan.FromHours(4), "server hint 04:00:00"),            // max-age 4 h outweighs 67.5 min, under the 8 h ceiling
            ],
            waits);
        Assert.Equal([2, 0, 0, 0, 1, 0], added);
        Assert.Single(server.Requests, r => r.PathAndQuery == "/artigo/a");
        Assert.Single(server.Requests, r => r.PathAndQuery == "/artigo/c");
        Assert.Equal(3, (await pipeline.Store.GetStatisticsAsync(CancellationToken.None)).Articles);
    }

    private static async Task WriteFeedAsync(HttpContext context, string etag, params string[] slugs)
    {
        var baseUrl = $"http://{context.Request.Host}/";
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        context.Response.Headers.ETag = etag;
        context.Response.Headers.LastModified = "Mon, 02 Mar 2026 07:00:00 GMT";
        var items = string.Concat(slugs.Select(s =>
            $"<item><title>Notícia {s}</title><link>{baseUrl}artigo/{s}</link><guid isPermaLink=\"false\">pt-{s}</guid></item>"));
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Mineração</title><link>{baseUrl}</link><description>d</description>{items}</channel></rss>"));
    }

    private static async Task WritePageAsync(HttpContext context, string path)
    {
        var slug = path["/artigo/".Length..];
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
            $"<html lang=\"pt\"><head><title>Notícia {slug}</title></head><body><article>"
            + $"<p>A mineradora Serra Azul Mineração S.A. vai exportar {slug.Length * 10} mil toneladas de minério de ferro para a China em 2027 (notícia {slug}).</p>"
            + "<p>O acordo foi assinado em Belo Horizonte e vale por três anos, segundo a empresa.</p></article></body></html>"));
    }
}
