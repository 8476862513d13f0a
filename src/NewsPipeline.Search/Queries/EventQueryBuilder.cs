using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Analysis;
using NewsPipeline.Search.Documents;

namespace NewsPipeline.Search.Queries;

/// <summary>Turns a validated <see cref="EventSearch"/> into a Lucene query, sort and cursor condition.</summary>
internal sealed class EventQueryBuilder(LanguageAnalysis analysis)
{
    /// <summary>Every filter of the search (not the cursor).</summary>
    public Query Filters(EventSearch search)
    {
        var query = new BooleanQuery { { Term(IndexFields.Kind, IndexFields.EventKind), Occur.MUST } };
        AddAnyOf(query, IndexFields.Metal, search.Metals);
        AddAnyOf(query, IndexFields.Type, search.Types.Select(EventIndexDocument.WireName));
        AddAnyOf(query, IndexFields.Status, search.Statuses.Select(EventIndexDocument.WireName));
        AddAnyOf(query, IndexFields.Language, search.Languages);
        AddAnyOf(query, IndexFields.Feed, search.Feeds);
        AddCountries(query, search);
        AddCompanies(query, search.Companies);
        AddDates(query, search);
        if (search.MinTonnes is not null || search.MaxTonnes is not null)
        {
            query.Add(NumericRangeQuery.NewDoubleRange(IndexFields.Tonnes, search.MinTonnes, search.MaxTonnes, true, true), Occur.MUST);
        }

        if (search.MinSources is { } minSources)
        {
            query.Add(NumericRangeQuery.NewInt32Range(IndexFields.SourceCount, minSources, null, true, true), Occur.MUST);
        }

        if (search.Text is { } text)
        {
            query.Add(FullText(text), Occur.MUST);
        }

        return query;
    }

    /// <summary>The words of <paramref name="text"/> analysed for every language field; a document matches when one field holds them all.</summary>
    public Query FullText(string text)
    {
        var anyField = new BooleanQuery();
        foreach (var (field, analyzer) in analysis.Fields)
        {
            if (new QueryBuilder(analyzer).CreateBooleanQuery(field, text, Occur.MUST) is { } inField)
            {
                anyField.Add(inField, Occur.SHOULD);
            }
        }

        return anyField;
    }

    /// <summary>Restricts <paramref name="filters"/> to what sorts strictly after the cursor's (key, id).</summary>
    public static Query After(Query filters, EventSort sort, SearchCursor cursor)
    {
        var descending = sort is EventSort.DateDesc or EventSort.TonnesDesc or EventSort.SourcesDesc;
        Query beyondKey, sameKey;
        if (sort is EventSort.SourcesDesc)
        {
            var count = (int)cursor.Value;
            beyondKey = NumericRangeQuery.NewInt32Range(IndexFields.SourceCount, null, count, true, false);
            sameKey = NumericRangeQuery.NewInt32Range(IndexFields.SourceCount, count, count, true, true);
        }
        else if (sort is EventSort.DateDesc or EventSort.DateAsc)
        {
            var key = (long)cursor.Value;
            beyondKey = descending
                ? NumericRangeQuery.NewInt64Range(IndexFields.DateKey, null, key, true, false)
                : NumericRangeQuery.NewInt64Range(IndexFields.DateKey, key, null, false, true);
            sameKey = NumericRangeQuery.NewInt64Range(IndexFields.DateKey, key, key, true, true);
        }
        else
        {
            var field = descending ? IndexFields.TonnesDescKey : IndexFields.TonnesAscKey;
            beyondKey = descending
                ? NumericRangeQuery.NewDoubleRange(field, null, cursor.Value, true, false)
                : NumericRangeQuery.NewDoubleRange(field, cursor.Value, null, false, true);
            sameKey = NumericRangeQuery.NewDoubleRange(field, cursor.Value, cursor.Value, true, true);
        }

        var beyondId = descending
            ? TermRangeQuery.NewStringRange(IndexFields.Id, null, cursor.Id, true, false)
            : TermRangeQuery.NewStringRange(IndexFields.Id, cursor.Id, null, false, true);
        var after = new BooleanQuery
        {
            { beyondKey, Occur.SHOULD },
            { new BooleanQuery { { sameKey, Occur.MUST }, { beyondId, Occur.MUST } }, Occur.SHOULD },
        };
        return new BooleanQuery { { filters, Occur.MUST }, { after, Occur.MUST } };
    }

    /// <summary>The order of hits: the sort key, then the id in the same direction, so every position is unique.</summary>
    public static Sort SortOf(EventSort sort) => sort switch
    {
        EventSort.DateDesc => new Sort(new SortField(IndexFields.DateKey, SortFieldType.INT64, true), new SortField(IndexFields.Id, SortFieldType.STRING, true)),
        EventSort.DateAsc => new Sort(new SortField(IndexFields.DateKey, SortFieldType.INT64, false), new SortField(IndexFields.Id, SortFieldType.STRING, false)),
        EventSort.TonnesDesc => new Sort(new SortField(IndexFields.TonnesDescKey, SortFieldType.DOUBLE, true), new SortField(IndexFields.Id, SortFieldType.STRING, true)),
        EventSort.TonnesAsc => new Sort(new SortField(IndexFields.TonnesAscKey, SortFieldType.DOUBLE, false), new SortField(IndexFields.Id, SortFieldType.STRING, false)),
        EventSort.SourcesDesc => new Sort(new SortField(IndexFields.SourceCount, SortFieldType.INT32, true), new SortField(IndexFields.Id, SortFieldType.STRING, true)),
        _ => new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.Id, SortFieldType.STRING, false)),
    };

    public static TermQuery Term(string field, string value) => new(new Term(field, value));

    private static void AddAnyOf(BooleanQuery query, string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values)
        {
            any.Add(Term(field, value), Occur.SHOULD);
        }

        if (any.Clauses.Count > 0)
        {
            query.Add(any, Occur.MUST);
        }
    }

    private static void AddCountries(BooleanQuery query, EventSearch search)
    {
        if (search.Countries.Count == 0)
        {
            return;
        }

        var any = new BooleanQuery();
        foreach (var country in search.Countries)
        {
            if (search.CountryRole is CountryRole.Either or CountryRole.Origin)
            {
                any.Add(Term(IndexFields.Origin, country), Occur.SHOULD);
            }

            if (search.CountryRole is CountryRole.Either or CountryRole.Destination)
            {
                any.Add(Term(IndexFields.Destination, country), Occur.SHOULD);
            }
        }

        query.Add(any, Occur.MUST);
    }

    private void AddCompanies(BooleanQuery query, IReadOnlyList<CompanyFilter> companies)
    {
        if (companies.Count == 0)
        {
            return;
        }

        // A company matches its exact (folded) name, the words of its name in order inside a longer name, or
        // the names of the firms it is an alias of, in whatever script the alias was written.
        var words = new QueryBuilder(analysis.Plain);
        var any = new BooleanQuery();
        foreach (var company in companies)
        {
            any.Add(Term(IndexFields.Party, TextFold.Fold(company.Asked)), Occur.SHOULD);
            foreach (var name in company.CanonicalNames.Prepend(company.Asked))
            {
                if (words.CreatePhraseQuery(IndexFields.PartyWords, name) is { } phrase)
                {
                    any.Add(phrase, Occur.SHOULD);
                }
            }
        }

        query.Add(any, Occur.MUST);
    }

    private static void AddDates(BooleanQuery query, EventSearch search)
    {
        int? since = search.Since is { } s ? SortKeys.DayNumber(s) : null;
        int? until = search.Until is { } u ? SortKeys.DayNumber(u) : null;
        if (since is null && until is null)
        {
            return;
        }

        if (search.DateField == DateField.Published)
        {
            query.Add(NumericRangeQuery.NewInt32Range(IndexFields.PublishedDay, since, until, true, true), Occur.MUST);
            return;
        }

        // An event overlapping the range counts: it ends on or after "since" and begins on or before "until".
        if (since is not null)
        {
            query.Add(NumericRangeQuery.NewInt32Range(IndexFields.PeriodTo, since, null, true, true), Occur.MUST);
        }

        if (until is not null)
        {
            query.Add(NumericRangeQuery.NewInt32Range(IndexFields.PeriodFrom, null, until, true, true), Occur.MUST);
        }
    }
}
