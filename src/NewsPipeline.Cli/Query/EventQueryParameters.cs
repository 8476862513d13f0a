using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Query;

/// <summary>
/// The query filters as text (CLI options or URL query parameters), parsed in one place so the CLI and the
/// HTTP endpoint accept exactly the same values and report the same errors.
/// </summary>
public sealed record EventQueryParameters(
    string? Metal = null,
    string? Country = null,
    string? Company = null,
    string? Type = null,
    string? Since = null,
    string? Until = null,
    string? MinTonnes = null,
    string? Text = null,
    string? Limit = null,
    string? MinSources = null)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];

    public static IReadOnlyList<string> Names { get; } = ["metal", "country", "company", "type", "since", "until", "min_tonnes", "text", "limit", "min_sources"];

    public static EventQueryParameters FromLookup(Func<string, string?> get) =>
        new(get("metal"), get("country"), get("company"), get("type"), get("since"), get("until"), get("min_tonnes"), get("text"), get("limit"), get("min_sources"));

    /// <summary>The parameters as a URL query string ("?metal=gallium&amp;…"), empty when none is set.</summary>
    public string ToQueryString()
    {
        string?[] values = [Metal, Country, Company, Type, Since, Until, MinTonnes, Text, Limit, MinSources];
        var pairs = Names.Zip(values).Where(p => !string.IsNullOrEmpty(p.Second)).Select(p => p.First + "=" + Uri.EscapeDataString(p.Second!)).ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    /// <summary>The parsed query, or every error in the parameters.</summary>
    public (EventQuery? Query, IReadOnlyList<string> Errors) Parse()
    {
        var errors = new List<string>();
        EventType? type = null;
        if (!string.IsNullOrWhiteSpace(Type))
        {
            type = ParseType(Type);
            if (type is null)
            {
                errors.Add($"type '{Type}' is not one of supply_agreement, trade_flow, export_restriction, production, investment");
            }
        }

        var since = ParseDate("since", Since, errors, end: false);
        var until = ParseDate("until", Until, errors, end: true);
        double? minTonnes = null;
        if (!string.IsNullOrWhiteSpace(MinTonnes))
        {
            if (double.TryParse(MinTonnes, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                minTonnes = value;
            }
            else
            {
                errors.Add($"min_tonnes '{MinTonnes}' is not a non-negative number");
            }
        }

        var limit = 200;
        if (!string.IsNullOrWhiteSpace(Limit) && (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            errors.Add($"limit '{Limit}' must be a whole number from 1 to 10000");
        }

        int? minSources = null;
        if (!string.IsNullOrWhiteSpace(MinSources))
        {
            if (int.TryParse(MinSources, NumberStyles.None, CultureInfo.InvariantCulture, out var sources) && sources >= 1)
            {
                minSources = sources;
            }
            else
            {
                errors.Add($"min_sources '{MinSources}' must be a whole number of at least 1");
            }
        }

        var country = Country?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(country) && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            errors.Add($"country '{Country}' must be an ISO 3166-1 alpha-2 code such as JP or KZ");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new EventQuery(
            Blank(Metal)?.ToLowerInvariant(), Blank(country), Blank(Company), type, since, until, minTonnes, Blank(Text), limit, minSources), errors);
    }

    private static EventType? ParseType(string text)
    {
        var wanted = text.Trim().Replace("-", "_", StringComparison.Ordinal);
        foreach (var value in Enum.GetValues<EventType>())
        {
            var snake = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
            if (snake.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static DateOnly? ParseDate(string name, string? text, List<string> errors, bool end)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add($"{name} '{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
            return null;
        }

        if (!end)
        {
            return date;
        }

        // An end given as a year or month means its last day.
        return text.Trim().Length switch
        {
            4 => new DateOnly(date.Year, 12, 31),
            7 => new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)),
            _ => date,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
