using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Events;

/// <summary>The event, status, role and date phrases of one article, found once and shared by the event steps.</summary>
internal sealed record ArticleCues(
    IReadOnlyList<PhraseMatch<EventCue>> Types,
    IReadOnlyList<PhraseMatch<EventCue>> Statuses,
    IReadOnlyList<PhraseMatch<EventCue>> Roles,
    IReadOnlyList<PhraseMatch<DateEntry>> Dates,
    PhraseMatcher<EventCue> RoleMatcher,
    IReadOnlySet<string> RangeLinks,
    IReadOnlyList<string> YearSuffixes,
    IReadOnlyList<PhraseMatch<string>> EndMarkers,
    IReadOnlyList<PhraseMatch<string>> Assets,
    IReadOnlyList<PhraseMatch<string>> Byproducts)
{
    public static ArticleCues Find(RecognisedArticle article, EventLexicon events, DateLexicon dates) => new(
        events.TypeCues.For(article.Language).FindAll(article.Text),
        events.StatusCues.For(article.Language).FindAll(article.Text),
        events.RoleCues.For(article.Language).FindAll(article.Text),
        dates.Matcher.For(article.Language).FindAll(article.Text),
        events.RoleCues.For(article.Language),
        dates.RangeLinks.For(article.Language),
        dates.YearSuffixes.For(article.Language),
        dates.EndMarkers.For(article.Language).FindAll(article.Text),
        events.InvestmentObjects.For(article.Language).FindAll(article.Text),
        events.ByproductCues.For(article.Language).FindAll(article.Text));

    /// <summary>
    /// Buying and selling verbs of a span, without those that only modify a deal noun ("supply" in "supply agreement",
    /// which does not say who supplies; "contrat d'achat" still says who buys).
    /// </summary>
    public IEnumerable<PhraseMatch<EventCue>> Verbs(int start, int end) =>
        Roles.Where(r => r.Start >= start && r.Start < end && r.Values.Any(v => v.Kind is CueKind.BuyerVerb or CueKind.SellerVerb)
            && !Types.Any(t => t.Start == r.Start && t.End > r.End));

    /// <summary>
    /// Whether the word holding the end of a mention closes with a case suffix of the given kind, written in the
    /// lexicon with a leading hyphen ("-дан": Қытайдан is "from China").
    /// </summary>
    public bool EndsWithSuffix(CueKind kind, AnalysisText text, ISpan mention) => EndsWithSuffix(kind, text, mention.Start, mention.End);

    private bool EndsWithSuffix(CueKind kind, AnalysisText text, int start, int end)
    {
        const int LongestSuffix = 4;
        var wordEnd = end;
        while (wordEnd < text.Length && Scripts.IsWordChar(text.Scan[wordEnd]))
        {
            wordEnd++;
        }

        var word = text.Scan[start..wordEnd];
        for (var length = 1; length <= Math.Min(LongestSuffix, word.Length - 1); length++)
        {
            var probe = AnalysisText.From("-" + word[^length..]);
            if (RoleMatcher.MatchAt(probe, 0) is { } match && match.End == probe.Length && match.Values.Any(v => v.Kind == kind))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a mine, project or other asset is named as the source of the metal ("from its mine", "de la mine",
    /// 鉱山から, кеніштен): the metal is bought from it, the asset itself is not.
    /// </summary>
    public bool AssetAsSource(AnalysisText text, int start, int end)
    {
        const int DeterminerGap = 5;
        return Assets.Where(a => a.Start >= start && a.End <= end).Any(a =>
            EndingBefore(CueKind.SourceMarker, a.Start, DeterminerGap).Any(m => !Scripts.IsCjk(text.Original[m.Start]) && text.Original[m.End..a.Start].All(c => char.IsLetter(c) || c == ' '))
            || StartingAfter(CueKind.SourceMarker, a.End, 0).Any(m => Scripts.IsCjk(text.Original[m.Start]))
            || EndsWithSuffix(CueKind.SourceMarker, text, a.Start, a.End));
    }

    private readonly ILookup<int, PhraseMatch<EventCue>> rolesByEnd = Roles.ToLookup(r => r.End);
    private readonly ILookup<int, PhraseMatch<EventCue>> rolesByStart = Roles.ToLookup(r => r.Start);

    public IEnumerable<PhraseMatch<EventCue>> RolesOf(CueKind kind, int start, int end) =>
        Roles.Where(r => r.Values.Any(v => v.Kind == kind) && r.Start >= start && r.End <= end);

    /// <summary>Role phrases of a kind ending within <paramref name="gap"/> characters before <paramref name="position"/>.</summary>
    public IEnumerable<PhraseMatch<EventCue>> EndingBefore(CueKind kind, int position, int gap) =>
        Enumerable.Range(Math.Max(0, position - gap), Math.Min(position, gap) + 1).SelectMany(e => rolesByEnd[e]).Where(r => r.Values.Any(v => v.Kind == kind));

    /// <summary>Role phrases of a kind starting within <paramref name="gap"/> characters after <paramref name="position"/>.</summary>
    public IEnumerable<PhraseMatch<EventCue>> StartingAfter(CueKind kind, int position, int gap) =>
        Enumerable.Range(position, gap + 1).SelectMany(s => rolesByStart[s]).Where(r => r.Values.Any(v => v.Kind == kind));
}
