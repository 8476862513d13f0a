using System.Text.Json;

namespace NewsPipeline.Training.Ner;

/// <summary>stockmark ner-wikipedia-dataset: a JSON array of {text, entities:[{span:[start,end], type}]} with character offsets.</summary>
internal static class StockmarkReader
{
    public static List<AnnotatedText> Read(string path, Func<string, string?> mapType, string corpus, Func<int, int, DataSplit> split)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var records = document.RootElement.EnumerateArray().ToList();
        var texts = new List<AnnotatedText>(records.Count);
        for (var k = 0; k < records.Count; k++)
        {
            var text = records[k].GetProperty("text").GetString() ?? string.Empty;
            var entities = new List<EntitySpan>();
            foreach (var entity in records[k].GetProperty("entities").EnumerateArray())
            {
                var span = entity.GetProperty("span");
                var start = span[0].GetInt32();
                var end = span[1].GetInt32();
                if (mapType(entity.GetProperty("type").GetString() ?? string.Empty) is { } type && start >= 0 && end <= text.Length && start < end)
                {
                    entities.Add(new EntitySpan(start, end, type));
                }
            }

            texts.Add(new AnnotatedText("ja", corpus, split(k, records.Count), text, entities));
        }

        return texts;
    }
}
