using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPipeline.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers.Tagging;

namespace NewsPipeline.Training.Ner;

/// <summary>What `train ner` needs: where the corpora are, where the model goes, which languages, and the learner's settings.</summary>
public sealed record NerTrainingOptions(string DataDirectory, string OutputDirectory, IReadOnlyList<string> Languages, LinearTrainerOptions Trainer, float OrganisationWeight = 1f)
{
    /// <summary>Every problem at once, empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Trainer.Problems());
        if (!Directory.Exists(DataDirectory))
        {
            problems.Add($"no such data folder: {DataDirectory}");
        }

        problems.AddRange(Languages.Where(l => !NerCorpus.Languages.Contains(l)).Select(l => $"no NER corpus for language '{l}' (known: {string.Join(", ", NerCorpus.Languages)})"));
        if (!(OrganisationWeight > 0) || float.IsInfinity(OrganisationWeight))
        {
            problems.Add($"organisation weight must be a finite number > 0 (got {OrganisationWeight})");
        }

        if (Languages.Count == 0)
        {
            problems.Add("no language to train on");
        }

        return problems;
    }
}

/// <summary>What a training run produced: the model file, its held-out scores and the data it learned from.</summary>
public sealed record NerTrainingResult(string ModelPath, long ModelBytes, int TrainingTokens, TimeSpan TrainingTime, IReadOnlyList<LanguageScore> HeldOut);

/// <summary>
/// `train ner`: reads the corpora, trains one multilingual tagger on the training splits, scores it on the held-out
/// splits, writes the model, a JSON report beside it, and the model's entry in models/manifest.json.
/// </summary>
public static class NerTrainingRun
{
    public static NerTrainingResult Run(NerTrainingOptions options, string lexiconModelsDirectory, Action<string> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        var lexicons = LexiconLoader.Load(lexiconModelsDirectory);
        var cues = new TokenCues(lexicons);
        var used = new List<(string Path, string Licence)>();
        var sentences = NerCorpus.Load(options.DataDirectory, options.Languages, report, used);
        var examples = new NerExamples(cues, new FeatureHasher(options.Trainer.Bits), options.OrganisationWeight);
        var training = sentences.Where(s => s.Split == DataSplit.Train).SelectMany(examples.Examples).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        report($"training on {training.Count} tokens, {options.Trainer.Iterations} SDCA iterations, 2^{options.Trainer.Bits} features");

        var clock = Stopwatch.StartNew();
        var model = new LinearTrainer(options.Trainer).Train(training, cancellationToken);
        var elapsed = clock.Elapsed;
        report($"trained in {elapsed.TotalSeconds:F0} s");

        var tagger = new EntityTagger(model, cues);
        var heldOut = NerEvaluation.Score(tagger, examples, sentences.Where(s => s.Split == DataSplit.Test));
        foreach (var score in heldOut)
        {
            report(Describe(score));
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var modelPath = Path.Combine(options.OutputDirectory, CompanyTagging.ModelFileName);
        model.Save(modelPath);
        var result = new NerTrainingResult(modelPath, new FileInfo(modelPath).Length, training.Count, elapsed, heldOut);
        WriteReport(options, result, used);
        UpdateManifest(options, result, used, report);
        return result;
    }

    public static string Describe(LanguageScore score)
    {
        var types = string.Join("  ", score.ByType.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value.F1:F3} (n={t.Value.Gold})")));
        return string.Create(CultureInfo.InvariantCulture, $"held-out {score.Language}: entity F1 {score.All.F1:F3} (P {score.All.Precision:F3} R {score.All.Recall:F3}, {score.Sentences} sentences)  {types}");
    }

    private static void WriteReport(NerTrainingOptions options, NerTrainingResult result, List<(string Path, string Licence)> used)
    {
        var report = new JsonObject
        {
            ["model"] = CompanyTagging.ModelFileName,
            ["learner"] = "ML.NET SdcaMaximumEntropy over hashed window, shape, affix, cue and previous-tag features; greedy left-to-right decoding",
            ["bits"] = options.Trainer.Bits,
            ["l2"] = options.Trainer.L2,
            ["l1"] = options.Trainer.L1,
            ["iterations"] = options.Trainer.Iterations,
            ["organisationWeight"] = options.OrganisationWeight,
            ["seed"] = options.Trainer.Seed,
            ["trainingTokens"] = result.TrainingTokens,
            ["trainingSeconds"] = Math.Round(result.TrainingTime.TotalSeconds),
            ["data"] = new JsonArray([.. used.Select(u => (JsonNode)new JsonObject { ["path"] = u.Path, ["licence"] = u.Licence })]),
            ["heldOut"] = new JsonArray([.. result.HeldOut.Select(s => (JsonNode)new JsonObject
            {
                ["language"] = s.Language,
                ["sentences"] = s.Sentences,
                ["f1"] = Math.Round(s.All.F1, 3),
                ["precision"] = Math.Round(s.All.Precision, 3),
                ["recall"] = Math.Round(s.All.Recall, 3),
                ["byType"] = new JsonObject(s.ByType.OrderBy(t => t.Key, StringComparer.Ordinal)
                    .Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonObject { ["f1"] = Math.Round(t.Value.F1, 3), ["gold"] = t.Value.Gold }))),
            })]),
        };
        File.WriteAllText(Path.Combine(options.OutputDirectory, CompanyTagging.ReportFileName), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Adds or replaces the model's entry in the manifest of the models folder that holds the output (entries sorted by
    /// name, like models/build/build_lexicons.py writes them, which keeps entries it did not generate).
    /// </summary>
    private static void UpdateManifest(NerTrainingOptions options, NerTrainingResult result, List<(string Path, string Licence)> used, Action<string> report)
    {
        var modelsDirectory = Path.GetDirectoryName(Path.GetFullPath(options.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar));
        var manifestPath = modelsDirectory is null ? null : Path.Combine(modelsDirectory, "manifest.json");
        if (manifestPath is null || !File.Exists(manifestPath))
        {
            report("no manifest.json above the output folder: manifest not updated");
            return;
        }

        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        var artefacts = manifest["artefacts"]!.AsArray();
        var name = Path.GetFileName(Path.GetFullPath(options.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar)) + "/" + CompanyTagging.ModelFileName;
        var licences = used.Select(u => u.Licence).Distinct(StringComparer.Ordinal).ToList();
        var entry = new JsonObject
        {
            ["name"] = name,
            ["version"] = "1",
            ["source"] = "trained by `newspipeline train ner` (ML.NET SdcaMaximumEntropy, L2 "
                + options.Trainer.L2.ToString("G", CultureInfo.InvariantCulture) + ", " + options.Trainer.Iterations.ToString(CultureInfo.InvariantCulture)
                + " iterations, 2^" + options.Trainer.Bits.ToString(CultureInfo.InvariantCulture) + " hashed features) on the training splits of ../shared/corpora/ner; test files and the last tenth of single-file corpora are held out for the scores in "
                + CompanyTagging.ReportFileName,
            ["trainingData"] = new JsonArray([.. used.Select(u => (JsonNode)JsonValue.Create("corpora/ner/" + u.Path)!)]),
            ["licence"] = "derived from " + string.Join(" + ", licences)
                + (licences.Any(l => l.Contains("SA", StringComparison.Ordinal)) ? "; share-alike data (CC-BY-SA): redistribute the model under CC-BY-SA with attribution" : string.Empty),
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(result.ModelPath))),
        };

        var kept = artefacts.Where(a => a?["name"]?.GetValue<string>() != name).Select(a => a!.DeepClone()).Append(entry)
            .OrderBy(a => a["name"]!.GetValue<string>(), StringComparer.Ordinal).ToList();
        manifest["artefacts"] = new JsonArray([.. kept]);
        File.WriteAllText(manifestPath, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        report($"manifest: {name} sha256 {entry["sha256"]}");
    }
}
