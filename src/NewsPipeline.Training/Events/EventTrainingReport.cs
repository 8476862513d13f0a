using System.Globalization;
using System.Text;

namespace NewsPipeline.Training.Events;

/// <summary>Per-label figures from the held-out predictions: how often the label was right when predicted, and found when true.</summary>
public sealed record LabelScore(string Label, int Support, double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>What <see cref="EventModelTraining"/> measured and wrote.</summary>
public sealed record EventTrainingReport(CrossValidationResult CrossValidation, int Sentences, string ModelPath, string ModelSha256, string ManifestPath)
{
    public IReadOnlyList<LabelScore> ByLabel()
    {
        var predictions = CrossValidation.Predictions;
        return predictions.Select(p => p.Expected).Concat(predictions.Select(p => p.Predicted)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(label =>
            {
                var support = predictions.Count(p => p.Expected == label);
                var predicted = predictions.Count(p => p.Predicted == label);
                var right = predictions.Count(p => p.Expected == label && p.Predicted == label);
                return new LabelScore(label, support, predicted == 0 ? 0 : (double)right / predicted, support == 0 ? 0 : (double)right / support);
            })
            .ToList();
    }

    /// <summary>The most frequent (true → predicted) mistakes, largest first.</summary>
    public IReadOnlyList<(string Expected, string Predicted, int Count)> Confusions(int top) =>
        CrossValidation.Predictions.Where(p => p.Expected != p.Predicted)
            .GroupBy(p => (p.Expected, p.Predicted))
            .Select(g => (g.Key.Expected, g.Key.Predicted, Count: g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Expected, StringComparer.Ordinal).ThenBy(c => c.Predicted, StringComparer.Ordinal)
            .Take(top)
            .ToList();

    /// <summary>The report as plain text tables, as <c>train events</c> prints it.</summary>
    public string ToText()
    {
        var cv = CrossValidation;
        var text = new StringBuilder();
        Line(text, $"{cv.AccuracyByFold.Count}-fold cross-validated accuracy: {cv.Accuracy:0.000} over {cv.Examples} sentences (folds: {string.Join(" ", cv.AccuracyByFold.Select(a => a.ToString("0.000", CultureInfo.InvariantCulture)))})");
        text.Append('\n');
        Line(text, $"language  sentences  accuracy");
        foreach (var group in cv.Predictions.GroupBy(p => p.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Line(text, $"{group.Key,-8}  {group.Count(),9}  {cv.AccuracyByGroup[group.Key],8:0.000}");
        }

        text.Append('\n');
        Line(text, $"type                support  precision  recall     F1");
        foreach (var score in ByLabel())
        {
            Line(text, $"{score.Label,-18}  {score.Support,7}  {score.Precision,9:0.000}  {score.Recall,6:0.000}  {score.F1,5:0.000}");
        }

        text.Append('\n');
        Line(text, $"most frequent confusions (true -> predicted):");
        foreach (var (expected, predicted, count) in Confusions(8))
        {
            Line(text, $"  {count,4}  {expected} -> {predicted}");
        }

        text.Append('\n');
        Line(text, $"model: {ModelPath} (sha256 {ModelSha256})");
        Line(text, $"manifest entry updated: {ManifestPath}");
        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
