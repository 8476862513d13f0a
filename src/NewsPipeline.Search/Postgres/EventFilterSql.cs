using NewsPipeline.Core.Search;
using NewsPipeline.Search.Documents;
using NpgsqlTypes;

namespace NewsPipeline.Search.Postgres;

/// <summary>Turns a validated <see cref="EventSearch"/> into SQL conditions, order and cursor over <c>search_events e</c>.</summary>
internal static class EventFilterSql
{
    /// <summary>Every filter of the search (not the cursor), ANDed; TRUE when there is none.</summary>
    /// <param name="text">The search's text prepared (<see cref="FullTextQuery.PrepareAsync"/>), null when it has none.</param>
    public static string Where(EventSearch search, FullTextQuery? text, SqlParameters parameters)
    {
        var conditions = new List<string>();
        AnyOf(conditions, "e.metal", search.Metals, parameters);
        AnyOf(conditions, "e.type", search.Types.Select(EventIndexDocument.WireName), parameters);
        AnyOf(conditions, "e.status", search.Statuses.Select(EventIndexDocument.WireName), parameters);
        AnyOf(conditions, "e.language", search.Languages, parameters);
        AnyOf(conditions, "e.feed", search.Feeds, parameters);
        if (search.Countries.Count > 0)
        {
            var countries = parameters.AddTextArray(search.Countries);
            conditions.Add(search.CountryRole switch
            {
                CountryRole.Origin => $"e.origin = ANY({countries})",
                CountryRole.Destination => $"e.destination = ANY({countries})",
                _ => $"e.countries && {countries}",
            });
        }

        if (search.Companies.Count > 0)
        {
            conditions.Add(Companies(search.Companies, parameters));
        }

        Dates(conditions, search, parameters);
        if (search.MinTonnes is { } min)
        {
            var value = parameters.Add(min, NpgsqlDbType.Double);
            conditions.Add($"e.tonnes >= {value}");
            TonnesKeyBound(conditions, search.Sort, ">=", value);
        }

        if (search.MaxTonnes is { } max)
        {
            var value = parameters.Add(max, NpgsqlDbType.Double);
            conditions.Add($"e.tonnes <= {value}");
            TonnesKeyBound(conditions, search.Sort, "<=", value);
        }

        if (search.MinSources is { } minSources)
        {
            conditions.Add($"e.source_count >= {parameters.Add(minSources, NpgsqlDbType.Integer)}");
        }

        if (text is not null)
        {
            conditions.Add(FullTextSql.EventMatches(text, parameters));
        }

        return conditions.Count == 0 ? "TRUE" : string.Join(" AND ", conditions);
    }

    /// <summary>The order of hits in a key sort: the sort key, then the id in the same direction, so every position is unique.</summary>
    public static string OrderBy(EventSort sort) => sort switch
    {
        EventSort.DateDesc => "e.date_key DESC, e.id DESC",
        EventSort.DateAsc => "e.date_key ASC, e.id ASC",
        EventSort.TonnesDesc => "e.tonnes_desc_key DESC, e.id DESC",
        EventSort.TonnesAsc => "e.tonnes_asc_key ASC, e.id ASC",
        EventSort.SourcesDesc => "e.source_count DESC, e.id DESC",
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "relevance pages are ordered by their rank (PostgresSearchIndex.RankedPage)"),
    };

    /// <summary>What sorts strictly after the cursor's (key, id): a row comparison the sort indexes serve.</summary>
    public static string After(EventSort sort, SearchCursor cursor, SqlParameters parameters)
    {
        var id = parameters.AddText(cursor.Id);
        return sort switch
        {
            EventSort.DateDesc => $"(e.date_key, e.id) < ({parameters.Add((int)cursor.Value, NpgsqlDbType.Integer)}, {id})",
            EventSort.DateAsc => $"(e.date_key, e.id) > ({parameters.Add((int)cursor.Value, NpgsqlDbType.Integer)}, {id})",
            EventSort.TonnesDesc => $"(e.tonnes_desc_key, e.id) < ({parameters.Add(cursor.Value, NpgsqlDbType.Double)}, {id})",
            EventSort.TonnesAsc => $"(e.tonnes_asc_key, e.id) > ({parameters.Add(cursor.Value, NpgsqlDbType.Double)}, {id})",
            EventSort.SourcesDesc => $"(e.source_count, e.id) < ({parameters.Add((int)cursor.Value, NpgsqlDbType.Integer)}, {id})",
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "relevance pages resume by position"),
        };
    }

    // A stated tonnage is its own sort key, so a tonnage bound is also a bound on the key of a tonnes sort. Said
    // explicitly, it lets the sort index start at the bound instead of reading (and discarding) every smaller key:
    // "≥ 1 kt, smallest first" read 45,000 index entries for 51 rows without it.
    private static void TonnesKeyBound(List<string> conditions, EventSort sort, string comparison, string value)
    {
        var key = sort switch
        {
            EventSort.TonnesAsc => "e.tonnes_asc_key",
            EventSort.TonnesDesc => "e.tonnes_desc_key",
            _ => null,
        };
        if (key is not null)
        {
            conditions.Add($"{key} {comparison} {value}");
        }
    }

    private static void AnyOf(List<string> conditions, string column, IEnumerable<string> values, SqlParameters parameters)
    {
        var list = values.ToList();
        if (list.Count > 0)
        {
            conditions.Add($"{column} = ANY({parameters.AddTextArray(list)})");
        }
    }

    // A company matches its exact (folded) name, the words of its name in order inside a longer name, or the
    // names of the firms it is an alias of, in whatever script the alias was written.
    private static string Companies(IReadOnlyList<CompanyFilter> companies, SqlParameters parameters)
    {
        var exact = parameters.AddTextArray(companies.Select(c => TextFold.Fold(c.Asked)).Distinct(StringComparer.Ordinal));
        var phrases = companies.SelectMany(c => c.CanonicalNames.Prepend(c.Asked))
            .Select(PartyWords.Phrase)
            .Where(p => p is not null)
            .Select(p => SqlParameters.Containing(p!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return phrases.Count == 0
            ? $"e.parties && {exact}"
            : $"(e.parties && {exact} OR e.party_words LIKE ANY({parameters.AddTextArray(phrases)}))";
    }

    private static void Dates(List<string> conditions, EventSearch search, SqlParameters parameters)
    {
        if (search.DateField == DateField.Published)
        {
            if (search.Since is { } since)
            {
                conditions.Add($"e.published_day >= {parameters.Add(since, NpgsqlDbType.Date)}");
            }

            if (search.Until is { } until)
            {
                conditions.Add($"e.published_day <= {parameters.Add(until, NpgsqlDbType.Date)}");
            }

            return;
        }

        // An event overlapping the range counts: it ends on or after "since" and begins on or before "until".
        if (search.Since is { } from)
        {
            conditions.Add($"e.period_to >= {parameters.Add(from, NpgsqlDbType.Date)}");
        }

        if (search.Until is { } to)
        {
            conditions.Add($"e.period_from <= {parameters.Add(to, NpgsqlDbType.Date)}");
        }
    }
}
