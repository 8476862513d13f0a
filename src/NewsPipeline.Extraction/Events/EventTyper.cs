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
internal sealed class EventTyper(MetalLexicon metals, EventLexicon events, ClassifierVeto veto)
{
    /// <summary>Without a figure, the more specific kinds of event win over the generic ones.</summary>
    private static readonly EventType[] CueOnlyPriority = [EventType.ExportRestriction, EventType.Investment, EventType.SupplyAgreement, EventType.Production];

    public IReadOnlyList<EventCandidate> Find(RecognisedArticle article, ArticleCues cues)
    {
        var candidates = new List<EventCandidate>();
        foreach (var sentence in article.Sentences)
        {
            var typeCues = cues.Types.Where(c => sentence.Contains(c.Start)).ToList();
            var quantities = article.Quantities.Where(q => sentence.Contains(q.Start) && q.Quantity.Tonnes > 0).ToList();
            if (typeCues.Count == 0)
            {
                // A yearly figure for a mine, plant or project states a capacity even without a production verb.
                candidates.AddRange(quantities.Where(q => q.Kind == QuantityKind.Capacity && q.Quantity.Per is not null && !q.NonMetal && !q.Target)
                    .Select(q => (q, Metal: q.Metal ?? SentenceMetal(article, sentence) ?? article.MainMetal))
                    .Where(p => p.Metal is not null)
                    .Select(p => new EventCandidate(EventType.Production, p.Metal!, sentence, sentence.Start, sentence.End, p.q)));
                continue;
            }

            var found = quantities.Count > 0 ? FromQuantities(article, sentence, quantities, typeCues, cues) : FromCuesOnly(article, sentence, typeCues, cues);
            candidates.AddRange(WithoutByproductDeals(sentence, found, cues));
        }

        return veto.Apply(article, KeepQuotaTotals(candidates));
    }

    /// <summary>
    /// "Zinc is recovered as a by-product at the plant", "亜鉛は副産物として回収される": a by-product is an output of
    /// the plant, not a deal, even when the sentence says it is sold on. A figure stays as production; without one
    /// the sentence describes the plant and gives no event.
    /// </summary>
    private static IEnumerable<EventCandidate> WithoutByproductDeals(Sentence sentence, IEnumerable<EventCandidate> found, ArticleCues cues)
    {
        var byproduct = cues.Byproducts.Any(b => sentence.Contains(b.Start));
        foreach (var candidate in found)
        {
            if (!byproduct || candidate.Type != EventType.SupplyAgreement)
            {
                yield return candidate;
            }
            else if (candidate.Quantity is not null)
            {
                yield return candidate with { Type = EventType.Production };
            }
        }
    }

    /// <summary>
    /// "調達 lithium from a mine it is developing", "acheter du lithium de la mine": an asset named as the source of a
    /// bought or supplied metal makes the sentence a supply deal, even beside an investment word describing the asset.
    /// </summary>
    private bool SuppliedFromAnAsset(RecognisedArticle article, Sentence sentence, List<PhraseMatch<EventCue>> typeCues, ArticleCues cues) =>
        cues.AssetAsSource(article.Text, sentence.Start, sentence.End)
        && typeCues.Any(c => c.Values.Any(v => v.Type == EventType.SupplyAgreement) && !BuyingAnAsset(article, EventType.SupplyAgreement, c)
            && cues.Verbs(c.Start, c.End).Any());

    /// <summary>A quota split by month or by tranche in the same sentence is one restriction: keep the total.</summary>
    private static List<EventCandidate> KeepQuotaTotals(List<EventCandidate> candidates) =>
        candidates.Where(c => c.Type != EventType.ExportRestriction || c.Tonnes is null
            || !candidates.Any(o => o != c && o.Type == EventType.ExportRestriction && o.Sentence == c.Sentence
                && string.Equals(o.Metal, c.Metal, StringComparison.Ordinal) && o.Tonnes > c.Tonnes)).ToList();

    private IEnumerable<EventCandidate> FromQuantities(RecognisedArticle article, Sentence sentence, List<QuantityInContext> quantities, List<PhraseMatch<EventCue>> typeCues, ArticleCues cues)
    {
        for (var k = 0; k < quantities.Count; k++)
        {
            var quantity = quantities[k];
            // Reserves, non-metal tonnages and tolerances ("±500 t") are not events of their own.
            var tolerance = quantity.Start > 0 && article.Text.Original[quantity.Start - 1] == '±';
            if (quantity.NonMetal || quantity.Target || quantity.Kind == QuantityKind.Reserve || tolerance)
            {
                continue;
            }

            var segmentStart = k == 0 ? sentence.Start : quantities[k - 1].End;
            var segmentEnd = k == quantities.Count - 1 ? sentence.End : quantities[k + 1].Start;
            var inSegment = typeCues.Where(c => c.Start >= segmentStart && c.End <= segmentEnd).ToList();
            var cue = (inSegment.Count > 0 ? inSegment : typeCues).MinBy(c => Distance(c, quantity));
            var metal = quantity.Metal ?? SentenceMetal(article, sentence) ?? RecentMetal(article, sentence) ?? article.MainMetal;
            if (cue is null || metal is null)
            {
                continue;
            }

            var type = cue.Values[0].Type!.Value;
            // A project's yearly figure is its output unless a company buys or sells it.
            var hasParty = article.Companies.Any(c => sentence.Contains(c.Start));
            var facility = events.KindCues.For(article.Language).FindAll(article.Text, sentence.Start, sentence.End).Any(k => k.Values[0].QuantityKind == QuantityKind.Capacity);
            if ((quantity.Kind == QuantityKind.Capacity && type != EventType.SupplyAgreement) || (type == EventType.SupplyAgreement && !hasParty && facility))
            {
                type = EventType.Production;
            }

            type = BuyingAnAsset(article, type, cue) ? EventType.Investment : type;
            type = type == EventType.Investment && SuppliedFromAnAsset(article, sentence, typeCues, cues) ? EventType.SupplyAgreement : type;

            // A figure next to a ban or control word is a flow unless a quota or cap is named; deliveries to a
            // country rather than to a company are a trade flow.
            if (type == EventType.ExportRestriction && events.QuotaCues.For(article.Language).FindAll(article.Text, sentence.Start, sentence.End).Count == 0)
            {
                type = EventType.TradeFlow;
            }

            if (type == EventType.SupplyAgreement && ShipsToACountry(article, cues, sentence) && !ContinuesADeal(article, cues, sentence))
            {
                type = EventType.TradeFlow;
            }

            // "… will be shipped to Germany" right after a deal, with no country trading it, delivers that deal.
            if (type == EventType.TradeFlow && ContinuesADeal(article, cues, sentence)
                && !article.Countries.Any(c => sentence.Contains(c.Start) && c.End <= quantity.Start))
            {
                type = EventType.SupplyAgreement;
            }

            yield return new EventCandidate(type, metal, sentence, segmentStart, segmentEnd, quantity);
        }
    }

    private IEnumerable<EventCandidate> FromCuesOnly(RecognisedArticle article, Sentence sentence, List<PhraseMatch<EventCue>> typeCues, ArticleCues cues)
    {
        // Trade flows need a figure, so a restriction, investment, deal or production cue decides, in that order.
        var strongest = typeCues.Where(c => c.Values[0].Type != EventType.TradeFlow)
            .OrderBy(c => Array.IndexOf(CueOnlyPriority, c.Values[0].Type!.Value)).ThenBy(c => c.Start).FirstOrDefault();
        if (strongest is null)
        {
            yield break;
        }

        var type = strongest.Values[0].Type!.Value;
        if (type == EventType.SupplyAgreement && typeCues.Any(c => BuyingAnAsset(article, EventType.SupplyAgreement, c)))
        {
            type = EventType.Investment;
        }

        if (type == EventType.Investment && SuppliedFromAnAsset(article, sentence, typeCues, cues))
        {
            type = EventType.SupplyAgreement;
            strongest = typeCues.First(c => c.Values.Any(v => v.Type == EventType.SupplyAgreement));
        }

        // A bare deal word needs a buying or supplying verb; a bare production word needs a date or an intention.
        if (type == EventType.SupplyAgreement && !cues.Verbs(sentence.Start, sentence.End).Any())
        {
            foreach (var deal in DealsWithCounterparts(article, sentence, cues))
            {
                yield return deal;
            }

            yield break;
        }

        if (type == EventType.Production && !article.Years.Any(y => sentence.Contains(y.Start)) && !cues.Dates.Any(d => sentence.Contains(d.Start))
            && !cues.Statuses.Any(s => sentence.Contains(s.Start) && s.Values.Any(v => v.Status == EventStatus.Planned)))
        {
            yield break;
        }

        var hasCompany = article.Companies.Any(c => sentence.Contains(c.Start));
        var hasCountry = article.Countries.Any(c => sentence.Contains(c.Start));
        var anchored = type switch
        {
            EventType.SupplyAgreement or EventType.Investment => hasCompany,
            EventType.ExportRestriction => true,
            _ => hasCompany || hasCountry,
        };
        if (!anchored)
        {
            yield break;
        }

        // The metals next to the cue ("ban exports of bauxite"), not those in an aside about its uses.
        const int MetalReach = 40;
        var inSentence = article.Metals.Where(m => sentence.Contains(m.Start)).ToList();
        var nearCue = inSentence.Where(m => Math.Abs(m.Start - strongest.End) <= MetalReach || Math.Abs(strongest.Start - m.End) <= MetalReach).ToList();
        var sentenceMetals = (nearCue.Count > 0 ? nearCue : inSentence).Select(m => metals.ForEvents(m.Metal)).Distinct(StringComparer.Ordinal).ToList();
        if (sentenceMetals.Count == 0)
        {
            sentenceMetals.AddRange(RecentSentenceMetals(article, sentence));
        }

        if (sentenceMetals.Count == 0 && article.MainMetal is not null)
        {
            sentenceMetals.Add(article.MainMetal);
        }

        foreach (var metal in sentenceMetals)
        {
            yield return new EventCandidate(type, metal, sentence, sentence.Start, sentence.End, null);
        }
    }

    /// <summary>
    /// "X has signed agreements with Y for nickel and cobalt and with Z and W for lithium": one deal per counterpart
    /// and metal, each counterpart taking the metals named in its own "with …" stretch.
    /// </summary>
    private IEnumerable<EventCandidate> DealsWithCounterparts(RecognisedArticle article, Sentence sentence, ArticleCues cues)
    {
        var markers = cues.RolesOf(CueKind.CounterpartMarker, sentence.Start, sentence.End).OrderBy(m => m.Start).ToList();
        for (var k = 0; k < markers.Count; k++)
        {
            var end = k + 1 < markers.Count ? markers[k + 1].Start : sentence.End;
            // A name the sentence already gave before the first "with" is the signer, not a counterpart ("l'usine de Lilac").
            var signers = article.Companies.Where(c => c.End <= markers[0].Start && sentence.Contains(c.Start)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var counterparts = article.Companies.Where(c => c.Start >= markers[k].End && c.End <= end && !signers.Contains(c.Name))
                .GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
            // "its nickel supply contract with X": metals named before the first "with" belong to every counterpart without its own.
            var stretchMetals = article.Metals.Where(m => m.Start >= markers[k].End && m.End <= end)
                .Select(m => metals.ForEvents(m.Metal)).Distinct(StringComparer.Ordinal).ToList();
            if (stretchMetals.Count == 0)
            {
                stretchMetals = article.Metals.Where(m => sentence.Contains(m.Start) && m.End <= markers[0].Start)
                    .Select(m => metals.ForEvents(m.Metal)).Distinct(StringComparer.Ordinal).ToList();
            }

            foreach (var counterpart in counterparts)
            {
                foreach (var metal in stretchMetals)
                {
                    yield return new EventCandidate(EventType.SupplyAgreement, metal, sentence, sentence.Start, sentence.End, null) { Counterpart = counterpart };
                }
            }
        }
    }

    /// <summary>"X signed a supply deal with Y. From 2027, 3,500 t a year will go to Germany.": a party-less figure right after a deal is that deal's.</summary>
    private static bool ContinuesADeal(RecognisedArticle article, ArticleCues cues, Sentence sentence)
    {
        const int LookBack = 2;
        return !article.Companies.Any(c => sentence.Contains(c.Start))
            && article.Sentences.Where(s => s.Index < sentence.Index && s.Index >= sentence.Index - LookBack)
                .Any(s => article.Companies.Any(c => s.Contains(c.Start)) && cues.Types.Any(t => s.Contains(t.Start) && t.Values.Any(v => v.Type == EventType.SupplyAgreement)));
    }

    private static bool ShipsToACountry(RecognisedArticle article, ArticleCues cues, Sentence sentence)
    {
        var companies = article.Companies.Where(c => sentence.Contains(c.Start)).Select(c => c.Name).Distinct(StringComparer.Ordinal).Count();
        var markers = cues.RolesOf(CueKind.DestinationMarker, sentence.Start, sentence.End).ToList();
        return companies <= 1 && article.Countries.Any(c => sentence.Contains(c.Start)
            && markers.Any(m => m.End <= c.Start && c.Start - m.End <= 3 && article.Text.Original[m.End..c.Start].Trim().Length == 0));
    }

    /// <summary>Buying a mine, a stake or a company is an investment, not a supply deal.</summary>
    private bool BuyingAnAsset(RecognisedArticle article, EventType type, PhraseMatch<EventCue> cue)
    {
        const int ObjectReach = 64;
        if (type != EventType.SupplyAgreement)
        {
            return false;
        }

        var sentenceEnd = article.Sentences.FirstOrDefault(s => s.Contains(cue.Start))?.End ?? article.Text.Length;
        var end = Math.Min(sentenceEnd, cue.End + ObjectReach);
        if (article.Quantities.Any(q => q.Start >= cue.End && q.Start < end))
        {
            return false;
        }

        // "buy Acme Mining", "buying the London-listed miner Acme": a company soon after the verb, not introduced
        // by "from", is the thing bought.
        const int CompanyReach = 32;
        var sources = events.RoleCues.For(article.Language).FindAll(article.Text, cue.End, Math.Min(sentenceEnd, cue.End + CompanyReach))
            .Where(r => r.Values.Any(v => v.Kind is CueKind.SourceMarker or CueKind.CounterpartMarker)).ToList();
        // Only a buying verb takes a company as its object: "fournir Traxys" supplies Traxys, it does not buy it,
        // and "supply from its mine" sells the mine's output.
        var verbs = events.RoleCues.For(article.Language).FindAll(article.Text, cue.Start, cue.End).SelectMany(r => r.Values).ToList();
        if (verbs.Any(v => v.Kind == CueKind.SellerVerb))
        {
            return false;
        }

        var buyingVerb = verbs.Any(v => v.Kind == CueKind.BuyerVerb);
        // "comprar litio a Pilbara": a metal between the verb and the company is what is bought.
        var buysACompany = buyingVerb
            && article.Companies.Any(c => c.Start >= cue.End && c.Start - cue.End <= CompanyReach && c.End <= sentenceEnd && !sources.Any(r => r.Start < c.Start)
                && !article.Metals.Any(m => m.Start >= cue.End && m.End <= c.Start));
        return buysACompany || events.InvestmentObjects.For(article.Language).FindAll(article.Text, cue.End, end).Count > 0;
    }

    /// <summary>"ce métal", "des Materials": the metal last named shortly before the sentence.</summary>
    private string? RecentMetal(RecognisedArticle article, Sentence sentence)
    {
        const int Reach = 400;
        var recent = article.Metals.LastOrDefault(m => m.End <= sentence.Start && sentence.Start - m.End <= Reach);
        return recent is null ? null : metals.ForEvents(recent.Metal);
    }

    /// <summary>"beide Technologiemetalle", "ces métaux": every metal of the last sentence that named metals, close before this one.</summary>
    private List<string> RecentSentenceMetals(RecognisedArticle article, Sentence sentence)
    {
        const int Reach = 400;
        var last = article.Metals.LastOrDefault(m => m.End <= sentence.Start && sentence.Start - m.End <= Reach);
        if (last is null)
        {
            return [];
        }

        var source = article.Sentences.First(s => s.Contains(last.Start));
        return article.Metals.Where(m => source.Contains(m.Start)).Select(m => metals.ForEvents(m.Metal)).Distinct(StringComparer.Ordinal).ToList();
    }

    private string? SentenceMetal(RecognisedArticle article, Sentence sentence) =>
        article.Metals.Where(m => sentence.Contains(m.Start)).Select(m => metals.ForEvents(m.Metal)).FirstOrDefault();

    private static int Distance(PhraseMatch<EventCue> cue, ISpan span) => cue.End <= span.Start ? span.Start - cue.End : Math.Max(0, cue.Start - span.End);
}
