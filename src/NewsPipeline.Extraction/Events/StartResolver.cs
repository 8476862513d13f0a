using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// The event's start (YYYY or YYYY-MM): a year after a start marker ("from 2026", "à compter du second semestre 2023",
/// "с 2027 года"), else a year in the event's clause or sentence (with its month, quarter or half when written next
/// to it), else a relative year ("this year", "l'an dernier", 今年) or a month resolved against the publication date.
/// Years after a comparison ("compared with 2022", 同比) are not starts, and a span of years ("2026-2027",
/// "1. August 2023 bis 31. Dezember 2030") starts at its first.
/// </summary>
internal static class StartResolver
{
    private const int MarkerReach = 24;

    public static EventCandidate Assign(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        var sentence = candidate.Sentence;
        // A contract or a ban runs until a year; output and trade reach a level by one ("bis 2027 auf 1.800 t steigern").
        var lasts = candidate.Type is EventType.SupplyAgreement or EventType.ExportRestriction;
        // A party's founding year ("PPES, which Toyota and Panasonic set up in 2020") dates the party, not a deal, a
        // flow or a ban; an investment or an output may well start with the founding of a venture.
        var partyYears = candidate.Type is EventType.SupplyAgreement or EventType.TradeFlow or EventType.ExportRestriction;
        var years = article.Years.Where(y => sentence.Contains(y.Start) && !Compared(cues, y) && !(lasts && Closes(cues, article, y))
            && !(partyYears && Founded(cues, article, y))).ToList();
        var markers = cues.RolesOf(CueKind.StartMarker, sentence.Start, sentence.End).ToList();
        var marked = years.FirstOrDefault(y => markers.Any(m => m.End <= y.Start && y.Start - m.End <= MarkerReach && !years.Any(o => o.Start >= m.End && o.End <= y.Start)));
        var inSegment = years.Where(y => y.Start >= candidate.SegmentStart && y.End <= candidate.SegmentEnd).ToList();
        // Within the clause, the year written nearest the figure dates it ("In 2019, Korea imported …", "2027年起每年…",
        // "produced 210 kt in 2024 and aims at 300 kt in 2027").
        var nearest = candidate.Quantity is { } q ? inSegment.MinBy(y => y.End <= q.Start ? q.Start - y.End : y.Start - q.End) : null;
        var year = marked ?? nearest ?? inSegment.FirstOrDefault() ?? years.FirstOrDefault();
        if (year is not null)
        {
            return candidate with { Start = WithMonth(FirstOfSpan(year, article, cues), cues, article) };
        }

        // Statistics often name their period once ("from January-May 2024 … exports of …").
        if (candidate.Type == EventType.TradeFlow && article.Years.LastOrDefault(y => y.End <= sentence.Start && !Compared(cues, y)) is { } earlier)
        {
            return candidate with { Start = earlier.Year.ToString(CultureInfo.InvariantCulture) };
        }

        // A capacity told without a date ("a capacity of 500 ktpa") comes on stream when the article said output starts.
        if (candidate.Type == EventType.Production && EarlierProductionStart(candidate, article, cues) is { } onStream)
        {
            return candidate with { Start = onStream };
        }

        var dates = cues.Dates.Where(d => sentence.Contains(d.Start)).ToList();
        var month = dates.Select(d => d.Values[0].Month).FirstOrDefault(m => m is not null);
        var published = article.Published;
        if (published is null)
        {
            // Without a publication date, a bare month belongs to the year the article last named ("7月に…").
            var context = article.Years.LastOrDefault(y => y.End <= sentence.Start && !Compared(cues, y));
            if (month is { } bare && context is not null)
            {
                return candidate with { Start = Format(context.Year, bare) };
            }

            // A start written in the next sentence needs no publication date ("Deliveries should begin in 2025").
            return candidate.Type == EventType.SupplyAgreement && NextSentenceStart(candidate, article, cues) is { } following
                ? candidate with { Start = following }
                : candidate;
        }

        var relative = dates.Select(d => d.Values[0]).FirstOrDefault(d => d.RelativeYear is not null);
        if (relative is not null)
        {
            var resolved = published.Year + relative.RelativeYear!.Value;
            return candidate with { Start = month is { } m ? Format(resolved, m) : resolved.ToString(CultureInfo.InvariantCulture) };
        }

        if (month is { } only && published.Month is { } pm)
        {
            return candidate with { Start = Format(only <= pm ? published.Year : published.Year - 1, only) };
        }

        if (candidate.Type == EventType.SupplyAgreement && NextSentenceStart(candidate, article, cues) is { } next)
        {
            return candidate with { Start = next };
        }

        return candidate;
    }

    /// <summary>
    /// After merging: a deal or an investment told without any date dates from its announcement, and a figure
    /// without a period is the latest one reported. (Applied after merging so that it never splits a repeated deal.)
    /// </summary>
    public static EventCandidate FromPublication(EventCandidate candidate, RecognisedArticle article) =>
        candidate.Start is null && article.Published is { } published
            && candidate.Type is EventType.SupplyAgreement or EventType.Investment or EventType.TradeFlow
            ? candidate with { Start = published.Year.ToString(CultureInfo.InvariantCulture) }
            : candidate;

    /// <summary>"… will supply 150 kt/yr to Y. Deliveries are due to start in 2026.": a marked start in the next sentence.</summary>
    private static string? NextSentenceStart(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        var next = article.Sentences.FirstOrDefault(s => s.Index == candidate.Sentence.Index + 1);
        if (next is null)
        {
            return null;
        }

        var markers = cues.RolesOf(CueKind.StartMarker, next.Start, next.End).ToList();
        var year = article.Years.FirstOrDefault(y => next.Contains(y.Start) && markers.Any(m => m.End <= y.Start && y.Start - m.End <= MarkerReach));
        return year is null ? null : WithMonth(year, cues, article);
    }

    /// <summary>The latest marked start in an earlier production sentence ("Production is expected to start in 2024").</summary>
    private static string? EarlierProductionStart(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        foreach (var earlier in article.Sentences.Where(s => s.Index < candidate.Sentence.Index).Reverse())
        {
            var produces = cues.Types.Any(t => earlier.Contains(t.Start) && t.Values.Any(v => v.Type == EventType.Production));
            var markers = produces ? cues.RolesOf(CueKind.StartMarker, earlier.Start, earlier.End).ToList() : [];
            var year = article.Years.FirstOrDefault(y => earlier.Contains(y.Start) && markers.Any(m => m.End <= y.Start && y.Start - m.End <= MarkerReach));
            if (year is not null)
            {
                return WithMonth(year, cues, article);
            }
        }

        return null;
    }

    private static string Format(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}");

    /// <summary>A year shortly after a comparison marker ("compared with 2022", "respecto del mismo lapso de 2009").</summary>
    private static bool Compared(ArticleCues cues, YearFound year) =>
        cues.EndingBefore(CueKind.ComparisonMarker, year.Start, MarkerReach).Any();

    /// <summary>
    /// A year after a founding word in the same stretch ("créée par Toyota et Panasonic en 2020", "founded in 2010",
    /// "основанная в 2010 году") or right before one ("2020 gegründet", "2020年に設立", "2020年成立").
    /// </summary>
    private static bool Founded(ArticleCues cues, RecognisedArticle article, YearFound year)
    {
        const int Reach = 40;
        const int SuffixGap = 3;
        return cues.EndingBefore(CueKind.FoundingMarker, year.Start, Reach)
                .Any(m => !article.Years.Any(o => o.Start >= m.End && o.End <= year.Start) && !article.Text.Original[m.End..year.Start].Any(c => c is ',' or ';' or '.'))
            || cues.StartingAfter(CueKind.FoundingMarker, year.End, SuffixGap).Any();
    }

    /// <summary>A year right after "until", "bis", "jusqu'à" ends a contract's or a ban's period (its start, if any, is written before it).</summary>
    private static bool Closes(ArticleCues cues, RecognisedArticle article, YearFound year)
    {
        const int Reach = 12;
        return cues.EndMarkers.Any(m => m.End <= year.Start && year.Start - m.End <= Reach
            && (!article.Text.Original[m.End..year.Start].Any(char.IsLetter) || MonthOnly(cues, m.End, year.Start)));
    }

    /// <summary>Whether only a day and a month stand in a stretch ("bis 31. Dezember 2030").</summary>
    private static bool MonthOnly(ArticleCues cues, int start, int end) =>
        cues.Dates.Any(d => d.Start >= start && d.End <= end && d.Values[0].Month is not null);

    /// <summary>The first year of a span or list the year closes ("2026-2027", "2026年和2027年", "from 1 August 2023 to 31 December 2030").</summary>
    private static YearFound FirstOfSpan(YearFound year, RecognisedArticle article, ArticleCues cues)
    {
        const int SpanReach = 24;
        var current = year;
        while (article.Years.LastOrDefault(y => y.End <= current.Start && current.Start - y.End <= SpanReach) is { } previous && Linked(article, cues, previous, current))
        {
            current = previous;
        }

        return current;
    }

    /// <summary>Whether only a link word, a day, a month and year suffixes stand between two years.</summary>
    private static bool Linked(RecognisedArticle article, ArticleCues cues, YearFound first, YearFound second)
    {
        var between = article.Text.Scan.ToCharArray(first.End, second.Start - first.End);
        foreach (var date in cues.Dates.Where(d => d.Start >= first.End && d.End <= second.Start && d.Values[0].Month is not null))
        {
            Array.Fill(between, ' ', date.Start - first.End, date.End - date.Start);
        }

        var words = new string(between).Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => StripYearSuffix(w, cues)).Where(w => w.Length > 0 && !w.All(char.IsDigit)).ToList();
        return words.Count > 0 && words.All(w => cues.RangeLinks.Contains(w));
    }

    private static string StripYearSuffix(string word, ArticleCues cues)
    {
        foreach (var suffix in cues.YearSuffixes.Where(s => s.Length > 0))
        {
            if (word.StartsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return word[suffix.Length..];
            }
        }

        return word;
    }

    private static string WithMonth(YearFound year, ArticleCues cues, RecognisedArticle article)
    {
        // "December 2024", "décembre 2024" write the month first; "2025年6月" writes it after the year.
        var month = cues.Dates.LastOrDefault(d => d.Values[0].Month is not null && d.End <= year.Start && year.Start - d.End <= 2)
            ?? cues.Dates.FirstOrDefault(d => d.Values[0].Month is not null && d.Start >= year.End && d.Start - year.End <= 1 && !char.IsDigit(article.Text.Original[year.End]));
        return month is null
            ? year.Year.ToString(CultureInfo.InvariantCulture)
            : Format(year.Year, month.Values[0].Month!.Value);
    }
}
