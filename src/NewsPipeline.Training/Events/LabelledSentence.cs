using System.Globalization;
using System.Text.Json;

namespace NewsPipeline.Training.Events;

/// <summary>One line of the event training set: a sentence, its language, its event type (or "none") and status.</summary>
public sealed record LabelledSentence(string Text, string Language, string Type, string? Status, string Source);

/// <summary>
/// Reads <c>sentences.&lt;lang&gt;.jsonl</c> files (models/training/events/README.md) and checks every line up front,
/// reporting all bad lines at once rather than training on a half-read set.
/// </summary>
public static class LabelledSentenceReader
{
    /// <summary>The event types of DESIGN §3 plus "none", the labels the classifier learns.</summary>
    public static readonly IReadOnlyList<string> Labels = ["export_restriction", "investment", "none", "production", "supply_agreement", "trade_flow"];

    public static IReadOnlyList<LabelledSentence> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no training data folder {directory}");
        }

        var files = Directory.GetFiles(directory, "sentences.*.jsonl").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{directory} has no sentences.<lang>.jsonl files");
        }

        var sentences = new List<LabelledSentence>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var source = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}:{lineNumber}");
                if (Parse(line, source, problems) is { } sentence)
                {
                    sentences.Add(sentence);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("bad training lines: " + string.Join("; ", problems.Take(20)) + (problems.Count > 20 ? $"; and {problems.Count - 20} more" : string.Empty));
        }

        return sentences;
    }

    private static LabelledSentence? Parse(string line, string source, List<string> problems)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var text = Text(root, "text");
            var language = Text(root, "language");
            var type = Text(root, "type");
            var status = Text(root, "status");
            if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(language))
            {
                problems.Add($"{source}: text and language are required");
                return null;
            }

            if (type is null || !Labels.Contains(type, StringComparer.Ordinal))
            {
                problems.Add($"{source}: type '{type}' is not one of {string.Join(", ", Labels)}");
                return null;
            }

            return new LabelledSentence(text, language, type, status, source);
        }
        catch (JsonException ex)
        {
            problems.Add($"{source}: not JSON ({ex.Message})");
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
