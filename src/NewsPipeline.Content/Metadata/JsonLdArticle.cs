using System.Net;
using System.Text.Json;
using AngleSharp.Dom;

namespace NewsPipeline.Content.Metadata;

/// <summary>The fields of a page's JSON-LD article object (schema.org Article and its subtypes) that we use.</summary>
internal sealed record JsonLdArticle(
    string? Type,
    string? Headline,
    string? ArticleBody,
    string? DatePublished,
    string? DateModified,
    string? Author,
    string? Publisher,
    string? Language,
    string? Url)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>schema.org types whose instances are single articles; a WebPage alone says nothing.</summary>
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle", "BlogPosting", "LiveBlogPosting",
        "TechArticle", "ScholarlyArticle", "Report", "SocialMediaPosting", "DiscussionForumPosting", "Review",
    };

    /// <summary>The first article object in the page's JSON-LD scripts, or null; malformed scripts are skipped.</summary>
    public static JsonLdArticle? Find(IEnumerable<IElement> elements)
    {
        foreach (var script in elements)
        {
            if (script.LocalName != "script")
            {
                continue;
            }

            var type = script.GetAttribute("type");
            if (type is null || !type.Contains("ld+json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var found = TryParse(script.TextContent);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static JsonLdArticle? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Trim().TrimEnd(';'), Options);
            var queue = new Queue<JsonElement>();
            queue.Enqueue(document.RootElement);
            var visited = 0;
            while (queue.Count > 0 && visited++ < 1_000)
            {
                var element = queue.Dequeue();
                if (element.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in element.EnumerateArray())
                    {
                        queue.Enqueue(item);
                    }

                    continue;
                }

                if (element.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var articleType = ArticleType(element);
                if (articleType is not null)
                {
                    return FromObject(element, articleType);
                }

                foreach (var nested in new[] { "@graph", "mainEntity", "mainEntityOfPage", "hasPart" })
                {
                    if (element.TryGetProperty(nested, out var child))
                    {
                        queue.Enqueue(child);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Hand-written JSON-LD is often invalid; the other sources of metadata still apply.
        }

        return null;
    }

    private static string? ArticleType(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type))
        {
            return null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            var name = type.GetString();
            return name is not null && ArticleTypes.Contains(name) ? name : null;
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in type.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } name && ArticleTypes.Contains(name))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static JsonLdArticle FromObject(JsonElement element, string type) => new(
        type,
        Decode(String(element, "headline") ?? String(element, "name")),
        Decode(String(element, "articleBody") ?? String(element, "text")),
        String(element, "datePublished") ?? String(element, "dateCreated"),
        String(element, "dateModified"),
        Decode(Names(element, "author") ?? Names(element, "creator")),
        Decode(Names(element, "publisher")),
        String(element, "inLanguage") ?? Names(element, "inLanguage"),
        String(element, "url") ?? Names(element, "mainEntityOfPage", "@id"));

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A person/organisation field: a string, an object with a name, or an array of either, joined.</summary>
    private static string? Names(JsonElement element, string property, string nameProperty = "name")
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        var names = new List<string>();
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        foreach (var item in items)
        {
            var name = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => String(item, nameProperty),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(name) && !names.Contains(name.Trim(), StringComparer.Ordinal))
            {
                names.Add(name.Trim());
            }
        }

        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static string? Decode(string? value) => value is null ? null : WebUtility.HtmlDecode(value);
}
