using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NewsPipeline.Ingestion.Parsing;

/// <summary>
/// The `feeds parse` measurement contract: one JSON object per feed file,
/// <c>{"id","ok","error","format","encoding","title","items":[{"id","title","link","published","updated","summary","content"}]}</c>,
/// dates as ISO 8601 UTC. Never throws for any input bytes.
/// </summary>
public sealed class FeedParseReport
{
    /// <summary>Base for relative links in files that have no URL of their own.</summary>
    public static readonly Uri DefaultBaseUrl = new("http://localhost/");

    private readonly FeedDocumentParser parser;

    public FeedParseReport(FeedDocumentParser parser)
    {
        this.parser = parser;
    }

    /// <summary>The JSON line (without its newline) for one file.</summary>
    public string Line(string id, ReadOnlyMemory<byte> body, Uri? baseUrl = null, string? contentType = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, id, body, baseUrl ?? DefaultBaseUrl, contentType);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Write(Utf8JsonWriter writer, string id, ReadOnlyMemory<byte> body, Uri baseUrl, string? contentType = null)
    {
        FeedDocument? document = null;
        string? error;
        try
        {
            var outcome = parser.ParseDocument(body, contentType, baseUrl);
            document = outcome.Value;
            error = outcome.Failure?.ToString();
        }
#pragma warning disable CA1031 // The measurement contract promises a line for every file; a bug becomes a visible error, not a crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = "internal error (a bug): " + e.GetType().Name + ": " + e.Message;
        }

        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteBoolean("ok", document is not null);
        writer.WriteString("error", error);
        writer.WriteString("format", document?.Format);
        writer.WriteString("encoding", document?.Encoding);
        writer.WriteString("title", document?.Title);
        writer.WriteStartArray("items");
        foreach (var item in document?.Items ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("id", item.Id);
            writer.WriteString("title", item.Title);
            writer.WriteString("link", item.Link?.AbsoluteUri);
            writer.WriteString("published", Iso(item.Published));
            writer.WriteString("updated", Iso(item.Updated));
            writer.WriteString("summary", item.Summary);
            writer.WriteString("content", item.Content);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string? Iso(DateTimeOffset? date) =>
        date?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
