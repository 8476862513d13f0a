using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>What the feed fetcher sends and how it reads each answer, against a real server on 127.0.0.1.</summary>
public sealed class HttpFeedFetcherTests
{
    private static readonly byte[] SmallFeed = Encoding.UTF8.GetBytes(
        "<rss version=\"2.0\"><channel><title>Metals wire</title><item><title>Gallium deal signed</title><link>https://example.org/a</link></item></channel></rss>");

    [Fact]
    public async Task Conditional_get_sends_the_stored_validators_verbatim_and_reports_not_modified()
    {
        const string etag = "W/\"gallium-7\"";
        const string lastModified = "Wed, 21 Oct 2026 07:28:00 GMT";
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = lastModified;
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(SmallFeed);
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        var first = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);
        var second = await fetcher.FetchAsync(feed, FeedState.New(feed) with { ETag = first.ETag, LastModified = first.LastModified }, CancellationToken.None);

        Assert.Null(first.Failure);
        Assert.Equal(SmallFeed, first.Body);
        Assert.Equal(etag, first.ETag);
        Assert.Equal(lastModified, first.LastModified);
        Assert.False(server.Requests[0].Headers.ContainsKey("If-None-Match"));
        Assert.Equal(etag, server.Requests[1].Headers["If-None-Match"]);
        Assert.Equal(lastModified, server.Requests[1].Headers["If-Modified-Since"]);
        Assert.True(second.NotModified);
        Assert.Null(second.Body);
        Assert.Null(second.Failure);
        Assert.Equal(etag, second.ETag);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Requests_name_the_client_with_a_contact_url_and_ask_for_feed_types()
    {
        await using var server = await LoopbackServer.StartAsync(Routes(("/rss", SmallFeed)));
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Contains("NewsPipeline", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Contains("https://", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Contains("application/rss+xml", request.Headers["Accept"], StringComparison.Ordinal);
        Assert.Contains("application/atom+xml", request.Headers["Accept"], StringComparison.Ordinal);
        Assert.Contains("gzip", request.Headers["Accept-Encoding"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(308)]
    public async Task Permanent_redirect_reports_the_new_url_and_returns_its_body(int status)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "/new";
                return;
            }

            await context.Response.Body.WriteAsync(SmallFeed);
        });
        var (fetcher, feed) = Fetcher(server.Url("/old"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(server.Url("/new"), result.NewUrl);
        Assert.Equal(server.Url("/new"), result.FinalUrl);
        Assert.Equal(SmallFeed, result.Body);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task Temporary_redirect_is_followed_without_moving_the_feed(int status)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/feed")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = $"http://{context.Request.Host}/mirror";
                return;
            }

            await context.Response.Body.WriteAsync(SmallFeed);
        });
        var (fetcher, feed) = Fetcher(server.Url("/feed"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Null(result.NewUrl);
        Assert.Equal(server.Url("/mirror"), result.FinalUrl);
        Assert.Equal(SmallFeed, result.Body);
    }

    [Fact]
    public async Task Feed_state_url_is_polled_instead_of_the_configured_one_after_a_move()
    {
        await using var server = await LoopbackServer.StartAsync(Routes(("/moved", SmallFeed)));
        var (fetcher, feed) = Fetcher(server.Url("/original"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed) with { Url = server.Url("/moved") }, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal("/moved", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Redirect_loop_stops_at_the_hop_limit()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = context.Request.Path == "/a" ? "/b" : "/a";
            return Task.CompletedTask;
        });
        var (fetcher, feed) = Fetcher(server.Url("/a"), new IngestionOptions { MaxRedirects = 3 });

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.HttpStatus, result.Failure?.Reason);
        Assert.Contains("more than 3 redirects", result.Failure!.Detail, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Missing_feed_is_gone(int status)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.Gone, result.Failure?.Reason);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Failure!.Detail, StringComparison.Ordinal);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task Too_many_requests_with_retry_after_seconds_is_rate_limited()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "120";
            return Task.CompletedTask;
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.RateLimited, result.Failure?.Reason);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task Unavailable_with_retry_after_date_waits_until_that_date()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "Fri, 27 Nov 2026 10:15:00 GMT";
            return Task.CompletedTask;
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"), time: time);

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.RateLimited, result.Failure?.Reason);
        Assert.Equal(TimeSpan.FromMinutes(15), result.RetryAfter);
    }

    [Fact]
    public async Task Unavailable_without_retry_after_is_rate_limited_with_no_hint()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.RateLimited, result.Failure?.Reason);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task Server_error_is_an_http_status_failure()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.HttpStatus, result.Failure?.Reason);
        Assert.Contains("500", result.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endless_body_is_cut_off_at_the_cap_while_streaming()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', 8192));
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("<rss version=\"2.0\"><channel><title>"), context.RequestAborted);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        var options = new IngestionOptions { FeedBodyLimitBytes = 64 * 1024, PageBodyLimitBytes = 64 * 1024 };
        var (fetcher, feed) = Fetcher(server.Url("/rss"), options);

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.TooLarge, result.Failure?.Reason);
        Assert.Contains("while streaming", result.Failure!.Detail, StringComparison.Ordinal);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task Body_declared_larger_than_the_cap_is_refused_before_reading()
    {
        var big = new byte[100_000];
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentLength = big.Length;
            await context.Response.Body.WriteAsync(big, context.RequestAborted);
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"), new IngestionOptions { FeedBodyLimitBytes = 50_000 });

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.TooLarge, result.Failure?.Reason);
        Assert.Contains("Content-Length", result.Failure!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_of_exactly_the_cap_is_accepted()
    {
        var exact = new byte[4096];
        Array.Fill(exact, (byte)'a');
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.Body.WriteAsync(exact));
        var (fetcher, feed) = Fetcher(server.Url("/rss"), new IngestionOptions { FeedBodyLimitBytes = 4096 });

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(4096, result.Body!.Length);
    }

    [Fact]
    public async Task Stalled_body_ends_in_a_timeout_failure()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("<rss version=\"2.0\"><channel>"), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"), new IngestionOptions { RequestTimeout = TimeSpan.FromMilliseconds(500) });

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.Timeout, result.Failure?.Reason);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_feed_failure()
    {
        await using var server = await LoopbackServer.StartAsync(context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        var (fetcher, feed) = Fetcher(server.Url("/rss"));
        using var shutdown = new CancellationTokenSource();
        var fetch = fetcher.FetchAsync(feed, FeedState.New(feed), shutdown.Token);
        await shutdown.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Fact]
    public async Task Refused_connection_is_a_network_error()
    {
        Uri closed;
        await using (var server = await LoopbackServer.StartAsync(Routes()))
        {
            closed = server.Url("/rss");
        }

        var (fetcher, feed) = Fetcher(closed);

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Equal(FailureReason.NetworkError, result.Failure?.Reason);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Compressed_body_is_decompressed(string contentEncoding)
    {
        var compressed = Compress(SmallFeed, contentEncoding);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = contentEncoding;
            await context.Response.Body.WriteAsync(compressed);
        });
        var (fetcher, feed) = Fetcher(server.Url("/rss"));

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(SmallFeed, result.Body);
    }

    [Fact]
    public async Task Decompression_bomb_is_stopped_at_the_decompressed_cap()
    {
        // 32 MiB of zeros compress to about 32 KiB: small on the wire, huge in memory.
        var bomb = Compress(new byte[32 * 1024 * 1024], "gzip");
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(bomb);
        });
        var options = new IngestionOptions { FeedBodyLimitBytes = 512 * 1024, PageBodyLimitBytes = 512 * 1024, DecompressedBodyLimitBytes = 1024 * 1024 };
        var (fetcher, feed) = Fetcher(server.Url("/rss"), options);

        var result = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.True(bomb.Length < options.FeedBodyLimitBytes);
        Assert.Equal(FailureReason.TooLarge, result.Failure?.Reason);
        Assert.Contains("after decompression", result.Failure!.Detail, StringComparison.Ordinal);
    }

    internal static byte[] Compress(byte[] data, string contentEncoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = contentEncoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest),
            _ => new BrotliStream(output, CompressionLevel.Fastest),
        })
        {
            compressor.Write(data);
        }

        return output.ToArray();
    }

    internal static IReadOnlyDictionary<string, (string ContentType, byte[] Body)> Routes(params (string Path, byte[] Body)[] routes) =>
        routes.ToDictionary(r => r.Path, r => ("application/rss+xml", r.Body));

    private static (IFeedFetcher Fetcher, FeedDefinition Feed) Fetcher(Uri url, IngestionOptions? options = null, TimeProvider? time = null)
    {
        var services = IngestionTestHost.Create(options, time);
        return (services.GetRequiredService<IFeedFetcher>(), new FeedDefinition("Loopback wire", url, "en", TimeSpan.FromMinutes(30)));
    }
}
