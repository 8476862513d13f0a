using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>Trusted bulk loads (benchmarks, store copies): thousands of articles in one call, read back exactly, on each backend.</summary>
public sealed class BulkLoadTests
{
    private static readonly string[] Languages = ["fr", "en", "ru", "de", "es", "pt", "ja", "zh", "kk"];

    private static readonly string[] Sentences =
    [
        "La société {0} livrera {1} tonnes de cobalt par an.",
        "{0} will supply {1} tonnes of cobalt a year.",
        "Компания {0} поставит {1} тонн кобальта в год.",
        "{0} liefert jährlich {1} Tonnen Kobalt.",
        "{0} suministrará {1} toneladas de cobalto al año.",
        "A {0} fornecerá {1} toneladas de cobalto por ano.",
        "{0}は年間{1}トンのコバルトを供給する。",
        "{0}每年供应{1}吨钴。",
        "{0} жылына {1} тонна кобальт жеткізеді.",
    ];

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Thousands_of_articles_load_in_one_call_and_read_back_exactly(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var published = new DateTimeOffset(2025, 1, 1, 6, 0, 0, TimeSpan.FromHours(9));
        var batch = Enumerable.Range(0, 3000).Select(i =>
        {
            var language = Languages[i % Languages.Length];
            var text = string.Format(CultureInfo.InvariantCulture, Sentences[i % Sentences.Length], "Cobalt Works " + i, 100 + i);
            var article = Samples.Article($"https://bulk.example/{language}/{i}", text, language, title: "№" + i, published: published.AddHours(i).AddTicks(i));
            var deal = Samples.Event(EventType.SupplyAgreement, "cobalt", text, seller: "Cobalt Works " + i, tonnes: 100 + i + 0.1, per: RatePeriod.Year, origin: "CD");
            return (Article: article, Events: (IReadOnlyList<StoredEvent>)[Samples.Stored(article, deal)]);
        }).ToList();

        await test.Analyst.BulkLoadAsync(batch, CancellationToken.None);

        Assert.Equal(new StoreStatistics(0, 3000, 3000), await test.Store.GetStatisticsAsync(CancellationToken.None));
        Assert.Equal(3000, (await test.Analyst.ListArticleIdsAsync(CancellationToken.None)).Count);
        foreach (var (article, events) in batch.Where((_, i) => i % 97 == 0))
        {
            Assert.Equal(article, await test.Store.GetArticleAsync(article.Id, CancellationToken.None));
            var stored = Assert.Single(await test.Analyst.GetEventsOfArticleAsync(article.Id, CancellationToken.None));
            Assert.Equal(events[0], stored with { Sources = null, History = null });
            Assert.Equal(1, stored.SourceCount);
        }

        Assert.Equal(100, (await test.Store.QueryEventsAsync(new EventQuery(MinTonnes: 3000, Limit: 1000), CancellationToken.None)).Count);
        Assert.Equal("Cobalt Works 2999", (await test.Store.QueryEventsAsync(new EventQuery(Limit: 1), CancellationToken.None))[0].Event.Seller);

        // Loaded deals are filed under their story keys: a further report joins one instead of making a twin.
        var (first, firstEvents) = batch[0];
        var again = Samples.Article("https://agency.example/fr/cobalt-0", "Cobalt Works 0 confirme la livraison de 100 tonnes de cobalt par an.", "fr", published: first.Published);
        var result = await test.Store.IngestArticleAsync(again, [Samples.Stored(again, firstEvents[0].Event with { Evidence = again.Text })], CancellationToken.None);
        Assert.Equal((StoryOutcome.NewSource, firstEvents[0].Id), (result.Events[0].Outcome, result.Events[0].EventId));
    }
}
