using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;
using static NewsPipeline.Ingestion.Tests.CharsetFixtures;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>Fetcher and parser together, as the worker uses them, across several polls of one feed.</summary>
public sealed class FetchAndParseTests
{
    [Theory]
    [InlineData("koi8-r", "application/rss+xml; charset=KOI8-R")]
    [InlineData("shift_jis", "text/xml; charset=Shift_JIS")]
    [InlineData("big5", "application/xml; charset=big5")]
    public async Task Http_charset_reaches_the_parser_through_the_fetch_result(string charset, string contentType)
    {
        var sentence = charset switch { "koi8-r" => Russian, "shift_jis" => Japanese, _ => ChineseTraditional };
        var body = Encode(Rss(sentence, null), charset);
        var parsed = await ServeFetchAndParseAsync(body, contentType);

        Assert.True(parsed.IsSuccess, parsed.Failure?.ToString());
        Assert.Equal(sentence, parsed.Value!.Entries[0].Title);
    }

    /// <summary>Serves the bytes with the given Content-Type on a loopback server, then fetches and parses them as the worker does.</summary>
    private static async Task<Outcome<ParsedFeed>> ServeFetchAndParseAsync(byte[] body, string contentType)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body);
        });
        using var services = IngestionTestHost.Create();
        var feed = new FeedDefinition("Wire", server.Url("/rss"), "ru", TimeSpan.FromMinutes(30));
        var fetched = await services.GetRequiredService<IFeedFetcher>().FetchAsync(feed, FeedState.New(feed), CancellationToken.None);
        return services.GetRequiredService<IFeedParser>().Parse(fetched.Body, fetched.ContentType, fetched.FinalUrl);
    }

    public static TheoryData<string, string, string> MislabelledFeeds => new()
    {
        // No charset anywhere: no HTTP parameter, no XML declaration.
        { Russian, "windows-1251", "application/rss+xml" },
        { Russian, "koi8-r", "application/rss+xml" },
        { Japanese, "shift_jis", "text/xml" },
        { Japanese, "euc-jp", "text/xml" },
        { ChineseSimplified, "gb18030", "application/xml" },
        { ChineseTraditional, "big5", "application/xml" },
        { Kazakh, "utf-8", "application/rss+xml" },
        { German, "windows-1252", "application/rss+xml" },
        { Spanish, "windows-1252", "text/xml" },
        // A server that claims UTF-8 for legacy bytes.
        { Russian, "windows-1251", "application/rss+xml; charset=utf-8" },
        { Russian, "koi8-r", "text/xml; charset=UTF-8" },
        { Japanese, "shift_jis", "application/rss+xml; charset=utf-8" },
        { Japanese, "euc-jp", "application/rss+xml; charset=utf-8" },
        { ChineseSimplified, "gb18030", "application/xml; charset=utf-8" },
        { ChineseTraditional, "big5", "application/xml; charset=utf-8" },
        { German, "windows-1252", "application/rss+xml; charset=utf-8" },
        { Spanish, "windows-1252", "text/xml; charset=utf-8" },
        // Labels that name a subset or an alias of what was sent.
        { ChineseSimplified, "gb18030", "application/xml; charset=gb2312" },
        { Spanish, "windows-1252", "text/xml; charset=iso-8859-1" },
    };

    [Theory]
    [MemberData(nameof(MislabelledFeeds))]
    public async Task Feeds_with_a_missing_or_wrong_charset_come_out_right_over_http(string sentence, string bytesCharset, string contentType)
    {
        var body = Encode(Rss(sentence, null), bytesCharset);
        var parsed = await ServeFetchAndParseAsync(body, contentType);

        Assert.True(parsed.IsSuccess, parsed.Failure?.ToString());
        Assert.Equal(sentence, parsed.Value!.Entries[0].Title);
        Assert.Equal(sentence, parsed.Value.Entries[0].Summary);
    }

    [Fact]
    public async Task Feed_answering_200_304_429_500_200_across_polls_is_read_as_the_server_means()
    {
        var answers = new Queue<Func<HttpContext, Task>>(
        [
            context => Feed(context, "\"v1\"", "Медь дорожает"),
            context => Status(context, StatusCodes.Status304NotModified),
            context =>
            {
                context.Response.Headers.RetryAfter = "60";
                return Status(context, StatusCodes.Status429TooManyRequests);
            },
            context => Status(context, StatusCodes.Status500InternalServerError),
            context => Feed(context, "\"v2\"", "Медь дешевеет"),
        ]);
        await using var server = await LoopbackServer.StartAsync(context => answers.Dequeue()(context));
        using var services = IngestionTestHost.Create();
        var fetcher = services.GetRequiredService<IFeedFetcher>();
        var parser = services.GetRequiredService<IFeedParser>();
        var feed = new FeedDefinition("Медь", server.Url("/copper.xml"), "ru", TimeSpan.FromMinutes(30));
        var state = FeedState.New(feed);
        var results = new List<FeedFetchResult>();
        var titles = new List<string?>();

        for (var poll = 0; poll < 5; poll++)
        {
            var result = await fetcher.FetchAsync(feed, state, CancellationToken.None);
            results.Add(result);
            if (result.Body is not null)
            {
                titles.Add(parser.Parse(result.Body, result.ContentType, result.FinalUrl).Value?.Entries[0].Title);
            }

            // A poller keeps the validators of the last good answer.
            if (result.Failure is null)
            {
                state = state with { ETag = result.ETag, LastModified = result.LastModified };
            }
        }

        Assert.Equal(5, server.Requests.Count);
        Assert.False(server.Requests[0].Headers.ContainsKey("If-None-Match"));
        Assert.All(server.Requests.Skip(1), r => Assert.Equal("\"v1\"", r.Headers["If-None-Match"]));
        Assert.Null(results[0].Failure);
        Assert.True(results[1].NotModified);
        Assert.Equal(FailureReason.RateLimited, results[2].Failure?.Reason);
        Assert.Equal(TimeSpan.FromSeconds(60), results[2].RetryAfter);
        Assert.Equal(FailureReason.HttpStatus, results[3].Failure?.Reason);
        Assert.Null(results[4].Failure);
        Assert.Equal("\"v2\"", results[4].ETag);
        Assert.Equal(["Медь дорожает", "Медь дешевеет"], titles);
    }

    private static async Task Feed(HttpContext context, string etag, string title)
    {
        context.Response.Headers.ETag = etag;
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
            $"<rss version=\"2.0\"><channel><title>Металлы</title><item><title>{title}</title><link>https://metals.example/ru/1</link></item></channel></rss>"));
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
