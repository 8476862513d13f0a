using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction.Events;

/// <summary>The event, status, role and date phrases of one article, found once and shared by the event steps.</summary>
internal sealed record ArticleCues(
    IReadOnlyList<PhraseMatch<EventCue>> Types,
    IReadOnlyList<PhraseMatch<EventCue>> Statuses,
    IReadOnlyList<PhraseMatch<EventCue>> Roles,
    IReadOnlyList<PhraseMatch<DateEntry>> Dates)
{
    public static ArticleCues Find(RecognisedArticle article, EventLexicon events, DateLexicon dates) => new(
        events.TypeCues.For(article.Language).FindAll(article.Text),
        events.StatusCues.For(article.Language).FindAll(article.Text),
        events.RoleCues.For(article.Language).FindAll(article.Text),
        dates.Matcher.For(article.Language).FindAll(article.Text));

    public IEnumerable<PhraseMatch<EventCue>> RolesOf(CueKind kind, int start, int end) =>
        Roles.Where(r => r.Values.Any(v => v.Kind == kind) && r.Start >= start && r.End <= end);
}
