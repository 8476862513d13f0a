using Cronos;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Worker;

/// <summary>When a feed is polled next, why, and the interval it adapted to.</summary>
public sealed record PollPlan(DateTimeOffset NextPoll, TimeSpan Interval, string Reason);

/// <summary>
/// Chooses each feed's next poll:
/// <list type="bullet">
/// <item>success: the interval adapts between the feed's floor and ceiling, halved when the poll brought new entries and
/// grown by half when it brought none (a 304 or only known entries); the first success keeps the configured interval;</item>
/// <item>a server hint (RSS ttl or sy:updatePeriod, Cache-Control max-age, Expires) can only lengthen the wait, up to the ceiling;</item>
/// <item>a cron schedule replaces the interval: the first occurrence after the hint is over;</item>
/// <item>failure: exponential backoff from the interval (doubling per consecutive failure) up to
/// <see cref="WorkerOptions.MaximumFeedBackoff"/>, and never before the server's Retry-After (within that same cap);</item>
/// <item>jitter: up to <see cref="WorkerOptions.Jitter"/> of the wait is added at random so a host's feeds drift apart
/// (not to cron times, which the operator chose).</item>
/// </list>
/// </summary>
public sealed class PollPlanner(WorkerOptions options, Random random)
{
    private const double Shrink = 0.5;
    private const double Grow = 1.5;

    public PollPlan AfterSuccess(FeedDefinition feed, FeedState state, int newEntries, TimeSpan? serverHint, DateTimeOffset now)
    {
        var (interval, reason) = state.LastSuccess is null || state.CurrentInterval is null
            ? (feed.Interval, "interval")
            : newEntries > 0
                ? (Clamp(state.CurrentInterval.Value * Shrink, feed), "adaptive: new entries")
                : (Clamp(state.CurrentInterval.Value * Grow, feed), "adaptive: nothing new");
        var wait = interval;
        if (serverHint is { } hint && hint > wait)
        {
            wait = hint < feed.Ceiling ? hint : feed.Ceiling;
            reason = "server hint " + Describe(hint) + (hint > feed.Ceiling ? " (capped at the ceiling)" : string.Empty);
        }

        if (feed.Cron is { } cron)
        {
            var earliest = serverHint is { } h && h > TimeSpan.Zero ? now + (h < feed.Ceiling ? h : feed.Ceiling) : now;
            return new PollPlan(NextOccurrence(cron, earliest, now + feed.Ceiling), interval, "cron " + cron);
        }

        return new PollPlan(now + Jittered(wait), interval, reason);
    }

    public PollPlan AfterFailure(FeedDefinition feed, FeedState state, int consecutiveFailures, TimeSpan? retryAfter, DateTimeOffset now)
    {
        var exponent = Math.Min(consecutiveFailures - 1, 20);
        var cap = options.MaximumFeedBackoff;
        var wait = TimeSpan.FromTicks(Math.Min(cap.Ticks, feed.Interval.Ticks * (1L << exponent)));
        var reason = $"backoff after {consecutiveFailures} failure(s)";
        if (retryAfter is { } hint && hint > wait)
        {
            wait = hint < cap ? hint : cap;
            reason = "Retry-After " + Describe(hint) + (hint > cap ? " (capped)" : string.Empty);
        }

        return new PollPlan(now + Jittered(wait), state.CurrentInterval ?? feed.Interval, reason);
    }

    private static TimeSpan Clamp(TimeSpan interval, FeedDefinition feed) =>
        interval < feed.Floor ? feed.Floor : interval > feed.Ceiling ? feed.Ceiling : interval;

    private TimeSpan Jittered(TimeSpan wait) => wait + (wait * (options.Jitter * random.NextDouble()));

    // Cron times are UTC minutes; a schedule with no occurrence soon (such as 30 February) falls back to the ceiling.
    private static DateTimeOffset NextOccurrence(string cron, DateTimeOffset after, DateTimeOffset fallback) =>
        CronExpression.Parse(cron, CronFormat.Standard).GetNextOccurrence(after, TimeZoneInfo.Utc) ?? fallback;

    private static string Describe(TimeSpan span) => span.ToString(span.TotalDays >= 1 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
