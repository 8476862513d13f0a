using NewsPipeline.Extraction.Recognisers.Tagging;

namespace NewsPipeline.Training.Ner;

/// <summary>Precision, recall and F1 of exact entity matches (same span, same type).</summary>
public sealed record EntityScore(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public int Gold => TruePositives + FalseNegatives;

    public EntityScore Plus(EntityScore other) =>
        new(TruePositives + other.TruePositives, FalsePositives + other.FalsePositives, FalseNegatives + other.FalseNegatives);
}

/// <summary>Held-out scores of one language: all entities, and per type.</summary>
public sealed record LanguageScore(string Language, int Sentences, EntityScore All, IReadOnlyDictionary<string, EntityScore> ByType);

/// <summary>
/// Scores a tagger on held-out sentences. Gold entities are first projected onto the extraction tokens (as in
/// training), so a name the tokenizer cannot separate counts against recall, as it would in use.
/// </summary>
internal static class NerEvaluation
{
    public static IReadOnlyList<LanguageScore> Score(EntityTagger tagger, NerExamples examples, IEnumerable<AnnotatedText> sentences)
    {
        var counts = new Dictionary<(string Language, string Type), EntityScore>();
        var sentenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            if (examples.Prepare(sentence) is not { } input)
            {
                continue;
            }

            sentenceCounts[sentence.Language] = sentenceCounts.GetValueOrDefault(sentence.Language) + 1;
            var goldTags = NerExamples.GoldTags(input, sentence.Entities);
            var gold = EntityTagger.Entities(input, goldTags, new float[goldTags.Length]).Select(e => (e.Start, e.End, e.Type)).ToHashSet();
            var found = tagger.Tag(input).Select(e => (e.Start, e.End, e.Type)).ToHashSet();
            foreach (var type in gold.Select(g => g.Type).Concat(found.Select(f => f.Type)).Distinct(StringComparer.Ordinal))
            {
                var tp = found.Count(f => f.Type == type && gold.Contains(f));
                var score = new EntityScore(tp, found.Count(f => f.Type == type) - tp, gold.Count(g => g.Type == type) - tp);
                var key = (sentence.Language, type);
                counts[key] = counts.TryGetValue(key, out var sum) ? sum.Plus(score) : score;
            }
        }

        return [.. sentenceCounts.Keys.Order(StringComparer.Ordinal).Select(language =>
        {
            var byType = counts.Where(c => c.Key.Language == language).ToDictionary(c => c.Key.Type, c => c.Value, StringComparer.Ordinal);
            var all = byType.Values.Aggregate(new EntityScore(0, 0, 0), (a, b) => a.Plus(b));
            return new LanguageScore(language, sentenceCounts[language], all, byType);
        })];
    }
}
