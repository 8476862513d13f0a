using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// Finds event candidates sentence by sentence. A quantity in a sentence with an event cue becomes an event of the
/// type cued nearest to it (in its own clause first). A sentence without a quantity gives at most one event, of the
/// type of its longest cue, and only when a party anchors it (a company; for restrictions and production also a
/// country); trade flows always need a figure.
/// </summary>
internal sealed class EventTyper(MetalLexicon metals)
{
    public IReadOnlyList<EventCandidate> Find(RecognisedArticle article, ArticleCues cues)
    {
        var candidates = new List<EventCandidate>();
        foreach (var sentence in article.Sentences)
        {
            var typeCues = cues.Types.Where(c => sentence.Contains(c.Start)).ToList();
            if (typeCues.Count == 0)
            {
                continue;
            }

            var quantities = article.Quantities.Where(q => sentence.Contains(q.Start) && q.Quantity.Tonnes > 0).ToList();
            if (quantities.Count > 0)
            {
                candidates.AddRange(FromQuantities(article, sentence, quantities, typeCues));
            }
            else
            {
                candidates.AddRange(FromCuesOnly(article, sentence, typeCues));
            }
        }

        return candidates;
    }

    private IEnumerable<EventCandidate> FromQuantities(RecognisedArticle article, Sentence sentence, List<QuantityInContext> quantities, List<PhraseMatch<EventCue>> typeCues)
    {
        for (var k = 0; k < quantities.Count; k++)
        {
            var quantity = quantities[k];
            // Reserves, non-metal tonnages and tolerances ("±500 t") are not events of their own.
            var tolerance = quantity.Start > 0 && article.Text.Original[quantity.Start - 1] == '±';
            if (quantity.NonMetal || quantity.Kind == QuantityKind.Reserve || tolerance)
            {
                continue;
            }

            var segmentStart = k == 0 ? sentence.Start : quantities[k - 1].End;
            var segmentEnd = k == quantities.Count - 1 ? sentence.End : quantities[k + 1].Start;
            var inSegment = typeCues.Where(c => c.Start >= segmentStart && c.End <= segmentEnd).ToList();
            var cue = (inSegment.Count > 0 ? inSegment : typeCues).MinBy(c => Distance(c, quantity));
            var metal = quantity.Metal ?? SentenceMetal(article, sentence) ?? article.MainMetal;
            if (cue is null || metal is null)
            {
                continue;
            }

            var type = cue.Values[0].Type!.Value;
            if (quantity.Kind == QuantityKind.Capacity && type != EventType.SupplyAgreement)
            {
                type = EventType.Production;
            }

            yield return new EventCandidate(type, metal, sentence, segmentStart, segmentEnd, quantity);
        }
    }

    private IEnumerable<EventCandidate> FromCuesOnly(RecognisedArticle article, Sentence sentence, List<PhraseMatch<EventCue>> typeCues)
    {
        // Trade flows need a figure, so a restriction, production or deal cue decides; the longest cue is the most specific.
        var strongest = typeCues.Where(c => c.Values[0].Type != EventType.TradeFlow).OrderByDescending(c => c.End - c.Start).ThenBy(c => c.Start).FirstOrDefault();
        if (strongest is null)
        {
            yield break;
        }

        var type = strongest.Values[0].Type!.Value;

        var hasCompany = article.Companies.Any(c => sentence.Contains(c.Start));
        var hasCountry = article.Countries.Any(c => sentence.Contains(c.Start));
        var anchored = type is EventType.SupplyAgreement or EventType.Investment ? hasCompany : hasCompany || hasCountry;
        if (!anchored)
        {
            yield break;
        }

        var sentenceMetals = article.Metals.Where(m => sentence.Contains(m.Start)).Select(m => metals.ForEvents(m.Metal)).Distinct(StringComparer.Ordinal).ToList();
        if (sentenceMetals.Count == 0 && article.MainMetal is not null)
        {
            sentenceMetals.Add(article.MainMetal);
        }

        foreach (var metal in sentenceMetals)
        {
            yield return new EventCandidate(type, metal, sentence, sentence.Start, sentence.End, null);
        }
    }

    private string? SentenceMetal(RecognisedArticle article, Sentence sentence) =>
        article.Metals.Where(m => sentence.Contains(m.Start)).Select(m => metals.ForEvents(m.Metal)).FirstOrDefault();

    private static int Distance(PhraseMatch<EventCue> cue, ISpan span) => cue.End <= span.Start ? span.Start - cue.End : Math.Max(0, cue.Start - span.End);
}
