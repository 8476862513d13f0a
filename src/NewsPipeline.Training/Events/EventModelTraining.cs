using System.Globalization;
using System.Security.Cryptography;
using NewsPipeline.Extraction.Events;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers.Tagging;

namespace NewsPipeline.Training.Events;

/// <summary>
/// Rebuilds the event-type classifier: read the labelled sentences, encode them with the extractor's own
/// features, cross-validate, train on everything, write the model and its manifest entry.
/// </summary>
public sealed class EventModelTraining
{
    private readonly EventTrainingOptions options;

    public EventModelTraining(EventTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Validated();
    }

    /// <param name="progress">Receives a short line per step (reading, each fold, final training).</param>
    public EventTrainingReport Run(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress ??= _ => { };
        var sentences = LabelledSentenceReader.ReadDirectory(options.DataDirectory);
        progress($"read {sentences.Count} sentences");
        var examples = Encode(sentences, cancellationToken);
        var trainer = new LinearTrainer(options.Trainer);
        var fold = 0;
        var cv = CrossValidation.Run(
            examples,
            options.Folds,
            training =>
            {
                progress($"cross-validation fold {++fold}/{options.Folds}");
                return trainer.Train(training, cancellationToken);
            },
            options.Seed,
            cancellationToken);

        progress("training on every sentence");
        var model = trainer.Train(examples, cancellationToken);
        var modelPath = Save(model);
        var sha256 = Sha256(modelPath);
        var entry = ManifestEntry(modelPath, sha256, sentences, cv.Accuracy);
        ModelManifest.Upsert(options.EffectiveManifestPath, entry);
        return new EventTrainingReport(cv, sentences.Count, modelPath, sha256, options.EffectiveManifestPath);
    }

    private List<TrainingExample> Encode(IReadOnlyList<LabelledSentence> sentences, CancellationToken cancellationToken)
    {
        // Mentions are marked exactly as at extraction time, tagger included, so the features mean the same.
        var lexicons = LexiconLoader.Load(options.LexiconsDirectory);
        var encoder = new EventSentenceEncoder(lexicons, CompanyTagging.Load(options.LexiconsDirectory, lexicons));
        var examples = new List<TrainingExample>(sentences.Count);
        foreach (var sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            examples.Add(new TrainingExample(encoder.Encode(sentence.Text, sentence.Language), sentence.Type, sentence.Language));
        }

        return examples;
    }

    /// <summary>Writes beside the final name and then moves, so a running extractor never reads half a model.</summary>
    private string Save(LinearModel model)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var path = Path.GetFullPath(Path.Combine(options.OutputDirectory, Path.GetFileName(EventTypeClassifier.ModelPath)));
        var partial = path + ".partial";
        model.Save(partial);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private ModelManifestEntry ManifestEntry(string modelPath, string sha256, IReadOnlyList<LabelledSentence> sentences, double accuracy)
    {
        var manifestDirectory = Path.GetDirectoryName(Path.GetFullPath(options.EffectiveManifestPath))!;
        var languages = sentences.Select(s => s.Language).Distinct(StringComparer.Ordinal).Count();
        return new ModelManifestEntry(
            Name: Relative(manifestDirectory, modelPath),
            Version: "1",
            Source: string.Create(
                CultureInfo.InvariantCulture,
                $"trained by 'newspipeline train events' (ML.NET SDCA maximum entropy, L2 {options.L2:0.#####}, {options.Iterations} iterations, seed {options.Seed}) on {sentences.Count} labelled sentences in {languages} languages; {options.Folds}-fold cross-validated accuracy {accuracy:0.000}"),
            Licence: "project licence (training sentences written by the NewsPipeline team)",
            Sha256: sha256,
            TrainingData: Relative(manifestDirectory, Path.GetFullPath(options.DataDirectory)),
            TrainingDataSha256: DataSha256(options.DataDirectory));
    }

    private static string Relative(string from, string to) => Path.GetRelativePath(from, to).Replace('\\', '/');

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>One hash over the data files in name order, so the manifest says which data made the model.</summary>
    private static string DataSha256(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(directory, "sentences.*.jsonl").Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
