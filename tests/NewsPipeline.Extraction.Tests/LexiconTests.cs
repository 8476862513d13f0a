using System.Security.Cryptography;
using System.Text.Json;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

public sealed class LexiconTests
{
    [Fact]
    public void Every_supported_language_has_an_entry_for_every_concept()
    {
        var gaps = LexiconLoader.FindParityGaps(RepositoryPaths.Models);
        Assert.True(gaps.Count == 0, "Parity gaps:\n" + string.Join("\n", gaps));
    }

    [Fact]
    public void Parity_check_reports_a_language_missing_from_a_concept()
    {
        using var temp = new TempDirectory();
        var lexicons = Directory.CreateDirectory(Path.Combine(temp.Path, "lexicons")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.Models, "lexicons", "languages.json"), Path.Combine(lexicons, "languages.json"));
        File.WriteAllText(
            Path.Combine(lexicons, "toy.json"),
            """{"parity": ["concepts"], "concepts": {"gallium": {"fr": ["gallium"], "en": ["gallium"]}}}""");

        var gaps = LexiconLoader.FindParityGaps(temp.Path);

        Assert.Contains(gaps, g => g.Contains("gallium", StringComparison.Ordinal) && g.Contains("'kk'", StringComparison.Ordinal));
        Assert.DoesNotContain(gaps, g => g.Contains("'fr'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parity_check_reports_a_language_keyed_section_left_out_of_parity()
    {
        using var temp = new TempDirectory();
        var lexicons = Directory.CreateDirectory(Path.Combine(temp.Path, "lexicons")).FullName;
        File.Copy(Path.Combine(RepositoryPaths.Models, "lexicons", "languages.json"), Path.Combine(lexicons, "languages.json"));
        File.WriteAllText(
            Path.Combine(lexicons, "toy.json"),
            """
            {"parity": ["rates"], "parity_exempt": {"suffixes": "only some languages write one"},
             "rates": {"year": {"fr": ["par an"], "en": ["a year"], "ru": ["в год"], "de": ["pro Jahr"], "es": ["al año"], "pt": ["por ano"], "ja": ["年間"], "zh": ["每年"], "kk": ["жылына"]}},
             "approximations": {"fr": ["environ"], "en": ["about"]},
             "cues": {"contract": {"forms": {"en": ["offtake"]}}},
             "suffixes": {"ja": ["年"]},
             "firms": {"Acme": {"country": "US", "aliases": ["Acme"]}}}
            """);

        var gaps = LexiconLoader.FindParityGaps(temp.Path);

        Assert.Contains(gaps, g => g.Contains("'approximations'", StringComparison.Ordinal));
        Assert.Contains(gaps, g => g.Contains("'cues'", StringComparison.Ordinal));
        Assert.DoesNotContain(gaps, g => g.Contains("'rates'", StringComparison.Ordinal) || g.Contains("'suffixes'", StringComparison.Ordinal) || g.Contains("'firms'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("metals.json", "concepts")]
    [InlineData("metals.json", "non_metal_commodities")]
    [InlineData("countries.json", "concepts")]
    [InlineData("countries.json", "capitals")]
    [InlineData("countries.json", "capital_guards")]
    [InlineData("units.json", "units")]
    [InlineData("units.json", "multipliers")]
    [InlineData("units.json", "rates")]
    [InlineData("units.json", "number_formats")]
    [InlineData("events.json", "types")]
    [InlineData("events.json", "kinds")]
    [InlineData("companies.json", "nouns")]
    [InlineData("organisations.json", "heads")]
    public void The_concepts_every_language_needs_are_under_parity(string file, string section)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Models, "lexicons", file)));
        Assert.Contains(section, doc.RootElement.GetProperty("parity").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Manifest_lists_every_lexicon_with_its_current_hash()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Models, "manifest.json")));
        var entries = manifest.RootElement.GetProperty("artefacts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a, StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Models, "lexicons"), "*.json"))
        {
            var name = "lexicons/" + Path.GetFileName(file);
            Assert.True(entries.TryGetValue(name, out var entry), $"{name} has no manifest entry");
            foreach (var field in new[] { "version", "source", "licence" })
            {
                Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty(field).GetString()), $"{name} lacks {field}");
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
            Assert.True(hash == entry.GetProperty("sha256").GetString(), $"{name}: sha256 is stale; run python3 models/build/build_lexicons.py");
        }
    }

    [Fact]
    public void Loading_from_a_folder_without_lexicons_names_what_is_missing()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<InvalidDataException>(() => ArticleAnalyzer.Load(temp.Path));
        Assert.Contains("metals.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("countries.json", error.Message, StringComparison.Ordinal);
    }
}
