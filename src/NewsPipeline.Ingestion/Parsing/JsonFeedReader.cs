using System.Text.Json;
using NewsPipeline.Core;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into a <see cref="FeedDocument"/>.</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static Outcome<FeedDocument> Read(string text, string encoding, Uri documentUrl)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Outcome<FeedDocument>.Fail(FailureReason.Malformed, "JSON is not well-formed: " + e.Message);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "version") is not { } version
                || !version.StartsWith("https://jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                return Outcome<FeedDocument>.Fail(FailureReason.UnsupportedContent, "JSON document is not a JSON Feed (no jsonfeed.org version)");
            }

            var baseUrl = Url(String(root, "feed_url"), documentUrl) ?? documentUrl;
            var feedLanguage = String(root, "language");
            var items = root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(i => Item(i, baseUrl, feedLanguage)).ToList()
                : [];
            return Outcome<FeedDocument>.Success(new FeedDocument("json", String(root, "title"), encoding, items));
        }
    }

    private static FeedDocumentItem Item(JsonElement item, Uri baseUrl, string? feedLanguage) => new(
        Id: String(item, "id"),
        Title: String(item, "title"),
        Link: Url(String(item, "url"), baseUrl) ?? Url(String(item, "external_url"), baseUrl),
        Published: InternetDateParser.Parse(String(item, "date_published")),
        Updated: InternetDateParser.Parse(String(item, "date_modified")),
        Summary: String(item, "summary"),
        Content: String(item, "content_html") ?? String(item, "content_text"),
        Language: String(item, "language") ?? feedLanguage);

    // Ids may be numbers in the wild although the spec says strings.
    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return XmlItemReader.Clean(text);
    }

    private static Uri? Url(string? value, Uri baseUrl) =>
        value is not null && Uri.TryCreate(baseUrl, value, out var url) && url.IsAbsoluteUri ? url : null;
}
