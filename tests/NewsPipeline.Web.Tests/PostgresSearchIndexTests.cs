using System.Text.Json;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Postgres;
using NewsPipeline.Storage.Postgres.Schema;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>What only the server engine has to get right: a version shared by processes, concurrent writers, hostile text.</summary>
public sealed class PostgresSearchIndexTests
{
    [SkippableFact]
    public async Task The_version_moves_with_every_write_and_other_processes_see_it_after_their_refresh()
    {
        await using var database = await SearchDatabase.CreateAsync();
        var writer = new PostgresSearchIndex(database.DataSource, TimeProvider.System);
        var watcher = new PostgresSearchIndex(database.DataSource, TimeProvider.System, new PostgresSearchOptions { VersionRefresh = TimeSpan.Zero });
        var cached = new PostgresSearchIndex(database.DataSource, TimeProvider.System, new PostgresSearchOptions { VersionRefresh = TimeSpan.FromMinutes(10) });
        var before = cached.Version;
        Assert.Equal(before, writer.Version);

        var (article, events, _) = MultilingualCorpus.Articles()[0];
        await writer.IndexAsync(article, events, CancellationToken.None);

        var indexed = writer.Version;
        Assert.True(indexed > before);
        Assert.Equal(indexed, watcher.Version);
        Assert.Equal(before, cached.Version);

        await writer.ClearAsync(CancellationToken.None);
        Assert.True(writer.Version > indexed);
        Assert.Equal(writer.Version, watcher.Version);
        Assert.Equal(new SearchIndexCounts(0, 0), await watcher.CountAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Workers_indexing_the_same_articles_at_once_leave_one_copy_of_each()
    {
        await using var database = await SearchDatabase.CreateAsync();
        var articles = MultilingualCorpus.Articles();
        var workers = Enumerable.Range(0, 4).Select(_ => new PostgresSearchIndex(database.DataSource, TimeProvider.System)).ToList();

        await Task.WhenAll(workers.Select(async worker =>
        {
            foreach (var (article, events, _) in articles)
            {
                await worker.IndexAsync(article, events, CancellationToken.None);
            }
        }));

        var counts = await workers[0].CountAsync(CancellationToken.None);
        Assert.Equal(new SearchIndexCounts(articles.Count, articles.Sum(a => a.Events.Count)), counts);
        var ids = articles.Select(a => a.Article.Id).Append("never-stored").Reverse().ToList();
        Assert.Equal(["never-stored"], await workers[1].MissingArticlesAsync(ids, CancellationToken.None));
    }

    [SkippableFact]
    public async Task An_article_given_twice_in_one_batch_is_indexed_as_its_last_version()
    {
        await using var database = await SearchDatabase.CreateAsync();
        var index = new PostgresSearchIndex(database.DataSource, TimeProvider.System);
        var (article, events, _) = Corpus.Bulk("twice", 4, 2021);
        var renamed = events.Take(2).Select(e => e with { Id = e.Id + "-v2" }).ToList();

        await index.IndexBatchAsync([(article, events), (article with { Title = "Second version" }, renamed)], known: true, CancellationToken.None);

        Assert.Equal(new SearchIndexCounts(1, 2), await index.CountAsync(CancellationToken.None));
        Assert.Equal(renamed.Select(e => e.Id).Order(StringComparer.Ordinal), (await index.EventsOfArticleAsync(article.Id, CancellationToken.None)).Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Null(await index.GetEventAsync(events[0].Id, CancellationToken.None));
        Assert.Single((await index.SearchArticlesAsync(new ArticleSearch { Text = "copper" }, CancellationToken.None)).Items, a => a.Title == "Second version");

        // Re-indexed alone with fewer events, the article keeps only those.
        await index.IndexAsync(article, renamed.Take(1).ToList(), CancellationToken.None);
        Assert.Equal(new SearchIndexCounts(1, 1), await index.CountAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Text_with_nul_and_the_snippet_marker_characters_is_indexed_and_searched_safely()
    {
        await using var database = await SearchDatabase.CreateAsync();
        var index = new PostgresSearchIndex(database.DataSource, TimeProvider.System);
        var (article, events, _) = Corpus.Make("hostile", "en", "feed-en", new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero),
            "Tellurium\0 notes",
            "A refinery \uE000shipped\uE001 tellurium\0 cargoes; another shipped tellurium too.",
            [new Core.Extraction.SupplyEvent(Core.Extraction.EventType.TradeFlow, "tellurium", null, null, 5, null, "2025-01", "SE", "US",
                Core.Extraction.EventStatus.Fact, "tellurium SE", "A refinery shipped tellurium cargoes.")]);
        await index.IndexAsync(article, events, CancellationToken.None);

        var page = await index.SearchArticlesAsync(new ArticleSearch { Text = "tellurium" }, CancellationToken.None);

        var hit = Assert.Single(page.Items);
        Assert.Equal(article.Id, hit.Id);
        // NUL, which PostgreSQL text cannot hold, is stored as a space; the private-use characters the server's
        // highlighting uses as marks stay in the text and mark nothing.
        Assert.Equal(article.Text.Replace('\0', ' '), string.Concat(hit.Snippet.Select(s => s.Text)));
        Assert.Equal(["tellurium", "tellurium"], hit.Snippet.Where(s => s.Mark).Select(s => s.Text));
        var evidence = await index.SearchEventsAsync(new EventSearch { Text = "shipping" }, CancellationToken.None);
        Assert.Equal(["shipped"], Assert.Single(evidence.Items).Snippet!.Where(s => s.Mark).Select(s => s.Text));
    }

    [SkippableFact]
    public async Task Rows_indexed_before_the_source_count_column_take_their_count_from_the_served_row()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(dataSource, [.. Migration.Embedded().Where(m => m.Version < 6)]).MigrateAsync(CancellationToken.None);
        var entries = MultilingualCorpus.Articles();
        var reported = MultilingualCorpus.Syndicated(entries.Single(e => e.Article.Id == Corpus.IdOf("ml-ja")), ("ml-ja-en", "en"), ("ml-ja-zh", "zh"));
        var rows = new[] { EventRows.From(reported.Events[0]), EventRows.From(entries[0].Events[0]) };
        foreach (var row in rows)
        {
            // What the index wrote before 0006: every column the search needs, the count only inside the row.
            await using var insert = dataSource.CreateCommand("""
                INSERT INTO search_events (id, article_id, row_json, type, status, countries, language, feed, parties, party_words,
                                           date_key, tonnes_desc_key, tonnes_asc_key, text_config, tsv)
                VALUES ($1, $2, $3::json, 'supply_agreement', 'fact', '{}', $4, $5, '{}', '', 0, -1, 1e300, 'simple', '')
                """);
            foreach (var value in new[] { row.Id, row.ArticleId, JsonSerializer.Serialize(row, RecordJson.Options), row.Language, row.Feed })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await insert.ExecuteNonQueryAsync();
        }

        Assert.Contains(await new SchemaMigrator(dataSource, [.. Migration.Embedded().Where(m => m.Version <= 6)]).MigrateAsync(CancellationToken.None), m => m.Version == 6);

        await using (var counts = dataSource.CreateCommand("SELECT id, source_count FROM search_events ORDER BY source_count DESC, id"))
        await using (var reader = await counts.ExecuteReaderAsync())
        {
            var found = new List<(string, int)>();
            while (await reader.ReadAsync())
            {
                found.Add((reader.GetString(0), reader.GetInt32(1)));
            }

            Assert.Equal([(rows[0].Id, 3), (rows[1].Id, 1)], found);
        }

        // 0007 recomputes every row (events keep only their own words): it empties the index for start-up
        // catch-up to refill from the store, and the engine answers from the emptied tables meanwhile.
        Assert.Contains(await new SchemaMigrator(dataSource).MigrateAsync(CancellationToken.None), m => m.Version == 7);
        using var index = new PostgresSearchIndex(dataSource, TimeProvider.System);
        Assert.Equal(new SearchIndexCounts(0, 0), await index.CountAsync(CancellationToken.None));
        Assert.Equal(0, (await index.SearchEventsAsync(new EventSearch { Text = "gallium" }, CancellationToken.None)).Total);
    }

    [SkippableFact]
    public async Task Cjk_hangul_and_kazakh_words_are_found_inside_articles_of_any_language()
    {
        await using var database = await SearchDatabase.CreateAsync();
        var index = new PostgresSearchIndex(database.DataSource, TimeProvider.System);
        var day = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var articles = new[]
        {
            Corpus.Make("cjk-en", "en", "feed-en", day, "Trading house signs for indium",
                "Tokyo's 双日商事 agreed to buy indium from a Korean refiner, 고려제련, for three years; the deal was signed in Seoul.",
                [new Core.Extraction.SupplyEvent(Core.Extraction.EventType.SupplyAgreement, "indium", "双日商事", "고려제련", 20, null, "2025-03", "KR", "JP",
                    Core.Extraction.EventStatus.Fact, "indium KR", "The trading house agreed to buy indium for three years.")]),
            Corpus.Make("cjk-fr", "fr", "feed-fr", day, "Le zinc kazakh part vers l'Est",
                "Le groupe Өскемен Металл a expédié du zinc vers la Chine ce mois-ci.",
                [new Core.Extraction.SupplyEvent(Core.Extraction.EventType.TradeFlow, "zinc", null, null, 900, null, "2025-03", "KZ", "CN",
                    Core.Extraction.EventStatus.Fact, "zinc KZ", "Le groupe a expédié du zinc vers la Chine.")]),
            Corpus.Make("latin-de", "de", "feed-de", day, "Indium aus Korea",
                "Ein Händler aus Tokio kauft Indium bei einer koreanischen Hütte.",
                [new Core.Extraction.SupplyEvent(Core.Extraction.EventType.TradeFlow, "indium", null, null, 15, null, "2025-03", "KR", "JP",
                    Core.Extraction.EventStatus.Fact, "indium KR", "Ein Händler kauft Indium.")]),
        };
        foreach (var (article, events, _) in articles)
        {
            await index.IndexAsync(article, events, CancellationToken.None);
        }

        foreach (var (words, expected) in new[] { ("双日", "cjk-en"), ("고려", "cjk-en"), ("Өскемен", "cjk-fr") })
        {
            var page = await index.SearchArticlesAsync(new ArticleSearch { Text = words }, CancellationToken.None);
            var hit = Assert.Single(page.Items);
            Assert.Equal(Corpus.IdOf(expected), hit.Id);
            Assert.Equal([words], hit.Snippet.Where(s => s.Mark).Select(s => s.Text).Distinct(StringComparer.Ordinal));

            // Part of a name written without spaces is found as Lucene finds it (CJK bigrams); the event, whose
            // evidence does not name the firm, through its article's text.
            var events = await index.SearchEventsAsync(new EventSearch { Text = words, Sort = EventSort.Relevance }, CancellationToken.None);
            Assert.Equal([Corpus.IdOf(expected)], events.Items.Select(i => i.Event.ArticleId));
            Assert.Equal(1, events.Total);
        }

        // Latin words still match whole words in such rows, not substrings of their folded text.
        Assert.Empty((await index.SearchArticlesAsync(new ArticleSearch { Text = "indi" }, CancellationToken.None)).Items);
        Assert.Equal(2, (await index.SearchArticlesAsync(new ArticleSearch { Text = "indium" }, CancellationToken.None)).Total);
    }
}
