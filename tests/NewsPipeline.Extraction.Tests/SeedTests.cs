using System.Text.Json;
using NewsPipeline.Core.Extraction;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

/// <summary>The user's own example (issue 2): exactly the five gold events, from general rules.</summary>
public sealed class SeedTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [SkippableFact]
    public void The_french_gallium_story_gives_exactly_the_five_gold_events()
    {
        var folder = SharedCorpora.RequireDirectory("corpora/seed");
        var text = File.ReadAllText(Path.Combine(folder, "kazinform-gallium-fr.txt"));

        var result = fixture.Analyzer.Analyze(new ExtractionInput("seed-001", text, Language: "fr"));

        Assert.Equal(5, result.Events.Count);
        var supply = Assert.Single(result.Events, e => e.Type == EventType.SupplyAgreement);
        Assert.Equal(("gallium", "Mitsubishi Corporation RtM Japan", "Aluminium of Kazakhstan"), (supply.Metal, supply.Buyer, supply.Seller));
        Assert.Equal((15.0, RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact), (supply.Tonnes!.Value, supply.Per!.Value, supply.Start, supply.Origin, supply.Destination, supply.Status));
        Assert.Contains(result.Events, e => e is { Type: EventType.TradeFlow, Tonnes: 96.5, Start: "2021", Destination: "JP", Origin: null });
        Assert.Contains(result.Events, e => e is { Type: EventType.TradeFlow, Tonnes: 55.0, Start: "2021", Origin: "CN", Destination: "JP" });
        Assert.Contains(result.Events, e => e is { Type: EventType.ExportRestriction, Metal: "gallium", Origin: "CN", Start: "2023", Tonnes: null });
        Assert.Contains(result.Events, e => e is { Type: EventType.Production, Metal: "gallium", Seller: "Aluminium of Kazakhstan", Origin: "KZ", Status: EventStatus.Planned });

        Assert.Equal(["gallium", "aluminium"], result.Metals.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(["CN", "JP", "KZ"], result.Countries.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(result.Companies, c => c.Mention.Contains("Kazinform", StringComparison.Ordinal) || c.Mention.Contains("Kyodo", StringComparison.Ordinal));
        Assert.Contains(result.Organisations, o => o.Name == "JOGMEC");
    }

    [SkippableFact]
    public void The_gold_record_scores_every_field_against_the_seed_gold()
    {
        var folder = SharedCorpora.RequireDirectory("corpora/seed");
        using var gold = JsonDocument.Parse(File.ReadLines(Path.Combine(folder, "gold.jsonl")).First());
        var root = gold.RootElement;

        var result = fixture.Analyzer.Analyze(new ExtractionInput(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!, Language: "fr"));

        var goldCompanies = root.GetProperty("gold").GetProperty("companies").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.Equal(goldCompanies.Count, result.Companies.Count);
        Assert.All(goldCompanies, name => Assert.Contains(result.Companies, c => c.Name.StartsWith(name.Split(' ')[0], StringComparison.Ordinal)));
        var goldTonnes = root.GetProperty("gold").GetProperty("quantities").EnumerateArray().Select(q => q.GetProperty("tonnes").GetDouble()).Order();
        Assert.Equal(goldTonnes, result.Quantities.Select(q => q.Tonnes).Order());
    }
}
