namespace NewsPipeline.Core.Feeds;

/// <summary>The politeness and lease rules every worker sharing a feed list applies. Validated at start-up.</summary>
public sealed record PollCoordinationOptions
{
    /// <summary>Names this worker in leases and logs; two live workers must never share one.</summary>
    public required string WorkerId { get; init; }

    /// <summary>How long a claimed feed (or a host turn) stays this worker's without renewal: a crashed worker's feeds wait this long.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The least time between the end of one poll of a host (its turn) and the start of the next one.</summary>
    public TimeSpan MinimumHostGap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait after a host fails; it doubles with each further failure.</summary>
    public TimeSpan HostBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a failing host is left alone by the doubling.</summary>
    public TimeSpan MaximumHostBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The longest a host's Retry-After is honoured.</summary>
    public TimeSpan MaximumRetryAfter { get; init; } = TimeSpan.FromHours(24);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(WorkerId) || WorkerId.Length > 200)
        {
            errors.Add($"WorkerId must be 1 to 200 characters (was '{WorkerId}')");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"LeaseDuration must be between 1 second and 1 hour (was {LeaseDuration})");
        }

        if (MinimumHostGap < TimeSpan.Zero)
        {
            errors.Add($"MinimumHostGap must not be negative (was {MinimumHostGap})");
        }

        if (HostBackoff <= TimeSpan.Zero || HostBackoff > MaximumHostBackoff)
        {
            errors.Add($"HostBackoff must be positive and at most MaximumHostBackoff ({HostBackoff} vs {MaximumHostBackoff})");
        }

        return errors;
    }

    /// <summary>
    /// The backoff a host serves after its <paramref name="failures"/>-th fault in a row: <see cref="HostBackoff"/>
    /// doubled per further fault up to <see cref="MaximumHostBackoff"/>, but never shorter than the host's own
    /// Retry-After (itself capped at <see cref="MaximumRetryAfter"/>).
    /// </summary>
    public TimeSpan BackoffAfter(int failures, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(MaximumHostBackoff.Ticks, HostBackoff.Ticks * (1L << Math.Min(Math.Max(failures, 1) - 1, 20))));
        if (retryAfter is { } hint && hint > backoff)
        {
            backoff = hint < MaximumRetryAfter ? hint : MaximumRetryAfter;
        }

        return backoff;
    }
}
