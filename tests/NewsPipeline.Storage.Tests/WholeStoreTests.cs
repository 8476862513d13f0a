using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// What `store copy` relies on, on both backends: whole-store keyset pages in ordinal id order, finding which
/// articles are stored, and imports that are harmless to repeat. Sentences written for these tests.
/// </summary>
public sealed class WholeStoreTests
{
    private static readonly DateTimeOffset June = new DateTimeOffset(2026, 6, 2, 7, 45, 12, TimeSpan.FromHours(6)).AddTicks(1234567);

    // Ids chosen so that ordinal order differs from case-insensitive and from culture-aware orders.
    private static readonly string[] Urls =
        ["https://kz.example/B-galliy", "https://kz.example/a-galliy", "https://jp.example/Z-gariumu", "https://cn.example/_zhe", "https://de.example/kobalt", "https://fr.example/étain"];

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Articles_events_and_mentions_come_page_by_page_in_ordinal_id_order(Backend backend)
    {
        await using var store = await TestStore.CreateAsync(backend);
        var articles = Urls.Select((url, i) => Samples.Article(url, $"Текст {i}: 12 тонн галлия, 12トンのガリウム, 12 tonnes de gallium.", published: June.AddDays(i)) with { Id = IdOf(url) }).ToList();
        foreach (var article in articles)
        {
            var deal = Samples.Event(EventType.SupplyAgreement, "gallium", article.Text, buyer: "Hoshino Metals " + article.Id, seller: "Pavlodar Gallium", tonnes: 12 + article.Text.Length);
            await store.Store.IngestArticleAsync(article, [Samples.Stored(article, deal)], CancellationToken.None);
            await store.Analyst.SaveMentionsAsync(new ArticleMentions(article.Id, [new CompanyMention("«Павлодар Галлий»", "Pavlodar Gallium", "KZ")], [], ["gallium"], ["KZ", "JP"], []), CancellationToken.None);
        }

        var expected = articles.Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, await PagesAsync(store.Analyst.ListArticlesAsync, a => a.Id, pageSize: 4));
        Assert.Equal(expected.Select(id => id + "-0"), await PagesAsync(store.Analyst.ListEventsAsync, e => e.Id, pageSize: 4));
        Assert.Equal(expected, await PagesAsync(store.Analyst.ListMentionsAsync, m => m.ArticleId, pageSize: 5));

        // Whole records, as stored: the page holds what GetArticleAsync and GetEventAsync return.
        var first = Assert.Single(await store.Analyst.ListArticlesAsync(null, 1, CancellationToken.None));
        Assert.Equal(await store.Store.GetArticleAsync(expected[0], CancellationToken.None), first);
        var firstEvent = Assert.Single(await store.Analyst.ListEventsAsync(null, 1, CancellationToken.None));
        Assert.Equal((expected[0], "Pavlodar Gallium", 1), (firstEvent.ArticleId, firstEvent.Event.Seller, firstEvent.SourceCount));
        Assert.Empty(await store.Analyst.ListArticlesAsync(expected[^1], 10, CancellationToken.None));

        var present = await store.Analyst.FindArticleIdsAsync([expected[1], "absent-article", expected[3]], CancellationToken.None);
        Assert.Equal(new[] { expected[1], expected[3] }.Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
        Assert.Empty(await store.Analyst.FindArticleIdsAsync([], CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Imported_mentions_replace_and_imported_deliveries_are_kept_once_with_their_state(Backend backend)
    {
        await using var source = await TestStore.CreateAsync(backend);
        await using var target = await TestStore.CreateAsync(backend);
        await source.Alerts.SaveSubscriptionAsync(
            new AlertSubscription { Name = "галлий", Rule = new AlertRule { Metals = ["gallium"] }, Channels = [new AlertChannel { Kind = AlertChannelKind.Console }, new AlertChannel { Kind = AlertChannelKind.Atom }], CreatedAt = June },
            CancellationToken.None);
        var article = Samples.Article("https://ja.example/gariumu", "星野メタルズは年間12トンのガリウムを調達する契約を結んだ。", "ja", published: June);
        await source.Store.IngestArticleAsync(article, [Samples.Stored(article, Samples.Event(EventType.SupplyAgreement, "gallium", article.Text, tonnes: 12))], CancellationToken.None);
        var claimed = await source.Alerts.ClaimDueDeliveriesAsync(June.AddYears(2), June.AddYears(2).AddMinutes(1), 1, CancellationToken.None);
        await source.Alerts.RecordAttemptAsync(Assert.Single(claimed).Id, new DeliveryAttempt(June.AddMinutes(1), false, "HTTP 503"), DeliveryState.Pending, June.AddMinutes(5), CancellationToken.None);
        var outbox = await source.Alerts.ListOutboxAsync(null, 100, CancellationToken.None);
        Assert.Equal(2, outbox.Count);

        await target.Alerts.SaveSubscriptionAsync((await source.Alerts.GetSubscriptionAsync("галлий", CancellationToken.None))!, CancellationToken.None);
        await target.Analyst.BulkLoadAsync([(article, await source.Analyst.GetEventsOfArticleAsync(article.Id, CancellationToken.None))], CancellationToken.None);
        await target.Alerts.ImportDeliveriesAsync(outbox, CancellationToken.None);
        await target.Alerts.ImportDeliveriesAsync(outbox, CancellationToken.None);

        var copied = await target.Alerts.ListOutboxAsync(null, 100, CancellationToken.None);
        Assert.Equal(outbox, copied, (a, b) => a.Id == b.Id && a.State == b.State && a.DueAt == b.DueAt && a.Attempts.SequenceEqual(b.Attempts));
        Assert.Contains(copied, d => d.Attempts.Count == 1 && d.Attempts[0].Outcome == "HTTP 503");
        Assert.Equal(2, (await target.Alerts.ListDeliveriesAsync("галлий", 10, CancellationToken.None)).Count);

        var first = new ArticleMentions(article.Id, [], [], ["gallium"], ["JP"], []);
        var second = first with { Countries = ["JP", "KZ"] };
        await target.Analyst.ImportMentionsAsync([first], CancellationToken.None);
        await target.Analyst.ImportMentionsAsync([second], CancellationToken.None);
        Assert.Equal(["JP", "KZ"], (await target.Analyst.GetMentionsAsync(article.Id, CancellationToken.None))!.Countries);
        Assert.Single(await target.Analyst.ListMentionsAsync(null, 10, CancellationToken.None));
    }

    private static string IdOf(string url) => url[(url.LastIndexOf('/') + 1)..];

    private static async Task<List<string>> PagesAsync<T>(Func<string?, int, CancellationToken, Task<IReadOnlyList<T>>> page, Func<T, string> key, int pageSize)
    {
        var keys = new List<string>();
        string? after = null;
        while (true)
        {
            var items = await page(after, pageSize, CancellationToken.None);
            Assert.True(items.Count <= pageSize);
            keys.AddRange(items.Select(key));
            if (items.Count < pageSize)
            {
                return keys;
            }

            after = key(items[^1]);
        }
    }
}
