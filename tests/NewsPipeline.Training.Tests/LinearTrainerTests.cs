using NewsPipeline.Extraction.Models;
using Xunit;

namespace NewsPipeline.Training.Tests;

public sealed class LinearTrainerTests
{
    private static readonly LinearTrainerOptions Small = new() { Bits = 12, Iterations = 20, Seed = 7 };

    [Fact]
    public void Learns_a_separable_three_class_problem()
    {
        var examples = Separable(new FeatureHasher(Small.Bits), 300, seed: 1);
        var model = new LinearTrainer(Small).Train(examples);

        Assert.Equal(["copper", "lithium", "nickel"], model.Labels);
        var unseen = Separable(new FeatureHasher(Small.Bits), 90, seed: 2);
        var correct = unseen.Count(e => model.Labels[model.Predict(e.FeatureIds)] == e.Label);
        Assert.True(correct >= 85, $"{correct}/90 right on unseen examples");
    }

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        var examples = Separable(new FeatureHasher(Small.Bits), 120, seed: 3);
        var a = new LinearTrainer(Small).Train(examples);
        var b = new LinearTrainer(Small).Train(examples);
        int[] probe = [.. examples[0].FeatureIds, .. examples[1].FeatureIds];
        Assert.Equal(a.Score(probe), b.Score(probe));
    }

    [Fact]
    public void Invalid_options_are_reported_together()
    {
        var error = Assert.Throws<ArgumentException>(() => new LinearTrainer(new LinearTrainerOptions { Bits = 40, L2 = -1, Iterations = 0 }));
        Assert.Contains("bits", error.Message, StringComparison.Ordinal);
        Assert.Contains("L2", error.Message, StringComparison.Ordinal);
        Assert.Contains("iterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_validation_reports_accuracy_overall_and_per_group()
    {
        var hasher = new FeatureHasher(Small.Bits);
        var examples = Separable(hasher, 150, seed: 4)
            .Select((e, k) => e with { Group = k % 2 == 0 ? "fr" : "ja" })
            // One group gets pure noise: its accuracy must come out near chance, the other's near 1.
            .Select((e, k) => e.Group == "ja" ? e with { FeatureIds = [hasher.Hash("noise" + (k % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))] } : e)
            .ToList();

        var result = CrossValidation.Run(examples, 5, training => new LinearTrainer(Small).Train(training), seed: 9);

        Assert.Equal(150, result.Examples);
        Assert.Equal(5, result.AccuracyByFold.Count);
        Assert.True(result.AccuracyByGroup["fr"] > 0.9, $"fr {result.AccuracyByGroup["fr"]}");
        Assert.True(result.AccuracyByGroup["ja"] < 0.7, $"ja {result.AccuracyByGroup["ja"]}");
        Assert.InRange(result.Accuracy, result.AccuracyByGroup["ja"], result.AccuracyByGroup["fr"]);
    }

    /// <summary>Each class has its own cue words; every example also carries two shared noise words.</summary>
    private static List<TrainingExample> Separable(FeatureHasher hasher, int count, int seed)
    {
        string[] labels = ["lithium", "nickel", "copper"];
        var random = new Random(seed);
        var examples = new List<TrainingExample>();
        for (var k = 0; k < count; k++)
        {
            var label = labels[k % 3];
            int[] ids =
            [
                hasher.Hash("cue=" + label + random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                hasher.Hash("noise=" + random.Next(20).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                hasher.Hash("noise=" + random.Next(20).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ];
            examples.Add(new TrainingExample(ids, label));
        }

        return examples;
    }
}
