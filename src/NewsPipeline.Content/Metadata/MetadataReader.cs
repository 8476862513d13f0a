using System.Text;
using AngleSharp.Dom;
using NewsPipeline.Content.Dom;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Content.Metadata;

/// <summary>
/// Reads title, dates (with where they came from), author, site name, canonical URL and declared language from
/// JSON-LD, Open Graph and other meta tags, and markup such as <c>&lt;time datetime&gt;</c>.
/// </summary>
internal sealed class MetadataReader(DateParsing dates)
{
    private static readonly string[] PublishedMetaNames =
    [
        "article:published_time", "og:published_time", "og:article:published_time", "datepublished", "pubdate",
        "publishdate", "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
        "sailthru.date", "parsely-pub-date", "date", "article.published", "cxenseparse:recs:publishtime",
    ];

    private static readonly string[] ModifiedMetaNames =
    [
        "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified",
    ];

    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " : "];

    /// <param name="elements">Every element of the document in document order (read before any cleaning).</param>
    public PageMetadata Read(IReadOnlyList<IElement> elements, Uri? pageUrl)
    {
        var meta = MetaTags(elements);
        var jsonLd = JsonLdArticle.Find(elements);
        var siteName = First(meta, "og:site_name", "application-name", "twitter:site:name") ?? jsonLd?.Publisher
            ?? HostName(pageUrl);
        var h1 = elements.FirstOrDefault(e => e.LocalName == "h1");
        var title = CleanTitle(
            First(meta, "og:title", "twitter:title") ?? jsonLd?.Headline,
            elements.FirstOrDefault(e => e.LocalName == "title")?.TextContent,
            h1 is null ? null : TextFolding.Fold(h1.TextContent),
            siteName);

        var (published, source) = FindPublished(meta, jsonLd, elements, pageUrl);
        var modified = DateParsing.ParseMachine(jsonLd?.DateModified) ?? ModifiedMetaNames
            .Select(n => DateParsing.ParseMachine(meta.GetValueOrDefault(n))).FirstOrDefault(d => d is not null);

        var author = CleanAuthor(jsonLd?.Author)
            ?? CleanAuthor(First(meta, "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"))
            ?? CleanAuthor(elements.FirstOrDefault(IsAuthorElement) is { } a ? AuthorText(a) : null);

        var ogType = meta.GetValueOrDefault("og:type");
        var declaresArticle = jsonLd is not null || (ogType is not null && ogType.Contains("article", StringComparison.OrdinalIgnoreCase));
        return new PageMetadata(
            title,
            published,
            source,
            modified,
            author,
            string.IsNullOrWhiteSpace(siteName) ? null : TextFolding.Fold(siteName),
            DeclaredLanguage(elements, meta, jsonLd),
            Canonical(elements, meta, pageUrl),
            declaresArticle,
            jsonLd);
    }

    /// <summary>A visible date near the byline, for pages that state the date nowhere else.</summary>
    public DateTimeOffset? VisibleDate(IReadOnlyList<IElement> elements)
    {
        foreach (var element in elements)
        {
            if (element.LocalName is "time" or "span" or "div" or "p" or "li" && element.ChildElementCount <= 3)
            {
                var signature = ClassHints.Signature(element);
                if (element.LocalName == "time" || signature.Contains("date", StringComparison.Ordinal)
                    || signature.Contains("time", StringComparison.Ordinal) || signature.Contains("publish", StringComparison.Ordinal))
                {
                    var text = element.TextContent;
                    if (text.Length < 200 && dates.FromVisibleText(text) is { } date)
                    {
                        return date;
                    }
                }
            }
        }

        return null;
    }

    private static Dictionary<string, string> MetaTags(IReadOnlyList<IElement> elements)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in elements)
        {
            if (element.LocalName != "meta")
            {
                continue;
            }

            var key = element.GetAttribute("property") ?? element.GetAttribute("name")
                ?? element.GetAttribute("itemprop") ?? element.GetAttribute("http-equiv");
            var content = element.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(content))
            {
                meta.TryAdd(key.Trim(), content.Trim());
            }
        }

        return meta;
    }

    private static string? First(Dictionary<string, string> meta, params string[] names)
    {
        foreach (var name in names)
        {
            if (meta.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return System.Net.WebUtility.HtmlDecode(value).Trim();
            }
        }

        return null;
    }

    private (DateTimeOffset?, DateSource?) FindPublished(
        Dictionary<string, string> meta, JsonLdArticle? jsonLd, IReadOnlyList<IElement> elements, Uri? pageUrl)
    {
        if (DateParsing.ParseMachine(jsonLd?.DatePublished) is { } fromJsonLd)
        {
            return (fromJsonLd, DateSource.JsonLd);
        }

        foreach (var name in PublishedMetaNames)
        {
            if (DateParsing.ParseMachine(meta.GetValueOrDefault(name)) is { } fromMeta)
            {
                return (fromMeta, DateSource.MetaTag);
            }
        }

        foreach (var element in elements)
        {
            if (element.LocalName == "time" || (element.GetAttribute("itemprop") is { } prop
                && prop.Contains("datePublished", StringComparison.OrdinalIgnoreCase)))
            {
                var value = element.GetAttribute("datetime") ?? element.GetAttribute("content");
                if (DateParsing.ParseMachine(value) is { } fromTime)
                {
                    return (fromTime, DateSource.TimeElement);
                }
            }
        }

        if (DateParsing.FromUrlPath(pageUrl) is { } fromUrl)
        {
            return (fromUrl, DateSource.UrlPath);
        }

        return VisibleDate(elements) is { } visible ? (visible, DateSource.VisibleText) : (null, null);
    }

    private static string? CleanTitle(string? metaTitle, string? documentTitle, string? h1, string? siteName)
    {
        var candidates = new[] { TextFolding.Fold(documentTitle ?? string.Empty), TextFolding.Fold(metaTitle ?? string.Empty) }
            .Where(c => c.Length > 0).ToList();
        if (candidates.Count == 0)
        {
            return string.IsNullOrEmpty(h1) ? null : h1;
        }

        // The headline is the part every source agrees on: an h1 inside the <title> is the title without the site.
        if (!string.IsNullOrEmpty(h1) && candidates.Any(c => c.Contains(h1, StringComparison.OrdinalIgnoreCase)))
        {
            return h1;
        }

        var title = candidates.Count > 1 && candidates[1].Length <= candidates[0].Length ? candidates[1] : candidates[0];
        return StripSiteName(title, siteName);
    }

    private static string StripSiteName(string title, string? siteName)
    {
        foreach (var separator in TitleSeparators)
        {
            var index = title.LastIndexOf(separator, StringComparison.Ordinal);
            var first = title.IndexOf(separator, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            var head = title[..index].Trim();
            var tail = title[(index + separator.Length)..].Trim();
            if (IsSiteName(tail, siteName) && head.Length > 0)
            {
                return head;
            }

            var lead = title[..first].Trim();
            var rest = title[(first + separator.Length)..].Trim();
            if (IsSiteName(lead, siteName) && rest.Length > 0)
            {
                return rest;
            }

            // No known site name: a short last part after a separator is almost always the site.
            if (siteName is null && WordCount(tail) <= 3 && WordCount(head) >= 3)
            {
                return head;
            }
        }

        return title;
    }

    private static bool IsSiteName(string part, string? siteName)
    {
        if (siteName is null || part.Length == 0)
        {
            return false;
        }

        var a = Compact(part);
        var b = Compact(siteName);
        return a.Length > 0 && b.Length > 0 && (a == b || b.Contains(a, StringComparison.Ordinal) || a.Contains(b, StringComparison.Ordinal));
    }

    private static string Compact(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var compact = builder.ToString();
        return compact.StartsWith("www", StringComparison.Ordinal) ? compact[3..] : compact;
    }

    private static int WordCount(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string? HostName(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return null;
        }

        var host = url.Host;
        return host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
    }

    private static bool IsAuthorElement(IElement element) =>
        (element.GetAttribute("rel") is { } rel && rel.Contains("author", StringComparison.OrdinalIgnoreCase))
        || (element.GetAttribute("itemprop") is { } prop && prop.Equals("author", StringComparison.OrdinalIgnoreCase));

    private static string? AuthorText(IElement element)
    {
        var name = element.QuerySelector("[itemprop=name]");
        var text = name?.GetAttribute("content") ?? name?.TextContent ?? element.GetAttribute("content") ?? element.TextContent;
        return text.Length > 100 ? null : text;
    }

    private static string? CleanAuthor(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return null;
        }

        var text = TextFolding.Fold(author);
        if (text.StartsWith("http", StringComparison.OrdinalIgnoreCase) || text.StartsWith('@') || text.Length > 120)
        {
            return null;
        }

        return text;
    }

    private static string? DeclaredLanguage(IReadOnlyList<IElement> elements, Dictionary<string, string> meta, JsonLdArticle? jsonLd)
    {
        var html = elements.FirstOrDefault(e => e.LocalName == "html");
        var candidates = new[]
        {
            html?.GetAttribute("lang"), html?.GetAttribute("xml:lang"), meta.GetValueOrDefault("content-language"),
            meta.GetValueOrDefault("og:locale"), meta.GetValueOrDefault("language"), jsonLd?.Language,
        };
        foreach (var candidate in candidates)
        {
            var primary = PrimarySubtag(candidate);
            if (primary is not null)
            {
                return primary;
            }
        }

        return null;
    }

    /// <summary>"fr-FR", "fr_FR", "FR" → "fr"; anything that is not a language subtag → null.</summary>
    public static string? PrimarySubtag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_', ',', ';', ' ')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    private static Uri? Canonical(IReadOnlyList<IElement> elements, Dictionary<string, string> meta, Uri? pageUrl)
    {
        var link = elements.FirstOrDefault(e => e.LocalName == "link"
            && e.GetAttribute("rel") is { } rel && rel.Split(' ').Contains("canonical", StringComparer.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(e.GetAttribute("href")));
        return Resolve(link?.GetAttribute("href"), pageUrl) ?? Resolve(meta.GetValueOrDefault("og:url"), pageUrl);
    }

    private static Uri? Resolve(string? href, Uri? pageUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        href = href.Trim();
        Uri? result;
        if (pageUrl is not null && pageUrl.IsAbsoluteUri)
        {
            Uri.TryCreate(pageUrl, href, out result);
        }
        else
        {
            Uri.TryCreate(href, UriKind.Absolute, out result);
        }

        return result is not null && (result.Scheme == Uri.UriSchemeHttp || result.Scheme == Uri.UriSchemeHttps) ? result : null;
    }
}
