using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Vocabulary;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>The one parser of query parameters shared by the CLI, the API and the page.</summary>
public sealed class SearchParserTests
{
    private readonly EventSearchParser parser = new(SearchVocabularyLoader.Load(RepositoryPaths.Models));

    [Fact]
    public void Metal_groups_expand_to_their_members_and_keep_the_group_name()
    {
        var search = Parse(("metal", "Rare Earths"), ("metal", "gallium"));
        Assert.Contains("rare earths", search.Metals);
        Assert.Contains("neodymium", search.Metals);
        Assert.Contains("dysprosium", search.Metals);
        Assert.Contains("gallium", search.Metals);
        Assert.DoesNotContain("lithium", search.Metals);

        var battery = Parse(("metal", "battery metals"));
        Assert.Superset(new HashSet<string> { "lithium", "cobalt", "nickel", "graphite" }, battery.Metals.ToHashSet());
        Assert.Contains("palladium", Parse(("metal", "platinum group metals")).Metals);
    }

    [Theory]
    [InlineData("Мицубиси")]
    [InlineData("三菱商事")]
    [InlineData("mitsubishi corp.")]
    public void Company_aliases_in_any_script_resolve_to_the_canonical_firm(string alias)
    {
        var company = Assert.Single(Parse(("company", alias)).Companies);
        Assert.Equal(alias, company.Asked);
        Assert.Contains("Mitsubishi Corporation", company.CanonicalNames);
    }

    [Fact]
    public void Every_value_is_parsed_and_repeated_names_are_alternatives()
    {
        var search = Parse(
            ("type", "supply_agreement"), ("type", "trade-flow"), ("status", "planned"), ("country", "jp"), ("country", "KZ"), ("country_role", "origin"),
            ("since", "2024"), ("until", "2026-02"), ("date_field", "start"), ("min_tonnes", "10.5"), ("max_tonnes", "1e6"), ("language", "JA"),
            ("feed", "Kyodo Metals"), ("q", "ガリウム 輸入"), ("sort", "tonnes_desc"), ("limit", "25"));
        Assert.Equal([EventType.SupplyAgreement, EventType.TradeFlow], search.Types);
        Assert.Equal([EventStatus.Planned], search.Statuses);
        Assert.Equal(["JP", "KZ"], search.Countries);
        Assert.Equal(CountryRole.Origin, search.CountryRole);
        Assert.Equal(new DateOnly(2024, 1, 1), search.Since);
        Assert.Equal(new DateOnly(2026, 2, 28), search.Until);
        Assert.Equal(DateField.Start, search.DateField);
        Assert.Equal(10.5, search.MinTonnes);
        Assert.Equal(1_000_000, search.MaxTonnes);
        Assert.Equal(["ja"], search.Languages);
        Assert.Equal(["Kyodo Metals"], search.Feeds);
        Assert.Equal("ガリウム 輸入", search.Text);
        Assert.Equal(EventSort.TonnesDesc, search.Sort);
        Assert.Equal(25, search.Limit);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var parsed = parser.ParseEvents(Pairs(
            ("metal", "mithril"), ("type", "merger"), ("country", "Japan"), ("country_role", "both"), ("since", "2026-02-30"), ("min_tonnes", "-1"),
            ("max_tonnes", "many"), ("min_sources", "0"), ("sort", "random"), ("limit", "501"), ("cursor", "%%%"), ("q", "a"), ("q", "b"), ("colour", "red")));
        Assert.Null(parsed.Value);
        Assert.Equal(
            ["colour", "country", "country_role", "cursor", "limit", "max_tonnes", "metal", "min_sources", "min_tonnes", "q", "since", "sort", "type"],
            parsed.Errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Ranges_that_cannot_match_are_errors()
    {
        var parsed = parser.ParseEvents(Pairs(("since", "2026-05-01"), ("until", "2026-04"), ("min_tonnes", "10"), ("max_tonnes", "5"), ("sort", "relevance")));
        Assert.Equal(["max_tonnes", "sort", "until"], parsed.Errors.Select(e => e.Parameter).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData(" 12 ", 12)]
    public void Min_sources_is_a_whole_number_of_reports(string text, int expected)
    {
        var search = Parse(("min_sources", text), ("sort", "sources_desc"));
        Assert.Equal(expected, search.MinSources);
        Assert.Equal(EventSort.SourcesDesc, search.Sort);
        Assert.Null(Parse(("metal", "gallium")).MinSources);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("2.5")]
    [InlineData("two")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public void Min_sources_below_one_or_not_whole_is_an_error_naming_it(string text)
    {
        var parsed = parser.ParseEvents(Pairs(("min_sources", text), ("min_tonnes", "5")));
        Assert.Null(parsed.Value);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal("min_sources", error.Parameter);
        Assert.Contains(text.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_sources_takes_one_value()
    {
        var twice = parser.ParseEvents(Pairs(("min_sources", "2"), ("min_sources", "3")));
        Assert.Equal("min_sources", Assert.Single(twice.Errors).Parameter);
        Assert.Equal(2, Parse(("min_sources", "2"), ("min_sources", "2")).MinSources);
    }

    [Fact]
    public void Cursors_round_trip_and_belong_to_one_sort()
    {
        var cursor = new SearchCursor("tonnes_desc", 1234.5, "abc-1");
        Assert.Equal(cursor, SearchCursor.TryDecode(cursor.Encode()));
        Assert.Equal(cursor, Parse(("sort", "tonnes_desc"), ("cursor", cursor.Encode())).Cursor);
        var wrongSort = parser.ParseEvents(Pairs(("cursor", cursor.Encode())));
        Assert.Equal("cursor", Assert.Single(wrongSort.Errors).Parameter);
    }

    private EventSearch Parse(params (string Name, string Value)[] pairs)
    {
        var parsed = parser.ParseEvents(Pairs(pairs));
        Assert.Empty(parsed.Errors);
        return parsed.Value!;
    }

    private static IEnumerable<KeyValuePair<string, string?>> Pairs(params (string Name, string Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value));
}
