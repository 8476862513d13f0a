using System.Text;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Cli.Commands;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>The worker alone on its store: leases granted in-process, host turns from the in-memory schedule.</summary>
public sealed class PollCoordinationTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Alone_on_its_store_a_worker_gets_every_free_feed_within_the_per_host_and_pass_limits()
    {
        var options = new WorkerOptions { WorkerId = "solo" };
        var coordinator = new InProcessPollCoordinator(new HostSchedule(options, new FakeTimeProvider(Start)), options, new FakeTimeProvider(Start));
        FeedClaim[] wanted = [new("fr-nickel", "metaux.example"), new("fr-cobalt", "metaux.example"), new("ja-copper", "kogyo.example"), new("kk-uranium", "kazmetal.example")];

        var first = await coordinator.ClaimFeedsAsync(wanted, perHost: 1, limit: 2, CancellationToken.None);
        var second = await coordinator.ClaimFeedsAsync(wanted, perHost: 5, limit: 10, CancellationToken.None);

        Assert.Equal(["fr-nickel", "ja-copper"], first.Select(l => l.FeedName));
        Assert.Equal(["fr-cobalt", "kk-uranium"], second.Select(l => l.FeedName));
        Assert.All(first.Concat(second), l => Assert.Equal("solo", l.WorkerId));
        Assert.Equal(4, (await coordinator.DescribeAsync(CancellationToken.None)).LeasedFeedsByWorker["solo"]);
        Assert.True(await coordinator.ReleaseAsync(first[0], polled: true, CancellationToken.None));
        Assert.Equal(["fr-nickel"], (await coordinator.ClaimFeedsAsync(wanted, 5, 10, CancellationToken.None)).Select(l => l.FeedName));
        Assert.Null(coordinator.LeaseDuration);
    }

    [Fact]
    public async Task Host_turns_follow_the_gap_and_a_backoff_only_the_long_running_worker_waits_for()
    {
        var time = new FakeTimeProvider(Start);
        var options = new WorkerOptions { WorkerId = "solo", MinimumHostGap = TimeSpan.FromSeconds(10), HostBackoff = TimeSpan.FromMinutes(1) };
        var coordinator = new InProcessPollCoordinator(new HostSchedule(options, time), options, time);

        var turn = (await coordinator.TryTakeHostTurnAsync("rudnik.example", honourBackoff: true, CancellationToken.None)).Turn!;
        var answer = await coordinator.EndHostTurnAsync(turn, hostFault: true, retryAfter: null, CancellationToken.None);
        var worker = await coordinator.TryTakeHostTurnAsync("rudnik.example", honourBackoff: true, CancellationToken.None);
        var oneShot = await coordinator.TryTakeHostTurnAsync("rudnik.example", honourBackoff: false, CancellationToken.None);

        Assert.Equal((TimeSpan.FromMinutes(1), 1), (answer.Backoff!.Value, answer.Failures));
        Assert.Equal((true, TimeSpan.FromMinutes(1)), (worker.InBackoff, worker.RetryIn));
        Assert.Equal((false, TimeSpan.FromSeconds(10)), (oneShot.InBackoff, oneShot.RetryIn));
        Assert.Equal(TimeSpan.FromMinutes(1), (await coordinator.HostWaitsAsync(["rudnik.example"], CancellationToken.None))["rudnik.example"]);
        Assert.Equal("rudnik.example", Assert.Single((await coordinator.DescribeAsync(CancellationToken.None)).HostsInBackoff).Host);

        time.Advance(TimeSpan.FromSeconds(10));
        var again = (await coordinator.TryTakeHostTurnAsync("rudnik.example", honourBackoff: false, CancellationToken.None)).Turn!;
        Assert.Equal(1, again.FailuresBefore);
        await coordinator.EndHostTurnAsync(again, hostFault: false, retryAfter: null, CancellationToken.None);
        Assert.Empty((await coordinator.DescribeAsync(CancellationToken.None)).HostsInBackoff);
    }

    [Fact]
    public async Task A_pass_leaves_a_feed_another_worker_holds_and_gives_back_every_lease_it_took()
    {
        var pages = new Dictionary<string, Func<string, string>>
        {
            ["/es.xml"] = baseUrl => Rss(baseUrl, "es-litio.html", "Litio"),
            ["/pt.xml"] = baseUrl => Rss(baseUrl, "pt-niobio.html", "Nióbio"),
            ["/es-litio.html"] = _ => Page("es", "La minera Andina Litio SA venderá 20.000 toneladas de carbonato de litio a Corea del Sur desde 2027."),
            ["/pt-niobio.html"] = _ => Page("pt", "A mineradora Vale do Nióbio SA vai fornecer 3 mil toneladas de nióbio à China a partir de 2027."),
        };
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var found = pages.TryGetValue(context.Request.Path.Value ?? "/", out var render);
            var body = render?.Invoke($"http://{context.Request.Host}/");
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = (context.Request.Path.Value ?? string.Empty).EndsWith(".xml", StringComparison.Ordinal) ? "application/rss+xml" : "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body ?? "not found"));
        });
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"));
        FeedDefinition[] feeds = [new("es-litio", server.Url("es.xml"), "es", TimeSpan.FromMinutes(30)), new("pt-niobio", server.Url("pt.xml"), "pt", TimeSpan.FromMinutes(30))];
        var elsewhere = Assert.Single(await pipeline.Coordinator.ClaimFeedsAsync([new FeedClaim("pt-niobio", server.BaseUrl.IdnHost)], 1, 1, CancellationToken.None));

        var report = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);

        Assert.Equal(["es-litio"], report.Feeds.Select(f => f.Feed));
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.StartsWith("/pt", StringComparison.Ordinal));
        Assert.Equal(1, (await pipeline.Coordinator.DescribeAsync(CancellationToken.None)).LeasedFeedsByWorker.Values.Single());

        await pipeline.Coordinator.ReleaseAsync(elsewhere, polled: false, CancellationToken.None);
        var next = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);
        Assert.Equal(["es-litio", "pt-niobio"], next.Feeds.Select(f => f.Feed).Order(StringComparer.Ordinal));
        Assert.Equal(1, next.Feeds.Single(f => f.Feed == "pt-niobio").Added);
        Assert.Empty((await pipeline.Coordinator.DescribeAsync(CancellationToken.None)).LeasedFeedsByWorker);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("3s", 3_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:02", 2_000)]
    public void Durations_take_a_unit_or_a_time_span(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationOption.Parse(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("-3s")]
    public void Nonsense_is_not_a_duration(string text) => Assert.Null(DurationOption.Parse(text));

    [Fact]
    public async Task Run_refuses_a_lease_too_short_an_unreadable_gap_and_an_alert_claim_shorter_than_a_send_as_usage_errors()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("feeds.json"), """{"feeds":[{"name":"kz","url":"http://127.0.0.1:9/feed.xml","language":"kk","interval":"00:10:00"}]}""");

        var shortLease = await CliProcess.RunAsync(temp.Path, "run", "--feeds", "feeds.json", "--db", temp.File("s.db"), "--once", "--lease", "100ms", "--worker-id", "kz-1");
        var badGap = await CliProcess.RunAsync(temp.Path, "run", "--feeds", "feeds.json", "--db", temp.File("s.db"), "--once", "--host-gap", "soon");
        // A claim no longer than one send would let a second dispatcher take an alert still being sent.
        var claimTooShort = await CliProcess.RunAsync(temp.Path, "run", "--feeds", "feeds.json", "--db", temp.File("s.db"), "--once", "--alert-claim", "10s");

        Assert.Equal(2, shortLease.ExitCode);
        Assert.Contains("LeaseDuration", shortLease.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, badGap.ExitCode);
        Assert.Contains("--host-gap", badGap.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, claimTooShort.ExitCode);
        Assert.Contains("ClaimLease", claimTooShort.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("s.db")), "a refused configuration must not create the store");
    }

    private static string Rss(string baseUrl, string page, string title) => $"""
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title><link>http://example.org/</link><description>x</description>
        <item><title>{title}</title><link>{baseUrl}{page}</link><guid>{page}</guid></item></channel></rss>
        """;

    private static string Page(string language, string sentence) => $"""
        <!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{sentence[..30]}</title></head><body><article><h1>{sentence[..30]}</h1>
        <p>{sentence}</p><p>{sentence} {sentence}</p></article></body></html>
        """;
}
