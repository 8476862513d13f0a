using System.CommandLine;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Cli.Query;

/// <summary>
/// The filters of the API contract as command-line options (--min-tonnes for min_tonnes; --text for q), shared
/// by `query` and `export`. They become the same name/value pairs the HTTP API parses, so the CLI accepts and
/// rejects exactly what the API does.
/// </summary>
internal sealed class SearchOptions
{
    private readonly List<(Option Option, string Parameter)> options = [];

    public SearchOptions(bool paging)
    {
        Many("--metal", SearchParameters.Metal, "Metal or group (gallium, rare earths, platinum group metals, battery metals); repeat for any of several");
        Many("--type", SearchParameters.Type, "supply_agreement|trade_flow|export_restriction|production|investment; repeatable");
        Many("--status", SearchParameters.Status, "fact|planned|talks|rumoured|denied|ended; repeatable");
        Many("--country", SearchParameters.Country, "ISO 3166-1 alpha-2 code; repeatable");
        One("--country-role", SearchParameters.CountryRole, "either (default), origin or destination: which side --country names");
        Many("--company", SearchParameters.Company, "Buyer or seller, any alias in any script (三菱商事, Мицубиси); repeatable");
        One("--since", SearchParameters.Since, "From this date (YYYY-MM-DD, YYYY-MM or YYYY)");
        One("--until", SearchParameters.Until, "Up to this date, inclusive");
        One("--date-field", SearchParameters.DateField, "published (default: the article's date) or start (the event's period)");
        One("--min-tonnes", SearchParameters.MinTonnes, "At least this many tonnes");
        One("--max-tonnes", SearchParameters.MaxTonnes, "At most this many tonnes");
        One("--min-sources", SearchParameters.MinSources, "Deals reported by at least this many articles (outlets, languages)");
        Many("--language", SearchParameters.Language, "Article language code (fr, ja, kk, …); repeatable");
        Many("--feed", SearchParameters.Feed, "Feed (outlet) name; repeatable");
        One("--text", SearchParameters.Text, "Full-text words over article title and text and the evidence, in any language");
        One("--sort", SearchParameters.Sort, "date_desc (default), date_asc, tonnes_desc, tonnes_asc, sources_desc or relevance");
        if (paging)
        {
            One("--limit", SearchParameters.Limit, $"Events per page, 1 to {EventSearch.MaxLimit} (default {EventSearch.DefaultLimit})");
            One("--cursor", SearchParameters.Cursor, "Continue after the page that printed this cursor");
        }
    }

    public IEnumerable<Option> All => options.Select(o => o.Option);

    /// <summary>The options given, as query parameters.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Pairs(ParseResult parse)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (option, parameter) in options)
        {
            switch (option)
            {
                case Option<string[]> many:
                    pairs.AddRange((parse.GetValue(many) ?? []).Select(v => new KeyValuePair<string, string?>(parameter, v)));
                    break;
                case Option<string?> one when parse.GetValue(one) is { } value:
                    pairs.Add(new KeyValuePair<string, string?>(parameter, value));
                    break;
            }
        }

        return pairs;
    }

    /// <summary>The pairs as a URL query string without the leading '?'.</summary>
    public static string ToQueryString(IEnumerable<KeyValuePair<string, string?>> pairs) =>
        string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value ?? string.Empty)));

    private void Many(string name, string parameter, string description) =>
        options.Add((new Option<string[]>(name) { Description = description, Arity = ArgumentArity.ZeroOrMore }, parameter));

    private void One(string name, string parameter, string description) =>
        options.Add((new Option<string?>(name) { Description = description }, parameter));
}
