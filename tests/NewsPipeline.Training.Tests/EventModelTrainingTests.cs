using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction;
using NewsPipeline.Extraction.Events;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.TestSupport;
using NewsPipeline.Training.Events;
using Xunit;

namespace NewsPipeline.Training.Tests;

/// <summary>`train events` end to end on a small data set written here: read, cross-validate, train, write the model and its manifest entry.</summary>
public sealed class EventModelTrainingTests
{
    [Fact]
    public void Trains_reports_per_language_and_type_and_writes_a_loadable_model_with_its_manifest_entry()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "training", "events")).FullName;
        SmallSet.Write(data);
        File.WriteAllText(Path.Combine(temp.Path, "manifest.json"), """{"artefacts":[{"name":"lexicons/metals.json","version":"1","source":"s","licence":"l","sha256":"00"}]}""");

        var report = new EventModelTraining(Options(temp.Path, data)).Run();

        Assert.Equal(SmallSet.Count, report.Sentences);
        Assert.Equal(["en", "fr"], report.CrossValidation.AccuracyByGroup.Keys.Order(StringComparer.Ordinal));
        Assert.True(report.CrossValidation.Accuracy > 0.8, $"accuracy {report.CrossValidation.Accuracy:0.000} on a set with one clear construction per type");
        Assert.Equal(LabelledSentenceReader.Labels, report.ByLabel().Select(l => l.Label));
        Assert.Contains("fr ", report.ToText(), StringComparison.Ordinal);

        var modelPath = Path.Combine(temp.Path, "events", "event-types.bin");
        Assert.Equal(modelPath, report.ModelPath);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "manifest.json")));
        var entries = manifest.RootElement.GetProperty("artefacts").EnumerateArray().ToList();
        Assert.Equal(["events/event-types.bin", "lexicons/metals.json"], entries.Select(e => e.GetProperty("name").GetString()));
        var entry = entries[0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath))), entry.GetProperty("sha256").GetString());
        Assert.Equal("training/events", entry.GetProperty("training_data").GetString());
        Assert.Contains("project licence", entry.GetProperty("licence").GetString(), StringComparison.Ordinal);

        // The written model is the one extraction loads, and it has learnt the constructions.
        var lexicons = LexiconLoader.Load(ArticleAnalyzer.DefaultModelsDirectory);
        var classifier = new EventTypeClassifier(LinearModel.Load(modelPath), lexicons.Events);
        var analysed = NewsPipeline.Extraction.Text.AnalysisText.From("Le Chili a interdit les exportations de cuivre.");
        var sentence = new NewsPipeline.Extraction.Text.Sentence(0, 0, analysed.Length);
        var tagging = NewsPipeline.Extraction.Recognisers.Tagging.CompanyTagging.Load(ArticleAnalyzer.DefaultModelsDirectory, lexicons);
        var untimed = new StageClock(timings: null);
        var article = new NewsPipeline.Extraction.Recognisers.MentionRecognition(lexicons, tagging).Recognise(analysed, "fr", [sentence], null, null, ref untimed);
        Assert.Equal(EventType.ExportRestriction, classifier.Classify(article, sentence).BestType().Type);
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_model()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "data")).FullName;
        SmallSet.Write(data);

        var first = new EventModelTraining(Options(Path.Combine(temp.Path, "a"), data)).Run();
        var second = new EventModelTraining(Options(Path.Combine(temp.Path, "b"), data)).Run();

        Assert.Equal(first.ModelSha256, second.ModelSha256);
        Assert.Equal(first.CrossValidation.Accuracy, second.CrossValidation.Accuracy);
    }

    [Fact]
    public void Every_bad_training_line_is_reported_at_once()
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(Path.Combine(temp.Path, "sentences.en.jsonl"),
        [
            """{"text":"Copper rose.","language":"en","type":"none","status":null}""",
            """{"text":"Copper rose.","language":"en","type":"price_move","status":null}""",
            "not json",
        ]);

        var error = Assert.Throws<InvalidDataException>(() => LabelledSentenceReader.ReadDirectory(temp.Path));

        Assert.Contains("sentences.en.jsonl:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("sentences.en.jsonl:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_reported_together()
    {
        using var temp = new TempDirectory();
        var options = new EventTrainingOptions
        {
            DataDirectory = Path.Combine(temp.Path, "missing"),
            OutputDirectory = temp.Path,
            LexiconsDirectory = temp.Path,
            Folds = 1,
        };

        var error = Assert.Throws<ArgumentException>(() => new EventModelTraining(options));

        Assert.Contains("training data", error.Message, StringComparison.Ordinal);
        Assert.Contains("lexicons", error.Message, StringComparison.Ordinal);
        Assert.Contains("folds", error.Message, StringComparison.Ordinal);
    }

    private static EventTrainingOptions Options(string root, string data) => new()
    {
        DataDirectory = data,
        OutputDirectory = Path.Combine(root, "events"),
        ManifestPath = Path.Combine(Directory.CreateDirectory(root).FullName, "manifest.json"),
        LexiconsDirectory = ArticleAnalyzer.DefaultModelsDirectory,
        Folds = 3,
    };

    /// <summary>
    /// A small English and French set written for this test: one construction per type, varied by metal, party
    /// and figure, so that cross-validation must generalise across fillers rather than memorise sentences.
    /// </summary>
    private static class SmallSet
    {
        private static readonly Dictionary<string, Dictionary<string, string[]>> Templates = new(StringComparer.Ordinal)
        {
            ["en"] = new(StringComparer.Ordinal)
            {
                ["supply_agreement"] = ["{c} signed an offtake agreement to buy {m} from a Canadian miner.", "{c} will supply {m} to a battery maker under a new contract."],
                ["trade_flow"] = ["{k} imported {n} tonnes of {m} last month.", "Exports of {m} from {k} rose to {n} tonnes in May."],
                ["export_restriction"] = ["{k} banned exports of {m} from July.", "{k} imposed export controls on {m} and requires licences."],
                ["production"] = ["{c} produced {n} tonnes of {m} in the quarter.", "Output of {m} at the {c} smelter reached {n} tonnes."],
                ["investment"] = ["{c} acquired a stake in a {m} mine for $300 million.", "{c} will invest $200 million in a new {m} plant."],
                ["none"] = ["{m} prices fell 2% on Monday.", "Analysts expect {m} demand to stay weak, said a strategist.", "{c} appointed a new chief financial officer.", "The price of {m} rose in {k} on Tuesday."],
            },
            ["fr"] = new(StringComparer.Ordinal)
            {
                ["supply_agreement"] = ["{c} a signé un contrat d'achat de {m} avec un producteur canadien.", "{c} fournira du {m} à un fabricant de batteries."],
                ["trade_flow"] = ["{k} a importé {n} tonnes de {m} le mois dernier.", "Les exportations de {m} de {k} ont atteint {n} tonnes en mai."],
                ["export_restriction"] = ["{k} a interdit les exportations de {m} à partir de juillet.", "{k} a imposé des contrôles à l'exportation sur le {m}."],
                ["production"] = ["{c} a produit {n} tonnes de {m} au trimestre.", "La production de {m} de {c} a atteint {n} tonnes."],
                ["investment"] = ["{c} a acquis une participation dans une mine de {m}.", "{c} investira 200 millions de dollars dans une usine de {m}."],
                ["none"] = ["Les prix du {m} ont baissé de 2 % lundi.", "Les analystes jugent la demande de {m} faible.", "{c} a nommé un nouveau directeur financier.", "Le cours du {m} a progressé mardi."],
            },
        };

        private static readonly string[] Companies = ["Glencore", "Rio Tinto", "Albemarle", "Codelco", "Sojitz"];
        private static readonly Dictionary<string, string[]> Metals = new(StringComparer.Ordinal) { ["en"] = ["copper", "nickel", "lithium", "cobalt", "zinc"], ["fr"] = ["cuivre", "nickel", "lithium", "cobalt", "zinc"] };
        private static readonly Dictionary<string, string[]> Countries = new(StringComparer.Ordinal) { ["en"] = ["Chile", "Japan", "Indonesia", "Peru", "Canada"], ["fr"] = ["Le Japon", "L'Indonésie", "Le Pérou", "Le Canada", "La Bolivie"] };

        public static int Count => Templates.Values.Sum(types => types.Values.Sum(t => t.Length)) * 3;

        public static void Write(string directory)
        {
            foreach (var (language, types) in Templates)
            {
                var lines = new List<string>();
                foreach (var (type, templates) in types)
                {
                    for (var k = 0; k < templates.Length * 3; k++)
                    {
                        var text = templates[k % templates.Length]
                            .Replace("{c}", Companies[k % Companies.Length], StringComparison.Ordinal)
                            .Replace("{m}", Metals[language][(k + 1) % 5], StringComparison.Ordinal)
                            .Replace("{k}", Countries[language][(k + 2) % 5], StringComparison.Ordinal)
                            .Replace("{n}", (1200 * (k + 1)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                        lines.Add(JsonSerializer.Serialize(new { text, language, type, status = type == "none" ? null : "fact" }));
                    }
                }

                File.WriteAllLines(Path.Combine(directory, $"sentences.{language}.jsonl"), lines);
            }
        }
    }
}
