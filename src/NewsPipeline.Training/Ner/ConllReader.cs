namespace NewsPipeline.Training.Ner;

/// <summary>How a column corpus lays out its lines.</summary>
/// <param name="TokenColumn">Index of the token among the whitespace-separated fields.</param>
/// <param name="TagColumn">Index of the tag; negative counts from the end (-1 = last field).</param>
/// <param name="SplitSentences">For corpora with (almost) no blank lines: a sentence also ends after . ! ? or at <see cref="ConllReader.MaxSentenceTokens"/>.</param>
internal sealed record ConllFormat(int TokenColumn, int TagColumn, bool SplitSentences = false);

/// <summary>Reads CoNLL-style corpora (one token per line, blank line between sentences, '#' comments and -DOCSTART- ignored).</summary>
internal static class ConllReader
{
    public const int MaxSentenceTokens = 80;

    public static List<AnnotatedText> Read(string path, ConllFormat format, Func<string, string?> mapType, string language, string corpus, Func<int, int, DataSplit> split)
    {
        var sentences = new List<TokenSentenceBuilder>();
        var current = new TokenSentenceBuilder(mapType);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                Flush(sentences, ref current, mapType);
                continue;
            }

            var tagIndex = format.TagColumn < 0 ? fields.Length + format.TagColumn : format.TagColumn;
            if (fields.Length < 2 || format.TokenColumn >= fields.Length || tagIndex <= format.TokenColumn || tagIndex >= fields.Length)
            {
                continue;
            }

            var token = fields[format.TokenColumn];
            current.Add(token, fields[tagIndex]);
            if (format.SplitSentences && (token is "." or "!" or "?" || current.Count >= MaxSentenceTokens))
            {
                Flush(sentences, ref current, mapType);
            }
        }

        Flush(sentences, ref current, mapType);
        return [.. sentences.Select((s, k) => s.Build(language, corpus, split(k, sentences.Count)))];
    }

    private static void Flush(List<TokenSentenceBuilder> sentences, ref TokenSentenceBuilder current, Func<string, string?> mapType)
    {
        if (current.Count > 0)
        {
            sentences.Add(current);
            current = new TokenSentenceBuilder(mapType);
        }
    }
}
