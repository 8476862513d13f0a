using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>Server hints the scheduler honours (ttl, sy:updatePeriod, max-age, Expires) and Media RSS on entries.</summary>
public sealed class FeedHintsAndMediaTests
{
    private static readonly Uri FeedUrl = new("https://metals.example.kz/rss/kk.xml");

    [Theory]
    [InlineData("<ttl>90</ttl>", 90)]
    [InlineData("<ttl> 0 </ttl>", null)]
    [InlineData("<ttl>soon</ttl>", null)]
    [InlineData("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>", 30)]
    [InlineData("<sy:updatePeriod>daily</sy:updatePeriod>", 1440)]
    [InlineData("<sy:updatePeriod>sometimes</sy:updatePeriod>", null)]
    public void The_publishers_freshness_hint_is_read_from_the_channel(string hint, int? minutes)
    {
        var feed = Parse($"""
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>Қазақ металдары</title>{hint}
            <item><title>Уран экспорты артты</title><link>https://metals.example.kz/uran</link></item></channel></rss>
            """);

        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, feed.TimeToLive);
    }

    [Fact]
    public void Rdf_feeds_give_their_syndication_period_too()
    {
        var feed = Parse("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
            <channel rdf:about="https://metals.example.kz/"><title>Металлы</title><sy:updatePeriod>weekly</sy:updatePeriod><sy:updateFrequency>7</sy:updateFrequency></channel>
            <item rdf:about="https://metals.example.kz/med"><title>Медь</title><link>https://metals.example.kz/med</link></item></rdf:RDF>
            """);

        Assert.Equal(TimeSpan.FromDays(1), feed.TimeToLive);
    }

    [Fact]
    public void Media_objects_are_read_in_rss_with_groups_and_scoped_titles_and_descriptions()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>鉱業ニュース</title>
            <item><title>ガリウム輸出</title><link>https://kogyo.example.jp/ga</link>
              <media:description>記事の写真</media:description>
              <media:content url="/img/ga.jpg" type="image/jpeg" medium="image"><media:title>製錬所</media:title>
                <media:thumbnail url="https://kogyo.example.jp/img/ga-s.jpg"/></media:content>
              <media:group><media:title>動画: 港の出荷</media:title>
                <media:content url="https://kogyo.example.jp/v/ga.mp4" type="video/mp4"/>
                <media:content url="https://kogyo.example.jp/v/ga.webm" type="video/webm"/></media:group>
            </item></channel></rss>
            """);

        var media = feed.Entries.Single().Media!;
        Assert.Equal(
            [
                new FeedMedia(new Uri("https://metals.example.kz/img/ga.jpg"), "content", "image/jpeg", "image", "製錬所", "記事の写真"),
                new FeedMedia(new Uri("https://kogyo.example.jp/img/ga-s.jpg"), "thumbnail", null, null, "製錬所", "記事の写真"),
                new FeedMedia(new Uri("https://kogyo.example.jp/v/ga.mp4"), "content", "video/mp4", null, "動画: 港の出荷", "記事の写真"),
                new FeedMedia(new Uri("https://kogyo.example.jp/v/ga.webm"), "content", "video/webm", null, "動画: 港の出荷", "記事の写真"),
            ],
            media);
    }

    [Fact]
    public void Media_in_atom_with_an_undeclared_prefix_is_read_and_its_description_stands_in_for_a_missing_summary()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Видео о металлах</title>
            <entry><id>yt:1</id><link href="https://video.example.ru/watch/1"/>
              <media:group><media:title>Никель: обзор рынка</media:title><media:description>Цены на никель выросли на 4 %.</media:description>
                <media:thumbnail url="https://video.example.ru/t/1.jpg" width="480" height="360"/></media:group></entry></feed>
            """);

        var entry = feed.Entries.Single();
        Assert.Equal("Никель: обзор рынка", entry.Title);
        Assert.Equal("Цены на никель выросли на 4 %.", entry.Summary);
        Assert.Equal(new FeedMedia(new Uri("https://video.example.ru/t/1.jpg"), "thumbnail", null, null, "Никель: обзор рынка", "Цены на никель выросли на 4 %."), Assert.Single(entry.Media!));
    }

    [Fact]
    public void Items_without_media_carry_none()
    {
        var feed = Parse("""<rss version="2.0"><channel><title>Metales</title><item><title>Litio</title><link>https://x.example.cl/litio</link></item></channel></rss>""");

        Assert.Null(feed.Entries.Single().Media);
        Assert.Null(feed.TimeToLive);
    }

    [Theory]
    [InlineData("public, max-age=600", null, null, 600)]
    [InlineData("max-age=600", "100", null, 500)]
    [InlineData(null, null, "Fri, 27 Nov 2026 11:00:00 GMT", 3600)]
    [InlineData("no-cache", null, "Fri, 27 Nov 2026 11:00:00 GMT", null)]
    [InlineData(null, null, "0", 0)]
    [InlineData(null, null, null, null)]
    public async Task Freshness_from_cache_control_or_expires_reaches_the_fetch_result(string? cacheControl, string? age, string? expires, int? seconds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.Date = "Fri, 27 Nov 2026 10:00:00 GMT";
            if (cacheControl is not null)
            {
                context.Response.Headers.CacheControl = cacheControl;
            }

            if (age is not null)
            {
                context.Response.Headers.Age = age;
            }

            if (expires is not null)
            {
                context.Response.Headers.Expires = expires;
            }

            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>t</title></channel></rss>"));
        });
        using var services = IngestionTestHost.Create(time: time);
        var feed = new FeedDefinition("Rohstoffe", server.Url("feed"), "de", TimeSpan.FromMinutes(30));

        var result = await services.GetRequiredService<IFeedFetcher>().FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, result.FreshFor);
    }

    [Fact]
    public async Task A_304_carries_its_freshness_and_a_5xx_is_a_fault_of_the_host()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                context.Response.Headers.CacheControl = "max-age=1800";
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }

            return Task.CompletedTask;
        });
        using var services = IngestionTestHost.Create();
        var feed = new FeedDefinition("Métaux", server.Url("feed"), "fr", TimeSpan.FromMinutes(30));
        var fetcher = services.GetRequiredService<IFeedFetcher>();

        var notModified = await fetcher.FetchAsync(feed, FeedState.New(feed) with { ETag = "\"x\"" }, CancellationToken.None);
        var badGateway = await fetcher.FetchAsync(feed, FeedState.New(feed), CancellationToken.None);

        Assert.True(notModified.NotModified);
        Assert.Equal(TimeSpan.FromMinutes(30), notModified.FreshFor);
        Assert.False(notModified.IsHostFault);
        Assert.Equal((FailureReason.HttpStatus, 502, true), (badGateway.Failure!.Reason, badGateway.StatusCode, badGateway.IsHostFault));
    }

    private static ParsedFeed Parse(string text)
    {
        var outcome = IngestionTestHost.Parser().Parse(Encoding.UTF8.GetBytes(text), "application/xml", FeedUrl);
        Assert.True(outcome.IsSuccess, outcome.Failure?.ToString());
        return outcome.Value!;
    }
}
