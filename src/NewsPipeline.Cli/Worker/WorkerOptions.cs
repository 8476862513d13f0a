using System.Globalization;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Worker;

/// <summary>How the worker schedules its cycles. Validated at start-up.</summary>
public sealed record WorkerOptions
{
    /// <summary>Feeds polled at the same time.</summary>
    public int ConcurrentFeeds { get; init; } = 4;

    /// <summary>The shortest sleep between two cycles, so a feed due "now" cannot spin the loop.</summary>
    public TimeSpan MinimumIdle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest sleep, so a changed clock or a new feed is noticed.</summary>
    public TimeSpan MaximumIdle { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Feeds of one host polled at the same time, so a publisher never sees a burst from us.</summary>
    public int ConcurrentFeedsPerHost { get; init; } = 1;

    /// <summary>Up to this share of the interval is added at random, so one host's feeds do not fire together.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>Consecutive failures after which a feed is paused until an operator changes or resumes it.</summary>
    public int PauseAfterFailures { get; init; } = 10;

    /// <summary>
    /// The least time between the end of one request to a host and the start of the next one. With a gap, a host's
    /// feeds are polled one at a time; zero lets <see cref="ConcurrentFeedsPerHost"/> feeds of a host run together.
    /// </summary>
    public TimeSpan MinimumHostGap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait after a host fails (unreachable, timeout, 429, 5xx); it doubles with each further failure.</summary>
    public TimeSpan HostBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a failing host is left alone before its feeds are tried again.</summary>
    public TimeSpan MaximumHostBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest a failing feed waits before its next try (its own backoff doubles the feed's interval).</summary>
    public TimeSpan MaximumFeedBackoff { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Names this worker in feed leases and logs; defaults to host name and process id, unique per live process.</summary>
    public string WorkerId { get; init; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");

    /// <summary>
    /// How long a claimed feed stays this worker's without renewal when workers share a store (renewed while a slow
    /// poll runs): a crashed worker's feeds are taken over this long after its last renewal.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The most feeds one pass of the long-running worker claims, so other workers get their share.</summary>
    public int FeedsPerPass { get; init; } = 32;

    /// <summary>The lease and politeness rules shared with other workers.</summary>
    public PollCoordinationOptions Coordination => new()
    {
        WorkerId = WorkerId,
        LeaseDuration = LeaseDuration,
        MinimumHostGap = MinimumHostGap,
        HostBackoff = HostBackoff,
        MaximumHostBackoff = MaximumHostBackoff,
        MaximumRetryAfter = MaximumFeedBackoff,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FeedsPerPass is < 1 or > 10_000)
        {
            errors.Add($"FeedsPerPass must be between 1 and 10000 (was {FeedsPerPass})");
        }

        if (string.IsNullOrWhiteSpace(WorkerId) || WorkerId.Length > 200)
        {
            errors.Add($"WorkerId must be 1 to 200 characters (was '{WorkerId}')");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"LeaseDuration must be between 1 second and 1 hour (was {LeaseDuration})");
        }

        if (ConcurrentFeedsPerHost < 1 || ConcurrentFeedsPerHost > ConcurrentFeeds)
        {
            errors.Add($"ConcurrentFeedsPerHost must be between 1 and ConcurrentFeeds (was {ConcurrentFeedsPerHost})");
        }

        if (Jitter is < 0 or > 0.5)
        {
            errors.Add($"Jitter must be a share between 0 and 0.5 of the interval (was {Jitter})");
        }

        if (PauseAfterFailures < 1)
        {
            errors.Add($"PauseAfterFailures must be at least 1 (was {PauseAfterFailures})");
        }

        if (ConcurrentFeeds is < 1 or > 64)
        {
            errors.Add($"ConcurrentFeeds must be between 1 and 64 (was {ConcurrentFeeds})");
        }

        if (MinimumHostGap < TimeSpan.Zero || MinimumHostGap > TimeSpan.FromMinutes(10))
        {
            errors.Add($"MinimumHostGap must be between 0 and 10 minutes (was {MinimumHostGap})");
        }

        if (HostBackoff <= TimeSpan.Zero || HostBackoff > MaximumHostBackoff)
        {
            errors.Add($"HostBackoff must be positive and at most MaximumHostBackoff ({HostBackoff} vs {MaximumHostBackoff})");
        }

        if (MaximumFeedBackoff < TimeSpan.FromMinutes(1))
        {
            errors.Add($"MaximumFeedBackoff must be at least a minute (was {MaximumFeedBackoff})");
        }

        if (MinimumIdle <= TimeSpan.Zero || MinimumIdle > MaximumIdle)
        {
            errors.Add($"MinimumIdle must be positive and at most MaximumIdle ({MinimumIdle} vs {MaximumIdle})");
        }

        return errors;
    }
}
