using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>Politeness and pausing: what the scheduler does to publishers over several cycles.</summary>
public sealed class SchedulingTests
{
    private const string EmptyRss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>http://x/</link><description>d</description></channel></rss>";

    [Fact]
    public async Task A_gone_feed_is_paused_visibly_and_a_new_url_in_feeds_json_resumes_it()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = context.Request.Path == "/old.xml" ? StatusCodes.Status410Gone : StatusCodes.Status200OK;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(context.Response.StatusCode == 200 ? EmptyRss : "gone"));
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"), time);
        var feed = new FeedDefinition("Рудник", server.Url("old.xml"), "ru", TimeSpan.FromMinutes(10));

        await pipeline.Cycle.RunAsync([feed], onlyDue: true, CancellationToken.None);
        time.Advance(TimeSpan.FromDays(3));
        await pipeline.Cycle.RunAsync([feed], onlyDue: true, CancellationToken.None);

        var paused = await pipeline.Store.GetFeedStateAsync(feed.Name, CancellationToken.None);
        Assert.StartsWith("gone", paused!.PausedReason, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.PathAndQuery == "/old.xml");

        var moved = feed with { Url = server.Url("new.xml") };
        await pipeline.Cycle.RunAsync([moved], onlyDue: true, CancellationToken.None);
        var resumed = await pipeline.Store.GetFeedStateAsync(feed.Name, CancellationToken.None);
        Assert.Null(resumed!.PausedReason);
        Assert.Single(server.Requests, r => r.PathAndQuery == "/new.xml");
    }

    [Fact]
    public async Task A_feed_that_keeps_failing_is_paused_after_the_configured_count()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"), time, new WorkerOptions { PauseAfterFailures = 3 });
        var feed = new FeedDefinition("Minería", server.Url("feed.xml"), "es", TimeSpan.FromMinutes(10));

        for (var day = 0; day < 6; day++)
        {
            await pipeline.Cycle.RunAsync([feed], onlyDue: true, CancellationToken.None);
            time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(3, server.Requests.Count);
        var state = await pipeline.Store.GetFeedStateAsync(feed.Name, CancellationToken.None);
        Assert.Equal("3 failures in a row", state!.PausedReason);
    }

    [Fact]
    public async Task Feeds_of_one_host_are_never_fetched_at_the_same_time_and_success_is_rescheduled_with_jitter()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Delay(150);
            Interlocked.Decrement(ref inFlight);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(EmptyRss));
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"), time);
        var feeds = Enumerable.Range(1, 6)
            .Select(i => new FeedDefinition($"feed {i}", server.Url($"f{i}.xml"), "de", TimeSpan.FromHours(1)))
            .ToList();

        var report = await pipeline.Cycle.RunAsync(feeds, onlyDue: true, CancellationToken.None);

        Assert.All(report.Feeds, f => Assert.True(f.Succeeded));
        Assert.Equal(1, maxInFlight);
        var next = (await pipeline.Store.ListFeedStatesAsync(CancellationToken.None)).Select(s => s.NextPoll!.Value - time.GetUtcNow()).ToList();
        Assert.All(next, wait => Assert.InRange(wait, TimeSpan.FromHours(1), TimeSpan.FromHours(1.1)));
        Assert.True(next.Distinct().Count() > 1, "jitter spreads the next polls");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
