using System.Globalization;
using System.Text.RegularExpressions;
using NewsPipeline.Content.Lexicon;

namespace NewsPipeline.Content.Metadata;

/// <summary>Dates as pages write them: ISO 8601 in metadata, date paths in URLs, and dates in visible text.</summary>
internal sealed partial class DateParsing(ContentLexicon lexicon)
{
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>A machine-readable date (ISO 8601 and RFC 1123 forms); dates without an offset are taken as UTC.</summary>
    public static DateTimeOffset? ParseMachine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        // "+0000" offsets are common and not ISO 8601; give them their colon.
        text = CompactOffset().Replace(text, "$1:$2");
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, Styles, out var exact))
        {
            return Plausible(exact);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var loose) ? Plausible(loose) : null;
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

    private static DateTimeOffset? Plausible(DateTimeOffset value) => value.Year is >= 1990 and <= 2100 ? value : null;

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
