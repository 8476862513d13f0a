using System.Globalization;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// The event's start (YYYY or YYYY-MM): a year after a start marker ("from 2026", "depuis 2023", "с 2027 года"), else a
/// year in the event's clause or sentence (with its month when one is written just before it), else a relative year
/// ("this year", "l'an dernier", 今年) or a month resolved against the publication date when that date is known.
/// </summary>
internal static class StartResolver
{
    private const int MarkerReach = 16;

    public static EventCandidate Assign(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        var sentence = candidate.Sentence;
        var years = article.Years.Where(y => sentence.Contains(y.Start)).ToList();
        var markers = cues.RolesOf(CueKind.StartMarker, sentence.Start, sentence.End).ToList();
        var marked = years.FirstOrDefault(y => markers.Any(m => m.End <= y.Start && y.Start - m.End <= MarkerReach));
        var inSegment = years.Where(y => y.Start >= candidate.SegmentStart && y.End <= candidate.SegmentEnd).ToList();
        var anchor = candidate.Quantity?.Start ?? sentence.Start;
        // Within the clause, the period written before the figure governs it ("2027年起每年…", "In 2019, Korea imported …").
        var year = marked ?? inSegment.LastOrDefault(y => y.End <= anchor) ?? inSegment.FirstOrDefault() ?? years.FirstOrDefault();
        if (year is not null)
        {
            return candidate with { Start = WithMonth(year, cues, article) };
        }

        // Statistics often name their period once ("from January-May 2024 … exports of …").
        if (candidate.Type == Core.Extraction.EventType.TradeFlow && article.Years.LastOrDefault(y => y.End <= sentence.Start) is { } earlier)
        {
            return candidate with { Start = earlier.Year.ToString(CultureInfo.InvariantCulture) };
        }

        var published = article.Published;
        if (published is null)
        {
            return candidate;
        }

        var dates = cues.Dates.Where(d => sentence.Contains(d.Start)).ToList();
        var relative = dates.Select(d => d.Values[0]).FirstOrDefault(d => d.RelativeYear is not null);
        if (relative is not null)
        {
            return candidate with { Start = (published.Year + relative.RelativeYear!.Value).ToString(CultureInfo.InvariantCulture) };
        }

        var month = dates.Select(d => d.Values[0].Month).FirstOrDefault(m => m is not null);
        if (month is { } m && published.Month is { } pm)
        {
            var y = m <= pm ? published.Year : published.Year - 1;
            return candidate with { Start = string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}") };
        }

        return candidate;
    }

    private static string WithMonth(YearFound year, ArticleCues cues, RecognisedArticle article)
    {
        // "December 2024", "décembre 2024" write the month first; "2025年6月" writes it after the year.
        var month = cues.Dates.LastOrDefault(d => d.Values[0].Month is not null && d.End <= year.Start && year.Start - d.End <= 2)
            ?? cues.Dates.FirstOrDefault(d => d.Values[0].Month is not null && d.Start >= year.End && d.Start - year.End <= 1 && !char.IsDigit(article.Text.Original[year.End]));
        return month is null
            ? year.Year.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{year.Year:D4}-{month.Values[0].Month:D2}");
    }
}
