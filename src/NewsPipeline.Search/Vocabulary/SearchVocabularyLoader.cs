using System.Text.Json;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Search.Vocabulary;

/// <summary>
/// Reads what the query parser needs from models/lexicons: canonical metal names (metals.json), metal groups
/// (metal-groups.json) and firm aliases in every script (companies.json).
/// </summary>
public static class SearchVocabularyLoader
{
    public static SearchVocabulary Load(string modelsDirectory)
    {
        var folder = Path.Combine(modelsDirectory, "lexicons");
        using var metalsDoc = Read(Path.Combine(folder, "metals.json"));
        using var groupsDoc = Read(Path.Combine(folder, "metal-groups.json"));
        using var companiesDoc = Read(Path.Combine(folder, "companies.json"));

        var metals = metalsDoc.RootElement.GetProperty("concepts").EnumerateObject().Select(p => p.Name).ToList();
        var groups = groupsDoc.RootElement.GetProperty("groups").EnumerateObject()
            .ToDictionary(p => p.Name, p => (IReadOnlyList<string>)p.Value.EnumerateArray().Select(m => m.GetString()!).ToList(), StringComparer.Ordinal);
        var firms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var firm in companiesDoc.RootElement.GetProperty("firms").EnumerateObject().Where(f => !f.Name.StartsWith('_')))
        {
            firms[firm.Name] = firm.Value.TryGetProperty("aliases", out var list) ? list.EnumerateArray().Select(a => a.GetString()!).ToList() : [];
        }

        return new SearchVocabulary(metals, groups, firms);
    }

    private static JsonDocument Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"lexicon not found: {path}", path);
        }

        return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    }
}
