using System.Globalization;
using System.Text;

namespace NewsPipeline.Core.Text;

/// <summary>
/// Canonical form of article URLs for cross-feed dedup: lowercase scheme and host, no default port,
/// no fragment, tracking parameters removed, remaining query parameters sorted.
/// </summary>
public static class UrlNormalizer
{
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_", "pk_", "hsa_"];

    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src", "cmpid", "ocid", "ito", "at_medium", "at_campaign", "spm", "share",
    };

    public static string Normalize(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        var builder = new StringBuilder();
        builder.Append(url.Scheme.ToLowerInvariant()).Append("://").Append(url.IdnHost.ToLowerInvariant());
        if (!url.IsDefaultPort)
        {
            builder.Append(':').Append(url.Port.ToString(CultureInfo.InvariantCulture));
        }

        var path = url.AbsolutePath;
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
        }

        builder.Append(path);
        var kept = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (kept.Count > 0)
        {
            builder.Append('?').AppendJoin('&', kept);
        }

        return builder.ToString();
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
