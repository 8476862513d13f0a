using System.Text.Json;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`newspipeline train events` as a user runs it: a data folder in, a model, a manifest entry and the figures out.</summary>
public sealed class TrainEventsCommandTests
{
    private static readonly (string Type, string[] Sentences)[] Set =
    [
        ("supply_agreement", ["Glencore signed an offtake agreement with a battery maker.", "Sojitz will buy nickel from a Philippine miner under a new contract.", "Codelco agreed to supply copper cathodes to a Chinese smelter.", "Albemarle signed a supply deal with a carmaker."]),
        ("trade_flow", ["Japan imported 4,000 tonnes of cobalt in May.", "Chile exported 120,000 tonnes of copper to China last month.", "Peru shipped 9,000 tonnes of zinc to Korea in June.", "Imports of nickel into India rose to 3,000 tonnes."]),
        ("export_restriction", ["Indonesia banned exports of bauxite from June.", "China imposed export controls on gallium.", "Zimbabwe banned exports of raw lithium ore.", "Beijing requires export licences for antimony."]),
        ("production", ["Rio Tinto produced 80,000 tonnes of aluminium in the quarter.", "The smelter's output of zinc reached 12,000 tonnes.", "Codelco produced 300,000 tonnes of copper in the half year.", "Output of nickel at the plant rose to 5,000 tonnes."]),
        ("investment", ["Rio Tinto acquired a stake in a lithium mine.", "Glencore will invest $500 million in a new copper plant.", "Sojitz bought a 20% stake in a rare earths project.", "Albemarle raised $300 million to build a lithium refinery."]),
        ("none", ["Copper prices fell 2% on Monday.", "Nickel traders expect weak demand this winter.", "Glencore appointed a new chief financial officer.", "Zinc rose on the London Metal Exchange on Tuesday."]),
    ];

    [Fact]
    public async Task Trains_writes_the_model_and_manifest_entry_and_prints_the_cross_validated_figures()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(temp.File("data")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(data, "sentences.en.jsonl"),
            Set.SelectMany(s => s.Sentences.Select(text => JsonSerializer.Serialize(new { text, language = "en", type = s.Type, status = s.Type == "none" ? null : "fact" }))));

        var result = await CliProcess.RunAsync(temp.Path, "train", "events", "--data", data, "--output", temp.File("models/events"), "--folds", "2");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("2-fold cross-validated accuracy", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("export_restriction", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("models/events/event-types.bin")));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("models/manifest.json")));
        Assert.Equal("events/event-types.bin", manifest.RootElement.GetProperty("artefacts")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_missing_data_folder_is_a_usage_error()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "train", "events", "--data", temp.File("nowhere"), "--output", temp.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("training data", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")));
    }
}
