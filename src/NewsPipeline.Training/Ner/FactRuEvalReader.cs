using System.Globalization;

namespace NewsPipeline.Training.Ner;

/// <summary>
/// factRuEval-2016 stand-off documents (*.tokens, *.spans, *.objects): objects are mapped to entity types and
/// cover the tokens of their name spans only (org_name, loc_name, name, surname…), not descriptors such as
/// "компания", which the company recogniser treats as a cue of its own.
/// </summary>
internal static class FactRuEvalReader
{
    public static List<AnnotatedText> ReadFolder(string folder, Func<string, string?> mapObjectType, string corpus, DataSplit split)
    {
        var texts = new List<AnnotatedText>();
        foreach (var tokensFile in Directory.GetFiles(folder, "*.tokens").Order(StringComparer.Ordinal))
        {
            var stem = tokensFile[..^".tokens".Length];
            texts.AddRange(ReadDocument(stem, mapObjectType, corpus, split));
        }

        return texts;
    }

    private static IEnumerable<AnnotatedText> ReadDocument(string stem, Func<string, string?> mapObjectType, string corpus, DataSplit split)
    {
        var sentences = new List<List<(long Id, string Text)>> { new() };
        foreach (var line in File.ReadLines(stem + ".tokens"))
        {
            var fields = line.Split(' ', 4);
            if (fields.Length < 4)
            {
                if (sentences[^1].Count > 0)
                {
                    sentences.Add([]);
                }

                continue;
            }

            sentences[^1].Add((long.Parse(fields[0], CultureInfo.InvariantCulture), fields[3]));
        }

        var tags = sentences.SelectMany(s => s).ToDictionary(t => t.Id, _ => "O");
        var nameSpans = ReadNameSpans(stem + ".spans");
        foreach (var line in File.ReadLines(stem + ".objects"))
        {
            var fields = line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || mapObjectType(fields[1]) is not { } type)
            {
                continue;
            }

            var ids = fields.Skip(2).Where(nameSpans.ContainsKey).SelectMany(s => nameSpans[s]).Where(tags.ContainsKey).Order().ToList();
            if (ids.Count == 0 || ids.Any(id => tags[id] != "O"))
            {
                continue;
            }

            // A name is contiguous: from its first to its last name token.
            for (var id = ids[0]; id <= ids[^1]; id++)
            {
                if (tags.ContainsKey(id))
                {
                    tags[id] = (id == ids[0] ? "B-" : "I-") + type;
                }
            }
        }

        foreach (var sentence in sentences.Where(s => s.Count > 0))
        {
            var builder = new TokenSentenceBuilder(t => t);
            foreach (var (id, text) in sentence)
            {
                builder.Add(text, tags[id]);
            }

            yield return builder.Build("ru", corpus, split);
        }
    }

    /// <summary>span id → token ids, for the span types that are part of a name.</summary>
    private static Dictionary<string, List<long>> ReadNameSpans(string path)
    {
        var spans = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1] is not ("org_name" or "loc_name" or "name" or "surname" or "patronymic" or "nickname"))
            {
                continue;
            }

            var first = long.Parse(fields[4], CultureInfo.InvariantCulture);
            var count = int.Parse(fields[5], CultureInfo.InvariantCulture);
            spans[fields[0]] = [.. Enumerable.Range(0, count).Select(k => first + k)];
        }

        return spans;
    }
}
