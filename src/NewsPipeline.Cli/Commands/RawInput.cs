using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using NewsPipeline.Content;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Cli.Commands;

/// <summary>One article as given to `extract`: plain text or HTML, with optional metadata.</summary>
internal sealed record RawInput(string Id, string? Text, string? Html, string? Title, string? Language, string? Published, string? Url)
{
    /// <summary>Parses one JSONL line; a missing id or body is an error naming the field.</summary>
    public static bool TryParse(string line, [NotNullWhen(true)] out RawInput? input, [NotNullWhen(false)] out string? error)
    {
        input = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "line is not a JSON object";
                return false;
            }

            var id = Scalar(root, "id");
            var text = Scalar(root, "text");
            var html = Scalar(root, "html");
            if (string.IsNullOrEmpty(id))
            {
                error = "missing \"id\"";
                return false;
            }

            if (text is null && html is null)
            {
                error = $"{id}: needs \"text\" or \"html\"";
                return false;
            }

            input = new RawInput(id, text, html, Scalar(root, "title"), Scalar(root, "language"), Scalar(root, "published"), Scalar(root, "url"));
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }
    }

    private static string? Scalar(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}

/// <summary>Turns raw inputs into analyzer inputs, running content extraction on HTML first.</summary>
internal static class ArticleInputs
{
    public static ExtractionInput Prepare(RawInput raw, ContentExtractor content)
    {
        if (raw.Text is not null)
        {
            return new ExtractionInput(raw.Id, raw.Text, raw.Title, raw.Language, raw.Published, raw.Url);
        }

        Uri.TryCreate(raw.Url, UriKind.Absolute, out var url);
        var page = content.Extract(raw.Html ?? string.Empty, url);
        return new ExtractionInput(
            raw.Id,
            page.Text,
            raw.Title ?? page.Title,
            raw.Language ?? page.Language,
            raw.Published ?? page.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            raw.Url ?? page.CanonicalUrl?.ToString());
    }
}
