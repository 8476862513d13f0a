using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsPipeline.Training.Events;

/// <summary>One artefact of <c>models/manifest.json</c>.</summary>
public sealed record ModelManifestEntry(string Name, string Version, string Source, string Licence, string Sha256, string TrainingData, string TrainingDataSha256);

/// <summary>Adds or replaces one artefact in <c>manifest.json</c>, keeping every other entry and the name order.</summary>
public static class ModelManifest
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // The manifest names licences and sources in any script; keep them readable as build_lexicons.py does.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Upsert(string manifestPath, ModelManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var root = File.Exists(manifestPath)
            ? JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject ?? throw new InvalidDataException($"{manifestPath} is not a JSON object")
            : new JsonObject { ["artefacts"] = new JsonArray() };
        var artefacts = root["artefacts"] as JsonArray ?? throw new InvalidDataException($"{manifestPath} has no artefacts list");
        var kept = artefacts.OfType<JsonObject>()
            .Where(a => !string.Equals(a["name"]?.GetValue<string>(), entry.Name, StringComparison.Ordinal))
            .Select(a => a.DeepClone())
            .Append(new JsonObject
            {
                ["name"] = entry.Name,
                ["version"] = entry.Version,
                ["source"] = entry.Source,
                ["licence"] = entry.Licence,
                ["sha256"] = entry.Sha256,
                ["training_data"] = entry.TrainingData,
                ["training_data_sha256"] = entry.TrainingDataSha256,
            })
            .OrderBy(a => a["name"]?.GetValue<string>(), StringComparer.Ordinal)
            .ToArray();
        root["artefacts"] = new JsonArray(kept);
        File.WriteAllText(manifestPath, root.ToJsonString(Indented) + "\n");
    }
}
