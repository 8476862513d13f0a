using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace NewsPipeline.Web.Page;

/// <summary>One file of the analysts' page, read once from the assembly's embedded resources.</summary>
public sealed record PageAsset(string Name, ReadOnlyMemory<byte> Content, string ContentType, string ETag);

/// <summary>
/// The page's static files (HTML, JavaScript modules, CSS) embedded in this assembly under the logical name
/// <c>page/…</c>, so that the served page never depends on files beside the executable or on a CDN.
/// </summary>
public sealed class PageAssets
{
    public const string ResourcePrefix = "page/";
    public const string IndexName = "index.html";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".ico"] = "image/x-icon",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, PageAsset> assets;

    private PageAssets(FrozenDictionary<string, PageAsset> assets) => this.assets = assets;

    public PageAsset Index => assets[IndexName];

    public IEnumerable<string> Names => assets.Keys;

    public static PageAssets FromAssembly(Assembly assembly)
    {
        var assets = new Dictionary<string, PageAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                throw new InvalidOperationException($"embedded page file '{name}' has no known content type; add its extension to PageAssets.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            // Strong validator from the bytes: a new build with a changed file is fetched again, an unchanged one is a 304.
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
            assets[name] = new PageAsset(name, content, contentType, etag);
        }

        if (!assets.ContainsKey(IndexName))
        {
            throw new InvalidOperationException($"the page's {IndexName} is not embedded in {assembly.GetName().Name}.");
        }

        return new PageAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGet(string name, out PageAsset asset) => assets.TryGetValue(name, out asset!);
}
