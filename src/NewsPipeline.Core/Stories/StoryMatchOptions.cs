namespace NewsPipeline.Core.Stories;

/// <summary>
/// How strictly a newly extracted event must agree with a stored one to count as the same deal.
/// Validated before a store opens; every error is reported at once.
/// </summary>
public sealed record StoryMatchOptions
{
    /// <summary>How far apart (by publication date) two reports of one deal may be.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(45);

    /// <summary>Relative difference allowed between two tonnages of one deal (0.05 = 5 %), for rounding in reports.</summary>
    public double TonnesTolerance { get; init; } = 0.05;

    /// <summary>
    /// Largest Hamming distance between two evidence SimHashes (of 64 bits) that still marks near-duplicate text.
    /// </summary>
    public int NearDuplicateDistance { get; init; } = 10;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(366))
        {
            errors.Add($"The story window {Window} must be longer than zero and at most 366 days.");
        }

        if (!double.IsFinite(TonnesTolerance) || TonnesTolerance < 0 || TonnesTolerance >= 1)
        {
            errors.Add($"The tonnes tolerance {TonnesTolerance} must be at least 0 and below 1 (a fraction, 0.05 = 5 %).");
        }

        if (NearDuplicateDistance is < 0 or > 32)
        {
            errors.Add($"The near-duplicate distance {NearDuplicateDistance} must be from 0 to 32 bits.");
        }

        return errors;
    }

    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid story matching options: " + string.Join(" ", errors));
        }
    }
}
