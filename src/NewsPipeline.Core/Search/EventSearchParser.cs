using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Search;

/// <summary>
/// The one parser and validator of query parameters (URL query strings, CLI options, saved searches). It reads
/// name/value pairs, repeated names being alternatives, and reports every error at once.
/// </summary>
public sealed class EventSearchParser(SearchVocabulary vocabulary)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];

    /// <summary>Parses an event query. Names in <paramref name="alsoAllowed"/> (e.g. <c>format</c>) are skipped, any other unknown name is an error.</summary>
    public SearchParse<EventSearch> ParseEvents(IEnumerable<KeyValuePair<string, string?>> pairs, IReadOnlyCollection<string>? alsoAllowed = null)
    {
        var values = Collect(pairs, SearchParameters.EventNames, alsoAllowed, out var errors);
        var search = new EventSearch
        {
            Metals = ParseMetals(values, errors),
            Types = ParseEnums<EventType>(values, SearchParameters.Type, errors),
            Statuses = ParseEnums<EventStatus>(values, SearchParameters.Status, errors),
            Countries = ParseCountries(values, errors),
            CountryRole = ParseSingleEnum(values, SearchParameters.CountryRole, CountryRole.Either, errors),
            Companies = All(values, SearchParameters.Company).Select(c => new CompanyFilter(c, vocabulary.ResolveCompany(c))).ToList(),
            Since = ParseDate(values, SearchParameters.Since, end: false, errors),
            Until = ParseDate(values, SearchParameters.Until, end: true, errors),
            DateField = ParseSingleEnum(values, SearchParameters.DateField, DateField.Published, errors),
            MinTonnes = ParseTonnes(values, SearchParameters.MinTonnes, errors),
            MaxTonnes = ParseTonnes(values, SearchParameters.MaxTonnes, errors),
            MinSources = ParseMinSources(values, errors),
            Languages = All(values, SearchParameters.Language).Select(l => l.ToLowerInvariant()).ToList(),
            Feeds = All(values, SearchParameters.Feed),
            Text = Single(values, SearchParameters.Text, errors),
            Sort = ParseSingleEnum(values, SearchParameters.Sort, EventSort.DateDesc, errors),
            Limit = ParseLimit(values, errors),
        };

        if (search.Since is { } since && search.Until is { } until && since > until)
        {
            errors.Add(new ParameterError(SearchParameters.Until, $"until {until:yyyy-MM-dd} is before since {since:yyyy-MM-dd}"));
        }

        if (search.MinTonnes is { } min && search.MaxTonnes is { } max && min > max)
        {
            errors.Add(new ParameterError(SearchParameters.MaxTonnes, $"max_tonnes {max.ToString(CultureInfo.InvariantCulture)} is below min_tonnes {min.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (search.Sort == EventSort.Relevance && search.Text is null)
        {
            errors.Add(new ParameterError(SearchParameters.Sort, "sort=relevance needs full-text words in q"));
        }

        search = search with { Cursor = ParseCursor(values, SortName(search.Sort), errors) };
        return errors.Count == 0 ? new SearchParse<EventSearch>(search, []) : new SearchParse<EventSearch>(null, errors);
    }

    /// <summary>Parses an article full-text search; <c>q</c> is required.</summary>
    public static SearchParse<ArticleSearch> ParseArticles(IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        var values = Collect(pairs, SearchParameters.ArticleNames, null, out var errors);
        var text = Single(values, SearchParameters.Text, errors);
        if (text is null && !errors.Any(e => e.Parameter == SearchParameters.Text))
        {
            errors.Add(new ParameterError(SearchParameters.Text, "q is required: the words to search for"));
        }

        var search = new ArticleSearch
        {
            Text = text ?? string.Empty,
            Languages = All(values, SearchParameters.Language).Select(l => l.ToLowerInvariant()).ToList(),
            Limit = ParseLimit(values, errors),
            Cursor = ParseCursor(values, SortName(EventSort.Relevance), errors),
        };
        return errors.Count == 0 ? new SearchParse<ArticleSearch>(search, []) : new SearchParse<ArticleSearch>(null, errors);
    }

    /// <summary>The wire name of a sort ("date_desc").</summary>
    public static string SortName(EventSort sort) => Snake(sort.ToString());

    private static Dictionary<string, List<string>> Collect(
        IEnumerable<KeyValuePair<string, string?>> pairs, IReadOnlyList<string> known, IReadOnlyCollection<string>? alsoAllowed, out List<ParameterError> errors)
    {
        errors = [];
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                if (alsoAllowed is null || !alsoAllowed.Contains(name, StringComparer.Ordinal))
                {
                    errors.Add(new ParameterError(name, $"unknown parameter '{name}'; known: {string.Join(", ", known)}"));
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value.Trim());
        }

        return values;
    }

    private static List<string> All(Dictionary<string, List<string>> values, string name) =>
        values.TryGetValue(name, out var list) ? list.Distinct(StringComparer.Ordinal).ToList() : [];

    private static string? Single(Dictionary<string, List<string>> values, string name, List<ParameterError> errors)
    {
        var all = All(values, name);
        if (all.Count > 1)
        {
            errors.Add(new ParameterError(name, $"{name} takes one value, got {all.Count}"));
        }

        return all.Count == 0 ? null : all[0];
    }

    private List<string> ParseMetals(Dictionary<string, List<string>> values, List<ParameterError> errors)
    {
        var metals = new List<string>();
        foreach (var asked in All(values, SearchParameters.Metal))
        {
            if (vocabulary.ExpandMetal(asked) is { } expanded)
            {
                metals.AddRange(expanded.Where(m => !metals.Contains(m, StringComparer.Ordinal)));
            }
            else
            {
                errors.Add(new ParameterError(SearchParameters.Metal, $"'{asked}' is not a known metal or group (canonical English names such as gallium, rare earths, battery metals)"));
            }
        }

        return metals;
    }

    private static List<T> ParseEnums<T>(Dictionary<string, List<string>> values, string name, List<ParameterError> errors)
        where T : struct, Enum
    {
        var parsed = new List<T>();
        foreach (var text in All(values, name))
        {
            if (TryParseEnum<T>(text, out var value))
            {
                parsed.Add(value);
            }
            else
            {
                errors.Add(new ParameterError(name, $"'{text}' is not one of {string.Join('|', Enum.GetValues<T>().Select(v => Snake(v.ToString())))}"));
            }
        }

        return parsed.Distinct().ToList();
    }

    private static T ParseSingleEnum<T>(Dictionary<string, List<string>> values, string name, T fallback, List<ParameterError> errors)
        where T : struct, Enum
    {
        var text = Single(values, name, errors);
        if (text is null)
        {
            return fallback;
        }

        if (TryParseEnum<T>(text, out var value))
        {
            return value;
        }

        errors.Add(new ParameterError(name, $"'{text}' is not one of {string.Join('|', Enum.GetValues<T>().Select(v => Snake(v.ToString())))}"));
        return fallback;
    }

    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        var wanted = text.Replace('-', '_');
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Snake(candidate.ToString()), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static List<string> ParseCountries(Dictionary<string, List<string>> values, List<ParameterError> errors)
    {
        var countries = new List<string>();
        foreach (var text in All(values, SearchParameters.Country))
        {
            var code = text.ToUpperInvariant();
            if (code.Length == 2 && code.All(char.IsAsciiLetterUpper))
            {
                countries.Add(code);
            }
            else
            {
                errors.Add(new ParameterError(SearchParameters.Country, $"'{text}' is not an ISO 3166-1 alpha-2 code such as JP or KZ"));
            }
        }

        return countries.Distinct(StringComparer.Ordinal).ToList();
    }

    private static DateOnly? ParseDate(Dictionary<string, List<string>> values, string name, bool end, List<ParameterError> errors)
    {
        var text = Single(values, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(new ParameterError(name, $"'{text}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"));
            return null;
        }

        // An end given as a year or a month means its last day.
        return !end ? date : text.Length switch
        {
            4 => new DateOnly(date.Year, 12, 31),
            7 => new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)),
            _ => date,
        };
    }

    private static double? ParseTonnes(Dictionary<string, List<string>> values, string name, List<ParameterError> errors)
    {
        var text = Single(values, name, errors);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var tonnes) && double.IsFinite(tonnes) && tonnes >= 0)
        {
            return tonnes;
        }

        errors.Add(new ParameterError(name, $"'{text}' is not a non-negative number of tonnes"));
        return null;
    }

    private static int? ParseMinSources(Dictionary<string, List<string>> values, List<ParameterError> errors)
    {
        var text = Single(values, SearchParameters.MinSources, errors);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sources) && sources >= 1)
        {
            return sources;
        }

        errors.Add(new ParameterError(SearchParameters.MinSources, $"'{text}' is not a whole number of reports, 1 or more"));
        return null;
    }

    private static int ParseLimit(Dictionary<string, List<string>> values, List<ParameterError> errors)
    {
        var text = Single(values, SearchParameters.Limit, errors);
        if (text is null)
        {
            return EventSearch.DefaultLimit;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= EventSearch.MaxLimit)
        {
            return limit;
        }

        errors.Add(new ParameterError(SearchParameters.Limit, $"'{text}' must be a whole number from 1 to {EventSearch.MaxLimit}"));
        return EventSearch.DefaultLimit;
    }

    private static SearchCursor? ParseCursor(Dictionary<string, List<string>> values, string sort, List<ParameterError> errors)
    {
        var text = Single(values, SearchParameters.Cursor, errors);
        if (text is null)
        {
            return null;
        }

        var cursor = SearchCursor.TryDecode(text);
        if (cursor is null)
        {
            errors.Add(new ParameterError(SearchParameters.Cursor, "not a cursor this server issued; start again without one"));
            return null;
        }

        if (!string.Equals(cursor.Sort, sort, StringComparison.Ordinal))
        {
            errors.Add(new ParameterError(SearchParameters.Cursor, $"the cursor belongs to sort={cursor.Sort}, not sort={sort}"));
            return null;
        }

        return cursor;
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
