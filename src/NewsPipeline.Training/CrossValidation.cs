using NewsPipeline.Extraction.Models;

namespace NewsPipeline.Training;

/// <summary>Accuracy of a k-fold cross-validation, overall and per example group (e.g. per language).</summary>
public sealed record CrossValidationResult(double Accuracy, IReadOnlyDictionary<string, double> AccuracyByGroup, IReadOnlyList<double> AccuracyByFold, int Examples)
{
    /// <summary>Every held-out example's true and predicted label, for per-label figures and confusion tables.</summary>
    public IReadOnlyList<CrossValidationPrediction> Predictions { get; init; } = [];
}

/// <summary>One held-out example as the fold's model labelled it.</summary>
public sealed record CrossValidationPrediction(string Expected, string Predicted, string Group);

/// <summary>
/// k-fold cross-validation: examples are shuffled once with the given seed, split into k folds, and each fold
/// is scored by a model trained on the others. Deterministic for a given seed and a deterministic trainer.
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(
        IReadOnlyList<TrainingExample> examples,
        int folds,
        Func<IReadOnlyList<TrainingExample>, LinearModel> train,
        int seed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(examples.Count, folds);

        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(seed).Shuffle(order);
        var correctByGroup = new Dictionary<string, (int Correct, int Total)>(StringComparer.Ordinal);
        var foldAccuracy = new List<double>();
        var predictions = new List<CrossValidationPrediction>(examples.Count);
        for (var fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var test = new List<TrainingExample>();
            var training = new List<TrainingExample>();
            for (var k = 0; k < order.Length; k++)
            {
                (k % folds == fold ? test : training).Add(examples[order[k]]);
            }

            var model = train(training);
            var correct = 0;
            foreach (var example in test)
            {
                var predicted = model.Labels[model.Predict(example.FeatureIds)];
                predictions.Add(new CrossValidationPrediction(example.Label, predicted, example.Group));
                var right = string.Equals(predicted, example.Label, StringComparison.Ordinal);
                correct += right ? 1 : 0;
                var (groupCorrect, groupTotal) = correctByGroup.GetValueOrDefault(example.Group);
                correctByGroup[example.Group] = (groupCorrect + (right ? 1 : 0), groupTotal + 1);
            }

            foldAccuracy.Add(test.Count == 0 ? 0 : (double)correct / test.Count);
        }

        var total = correctByGroup.Values.Sum(v => v.Total);
        var accuracy = total == 0 ? 0 : (double)correctByGroup.Values.Sum(v => v.Correct) / total;
        var byGroup = correctByGroup.OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => (double)p.Value.Correct / p.Value.Total, StringComparer.Ordinal);
        return new CrossValidationResult(accuracy, byGroup, foldAccuracy, examples.Count) { Predictions = predictions };
    }
}
