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

    public static EventCandidate Assign(EventCandidate candidate, ArticleCues cues, Recognisers.PublicationDate? published)
    {
        var found = cues.Statuses
            .Where(s => candidate.Sentence.Contains(s.Start))
            .SelectMany(s => s.Values)
            .Where(v => !(v.FutureOnly && candidate.Type is EventType.SupplyAgreement or EventType.ExportRestriction))
            .Select(v => v.Status!.Value)
            .ToHashSet();
        var status = Precedence.FirstOrDefault(found.Contains, EventStatus.Fact);

        // Output or an investment dated after the publication is still ahead.
        if (status == EventStatus.Fact && candidate.Type is EventType.Production or EventType.Investment && published is not null
            && candidate.Start is { Length: >= 4 } start && int.TryParse(start.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            && year > published.Year)
        {
            status = EventStatus.Planned;
        }

        return candidate with { Status = status };
    }
}
