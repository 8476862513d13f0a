namespace NewsPipeline.Alerts;

/// <summary>How the dispatcher works the outbox. Validated at start-up; every error is reported at once.</summary>
public sealed record AlertOptions
{
    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries claimed per pass.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>How long a claimed delivery is reserved for the sender before another pass may retry it.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait before the first retry; doubled after each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Fraction of each wait drawn at random (either way) so that receivers coming back are not hit in step.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>How long after the alert was written the dispatcher keeps retrying before recording it failed.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Per-request limit for webhooks and SMTP sessions.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, PollInterval, nameof(PollInterval), TimeSpan.FromHours(1));
        Positive(errors, ClaimLease, nameof(ClaimLease), TimeSpan.FromDays(1));
        Positive(errors, InitialBackoff, nameof(InitialBackoff), TimeSpan.FromDays(1));
        Positive(errors, MaxBackoff, nameof(MaxBackoff), TimeSpan.FromDays(7));
        Positive(errors, GiveUpAfter, nameof(GiveUpAfter), TimeSpan.FromDays(30));
        Positive(errors, SendTimeout, nameof(SendTimeout), TimeSpan.FromMinutes(10));
        if (BatchSize is < 1 or > 10_000)
        {
            errors.Add($"alerts: BatchSize {BatchSize} must be from 1 to 10000.");
        }

        if (!double.IsFinite(Jitter) || Jitter is < 0 or >= 1)
        {
            errors.Add($"alerts: Jitter {Jitter} must be at least 0 and below 1.");
        }

        if (MaxBackoff < InitialBackoff)
        {
            errors.Add($"alerts: MaxBackoff {MaxBackoff} is shorter than InitialBackoff {InitialBackoff}.");
        }

        if (ClaimLease <= SendTimeout)
        {
            errors.Add($"alerts: ClaimLease {ClaimLease} must be longer than SendTimeout {SendTimeout}, or a slow send is claimed twice.");
        }

        return errors;
    }

    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid alert options: " + string.Join(" ", errors));
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string name, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"alerts: {name} {value} must be longer than zero and at most {max}.");
        }
    }
}
