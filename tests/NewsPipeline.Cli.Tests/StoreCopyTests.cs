using System.Text.Json;
using NewsPipeline.Cli.Bench;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.StoreCopy;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>
/// `store copy` between backends: thousands of generated articles plus hand-written multilingual deals with
/// several sources, status history, mentions, feed state, saved searches, subscriptions and an alert outbox.
/// Each test runs against a LiteDB target and, when a server is configured, a PostgreSQL one.
/// </summary>
public sealed class StoreCopyTests
{
    private const int GeneratedArticles = 3000;
    private const int GeneratedEvents = 7000;
    private static readonly DateTimeOffset May = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Targets => new() { "litedb", "postgres" };

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public async Task A_copy_holds_every_record_of_every_kind_with_equal_counts_and_checksums(string backend)
    {
        using var folder = new TempDirectory();
        await using var postgres = await TargetDatabase.CreateAsync(backend);
        var gallium = await FillSourceAsync(folder.File("source.db"));

        await using (var source = StoreAccess.Open(StoreSettings.For(folder.File("source.db")), TimeProvider.System))
        await using (var target = StoreAccess.Open(postgres?.Settings ?? StoreSettings.For(folder.File("target.db")), TimeProvider.System))
        {
            var copied = await new StoreCopier(source, target, batchSize: 700).CopyAsync(CancellationToken.None);
            Assert.Equal(GeneratedArticles + 5, copied.Single(c => c.Kind == "articles").Written);

            var before = await StoreInventory.TakeAsync(source, CancellationToken.None);
            var after = await StoreInventory.TakeAsync(target, CancellationToken.None);
            Assert.Equal(before, after);
            Assert.Equal(
                [("feeds", 3L), ("articles", GeneratedArticles + 5L), ("events", GeneratedEvents + 3L), ("mentions", 5L), ("saved searches", 2L), ("subscriptions", 2L)],
                after.Take(6).Select(k => (k.Kind, k.Count)));
            Assert.True(after.Single(k => k.Kind == "alert outbox").Count >= 2);

            // Spot checks, field by field: the deal reported in Kazakh, Japanese and French, with its history.
            var deal = (await target.Analyst.GetEventAsync(gallium, CancellationToken.None))!;
            Assert.Equal(["kk", "ja", "fr"], deal.Sources!.Select(s => s.Language));
            var change = Assert.Single(deal.History!);
            Assert.Equal((EventStatus.Talks, EventStatus.Fact), (change.From, change.To));
            Assert.Equal(Json(await source.Analyst.GetEventAsync(gallium, CancellationToken.None)), Json(deal));
            var kazakh = ContentHash.ShortId("https://kk.example/galliy");
            Assert.Equal(Json(await source.Pipeline.GetArticleAsync(kazakh, CancellationToken.None)), Json(await target.Pipeline.GetArticleAsync(kazakh, CancellationToken.None)));
            Assert.Equal("«Павлодар Галлий» ЖШС", (await target.Analyst.GetMentionsAsync(kazakh, CancellationToken.None))!.Companies[0].Mention);
            // Deliveries created in one transaction share a creation time, so their order among themselves is not defined.
            Assert.Equal(
                Json((await source.Alerts.ListDeliveriesAsync("gallium-japon", 100, CancellationToken.None)).OrderBy(d => d.Id, StringComparer.Ordinal)),
                Json((await target.Alerts.ListDeliveriesAsync("gallium-japon", 100, CancellationToken.None)).OrderBy(d => d.Id, StringComparer.Ordinal)));
            var feed = (await target.Pipeline.GetFeedStateAsync("Казинформ — металлы", CancellationToken.None))!;
            Assert.Equal(("\"v7-галлий\"", 3), (feed.ETag, feed.SeenEntries!.Count));
            Assert.Contains(await target.Analyst.ListSavedSearchesAsync(CancellationToken.None), s => s.Name == "锗 出口管制");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public async Task A_copy_interrupted_midway_resumes_where_it_stopped_and_stores_nothing_twice(string backend)
    {
        using var folder = new TempDirectory();
        await using var postgres = await TargetDatabase.CreateAsync(backend);
        await FillSourceAsync(folder.File("source.db"));
        var targetSettings = postgres?.Settings ?? StoreSettings.For(folder.File("target.db"));

        await using (var source = StoreAccess.Open(StoreSettings.For(folder.File("source.db")), TimeProvider.System))
        {
            using var interrupt = new CancellationTokenSource();
            await using (var target = StoreAccess.Open(targetSettings, TimeProvider.System))
            {
                var batches = 0;
                var copier = new StoreCopier(source, target, batchSize: 500, p =>
                {
                    if (p.Kind == "articles" && ++batches == 3)
                    {
                        interrupt.Cancel();
                    }
                });
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copier.CopyAsync(interrupt.Token));
                var partial = await target.Pipeline.GetStatisticsAsync(CancellationToken.None);
                Assert.InRange(partial.Articles, 1000, 1500);
            }

            // A new process, as after Ctrl+C: opens the target again and runs the same copy.
            await using (var target = StoreAccess.Open(targetSettings, TimeProvider.System))
            {
                var resumed = await new StoreCopier(source, target, batchSize: 500).CopyAsync(CancellationToken.None);
                var articles = resumed.Single(c => c.Kind == "articles");
                Assert.InRange(articles.AlreadyThere, 1000, 1500);
                Assert.Equal(GeneratedArticles + 5, articles.Written + articles.AlreadyThere);

                Assert.Equal(await StoreInventory.TakeAsync(source, CancellationToken.None), await StoreInventory.TakeAsync(target, CancellationToken.None));
                Assert.Equal(new StoreStatistics(3, GeneratedArticles + 5, GeneratedEvents + 3), await target.Pipeline.GetStatisticsAsync(CancellationToken.None));
            }
        }
    }

    [Fact]
    public async Task The_command_prints_both_sides_and_fails_when_the_target_held_something_else()
    {
        using var folder = new TempDirectory();
        await FillSourceAsync(folder.File("source.db"));

        var copy = await CliProcess.RunAsync(folder.Path, "store", "copy", "--from", "source.db", "--to", "copy.db", "--batch", "1000");

        Assert.True(copy.ExitCode == 0, copy.StandardError);
        Assert.Contains("articles: 3,005 written", copy.StandardError, StringComparison.Ordinal);
        var articlesRow = copy.StandardOutput.Split('\n').Single(l => l.StartsWith("articles", StringComparison.Ordinal));
        Assert.Contains("3,005", articlesRow, StringComparison.Ordinal);
        Assert.EndsWith("same", articlesRow.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERENT", copy.StandardOutput, StringComparison.Ordinal);

        var again = await CliProcess.RunAsync(folder.Path, "store", "copy", "--from", "source.db", "--to", "copy.db");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("articles: 0 written, 3,005 already there", again.StandardError, StringComparison.Ordinal);

        await using (var target = StoreAccess.Open(StoreSettings.For(folder.File("other.db")), TimeProvider.System))
        {
            await target.Analyst.AddSavedSearchAsync(new SavedSearch("extra", "cobalt RDC", "metal=cobalt&country=CD", May), CancellationToken.None);
        }

        var mixed = await CliProcess.RunAsync(folder.Path, "store", "copy", "--from", "source.db", "--to", "other.db");
        Assert.Equal(1, mixed.ExitCode);
        Assert.Contains("DIFFERENT", mixed.StandardOutput.Split('\n').Single(l => l.StartsWith("saved searches", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("differs from the source in saved searches", mixed.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Fills a LiteDB store; returns the id of the gallium deal reported in three languages.</summary>
    private static async Task<string> FillSourceAsync(string path)
    {
        await using var store = StoreAccess.Open(StoreSettings.For(path), TimeProvider.System);
        foreach (var batch in new SyntheticCorpus(seed: 11, GeneratedArticles, GeneratedEvents).Batches(1000))
        {
            await store.Analyst.BulkLoadAsync(batch, CancellationToken.None);
        }

        await store.Alerts.SaveSubscriptionAsync(
            new AlertSubscription
            {
                Name = "gallium-japon",
                Rule = new AlertRule { Metals = ["gallium"], Countries = ["JP"], CountryRole = CountryRole.Destination },
                Channels = [new AlertChannel { Kind = AlertChannelKind.Console }, new AlertChannel { Kind = AlertChannelKind.Webhook, Url = "https://hooks.example/np", Secret = "секрет-для-подписи-0123" }],
                CreatedAt = May,
            },
            CancellationToken.None);
        await store.Alerts.SaveSubscriptionAsync(
            new AlertSubscription { Name = "digest-de", Rule = new AlertRule { Languages = ["de"] }, Channels = [new AlertChannel { Kind = AlertChannelKind.Atom }], Mode = AlertMode.Digest, DigestPeriod = TimeSpan.FromDays(1), CreatedAt = May },
            CancellationToken.None);

        var talks = await ReportAsync(store, "kk", "https://kk.example/galliy", May,
            "«Павлодар Галлий» ЖШС жапондық Hoshino Metals компаниясымен жылына 12 тонна галлий жеткізу туралы келіссөз жүргізіп жатыр.", EventStatus.Talks);
        var signed = await ReportAsync(store, "ja", "https://ja.example/gallium", May.AddDays(5),
            "星野メタルズはパブロダル・ガリウムと年間12トンのガリウム調達契約を結んだ。", EventStatus.Fact);
        await ReportAsync(store, "fr", "https://fr.example/gallium", May.AddDays(6),
            "Pavlodar Gallium livrera 12 tonnes de gallium par an au japonais Hoshino Metals.", EventStatus.Fact);
        Assert.Equal(talks.EventId, signed.EventId);

        var zh = Article("zh", "https://zh.example/zhe", May.AddDays(2), "商务部宣布对锗产品实施出口管制，自八月一日起生效。");
        await store.Pipeline.IngestArticleAsync(zh, [Event(zh, new SupplyEvent(EventType.ExportRestriction, "germanium", null, null, null, null, "2026-08", "CN", null, EventStatus.Planned, "germanium CN", zh.Text))], CancellationToken.None);
        var de = Article("de", "https://de.example/kobalt", May.AddDays(3), "Die Kobaltförderung in Katanga stieg im ersten Quartal auf 31.000 Tonnen.");
        await store.Pipeline.IngestArticleAsync(de, [Event(de, new SupplyEvent(EventType.Production, "cobalt", null, null, 31000, RatePeriod.Quarter, "2026", "CD", null, EventStatus.Fact, "cobalt CD", de.Text))], CancellationToken.None);

        await store.Analyst.SaveMentionsAsync(
            new ArticleMentions(talks.ArticleId, [new CompanyMention("«Павлодар Галлий» ЖШС", "Pavlodar Gallium", "KZ"), new CompanyMention("Hoshino Metals", "Hoshino Metals", "JP")], [], ["gallium"], ["KZ", "JP"],
                [new QuantityMention("12 тонна", 12, "t", 12, RatePeriod.Year, "gallium", QuantityKind.Contract)]),
            CancellationToken.None);
        foreach (var (id, metal, country) in new[] { (signed.ArticleId, "gallium", "JP"), (ContentHash.ShortId("https://fr.example/gallium"), "gallium", "KZ"), (zh.Id, "germanium", "CN"), (de.Id, "cobalt", "CD") })
        {
            await store.Analyst.SaveMentionsAsync(new ArticleMentions(id, [], [new OrganisationMention("商务部", "Ministry of Commerce", "CN")], [metal], [country], []), CancellationToken.None);
        }

        await store.Analyst.AddSavedSearchAsync(new SavedSearch("s1", "锗 出口管制", "metal=germanium&type=export_restriction", May), CancellationToken.None);
        await store.Analyst.AddSavedSearchAsync(new SavedSearch("s2", "Lithium nach Deutschland", "metal=lithium&country=DE&country_role=destination", May.AddMinutes(3)), CancellationToken.None);

        await store.Pipeline.SaveFeedStateAsync(
            new FeedState("Казинформ — металлы", new Uri("https://kz.example/rss/ru.xml"), "\"v7-галлий\"", "Mon, 04 May 2026 08:00:00 GMT", May, May, null, 0, May.AddMinutes(30), 41,
                SeenEntries: ["kk-1", "kk-2", "ru-3"], CurrentInterval: TimeSpan.FromMinutes(30), NextPollReason: "interval", Fingerprints: ["a1b2"]),
            CancellationToken.None);
        await store.Pipeline.SaveFeedStateAsync(new FeedState("日経 資源", new Uri("https://ja.example/feed.atom"), null, null, May, null, "HTTP 503", 3, May.AddHours(2), 7), CancellationToken.None);
        await store.Pipeline.SaveFeedStateAsync(new FeedState("Minería — Chile", new Uri("https://es.example/rss"), null, null, May, May, null, 0, null, 12, PausedReason: "HTTP 410 Gone"), CancellationToken.None);

        // One alert already sent, so the copy must carry its attempt and state.
        var due = await store.Alerts.ClaimDueDeliveriesAsync(May.AddYears(1), May.AddYears(1).AddMinutes(1), 1, CancellationToken.None);
        var sent = Assert.Single(due);
        await store.Alerts.RecordAttemptAsync(sent.Id, new DeliveryAttempt(May.AddDays(5).AddSeconds(2), true, "HTTP 204"), DeliveryState.Delivered, May.AddDays(5), CancellationToken.None);
        return talks.EventId;
    }

    private static async Task<(string EventId, string ArticleId)> ReportAsync(StoreAccess store, string language, string url, DateTimeOffset published, string text, EventStatus status)
    {
        var article = Article(language, url, published, text);
        var deal = new SupplyEvent(EventType.SupplyAgreement, "gallium", "Hoshino Metals", "Pavlodar Gallium", 12, RatePeriod.Year, "2026", "KZ", "JP", status, "gallium KZ → JP", text);
        var result = await store.Pipeline.IngestArticleAsync(article, [Event(article, deal)], CancellationToken.None);
        Assert.Equal(IngestOutcome.Added, result.Outcome);
        return (Assert.Single(result.Events).EventId, article.Id);
    }

    private static StoredArticle Article(string language, string url, DateTimeOffset published, string text) =>
        new(ContentHash.ShortId(url), url, url, ContentHash.OfText(text), "feed-" + language, text[..Math.Min(20, text.Length)], text, language, published, published.AddMinutes(7));

    private static StoredEvent Event(StoredArticle article, SupplyEvent supply) =>
        new(article.Id + "-0", article.Id, supply, article.Language, article.FeedName, article.Url, article.Title, article.Published, article.FetchedAt);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, CanonicalJson.Options);
}

/// <summary>A fresh PostgreSQL database for the "postgres" case (migrated), none for "litedb"; skips when no server is configured.</summary>
internal sealed class TargetDatabase(PostgresDatabase database) : IAsyncDisposable
{
    public StoreSettings Settings { get; } = StoreSettings.For(database.ConnectionString, migrateOnStart: true);

    public static async Task<TargetDatabase?> CreateAsync(string backend) =>
        backend == "postgres" ? new TargetDatabase(await PostgresDatabase.CreateAsync()) : null;

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
