using System.Text.Json;

namespace NewsPipeline.Content.Tests;

/// <summary>Our own test pages, copied next to the test binary.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Directory, relative));

    public static GoldenExpectation Expected(string name)
    {
        var json = Read(Path.Combine("Golden", name + ".expected.json"));
        return JsonSerializer.Deserialize<GoldenExpectation>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidOperationException("Empty expectation " + name);
    }
}

/// <summary>What a golden page must yield: every body paragraph kept, every piece of furniture dropped, metadata.</summary>
internal sealed record GoldenExpectation(
    string Url,
    string Title,
    string Published,
    string Author,
    string SiteName,
    string Language,
    string Canonical,
    IReadOnlyList<string> Keep,
    IReadOnlyList<string> Drop);
