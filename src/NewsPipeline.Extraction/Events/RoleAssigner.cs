using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// Buyer and seller from the construction, not from word order alone: the company before a buying verb buys, the
/// one before a supplying verb sells, a company after a passive marker ("by", "par") is the agent, and a company
/// after a source marker ("from", "auprès de", から) sells. Countries come from source and destination markers, the
/// trade direction and the parties' home countries.
/// </summary>
internal static class RoleAssigner
{
    private const int MarkerGap = 3;

    public static EventCandidate Assign(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        var sentence = candidate.Sentence;
        var inSentence = article.Companies.Where(c => sentence.Contains(c.Start)).ToList();
        var inSegment = inSentence.Where(c => c.Start >= candidate.SegmentStart && c.End <= candidate.SegmentEnd).ToList();
        // Parties of the event's own clause come first; the rest of the sentence only fills gaps.
        var parties = DistinctByName(inSegment.OrderBy(c => c.Start).Concat(inSentence.Except(inSegment).OrderBy(c => c.Start)));
        var countries = article.Countries.Where(c => sentence.Contains(c.Start)).ToList();
        return candidate.Type switch
        {
            EventType.SupplyAgreement => Supply(candidate, article, cues, parties),
            EventType.Investment => Investment(candidate, parties, countries),
            EventType.Production => Production(candidate, article, parties, countries),
            EventType.TradeFlow => Trade(candidate, article, cues, countries),
            _ => Restriction(candidate, article, cues, countries),
        };
    }

    private static EventCandidate Supply(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CompanyFound> parties)
    {
        if (parties.Count == 0)
        {
            return candidate;
        }

        var sentence = candidate.Sentence;
        var anchor = candidate.Quantity?.Start ?? parties[0].End;
        var verb = cues.Roles
            .Where(r => sentence.Contains(r.Start) && r.Values.Any(v => v.Kind is CueKind.BuyerVerb or CueKind.SellerVerb))
            .MinBy(r => Math.Abs(r.Start - anchor));
        // The subject is the party before the verb that is not introduced as the counterpart ("with Y", "avec Y", "Y-мен").
        var free = parties.Where(p => !CounterpartOf(article, cues, p) && !MarkedBy(article, cues, CueKind.SourceMarker, p)).ToList();
        var subject = free.FirstOrDefault() ?? parties[0];
        var others = parties.Where(p => !string.Equals(p.Name, subject.Name, StringComparison.Ordinal)).ToList();
        var source = others.FirstOrDefault(p => MarkedBy(article, cues, CueKind.SourceMarker, p));
        var other = source ?? others.FirstOrDefault();
        // A passive needs its auxiliary too: German "von" is "from" unless "wird … von X beliefert".
        var passive = other is not null && MarkedBy(article, cues, CueKind.PassiveMarker, other)
            && cues.RolesOf(CueKind.PassiveAuxiliary, sentence.Start, sentence.End).Any();
        // The verb decides who buys; a source marker ("from", "auprès de") only tells which other party is the seller.
        var subjectBuys = verb is null || verb.Values.Any(v => v.Kind == CueKind.BuyerVerb);
        if (passive)
        {
            subjectBuys = !subjectBuys;
        }

        var buyer = subjectBuys ? subject : other;
        var seller = subjectBuys ? other : subject;
        if (buyer is null || seller is null)
        {
            // A single-deal story names the counterpart elsewhere; take the article's other main company.
            var counterpart = MainCounterpart(article, (buyer ?? seller)!);
            buyer ??= subjectBuys ? null : counterpart;
            seller ??= subjectBuys ? counterpart : null;
        }
        return candidate with
        {
            Buyer = buyer?.Name,
            Seller = seller?.Name,
            Origin = seller?.Country,
            Destination = buyer?.Country,
        };
    }

    private static EventCandidate Investment(EventCandidate candidate, List<CompanyFound> parties, List<CountryFound> countries) => candidate with
    {
        Buyer = parties.ElementAtOrDefault(0)?.Name,
        Seller = parties.ElementAtOrDefault(1)?.Name,
        Origin = countries.FirstOrDefault()?.Code ?? parties.ElementAtOrDefault(1)?.Country,
    };

    private static EventCandidate Production(EventCandidate candidate, RecognisedArticle article, List<CompanyFound> parties, List<CountryFound> countries)
    {
        // "the Chilean producer will raise output …": a producing country points to the company based there.
        var origin = countries.FirstOrDefault()?.Code;
        var producer = (origin is null ? null : parties.FirstOrDefault(p => string.Equals(p.Country, origin, StringComparison.Ordinal))
                ?? article.Companies.FirstOrDefault(c => string.Equals(c.Country, origin, StringComparison.Ordinal)))
            ?? parties.FirstOrDefault()
            ?? article.Companies.LastOrDefault(c => c.End <= candidate.Sentence.Start);
        return candidate with { Seller = producer?.Name, Origin = origin ?? producer?.Country };
    }

    private const int FewCompanies = 3;

    private static CompanyFound? MainCounterpart(RecognisedArticle article, CompanyFound known)
    {
        var others = article.Companies.Where(c => !EventMerger.Compatible(c.Name, known.Name)).GroupBy(c => c.Name, StringComparer.Ordinal).ToList();
        return others.Count is > 0 and < FewCompanies ? others.OrderByDescending(g => g.Count()).First().First() : null;
    }

    private static EventCandidate Trade(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CountryFound> countries)
    {
        var imports = candidate.Quantity?.Kind == QuantityKind.Import;
        var inSegment = countries.Where(c => c.Start >= candidate.SegmentStart && c.End <= candidate.SegmentEnd).ToList();
        var fromCountry = inSegment.FirstOrDefault(c => MarkedBy(article, cues, CueKind.SourceMarker, c));
        var toCountry = inSegment.FirstOrDefault(c => MarkedBy(article, cues, CueKind.DestinationMarker, c) && c != fromCountry);
        var unmarked = countries.FirstOrDefault(c => !MarkedBy(article, cues, CueKind.SourceMarker, c) && !MarkedBy(article, cues, CueKind.DestinationMarker, c));
        var fallback = string.Equals(article.MainCountry, toCountry?.Code, StringComparison.Ordinal) ? null : article.MainCountry;
        var origin = fromCountry?.Code ?? (imports ? null : unmarked?.Code ?? fallback);
        var destination = toCountry?.Code ?? (imports ? unmarked?.Code : null);
        // "Vale exported 78 Mt": an exporting company's home country is the origin.
        origin ??= imports ? null : article.Companies.FirstOrDefault(c => candidate.Sentence.Contains(c.Start))?.Country;
        if (string.Equals(origin, destination, StringComparison.Ordinal))
        {
            destination = imports ? destination : null;
            origin = imports ? null : origin;
        }

        return candidate with { Origin = origin, Destination = destination };
    }

    private static EventCandidate Restriction(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CountryFound> countries)
    {
        var destination = countries.FirstOrDefault(c => MarkedBy(article, cues, CueKind.DestinationMarker, c));
        var origin = countries.FirstOrDefault(c => c != destination && !MarkedBy(article, cues, CueKind.SourceMarker, c));
        var originCode = origin?.Code ?? article.MainCountry;
        return candidate with { Origin = originCode, Destination = destination?.Code != originCode ? destination?.Code : null };
    }

    private const int CounterpartReach = 40;

    /// <summary>Whether "with"/"avec"/"-мен" introduces the party: right before it (allowing a short noun phrase) or as its suffix.</summary>
    private static bool CounterpartOf(RecognisedArticle article, ArticleCues cues, CompanyFound party)
    {
        var text = article.Text.Original;
        foreach (var marker in cues.Roles.Where(r => r.Values.Any(v => v.Kind == CueKind.CounterpartMarker)))
        {
            if (IsSuffixMarker(text[marker.Start]))
            {
                if (marker.Start >= party.End && marker.Start - party.End <= 1)
                {
                    return true;
                }

                continue;
            }

            if (marker.End <= party.Start && party.Start - marker.End <= CounterpartReach
                && !article.Companies.Any(c => c.Start >= marker.End && c.End <= party.Start)
                && !text[marker.End..party.Start].Contains(',', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a marker of the given kind stands right before the mention (or, for suffix markers, ends it or follows it).</summary>
    private static bool MarkedBy(RecognisedArticle article, ArticleCues cues, CueKind kind, ISpan mention)
    {
        var text = article.Text.Original;
        return cues.EndingBefore(kind, mention.Start, MarkerGap).Any(m => text[m.End..mention.Start].Trim().Length == 0)
            || cues.StartingAfter(kind, mention.End, 1).Any(m => IsSuffixMarker(text[m.Start]));
    }

    /// <summary>Markers written after their noun: CJK particles (から, 向け) and Kazakh case suffixes (-нан, -мен).</summary>
    private static bool IsSuffixMarker(char c) => Text.Scripts.IsCjk(c) || c == '-';

    private static List<CompanyFound> DistinctByName(IEnumerable<CompanyFound> companies) =>
        companies.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
}
