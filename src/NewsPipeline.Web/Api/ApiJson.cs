using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Web.Api;

/// <summary>The API's JSON: the project's record shape (snake_case, every field present), event rows flattened with extras.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options => RecordJson.Options;

    /// <summary>An event row as a JSON object, to which views add their own fields (snippet, article, mentions).</summary>
    public static JsonObject Row(EventRow row) =>
        JsonSerializer.SerializeToNode(row, Options)!.AsObject();

    public static JsonObject Hit(EventHit hit)
    {
        var json = Row(hit.Event);
        if (hit.Snippet is not null)
        {
            json["snippet"] = JsonSerializer.SerializeToNode(hit.Snippet, Options);
        }

        return json;
    }

    public static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
}
