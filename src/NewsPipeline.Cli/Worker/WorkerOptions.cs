namespace NewsPipeline.Cli.Worker;

/// <summary>How the worker schedules its cycles. Validated at start-up.</summary>
public sealed record WorkerOptions
{
    /// <summary>Feeds polled at the same time.</summary>
    public int ConcurrentFeeds { get; init; } = 4;

    /// <summary>The shortest sleep between two cycles, so a feed due "now" cannot spin the loop.</summary>
    public TimeSpan MinimumIdle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest sleep, so a changed clock or a new feed is noticed.</summary>
    public TimeSpan MaximumIdle { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ConcurrentFeeds is < 1 or > 64)
        {
            errors.Add($"ConcurrentFeeds must be between 1 and 64 (was {ConcurrentFeeds})");
        }

        if (MinimumIdle <= TimeSpan.Zero || MinimumIdle > MaximumIdle)
        {
            errors.Add($"MinimumIdle must be positive and at most MaximumIdle ({MinimumIdle} vs {MaximumIdle})");
        }

        return errors;
    }
}
