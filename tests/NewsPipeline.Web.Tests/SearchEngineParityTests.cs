using System.Text.Json;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search;
using NewsPipeline.Search.Postgres;
using NewsPipeline.Search.Vocabulary;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>
/// The Lucene and the PostgreSQL engines, filled with the same multilingual articles, asked the same queries:
/// stemmed and substring matches in each script, and identical pages, cursors and facets.
/// </summary>
public sealed class SearchEngineParityTests(SearchEnginesFixture engines) : IClassFixture<SearchEnginesFixture>
{
    [SkippableTheory]
    [InlineData("gallium", "ml-fr=galliums")]
    [InlineData("галлий", "ml-ru=галлия", "ml-kk=галлий")]
    [InlineData("Lieferung", "ml-de=Lieferungen")]
    [InlineData("Nickelhütte", "ml-de=Nickelhütten")]
    [InlineData("exportación", "ml-es=exportaciones")]
    [InlineData("venda nióbio", "ml-pt=vendas|nióbio")]
    [InlineData("shipped antimony", "ml-en=shipping|antimony")]
    [InlineData("ガリウム", "ml-ja=ガリウム")]
    [InlineData("調達", "ml-ja=調達")]
    [InlineData("镓", "ml-zh=镓")]
    [InlineData("өндірісін", "ml-kk=өндірісін")]
    [InlineData("vanadium")]
    public async Task Article_search_finds_inflected_forms_and_marks_them_on_both_engines(string words, params string[] expected)
    {
        var wanted = expected.Select(e => e.Split('=')).ToDictionary(p => Corpus.IdOf(p[0]), p => p[1].Split('|').Order(StringComparer.Ordinal).ToList());
        foreach (var (name, index) in engines.Both())
        {
            var page = await index.SearchArticlesAsync(new ArticleSearch { Text = words }, CancellationToken.None);

            var found = page.Items.ToDictionary(
                hit => hit.Id,
                hit => hit.Snippet.Where(s => s.Mark).Select(s => s.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
            Assert.True(wanted.Count == found.Count && wanted.All(w => found.TryGetValue(w.Key, out var marks) && marks.SequenceEqual(w.Value)),
                $"{name} for '{words}': expected {Show(wanted)}, found {Show(found)}");
            Assert.Equal(wanted.Count, page.Total);
        }
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("metal=gallium")]
    [InlineData("metal=gallium&country=JP&country_role=destination")]
    [InlineData("country=KZ")]
    [InlineData("company=Kazakh%20Gallium%20Refiners")]
    [InlineData("company=gallium%20refiners")]
    [InlineData("language=ja&language=zh&language=kk")]
    [InlineData("since=2025-01-01&until=2025-06-30")]
    [InlineData("date_field=start&since=2026-01-01")]
    [InlineData("min_tonnes=100&max_tonnes=10000")]
    [InlineData("min_sources=2")]
    [InlineData("min_sources=3&country=JP")]
    [InlineData("min_sources=1&metal=gallium")]
    [InlineData("q=gallium")]
    [InlineData("q=%D0%B3%D0%B0%D0%BB%D0%BB%D0%B8%D0%B9")]
    [InlineData("q=copper&metal=zinc")]
    public async Task Filters_sorts_and_cursors_give_the_same_pages_on_both_engines(string query)
    {
        foreach (var sort in new[] { "date_desc", "date_asc", "tonnes_desc", "tonnes_asc", "sources_desc" })
        {
            var search = engines.Parse(query, sort);
            var lucene = await PagesAsync(engines.Lucene, search);
            var postgres = await PagesAsync(engines.Postgres, search);

            Assert.Equal(lucene.Total, postgres.Total);
            Assert.Equal(lucene.Ids, postgres.Ids);
            Assert.Equal(lucene.Total, lucene.Ids.Count);
            Assert.Equal(lucene.Ids.Count, lucene.Ids.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [SkippableFact]
    public async Task Min_sources_keeps_deals_reported_often_enough_on_both_engines()
    {
        var threeReports = Corpus.IdOf("ml-ja") + "-000";
        var twoReports = Corpus.IdOf("ml-kk") + "-000";
        foreach (var (name, index) in engines.Both())
        {
            Assert.Equal([threeReports], await IdsAsync(index, "min_sources=3", "date_desc"));
            Assert.Equal([threeReports, twoReports], (await IdsAsync(index, "min_sources=2", "date_desc")).Order(StringComparer.Ordinal).ToList());
            Assert.Empty(await IdsAsync(index, "min_sources=4", "date_desc"));
            Assert.Equal([twoReports], await IdsAsync(index, "min_sources=2&type=production", "date_desc"));
            Assert.Equal(3, (await index.SearchEventsAsync(engines.Parse("min_sources=3", "date_desc"), CancellationToken.None)).Items.Single().Event.SourceCount);

            var mostReported = await IdsAsync(index, "metal=gallium", "sources_desc");
            Assert.True(mostReported.Take(2).SequenceEqual([threeReports, twoReports]), $"{name}: {string.Join(", ", mostReported)}");
            var all = await index.CountAsync(CancellationToken.None);
            Assert.Equal(all.Events, (await index.SearchEventsAsync(engines.Parse("min_sources=1", "date_desc"), CancellationToken.None)).Total);
        }
    }

    [SkippableFact]
    public async Task A_later_report_joining_a_deal_lifts_it_over_min_sources_on_both_engines()
    {
        using var folder = new TempDirectory();
        using var lucene = LuceneSearchIndex.Open(new SearchIndexOptions { IndexDirectory = folder.File("index") });
        await using var database = await SearchDatabase.CreateAsync();
        using var postgres = new PostgresSearchIndex(database.DataSource, TimeProvider.System);
        var alone = MultilingualCorpus.Articles().Single(a => a.Article.Id == Corpus.IdOf("ml-es"));
        var reported = MultilingualCorpus.Syndicated(alone, ("ml-es-later-pt", "pt"));
        var search = engines.Parse("min_sources=2", "sources_desc");
        foreach (var index in new IEventSearchIndex[] { lucene, postgres })
        {
            await index.IndexAsync(alone.Article, alone.Events, CancellationToken.None);
            Assert.Empty((await index.SearchEventsAsync(search, CancellationToken.None)).Items);

            // The worker re-indexes the deal's first article when another article joins it.
            await index.IndexAsync(reported.Article, reported.Events, CancellationToken.None);
            var hit = Assert.Single((await index.SearchEventsAsync(search, CancellationToken.None)).Items);
            Assert.Equal(2, hit.Event.SourceCount);
        }
    }

    [SkippableTheory]
    [InlineData("q=gallium")]
    [InlineData("q=%E9%95%93")]
    [InlineData("q=copper")]
    [InlineData("q=Nickelh%C3%BCtte")]
    public async Task Relevance_pages_hold_the_same_events_on_both_engines(string query)
    {
        var search = engines.Parse(query, "relevance");
        var lucene = await PagesAsync(engines.Lucene, search);
        var postgres = await PagesAsync(engines.Postgres, search);

        Assert.Equal(lucene.Total, postgres.Total);
        Assert.NotEmpty(postgres.Ids);
        Assert.Equal(lucene.Ids.Order(StringComparer.Ordinal), postgres.Ids.Order(StringComparer.Ordinal));
        Assert.Equal(postgres.Ids.Count, postgres.Ids.Distinct(StringComparer.Ordinal).Count());
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("metal=gallium")]
    [InlineData("country=JP")]
    [InlineData("q=gallium")]
    [InlineData("type=trade_flow&since=2019-06-01")]
    [InlineData("language=kk&language=ru")]
    [InlineData("type=supply_agreement")]
    public async Task Facets_are_equal_on_both_engines(string query)
    {
        var search = engines.Parse(query, "date_desc");
        var lucene = await engines.Lucene.FacetsAsync(search, CancellationToken.None);
        var postgres = await engines.Postgres.FacetsAsync(search, CancellationToken.None);

        Assert.True(lucene.Total > 0);
        Assert.True(lucene.Sellers.Count <= 20);
        Assert.Equal(JsonSerializer.Serialize(lucene, RecordJson.Options), JsonSerializer.Serialize(postgres, RecordJson.Options));
    }

    [SkippableFact]
    public async Task Event_lookups_are_equal_on_both_engines()
    {
        var article = Corpus.IdOf("ml-ja");
        var lucene = await engines.Lucene.EventsOfArticleAsync(article, CancellationToken.None);
        var postgres = await engines.Postgres.EventsOfArticleAsync(article, CancellationToken.None);
        Assert.Equal(lucene, postgres);
        Assert.Equal("Sumitomo Corporation", Assert.Single(postgres).Buyer);
        Assert.Equal(await engines.Lucene.GetEventAsync(postgres[0].Id, CancellationToken.None), await engines.Postgres.GetEventAsync(postgres[0].Id, CancellationToken.None));
        Assert.Null(await engines.Postgres.GetEventAsync("nope", CancellationToken.None));
        Assert.Equal(await engines.Lucene.CountAsync(CancellationToken.None), await engines.Postgres.CountAsync(CancellationToken.None));
    }

    private async Task<List<string>> IdsAsync(IEventSearchIndex index, string query, string sort) =>
        (await PagesAsync(index, engines.Parse(query, sort))).Ids;

    private static async Task<(long Total, List<string> Ids)> PagesAsync(IEventSearchIndex index, EventSearch search)
    {
        var ids = new List<string>();
        long? total = null;
        var page = search with { Limit = 4 };
        while (true)
        {
            var result = await index.SearchEventsAsync(page, CancellationToken.None);
            total ??= result.Total;
            Assert.Equal(total, result.Total);
            ids.AddRange(result.Items.Select(i => i.Event.Id));
            if (result.NextCursor is null)
            {
                return (total.Value, ids);
            }

            page = page with { Cursor = SearchCursor.TryDecode(result.NextCursor) };
        }
    }

    private static string Show(Dictionary<string, List<string>> hits) =>
        "{" + string.Join("; ", hits.Select(h => h.Key + ": " + string.Join("|", h.Value))) + "}";
}

/// <summary>A Lucene index and a PostgreSQL index (when a server is configured) holding the same articles.</summary>
public sealed class SearchEnginesFixture : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private readonly EventSearchParser parser = new(SearchVocabularyLoader.Load(RepositoryPaths.Models));
    private SearchDatabase? database;
    private PostgresSearchIndex? postgres;

    public LuceneSearchIndex Lucene { get; private set; } = null!;

    /// <summary>The PostgreSQL engine; skips the test when no server is configured.</summary>
    public PostgresSearchIndex Postgres
    {
        get
        {
            Skip.If(postgres is null, $"{PostgresDatabase.Variable} is not set: the PostgreSQL engine needs a server (.ci/run starts one).");
            return postgres!;
        }
    }

    public static IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)> Articles() =>
        [.. MultilingualCorpus.Articles().Select(Syndicate).Concat([Corpus.Bulk("parity-bulk", 60, 2019), MultilingualCorpus.ManySellers()]).Select(a => (a.Article, a.Events))];

    // Two deals reported more than once: the Japanese contract by three articles, the Kazakh output by two.
    private static (StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) Syndicate(
        (StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) entry) =>
        entry.Article.Id == Corpus.IdOf("ml-ja") ? MultilingualCorpus.Syndicated(entry, ("ml-ja-en", "en"), ("ml-ja-zh", "zh"))
        : entry.Article.Id == Corpus.IdOf("ml-kk") ? MultilingualCorpus.Syndicated(entry, ("ml-kk-ru", "ru"))
        : entry;

    public IEnumerable<(string Name, IEventSearchIndex Index)> Both() => [("lucene", Lucene), ("postgres", Postgres)];

    public EventSearch Parse(string query, string sort)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>(p[0], Uri.UnescapeDataString(p[1])))
            .Append(new KeyValuePair<string, string?>(SearchParameters.Sort, sort));
        var parse = parser.ParseEvents(pairs);
        Assert.True(parse.IsValid, string.Join("; ", parse.Errors.Select(e => e.Message)));
        return parse.Value!;
    }

    public async Task InitializeAsync()
    {
        Lucene = LuceneSearchIndex.Open(new SearchIndexOptions { IndexDirectory = folder.File("index") });
        await Lucene.IndexBatchAsync(Articles(), known: true, CancellationToken.None);
        if (PostgresDatabase.ServerConnectionString is null)
        {
            return;
        }

        database = await SearchDatabase.CreateAsync();
        postgres = new PostgresSearchIndex(database.DataSource, TimeProvider.System);
        // One article at a time, as workers write, with the replacement path.
        foreach (var (article, events) in Articles())
        {
            await postgres.IndexAsync(article, events, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        Lucene.Dispose();
        postgres?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        folder.Dispose();
    }
}
