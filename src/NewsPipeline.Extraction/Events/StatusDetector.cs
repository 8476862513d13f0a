using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// The status of an event from the cues of its sentence, strongest first: denied, ended, rumoured, talks, planned.
/// Plain future tense ("will", "doit") makes production, investment, trade and restrictions planned, but not a
/// signed supply agreement whose deliveries start later.
/// </summary>
internal static class StatusDetector
{
    private static readonly EventStatus[] Precedence =
        [EventStatus.Denied, EventStatus.Ended, EventStatus.Rumoured, EventStatus.Talks, EventStatus.Planned];

    public static EventCandidate Assign(EventCandidate candidate, ArticleCues cues)
    {
        var found = cues.Statuses
            .Where(s => candidate.Sentence.Contains(s.Start))
            .SelectMany(s => s.Values)
            .Where(v => !(v.FutureOnly && candidate.Type is EventType.SupplyAgreement or EventType.ExportRestriction))
            .Select(v => v.Status!.Value)
            .ToHashSet();
        var status = Precedence.FirstOrDefault(found.Contains, EventStatus.Fact);
        return candidate with { Status = status };
    }
}
