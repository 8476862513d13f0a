using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;
using Xunit;

namespace NewsPipeline.Extraction.Tests;

/// <summary>Runs every case of Fixtures/golden/*.json: what must be found and what must not, in every supported language.</summary>
public sealed class GoldenCaseTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden"), "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(Path.GetFileName(file), c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_holds(string file, string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden", file)));
        var language = doc.RootElement.GetProperty("language").GetString();
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var result = fixture.Analyzer.Analyze(new ExtractionInput(name, c.GetProperty("text").GetString()!, Language: language, Published: Str(c, "published")));

        Assert.Equal(language, result.Language);
        foreach (var metal in List(c, "metals"))
        {
            Assert.Contains(metal, result.Metals);
        }

        foreach (var metal in List(c, "not_metals"))
        {
            Assert.DoesNotContain(metal, result.Metals);
        }

        foreach (var country in List(c, "countries"))
        {
            Assert.Contains(country, result.Countries);
        }

        foreach (var country in List(c, "not_countries"))
        {
            Assert.DoesNotContain(country, result.Countries);
        }

        if (c.TryGetProperty("tonnes", out var tonnes))
        {
            var expected = tonnes.EnumerateArray().Select(t => t.GetDouble()).Order().ToList();
            var actual = result.Quantities.Select(q => q.Tonnes).Order().ToList();
            Assert.True(expected.Count == actual.Count && expected.Zip(actual).All(p => Close(p.First, p.Second)),
                $"tonnes: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }

        foreach (var company in List(c, "companies"))
        {
            Assert.Contains(result.Companies, m => m.Name.Contains(company, StringComparison.Ordinal));
        }

        // A cut or padded name ("丸星商事株式", "丸星") contains or is contained in the right one: only equality shows it.
        foreach (var company in List(c, "company_names"))
        {
            Assert.True(result.Companies.Any(m => m.Name == company), $"no company named exactly {company}; got: {string.Join(" | ", result.Companies.Select(m => m.Name))}");
        }

        // A second spelling of one firm ("紫金矿业（Zijin Mining）") must not stand as a party of its own.
        foreach (var company in List(c, "not_company_names"))
        {
            Assert.False(result.Companies.Any(m => m.Name == company), $"a company is named {company}; got: {string.Join(" | ", result.Companies.Select(m => m.Name))}");
        }

        foreach (var surface in List(c, "not_companies"))
        {
            Assert.DoesNotContain(result.Companies, m => m.Mention.Contains(surface, StringComparison.Ordinal));
        }

        if (c.TryGetProperty("events", out var events))
        {
            foreach (var expected in events.EnumerateArray())
            {
                Assert.True(result.Events.Any(e => Matches(expected, e)), $"no event matches {expected}; got: {string.Join(" | ", result.Events.Select(e => e.Summary))}");
            }
        }

        // Repeats merge and separate deals stay separate: the count is part of the answer.
        if (c.TryGetProperty("event_count", out var count))
        {
            Assert.True(count.GetInt32() == result.Events.Count, $"expected {count.GetInt32()} events, got: {string.Join(" | ", result.Events.Select(e => e.Summary))}");
        }
    }

    private static bool Matches(JsonElement expected, SupplyEvent actual)
    {
        bool Same(string field, string? value) => !expected.TryGetProperty(field, out var v) || (value is not null && value.Contains(v.GetString()!, StringComparison.Ordinal));
        return Same("type", JsonNamingOf(actual.Type))
            && Same("metal", actual.Metal)
            && Same("buyer", actual.Buyer)
            && Same("seller", actual.Seller)
            && Same("origin", actual.Origin)
            && Same("destination", actual.Destination)
            && Same("start", actual.Start)
            && Same("per", actual.Per?.ToString().ToLowerInvariant())
            && Same("status", actual.Status.ToString().ToLowerInvariant())
            && (!expected.TryGetProperty("tonnes", out var t) || (actual.Tonnes is { } a && Close(t.GetDouble(), a)));
    }

    private static string JsonNamingOf(EventType type) => JsonSerializer.Serialize(type).Trim('"');

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 0.01 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-9;

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static IEnumerable<string> List(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
}
