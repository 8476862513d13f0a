namespace NewsPipeline.Training;

/// <summary>
/// Settings of <see cref="LinearTrainer"/>. The defaults are the ones measured best for the NER tagger
/// (issue 5: SDCA maximum entropy, L2 1e-5, no L1, 20 iterations); ML.NET's own defaults were much worse there.
/// </summary>
public sealed record LinearTrainerOptions
{
    /// <summary>Feature ids are in [0, 2^Bits).</summary>
    public int Bits { get; init; } = 18;

    public float L2 { get; init; } = 1e-5f;

    public float L1 { get; init; }

    public int Iterations { get; init; } = 20;

    /// <summary>Seeds ML.NET's shuffling; with one thread the same seed gives the same model.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>SDCA is only deterministic single-threaded; more threads train faster but not reproducibly.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Every problem at once, empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Bits is < 1 or > 24)
        {
            problems.Add($"bits must be 1..24 (got {Bits})");
        }

        if (!(L2 >= 0) || float.IsInfinity(L2))
        {
            problems.Add($"L2 must be a finite number ≥ 0 (got {L2})");
        }

        if (!(L1 >= 0) || float.IsInfinity(L1))
        {
            problems.Add($"L1 must be a finite number ≥ 0 (got {L1})");
        }

        if (Iterations is < 1 or > 1000)
        {
            problems.Add($"iterations must be 1..1000 (got {Iterations})");
        }

        if (Threads is < 1 or > 64)
        {
            problems.Add($"threads must be 1..64 (got {Threads})");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public LinearTrainerOptions Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException("invalid trainer options: " + string.Join("; ", problems));
    }
}
