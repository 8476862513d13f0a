using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsPipeline.Core.Json;

/// <summary>
/// The one JSON shape for records that leave the process (extract output, query output, API):
/// non-ASCII kept readable (analysts read Cyrillic and CJK), nulls written so every field is present.
/// The options are frozen, so sharing them is safe.
/// </summary>
public static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
