using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Training.Ner;

/// <summary>
/// Turns annotated sentences into tagger inputs and per-token training examples, through the same tokenizer,
/// lexicon cues and features that extraction uses.
/// </summary>
internal sealed class NerExamples(TokenCues cues, FeatureHasher hasher, float organisationWeight = 1f)
{
    /// <summary>The sentence as the tagger sees it, or null when NFC normalisation would move the annotated offsets.</summary>
    public TaggingInput? Prepare(AnnotatedText sentence)
    {
        var text = AnalysisText.From(sentence.Text);
        if (text.Length != sentence.Text.Length)
        {
            return null;
        }

        var tokens = Tokenizer.Tokenize(text.Original);
        return new TaggingInput(text, tokens, cues.Find(text, tokens, sentence.Language), sentence.Language);
    }

    /// <summary>
    /// BIO tags per token: a token belongs to an entity when most of it lies inside; the first such token is B-.
    /// </summary>
    public static string[] GoldTags(TaggingInput input, IReadOnlyList<EntitySpan> entities)
    {
        var tags = Enumerable.Repeat(EntityTagger.Outside, input.Tokens.Count).ToArray();
        foreach (var entity in entities)
        {
            var first = true;
            for (var k = 0; k < input.Tokens.Count; k++)
            {
                var token = input.Tokens[k];
                var overlap = Math.Min(token.End, entity.End) - Math.Max(token.Start, entity.Start);
                if (overlap * 2 <= token.Length || tags[k] != EntityTagger.Outside)
                {
                    continue;
                }

                tags[k] = (first ? "B-" : "I-") + entity.Type;
                first = false;
            }
        }

        return tags;
    }

    /// <summary>
    /// One example per token; the previous-tag features use the gold tags (decoding will use its own). Tokens of
    /// organisations and companies weigh <c>organisationWeight</c>: they are the rarest tags and the ones this tagger is for.
    /// </summary>
    public IEnumerable<TrainingExample> Examples(AnnotatedText sentence)
    {
        if (Prepare(sentence) is not { } input)
        {
            yield break;
        }

        var tags = GoldTags(input, sentence.Entities);
        var builder = new FeatureVectorBuilder(hasher, 96);
        for (var i = 0; i < tags.Length; i++)
        {
            TaggingFeatures.Add(input, i, i > 0 ? tags[i - 1] : "<s>", i > 1 ? tags[i - 2] : "<s>", builder);
            var weight = tags[i].EndsWith(EntityTypes.Organisation, StringComparison.Ordinal) || tags[i].EndsWith(EntityTypes.Company, StringComparison.Ordinal) ? organisationWeight : 1f;
            yield return new TrainingExample(builder.ToArray(), tags[i], sentence.Language, weight);
        }
    }
}
