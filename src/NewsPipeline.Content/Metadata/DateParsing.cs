using System.Globalization;
using System.Text.RegularExpressions;
using NewsPipeline.Content.Lexicon;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Content.Metadata;

/// <summary>Dates as pages write them: ISO 8601 in metadata, date paths in URLs, and dates in visible text.</summary>
internal sealed partial class DateParsing(ContentLexicon lexicon)
{
    /// <summary>
    /// A machine-readable date: the forms <see cref="InternetDateParser"/> reads (ISO 8601, RFC 822/1123 with named
    /// zones, day.month.year, epoch seconds), then anything else the invariant culture reads. A date without an offset
    /// is taken as UTC; a written offset is kept; years outside 1990–2100 are not publication dates.
    /// </summary>
    public static DateTimeOffset? ParseMachine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var date = InternetDateParser.Parse(value, WrittenOffset.Keep) ?? ParseLoosely(value.Trim());
        return date?.Year is >= 1990 and <= 2100 ? date : null;
    }

    /// <summary>A date written in a URL path: /2024/03/15/ or /20240315.</summary>
    public static DateTimeOffset? FromUrlPath(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            return null;
        }

        var match = UrlDate().Match(url.AbsolutePath);
        return match.Success ? Build(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value) : null;
    }

    /// <summary>A date written for readers, e.g. "15 March 2024", "March 15, 2024", "15.03.2024", "2024年3月15日", "15 марта 2024".</summary>
    public DateTimeOffset? FromVisibleText(string text)
    {
        var iso = IsoDate().Match(text);
        if (iso.Success)
        {
            return Build(iso.Groups["y"].Value, iso.Groups["m"].Value, iso.Groups["d"].Value);
        }

        var cjk = CjkDate().Match(text);
        if (cjk.Success)
        {
            return Build(cjk.Groups["y"].Value, cjk.Groups["m"].Value, cjk.Groups["d"].Value);
        }

        var dotted = DottedDate().Match(text);
        if (dotted.Success)
        {
            return Build(dotted.Groups["y"].Value, dotted.Groups["m"].Value, dotted.Groups["d"].Value);
        }

        foreach (Match match in DayMonthYear().Matches(text))
        {
            if (lexicon.Months.TryGetValue(match.Groups["mon"].Value.ToLowerInvariant(), out var month))
            {
                return Build(match.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), match.Groups["d"].Value);
            }
        }

        foreach (Match match in MonthDayYear().Matches(text))
        {
            if (lexicon.Months.TryGetValue(match.Groups["mon"].Value.ToLowerInvariant(), out var month))
            {
                return Build(match.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), match.Groups["d"].Value);
            }
        }

        return null;
    }

    private static DateTimeOffset? Build(string year, string month, string day)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || y is < 1990 or > 2100 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }

        return new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero);
    }

    private static DateTimeOffset? ParseLoosely(string text)
    {
        // "+0000" offsets are common and not what the invariant parser expects; give them their colon.
        var withColon = CompactOffset().Replace(text, "$1:$2");
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        return DateTimeOffset.TryParse(withColon, CultureInfo.InvariantCulture, Styles, out var loose) ? loose : null;
    }

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex CompactOffset();

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})[/-]?(?<m>0[1-9]|1[0-2]|[1-9](?=/))[/-]?(?<d>0[1-9]|[12]\d|3[01]|[1-9](?=/))(?:/|[^\d]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();

    [GeneratedRegex(@"\b(?<y>(?:19|20)\d{2})-(?<m>\d{2})-(?<d>\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<y>(?:19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日", RegexOptions.CultureInvariant)]
    private static partial Regex CjkDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>(?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:er|st|nd|rd|th)?\.?\s+(?<mon>\p{L}+)\.?,?\s+(?<y>(?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(?<mon>\p{L}+)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();
}
