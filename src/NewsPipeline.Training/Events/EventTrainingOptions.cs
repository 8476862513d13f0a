using NewsPipeline.Extraction.Events;

namespace NewsPipeline.Training.Events;

/// <summary>Settings of <see cref="EventModelTraining"/>, validated before any work starts.</summary>
public sealed record EventTrainingOptions
{
    /// <summary>The folder of <c>sentences.&lt;lang&gt;.jsonl</c> files.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where <c>event-types.bin</c> is written.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The manifest that receives the model's entry; by default <c>manifest.json</c> in the output folder's parent.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>The models folder whose lexicons give the cue features (the ones extraction loads).</summary>
    public required string LexiconsDirectory { get; init; }

    public int Folds { get; init; } = 5;

    /// <summary>Seeds the fold split and ML.NET, so that a rebuild gives the same model and figures.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The L2 penalty that cross-validated best on the shipped set (see models/events/README.md).</summary>
    public const float DefaultL2 = 1e-3f;

    public float L2 { get; init; } = DefaultL2;

    public int Iterations { get; init; } = 30;

    public string EffectiveManifestPath =>
        ManifestPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(OutputDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)) ?? ".", "manifest.json");

    public LinearTrainerOptions Trainer => new() { Bits = EventSentenceFeatures.Bits, L2 = L2, Iterations = Iterations, Seed = Seed, Threads = 1 };

    /// <summary>Every problem at once, empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory) || !Directory.Exists(DataDirectory))
        {
            problems.Add($"no training data folder '{DataDirectory}'");
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            problems.Add("an output folder is required");
        }

        if (string.IsNullOrWhiteSpace(LexiconsDirectory) || !Directory.Exists(Path.Combine(LexiconsDirectory, "lexicons")))
        {
            problems.Add($"no lexicons under '{LexiconsDirectory}'");
        }

        if (Folds is < 2 or > 20)
        {
            problems.Add($"folds must be 2..20 (got {Folds})");
        }

        problems.AddRange(Trainer.Problems());
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public EventTrainingOptions Validated()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ArgumentException("invalid training options: " + string.Join("; ", problems));
    }
}
