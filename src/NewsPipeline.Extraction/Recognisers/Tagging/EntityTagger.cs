using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers.Tagging;

/// <summary>An entity the tagger found: a half-open span, its type (COMPANY, ORG, PER, LOC) and the mean probability of its tags.</summary>
internal sealed record TaggedEntity(int Start, int End, string Type, float Probability);

/// <summary>
/// Statistical named-entity tagger: a <see cref="LinearModel"/> over <see cref="TaggingFeatures"/>, decoded
/// greedily left to right with BIO tags (each token sees the tags already given to the two before it).
/// Immutable; safe to share across threads.
/// </summary>
internal sealed class EntityTagger
{
    public const string Outside = "O";

    private readonly LinearModel model;
    private readonly TokenCues cues;
    private readonly FeatureHasher hasher;

    public EntityTagger(LinearModel model, TokenCues cues)
    {
        this.model = model;
        this.cues = cues;
        hasher = new FeatureHasher(model.Bits);
        if (!model.Labels.Contains(Outside, StringComparer.Ordinal))
        {
            throw new InvalidDataException("a tagging model needs the label O");
        }
    }

    public LinearModel Model => model;

    /// <summary>Tokenises [start, end) of the text, looks up its cues and tags it.</summary>
    public IReadOnlyList<TaggedEntity> Tag(AnalysisText text, int start, int end, string language)
    {
        var tokens = Tokenizer.Tokenize(text.Original, start, end);
        return Tag(new TaggingInput(text, tokens, cues.Find(text, tokens, language), language));
    }

    public TaggingInput Prepare(AnalysisText text, int start, int end, string language)
    {
        var tokens = Tokenizer.Tokenize(text.Original, start, end);
        return new TaggingInput(text, tokens, cues.Find(text, tokens, language), language);
    }

    public IReadOnlyList<TaggedEntity> Tag(TaggingInput input)
    {
        var tags = Decode(input, out var probabilities);
        return Entities(input, tags, probabilities);
    }

    /// <summary>The best tag of each token, each chosen knowing the ones before it; an I- tag that continues nothing becomes B-.</summary>
    public string[] Decode(TaggingInput input, out float[] probabilities)
    {
        var builder = new FeatureVectorBuilder(hasher, 96);
        var tags = new string[input.Tokens.Count];
        probabilities = new float[input.Tokens.Count];
        Span<float> scores = stackalloc float[model.ClassCount];
        for (var i = 0; i < tags.Length; i++)
        {
            var previous = i > 0 ? tags[i - 1] : "<s>";
            var beforeThat = i > 1 ? tags[i - 2] : "<s>";
            TaggingFeatures.Add(input, i, previous, beforeThat, builder);
            model.Score(builder.Ids, scores);
            LinearModel.Softmax(scores);
            var best = LinearModel.ArgMax(scores);
            var tag = model.Labels[best];
            if (tag.StartsWith("I-", StringComparison.Ordinal) && !Continues(previous, tag))
            {
                tag = string.Concat("B-", tag.AsSpan(2));
            }

            tags[i] = tag;
            probabilities[i] = scores[best];
        }

        return tags;
    }

    public static bool Continues(string previous, string tag) =>
        previous.Length > 2 && tag.Length > 2 && previous.AsSpan(2).SequenceEqual(tag.AsSpan(2)) && previous[1] == '-';

    /// <summary>Groups BIO tags into entities over the token offsets.</summary>
    public static IReadOnlyList<TaggedEntity> Entities(TaggingInput input, IReadOnlyList<string> tags, IReadOnlyList<float> probabilities)
    {
        var entities = new List<TaggedEntity>();
        var k = 0;
        while (k < tags.Count)
        {
            if (!tags[k].StartsWith("B-", StringComparison.Ordinal))
            {
                k++;
                continue;
            }

            var first = k;
            var sum = probabilities[k];
            k++;
            while (k < tags.Count && tags[k].StartsWith("I-", StringComparison.Ordinal) && Continues(tags[k - 1], tags[k]))
            {
                sum += probabilities[k];
                k++;
            }

            entities.Add(new TaggedEntity(input.Tokens[first].Start, input.Tokens[k - 1].End, tags[first][2..], sum / (k - first)));
        }

        return entities;
    }
}
