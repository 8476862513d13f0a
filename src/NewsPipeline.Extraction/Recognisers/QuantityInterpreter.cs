using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Ties each quantity to the metal it measures (the nearest metal after it in the same clause, else before it,
/// unless a non-metal commodity such as coal is nearer) and to its kind (contract, import, export, production,
/// capacity, reserve) from the cues of its sentence.
/// </summary>
internal sealed class QuantityInterpreter(MetalLexicon metals, EventLexicon events)
{
    private const int MetalAfterWindow = 48;
    private const int MetalBeforeWindow = 140;

    public IReadOnlyList<QuantityInContext> Interpret(
        AnalysisText text, string language, IReadOnlyList<Sentence> sentences, IReadOnlyList<QuantityFound> quantities, IReadOnlyList<MetalFound> metalMentions)
    {
        var nonMetals = metals.NonMetalCommodities.For(language).FindAll(text);
        var kindCues = events.KindCues.For(language).FindAll(text);
        var typeCues = events.TypeCues.For(language).FindAll(text);
        var result = new List<QuantityInContext>();
        foreach (var quantity in quantities)
        {
            var sentence = sentences.FirstOrDefault(s => s.Contains(quantity.Start)) ?? new Sentence(-1, 0, text.Length);
            var next = quantities.FirstOrDefault(q => q.Start > quantity.Start && sentence.Contains(q.Start));
            var previous = quantities.LastOrDefault(q => q.End <= quantity.Start && sentence.Contains(q.Start));
            var clauseEnd = Math.Min(next?.Start ?? sentence.End, quantity.End + MetalAfterWindow);
            var clauseStart = Math.Max(previous?.End ?? sentence.Start, quantity.Start - MetalBeforeWindow);
            var metal = NearestMetal(text, quantity, metalMentions, nonMetals, clauseStart, clauseEnd, out var nonMetal);
            var kind = KindOf(quantity, sentence, kindCues, typeCues);
            var target = kindCues.Any(c => c.Values[0].Target && c.Start >= clauseStart && c.End <= quantity.Start && quantity.Start - c.End <= 24);
            result.Add(new QuantityInContext(quantity, metal, kind, nonMetal, target));
        }

        return result;
    }

    private string? NearestMetal(AnalysisText text, QuantityFound quantity, IReadOnlyList<MetalFound> metalMentions, IReadOnlyList<PhraseMatch<string>> nonMetals, int clauseStart, int clauseEnd, out bool nonMetal)
    {
        nonMetal = false;
        // "zinc rose 3% (2.1 million tonnes)": a bracketed figure measures what comes before it.
        var open = quantity.Start > 0 ? text.Scan.LastIndexOf('(', quantity.Start - 1, Math.Min(quantity.Start, 10)) : -1;
        var bracketed = open >= 0 && text.Scan[(open + 1)..quantity.Start].All(c => char.IsLetter(c) || c == ' ' || c == '~');
        if (bracketed)
        {
            clauseEnd = quantity.End;
        }

        var after = metalMentions.Where(m => m.Start >= quantity.End && m.Start < clauseEnd).MinBy(m => m.Start);
        var before = metalMentions.Where(m => m.End <= quantity.Start && m.Start >= clauseStart).MaxBy(m => m.End);
        var nonMetalAfter = nonMetals.Where(n => n.Start >= quantity.End && n.Start < clauseEnd).MinBy(n => n.Start);
        var nonMetalBefore = nonMetals.Where(n => n.End <= quantity.Start && n.Start >= clauseStart).MaxBy(n => n.End);
        if (after is not null && (nonMetalAfter is null || after.Start < nonMetalAfter.Start))
        {
            return metals.ForEvents(after.Metal);
        }

        if (nonMetalAfter is not null && nonMetalAfter.Start - quantity.End < 24)
        {
            nonMetal = true;
            return null;
        }

        if (before is not null && (nonMetalBefore is null || before.End > nonMetalBefore.End))
        {
            return metals.ForEvents(before.Metal);
        }

        nonMetal = nonMetalBefore is not null;
        return null;
    }

    private static QuantityKind KindOf(QuantityFound quantity, Sentence sentence, IReadOnlyList<PhraseMatch<EventCue>> kindCues, IReadOnlyList<PhraseMatch<EventCue>> typeCues)
    {
        var kind = kindCues.Where(c => sentence.Contains(c.Start)).MinBy(c => Distance(c, quantity));
        var type = typeCues.Where(c => sentence.Contains(c.Start)).MinBy(c => Distance(c, quantity));
        if (kind is not null && (type is null || Distance(kind, quantity) <= Distance(type, quantity) + 10))
        {
            return kind.Values[0].QuantityKind ?? QuantityKind.Other;
        }

        return type?.Values[0].Type switch
        {
            EventType.SupplyAgreement => QuantityKind.Contract,
            EventType.Production => QuantityKind.Production,
            EventType.ExportRestriction => QuantityKind.Export,
            EventType.TradeFlow => QuantityKind.Export,
            EventType.Investment => QuantityKind.Other,
            _ => QuantityKind.Other,
        };
    }

    private static int Distance<T>(PhraseMatch<T> cue, ISpan span) => cue.End <= span.Start ? span.Start - cue.End : Math.Max(0, cue.Start - span.End);
}
