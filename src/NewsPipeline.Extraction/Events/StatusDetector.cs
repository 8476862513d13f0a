using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// The status of an event from the cues of its sentence, strongest first: denied, ended, rumoured, talks, planned.
/// Plain future tense ("will", "doit") makes production, trade and restrictions planned, but not a concluded supply
/// agreement whose deliveries start later, nor an announced acquisition ("X will buy Y for $1bn").
/// </summary>
internal static class StatusDetector
{
    private static readonly EventStatus[] Precedence =
        [EventStatus.Denied, EventStatus.Ended, EventStatus.Rumoured, EventStatus.Talks, EventStatus.Planned];

    public static EventCandidate Assign(EventCandidate candidate, ArticleCues cues, Recognisers.RecognisedArticle article)
    {
        var published = article.Published;
        var found = cues.Statuses
            .Where(s => candidate.Sentence.Contains(s.Start) && InScope(s, candidate, article))
            .SelectMany(s => s.Values)
            .Where(v => !(v.FutureOnly && candidate.Type is EventType.SupplyAgreement or EventType.Investment))
            .Select(v => v.Status!.Value)
            .ToHashSet();
        var status = Precedence.FirstOrDefault(found.Contains, EventStatus.Fact);

        // Output or an investment dated after the publication is still ahead.
        if (status == EventStatus.Fact && candidate.Type is EventType.Production or EventType.Investment && published is not null
            && candidate.Start is { } start && After(start, published))
        {
            status = EventStatus.Planned;
        }

        return candidate with { Status = status };
    }

    /// <summary>
    /// A cue before the sentence's first figure speaks for the whole sentence; one after it belongs to the figure it
    /// stands nearest ("produced 210 kt in 2024 and aims to reach 300 kt": only the second is planned).
    /// </summary>
    private static bool InScope(Lexicons.PhraseMatch<Lexicons.EventCue> cue, EventCandidate candidate, Recognisers.RecognisedArticle article)
    {
        var figures = article.Quantities.Where(q => candidate.Sentence.Contains(q.Start) && !q.NonMetal).ToList();
        if (candidate.Quantity is null || figures.Count < 2 || cue.End <= figures[0].Start)
        {
            return true;
        }

        var nearest = figures.MinBy(q => q.End <= cue.Start ? cue.Start - q.End : Math.Max(0, q.Start - cue.End));
        return nearest == candidate.Quantity;
    }

    /// <summary>Whether a YYYY or YYYY-MM start lies after the publication year (or month, when both are known).</summary>
    private static bool After(string start, Recognisers.PublicationDate published)
    {
        var parts = start.Split('-');
        var year = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        if (year != published.Year || parts.Length < 2 || published.Month is not { } month)
        {
            return year > published.Year;
        }

        return int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) > month;
    }
}
