using System.Reflection;
using System.Text.Json;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Cli.Demo;

/// <summary>One article of the bundled corpus as its manifest describes it.</summary>
public sealed record DemoArticle(string File, string Language, string Feed, bool HasMetal);

/// <summary>
/// The sample feeds and article pages embedded in this executable (written for this project; see
/// Demo/Corpus/README.md). Resources are named "demo/&lt;path&gt;".
/// </summary>
public sealed class DemoCorpus
{
    public const string BaseUrlPlaceholder = "{{BASE_URL}}";
    private const string Prefix = "demo/";

    private readonly Assembly assembly = typeof(DemoCorpus).Assembly;

    public DemoCorpus()
    {
        Paths = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..].Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        Articles = ReadManifest();
    }

    /// <summary>Every embedded path, e.g. "feeds/metals-wire.rss.xml", "articles/fr-kazakh-gallium.html".</summary>
    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyList<DemoArticle> Articles { get; }

    public IEnumerable<string> FeedPaths => Paths.Where(p => p.StartsWith("feeds/", StringComparison.Ordinal));

    /// <summary>The file's bytes with the placeholder replaced by the server's base URL; null if absent.</summary>
    public byte[]? Read(string path, Uri baseUrl)
    {
        using var stream = assembly.GetManifestResourceStream(Prefix + path);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace(BaseUrlPlaceholder, baseUrl.ToString(), StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The demo feeds as feed definitions on a server at <paramref name="baseUrl"/>.</summary>
    public IReadOnlyList<FeedDefinition> Feeds(Uri baseUrl) =>
        FeedPaths.Select(path =>
        {
            var file = path["feeds/".Length..];
            var language = Articles.Where(a => a.Feed == file || a.Feed == path)
                .GroupBy(a => a.Language, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstOrDefault() ?? "en";
            return new FeedDefinition("demo: " + file, new Uri(baseUrl, path), language, TimeSpan.FromMinutes(30));
        }).ToList();

    private List<DemoArticle> ReadManifest()
    {
        using var stream = assembly.GetManifestResourceStream(Prefix + "manifest.json");
        if (stream is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(stream);
        var items = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.GetProperty("articles");
        return items.EnumerateArray()
            .Select(a => new DemoArticle(
                a.GetProperty("file").GetString()!,
                a.GetProperty("language").GetString()!,
                a.TryGetProperty("feed", out var feed) ? feed.GetString() ?? "" : "",
                a.TryGetProperty("has_metal", out var metal) && metal.ValueKind == JsonValueKind.True))
            .ToList();
    }
}
