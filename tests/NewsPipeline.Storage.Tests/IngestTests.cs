using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

public sealed class IngestTests
{
    private const string GalliumText =
        "Le producteur kazakh d'aluminium a signé un accord pour livrer quinze tonnes de gallium par an à un négociant japonais à partir de 2026.";

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task The_same_canonical_url_is_stored_once_and_its_events_are_not_added_again(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var article = Samples.Article("https://news.example.kz/fr/gallium-accord", GalliumText, title: "Accord sur le gallium");
        var events = new[] { Samples.Stored(article, Samples.Event(EventType.SupplyAgreement, "gallium", GalliumText, tonnes: 15)) };

        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(article, events, CancellationToken.None));
        var rewritten = article with { Text = GalliumText + " Mise à jour : la date est confirmée.", ContentHash = "another-hash" };
        Assert.Equal(IngestOutcome.DuplicateUrl, await store.AddArticleAsync(rewritten, events, CancellationToken.None));

        Assert.Equal(new StoreStatistics(0, 1, 1), await store.GetStatisticsAsync(CancellationToken.None));
        Assert.Equal(article, await store.GetArticleAsync(article.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task The_same_text_under_another_url_is_a_duplicate_of_content(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var original = Samples.Article("https://agency.example/ru/galliy", "Казахстан будет поставлять галлий в Японию с 2026 года.", "ru");
        var syndicated = Samples.Article("https://portal.example/copy/12345", original.Text, "ru", feed: "another-feed");

        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(original, [], CancellationToken.None));
        var syndicatedEvent = Samples.Stored(syndicated, Samples.Event(EventType.SupplyAgreement, "gallium", original.Text));
        Assert.Equal(IngestOutcome.DuplicateContent, await store.AddArticleAsync(syndicated, [syndicatedEvent], CancellationToken.None));

        Assert.Null(await store.GetArticleAsync(syndicated.Id, CancellationToken.None));
        Assert.Equal(new StoreStatistics(0, 1, 0), await store.GetStatisticsAsync(CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Tracking_parameters_host_case_and_fragments_do_not_make_a_new_article(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var first = Samples.Article("https://www.metals.example/de/lithium?id=42&page=2", "Die Lithiumförderung im Oberrheingraben soll 2027 beginnen.", "de");
        var tracked = Samples.Article(
            "HTTPS://WWW.Metals.Example/de/lithium?utm_source=rss&page=2&utm_medium=feed&id=42&fbclid=abc#kommentare",
            "Die Lithiumförderung im Oberrheingraben soll 2027 beginnen, heißt es in einer aktualisierten Fassung.",
            "de");
        Assert.NotEqual(first.Id, tracked.Id);

        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(first, [], CancellationToken.None));
        Assert.Equal(IngestOutcome.DuplicateUrl, await store.AddArticleAsync(tracked, [], CancellationToken.None));
        Assert.True(await store.ContainsArticleAsync("https://www.metals.example/de/lithium?page=2&id=42&utm_campaign=x", CancellationToken.None));
        Assert.False(await store.ContainsArticleAsync("https://www.metals.example/de/lithium?id=43&page=2", CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Urls_that_differ_only_in_path_case_are_different_articles(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var lower = Samples.Article("https://mining.example/news/abc", "Production of copper rose by a tenth in the first quarter.", "en");
        var upper = Samples.Article("https://mining.example/news/ABC", "Exports of cobalt hydroxide fell sharply in February.", "en");

        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(lower, [], CancellationToken.None));
        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(upper, [], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task The_store_reopens_with_articles_events_and_feed_states_intact(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var published = new DateTimeOffset(2026, 3, 12, 14, 5, 33, TimeSpan.FromHours(5)).AddTicks(1234567);
        var article = Samples.Article("https://kz.example/kk/volfram", "Шығыс Қазақстанда вольфрам өндірісі басталды.", "kk", "Вольфрам", published);
        var stored = Samples.Stored(article, Samples.Event(
            EventType.Production, "tungsten", article.Text, seller: "Шығыс Вольфрам", tonnes: 1200.5, per: RatePeriod.Year, start: "2026-03", origin: "KZ", status: EventStatus.Planned, summary: "вольфрам"));
        var feed = new FeedState("Kazinform kk", new Uri("https://kz.example/rss/kk.xml"), "\"etag-1\"", "Thu, 12 Mar 2026 09:00:00 GMT", published, published.AddMinutes(-30), "HttpStatus: 503", 2, published.AddHours(1), 314);

        await test.Store.AddArticleAsync(article, [stored], CancellationToken.None);
        await test.Store.SaveFeedStateAsync(feed, CancellationToken.None);
        await test.ReopenAsync();

        var reopened = test.Store;
        var readArticle = await reopened.GetArticleAsync(article.Id, CancellationToken.None);
        Assert.Equal(article, readArticle);
        Assert.Equal(published.UtcTicks, readArticle!.Published!.Value.UtcTicks);
        var readEvent = Assert.Single(await reopened.QueryEventsAsync(new EventQuery(), CancellationToken.None));
        Assert.Equal(stored, readEvent with { Sources = null, History = null });
        Assert.Equal(
            new EventSource(article.Id, article.Url, article.FeedName, "kk", article.Title, published, Samples.FetchedAt, stored.Event),
            Assert.Single(readEvent.Sources!));
        Assert.Empty(readEvent.History!);
        Assert.Equal(feed, await reopened.GetFeedStateAsync(feed.FeedName, CancellationToken.None));
        Assert.Equal(IngestOutcome.DuplicateUrl, await reopened.AddArticleAsync(article, [stored], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Feed_states_are_updated_in_place_and_listed_by_name(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var japanese = FeedState.New(new FeedDefinition("日本語 金属ニュース", new Uri("https://jp.example/feed.atom"), "ja", TimeSpan.FromMinutes(30)));
        var french = FeedState.New(new FeedDefinition("Actualités métaux", new Uri("https://fr.example/rss"), "fr", TimeSpan.FromMinutes(15)));

        await store.SaveFeedStateAsync(japanese, CancellationToken.None);
        await store.SaveFeedStateAsync(french, CancellationToken.None);
        var polled = japanese with { ETag = "W/\"42\"", ItemsSeen = 12, LastSuccess = Samples.FetchedAt };
        await store.SaveFeedStateAsync(polled, CancellationToken.None);

        Assert.Equal([french, polled], await store.ListFeedStatesAsync(CancellationToken.None));
        Assert.Null(await store.GetFeedStateAsync("missing", CancellationToken.None));
        Assert.Equal(2, (await store.GetStatisticsAsync(CancellationToken.None)).Feeds);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task An_article_and_its_events_are_written_together_or_not_at_all(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var article = Samples.Article("https://es.example/cobre", "La minera chilena firmó un contrato de suministro de cobre con una fundición china.", "es");
        var supply = Samples.Stored(article, Samples.Event(EventType.SupplyAgreement, "copper", article.Text));
        var clash = supply with { Event = supply.Event with { Metal = "molybdenum" } };

        // Two events with one id: the second insert fails inside the transaction, which must roll the article back too.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => store.AddArticleAsync(article, [supply, clash], CancellationToken.None));
        Assert.IsType(test.FailureType, failure);

        Assert.Null(await store.GetArticleAsync(article.Id, CancellationToken.None));
        Assert.False(await store.ContainsArticleAsync(article.CanonicalUrl, CancellationToken.None));
        Assert.Equal(new StoreStatistics(0, 0, 0), await store.GetStatisticsAsync(CancellationToken.None));
        Assert.Equal(IngestOutcome.Added, await store.AddArticleAsync(article, [supply], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Events_must_belong_to_the_article_they_are_stored_with(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var article = Samples.Article("https://pt.example/niobio", "A produção de nióbio cresceu no último ano.", "pt");
        var other = Samples.Article("https://pt.example/outro", "Outro texto sobre minério de ferro.", "pt");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AddArticleAsync(article, [Samples.Stored(other, Samples.Event(EventType.Production, "niobium", other.Text))], CancellationToken.None));
        Assert.Equal(0, (await store.GetStatisticsAsync(CancellationToken.None)).Articles);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Concurrent_ingest_from_many_tasks_stores_every_article_once(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var articles = Enumerable.Range(0, 64)
            .Select(i => Samples.Article($"https://parallel.example/{i}", $"Rapport {i} : la production de lithium augmente au Chili et en Argentine.", "fr"))
            .ToList();

        // A different producer in each: 64 separate deals, none a further source of another.
        var outcomes = await Task.WhenAll(articles.Select((article, i) => Task.Run(() =>
            store.AddArticleAsync(article, [Samples.Stored(article, Samples.Event(EventType.Production, "lithium", article.Text, seller: $"Minera {i}"))], CancellationToken.None))));
        var sameArticleTwice = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            store.AddArticleAsync(Samples.Article("https://parallel.example/shared", "Un seul article partagé.", "fr"), [], CancellationToken.None))));

        Assert.All(outcomes, outcome => Assert.Equal(IngestOutcome.Added, outcome));
        Assert.Single(sameArticleTwice, outcome => outcome == IngestOutcome.Added);
        Assert.Equal(new StoreStatistics(0, 65, 64), await store.GetStatisticsAsync(CancellationToken.None));
        foreach (var article in articles)
        {
            Assert.NotNull(await store.GetArticleAsync(article.Id, CancellationToken.None));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_cancelled_request_writes_nothing(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var article = Samples.Article("https://cancel.example/1", "Ce texte ne doit pas être enregistré.");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AddArticleAsync(article, [], cancelled.Token));

        Assert.Equal(0, (await store.GetStatisticsAsync(CancellationToken.None)).Articles);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_closed_store_refuses_work_instead_of_losing_it(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetStatisticsAsync(CancellationToken.None));
    }
}
