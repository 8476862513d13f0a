using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// The event-type classifier as a second opinion on the cue-based candidates: a candidate whose sentence the
/// classifier reads as reporting no event at all is dropped. The cues keep deciding the type: on the dev set, letting
/// the classifier re-type candidates or propose events where cues are silent lowered events F1, while this veto
/// removed only false events (models/events/README.md).
/// </summary>
internal sealed class ClassifierVeto(EventTypeClassifier classifier)
{
    /// <summary>"No event" must outweigh every event type together: a plain majority, not a tuned cut.</summary>
    public const float NoEventProbability = 0.5f;

    /// <summary>The candidates whose sentence the classifier does not read as eventless; each sentence is scored once.</summary>
    public IReadOnlyList<EventCandidate> Apply(RecognisedArticle article, IReadOnlyList<EventCandidate> candidates)
    {
        var eventless = new Dictionary<Sentence, bool>();
        var kept = new List<EventCandidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (!eventless.TryGetValue(candidate.Sentence, out var veto))
            {
                veto = classifier.Classify(article, candidate.Sentence).None >= NoEventProbability;
                eventless[candidate.Sentence] = veto;
            }

            if (!veto)
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }
}
