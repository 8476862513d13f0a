using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Events;

/// <summary>The classifier's reading of one sentence: the probability of each event type and of no event.</summary>
internal sealed record SentenceTypeScores(IReadOnlyDictionary<EventType, float> ByType, float None)
{
    /// <summary>The most probable event type (ignoring "no event") and its probability.</summary>
    public (EventType Type, float Probability) BestType()
    {
        var best = ByType.MaxBy(p => p.Value);
        return (best.Key, best.Value);
    }
}

/// <summary>
/// The sentence-level event-type classifier: a hashed linear model trained offline with ML.NET
/// (<c>newspipeline train events</c>) and applied here with a plain dot product over <see cref="EventSentenceFeatures"/>.
/// Immutable; safe to share across threads.
/// </summary>
internal sealed class EventTypeClassifier
{
    /// <summary>Where the model lives under the models folder.</summary>
    public const string ModelPath = "events/event-types.bin";

    /// <summary>The label of sentences that report no event.</summary>
    public const string NoneLabel = "none";

    private readonly LinearModel model;
    private readonly EventSentenceFeatures features;
    private readonly EventType?[] labelTypes;

    public EventTypeClassifier(LinearModel model, EventLexicon events)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Bits != EventSentenceFeatures.Bits)
        {
            throw new InvalidDataException($"event-type model uses 2^{model.Bits} features, the sentence features 2^{EventSentenceFeatures.Bits}: retrain it");
        }

        this.model = model;
        features = new EventSentenceFeatures(events);
        labelTypes = model.Labels.Select(l => string.Equals(l, NoneLabel, StringComparison.Ordinal) ? (EventType?)null : LexiconLoader.ParseType(l)).ToArray();
    }

    /// <summary>Loads <see cref="ModelPath"/> under <paramref name="modelsDirectory"/>.</summary>
    public static EventTypeClassifier Load(string modelsDirectory, EventLexicon events)
    {
        var path = Path.Combine(modelsDirectory, ModelPath);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"the event-type model {path} is missing (run 'newspipeline train events')");
        }

        return new EventTypeClassifier(LinearModel.Load(path), events);
    }

    public SentenceTypeScores Classify(RecognisedArticle article, Sentence sentence)
    {
        var builder = new FeatureVectorBuilder(features.Hasher, 256);
        features.Extract(article, sentence, builder);
        var probabilities = model.Probabilities(builder.Ids);
        var byType = new Dictionary<EventType, float>();
        var none = 0f;
        for (var c = 0; c < probabilities.Length; c++)
        {
            if (labelTypes[c] is { } type)
            {
                byType[type] = probabilities[c];
            }
            else
            {
                none = probabilities[c];
            }
        }

        return new SentenceTypeScores(byType, none);
    }
}
