using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsPipeline.Core.Text;

/// <summary>
/// Reads machine-written dates as feeds and page metadata actually carry them: RFC 822/1123 with numeric offsets
/// or named zones (MSK, JST, CEST…), ISO 8601 / RFC 3339 in full or reduced forms, day.month.year, and Unix epoch seconds.
/// A date without any zone is taken as UTC. Nothing depends on the current culture or the server's zone.
/// </summary>
public static partial class InternetDateParser
{
    // Zone abbreviations seen in feeds and page metadata, with their offsets from UTC in minutes. Protocol data, not language knowledge.
    private static readonly FrozenDictionary<string, int> NamedZones = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360,
        ["PST"] = -480, ["PDT"] = -420, ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["AST"] = -240, ["ADT"] = -180,
        ["NST"] = -210, ["NDT"] = -150, ["BRT"] = -180, ["ART"] = -180,
        ["BST"] = 60, ["IST"] = 330, ["WEST"] = 60, ["CET"] = 60, ["MET"] = 60, ["CEST"] = 120, ["MEST"] = 120,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["MSD"] = 240, ["TRT"] = 180, ["SAST"] = 120,
        ["GST"] = 240, ["PKT"] = 300, ["ALMT"] = 300, ["QYZT"] = 300, ["AQTT"] = 300, ["UZT"] = 300,
        ["ICT"] = 420, ["WIB"] = 420, ["HKT"] = 480, ["SGT"] = 480, ["AWST"] = 480, ["PHT"] = 480, ["CST8"] = 480,
        ["JST"] = 540, ["KST"] = 540, ["ACST"] = 570, ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] MonthAbbreviations = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The instant the text names, or null when it is not a date this parser understands.</summary>
    /// <param name="text">The date as written.</param>
    /// <param name="offsets">
    /// Whether the result is moved to UTC (feeds: entries are compared and stored as instants) or keeps the offset
    /// the publisher wrote (page metadata: the local calendar date is what the article means by "today").
    /// </param>
    public static DateTimeOffset? Parse(string? text, WrittenOffset offsets = WrittenOffset.ConvertToUtc)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        var parsed = ParseIso(value) ?? ParseRfc822(value) ?? ParseDayMonthYear(value) ?? ParseEpoch(value);
        return offsets == WrittenOffset.ConvertToUtc ? parsed?.ToUniversalTime() : parsed;
    }

    private static DateTimeOffset? ParseIso(string value)
    {
        var m = Iso8601().Match(value);
        if (!m.Success)
        {
            return null;
        }

        return Build(
            Int(m, "y"), Int(m, "mo", 1), Int(m, "d", 1), Int(m, "h"), Int(m, "mi"), Int(m, "s"),
            FractionTicks(m.Groups["f"].Value), Offset(m.Groups["z"].Value));
    }

    private static DateTimeOffset? ParseRfc822(string value)
    {
        var m = Rfc822().Match(value);
        if (!m.Success)
        {
            return null;
        }

        var month = Array.IndexOf(MonthAbbreviations, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
        if (month == 0)
        {
            return null;
        }

        var year = Int(m, "y");
        if (m.Groups["y"].Value.Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }

        return Build(year, month, Int(m, "d"), Hour(m), Int(m, "mi"), Int(m, "s"), 0, Offset(m.Groups["z"].Value));
    }

    private static DateTimeOffset? ParseDayMonthYear(string value)
    {
        var m = DayMonthYear().Match(value);
        return m.Success
            ? Build(Int(m, "y"), Int(m, "mo"), Int(m, "d"), Hour(m), Int(m, "mi"), Int(m, "s"), 0, Offset(m.Groups["z"].Value))
            : null;
    }

    private static DateTimeOffset? ParseEpoch(string value)
    {
        // Nine to ten digits: 2001-09 to 2286; anything shorter is more likely a year or an id.
        if (value.Length is < 9 or > 10 || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static int Int(Match m, string group, int missing = 0) =>
        m.Groups[group].Success && m.Groups[group].Value.Length > 0
            ? int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture)
            : missing;

    // Read digit by digit, not through a double: 0.556 s must be 5,560,000 ticks, not 5,559,999.
    private static long FractionTicks(string digits) =>
        digits.Length == 0 ? 0 : long.Parse(digits.PadRight(7, '0')[..7], NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The hour on a 24-hour clock; a 12-hour clock ("05:22 pm") is converted, and an impossible one gives -1.</summary>
    private static int Hour(Match m)
    {
        var hour = Int(m, "h");
        var marker = m.Groups["ampm"].Value;
        if (marker.Length == 0)
        {
            return hour;
        }

        return hour is < 1 or > 12 ? -1 : (hour % 12) + (marker[0] is 'p' or 'P' ? 12 : 0);
    }

    /// <summary>Offset of a zone designator; an absent or unknown zone counts as UTC.</summary>
    private static TimeSpan Offset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            var hours = int.Parse(digits[..Math.Min(2, digits.Length)], NumberStyles.None, CultureInfo.InvariantCulture);
            var minutes = digits.Length >= 4 ? int.Parse(digits[2..4], NumberStyles.None, CultureInfo.InvariantCulture) : 0;
            var offset = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -offset : offset;
        }

        return NamedZones.TryGetValue(zone, out var namedMinutes) ? TimeSpan.FromMinutes(namedMinutes) : TimeSpan.Zero;
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, long fractionTicks, TimeSpan offset)
    {
        if (year is < 1000 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 24 || minute > 59 || second > 60 || offset.Duration() > TimeSpan.FromHours(14))
        {
            return null;
        }

        // 24:00 is the end of the day and a leap second is read as the last second of its minute.
        var extraDay = hour == 24;
        var local = new DateTime(year, month, day, extraDay ? 0 : hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified)
            .AddTicks(fractionTicks);
        if (extraDay)
        {
            local = local.AddDays(1);
        }

        return new DateTimeOffset(local, offset);
    }

    // [0-9] rather than \d: \d also matches Bengali or Arabic-Indic digits, which the invariant integer parser refuses.
    [GeneratedRegex(
        @"^(?<y>[0-9]{4})(?:-?(?<mo>[0-9]{2})(?:-?(?<d>[0-9]{2}))?)?(?:[Tt ]+(?<h>[0-9]{2}):?(?<mi>[0-9]{2})(?::?(?<s>[0-9]{2})(?:[.,](?<f>[0-9]{1,9}))?)?)?\s*(?<z>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?|[A-Za-z]{2,5})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    [GeneratedRegex(
        @"^(?:[A-Za-z]{3,9}\.?,?\s*)?(?<d>[0-9]{1,2})[\s\-]+(?<mon>[A-Za-z]{3,9})\.?[\s\-]+(?<y>[0-9]{4}|[0-9]{2})(?:,?\s+(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?(?:\s*(?<ampm>[AaPp]\.?[Mm]\.?))?)?\s*(?<z>[+-][0-9]{2}:?[0-9]{2}|[A-Za-z]{1,5})?\s*(?:\([^)]*\))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822();

    [GeneratedRegex(
        @"^(?<d>[0-9]{1,2})[./](?<mo>[0-9]{1,2})[./](?<y>[0-9]{4})(?:,?\s+(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?(?:\s*(?<ampm>[AaPp]\.?[Mm]\.?))?)?\s*(?<z>[+-][0-9]{2}:?[0-9]{2}|[A-Za-z]{1,5})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();
}

/// <summary>What <see cref="InternetDateParser.Parse"/> does with the offset a date was written with.</summary>
public enum WrittenOffset
{
    ConvertToUtc,
    Keep,
}
