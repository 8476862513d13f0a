using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>The next-poll rules: adaptive interval within floor and ceiling, server hints, cron, backoff caps.</summary>
public sealed class PollPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly FeedDefinition Feed = new("Редметы", new Uri("https://example.ru/rss"), "ru", TimeSpan.FromHours(1),
        MinInterval: TimeSpan.FromMinutes(20), MaxInterval: TimeSpan.FromHours(3));

    private readonly PollPlanner planner = new(new WorkerOptions { Jitter = 0 }, new Random(1));

    [Fact]
    public void The_interval_never_leaves_the_floor_and_ceiling_however_long_the_streak()
    {
        var state = Polled(TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++)
        {
            state = state with { CurrentInterval = planner.AfterSuccess(Feed, state, newEntries: 3, null, Now).Interval };
        }

        Assert.Equal(TimeSpan.FromMinutes(20), state.CurrentInterval);
        for (var i = 0; i < 10; i++)
        {
            state = state with { CurrentInterval = planner.AfterSuccess(Feed, state, newEntries: 0, null, Now).Interval };
        }

        Assert.Equal(TimeSpan.FromHours(3), state.CurrentInterval);
    }

    [Fact]
    public void A_ttl_or_max_age_lengthens_the_wait_up_to_the_ceiling_and_never_shortens_it()
    {
        var state = Polled(TimeSpan.FromHours(1));

        Assert.Equal(Now + TimeSpan.FromHours(2), planner.AfterSuccess(Feed, state, 0, TimeSpan.FromHours(2), Now).NextPoll);
        var capped = planner.AfterSuccess(Feed, state, 0, TimeSpan.FromDays(2), Now);
        Assert.Equal(Now + TimeSpan.FromHours(3), capped.NextPoll);
        Assert.Contains("capped at the ceiling", capped.Reason, StringComparison.Ordinal);
        Assert.Equal(Now + TimeSpan.FromMinutes(30), planner.AfterSuccess(Feed, state, 1, TimeSpan.FromMinutes(5), Now).NextPoll);
    }

    [Fact]
    public void A_cron_schedule_polls_at_its_next_occurrence_after_any_server_hint()
    {
        var cron = Feed with { Cron = "0 6,18 * * 1-5" };
        var state = Polled(TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero), planner.AfterSuccess(cron, state, 0, null, Now).NextPoll);
        // Friday 19:00: the next weekday occurrence is Monday 06:00.
        var friday = new DateTimeOffset(2026, 3, 6, 19, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 6, 0, 0, TimeSpan.Zero), planner.AfterSuccess(cron, state, 0, null, friday).NextPoll);
        // A hint delays the cron poll to the first occurrence after it: 17:00 + ttl 2 h = 19:00, so Tuesday 06:00.
        var evening = new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero), planner.AfterSuccess(cron, state, 0, TimeSpan.FromHours(2), evening).NextPoll);
    }

    [Fact]
    public void Backoff_doubles_per_failure_waits_at_least_the_retry_after_and_stops_at_the_cap()
    {
        var state = Polled(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromHours(1), planner.AfterFailure(Feed, state, 1, null, Now).NextPoll - Now);
        Assert.Equal(TimeSpan.FromHours(8), planner.AfterFailure(Feed, state, 4, null, Now).NextPoll - Now);
        Assert.Equal(TimeSpan.FromHours(24), planner.AfterFailure(Feed, state, 12, null, Now).NextPoll - Now);
        var retry = planner.AfterFailure(Feed, state, 1, TimeSpan.FromHours(5), Now);
        Assert.Equal((TimeSpan.FromHours(5), "Retry-After 05:00:00"), (retry.NextPoll - Now, retry.Reason));
        Assert.Equal(TimeSpan.FromHours(24), planner.AfterFailure(Feed, state, 1, TimeSpan.FromDays(30), Now).NextPoll - Now);
    }

    [Fact]
    public void Jitter_spreads_feeds_of_one_interval_over_at_most_the_configured_share()
    {
        var jittered = new PollPlanner(new WorkerOptions { Jitter = 0.2 }, new Random(3));
        var waits = Enumerable.Range(0, 50).Select(_ => jittered.AfterSuccess(Feed, Polled(TimeSpan.FromHours(1)), 0, null, Now).NextPoll - Now).ToList();

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromHours(1.5), TimeSpan.FromHours(1.5 * 1.2)));
        Assert.True(waits.Distinct().Count() > 40);
    }

    [Fact]
    public void Default_floor_and_ceiling_follow_the_interval()
    {
        var feed = new FeedDefinition("Metalle", new Uri("https://example.de/feed"), "de", TimeSpan.FromMinutes(30));

        Assert.Equal((TimeSpan.FromMinutes(7.5), TimeSpan.FromHours(4)), (feed.Floor, feed.Ceiling));
        Assert.Equal(TimeSpan.FromMinutes(1), (feed with { Interval = TimeSpan.FromMinutes(2) }).Floor);
        Assert.Equal(TimeSpan.FromHours(24), (feed with { Interval = TimeSpan.FromHours(6) }).Ceiling);
    }

    private static FeedState Polled(TimeSpan current) =>
        FeedState.New(Feed) with { LastSuccess = Now - current, CurrentInterval = current };
}
