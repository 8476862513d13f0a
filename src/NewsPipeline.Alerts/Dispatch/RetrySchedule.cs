namespace NewsPipeline.Alerts.Dispatch;

/// <summary>Exponential backoff with jitter: the wait before retry n is InitialBackoff·2^(n-1), capped, ± Jitter.</summary>
public sealed class RetrySchedule(AlertOptions options, Random random)
{
    /// <param name="failures">Failed attempts so far, the one just made included (1 or more).</param>
    public TimeSpan Wait(int failures)
    {
        var exponent = Math.Min(failures - 1, 30);
        var ticks = Math.Min(options.InitialBackoff.Ticks * Math.Pow(2, exponent), options.MaxBackoff.Ticks);
        var spread = 1 + (options.Jitter * ((random.NextDouble() * 2) - 1));
        return TimeSpan.FromTicks((long)(ticks * spread));
    }
}
