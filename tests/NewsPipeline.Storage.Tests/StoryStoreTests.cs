using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// Stories in the embedded store: one row per deal with every source, fields filled from later reports, status
/// history, and all of it written in the article's transaction. Sentences written for these tests.
/// </summary>
public sealed class StoryStoreTests
{
    private static readonly DateTimeOffset May = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Reports_in_three_languages_are_one_event_with_three_sources(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;

        var first = await Report(store, "ru", "https://ru.example/nikel", May,
            "ПАО «Северный никель» будет поставлять компании Nordhütte 20 тыс. тонн никеля в год с 2027 года.");
        var second = await Report(store, "zh", "https://zh.example/nie", May.AddDays(1),
            "北方镍业将自2027年起每年向Nordhütte供应2万吨镍。");
        var third = await Report(store, "es", "https://es.example/niquel", May.AddDays(3),
            "Severny Nickel suministrará 20.000 toneladas anuales de níquel a Nordhütte a partir de 2027.");

        Assert.Equal(StoryOutcome.NewEvent, first.Outcome);
        Assert.Equal((StoryOutcome.NewSource, first.EventId, 2), (second.Outcome, second.EventId, second.SourceCount));
        Assert.Equal((StoryOutcome.NewSource, first.EventId, 3), (third.Outcome, third.EventId, third.SourceCount));
        var stored = Assert.Single(await store.QueryEventsAsync(new EventQuery(Metal: "nickel"), CancellationToken.None));
        Assert.Equal(first.EventId, stored.Id);
        Assert.Equal(["ru", "zh", "es"], stored.Sources!.Select(s => s.Language));
        Assert.Equal("ru", stored.Language);
        Assert.Equal(new StoreStatistics(0, 3, 1), await store.GetStatisticsAsync(CancellationToken.None));

        Assert.Single(await store.QueryEventsAsync(new EventQuery(MinSources: 3), CancellationToken.None));
        Assert.Empty(await store.QueryEventsAsync(new EventQuery(MinSources: 4), CancellationToken.None));

        // A word only the Spanish report used finds the deal.
        Assert.Single(await store.QueryEventsAsync(new EventQuery(Text: "toneladas"), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_later_report_fills_the_tonnage_the_first_lacked_and_each_source_keeps_its_own_fields(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;

        await Report(store, "de", "https://de.example/nickel", May,
            "Nordhütte bezieht ab 2027 Nickel von Severny Nickel.", tonnes: null, per: null);
        await Report(store, "pt", "https://pt.example/niquel", May.AddDays(2),
            "A Severny Nickel fornecerá 20 mil toneladas de níquel por ano à Nordhütte a partir de 2027.");

        var stored = Assert.Single(await store.QueryEventsAsync(new EventQuery(), CancellationToken.None));
        Assert.Equal((20000.0, RatePeriod.Year), (stored.Event.Tonnes!.Value, stored.Event.Per!.Value));
        Assert.Equal([null, 20000.0], stored.Sources!.Select(s => s.Reported.Tonnes));
        Assert.Single(await store.QueryEventsAsync(new EventQuery(MinTonnes: 10000), CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Status_changes_that_matter_are_recorded_with_the_report_that_made_them_and_survive_reopening(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var talks = await Report(store, "fr", "https://fr.example/nickel-talks", May,
            "Severny Nickel et Nordhütte négocient un contrat de 20 000 tonnes de nickel par an à partir de 2027.", status: EventStatus.Talks);
        var signed = await Report(store, "en", "https://en.example/nickel-signed", May.AddDays(6),
            "Severny Nickel signed a deal to supply Nordhütte with 20,000 tonnes of nickel a year from 2027.");
        var lookingBack = await Report(store, "kk", "https://kk.example/nikel", May.AddDays(8),
            "Severny Nickel пен Nordhütte 2027 жылдан бастап жылына 20 мың тонна никель туралы келіссөз жүргізген.", status: EventStatus.Talks);
        var cancelled = await Report(store, "de", "https://de.example/nickel-ende", May.AddDays(30),
            "Nordhütte hat den Liefervertrag über 20.000 Tonnen Nickel pro Jahr mit Severny Nickel gekündigt.", status: EventStatus.Ended);

        Assert.Equal(StoryOutcome.StatusChanged, signed.Outcome);
        Assert.Equal((EventStatus.Talks, EventStatus.Fact), (signed.StatusChange!.From, signed.StatusChange.To));
        Assert.Equal(StoryOutcome.NewSource, lookingBack.Outcome);
        Assert.Null(lookingBack.StatusChange);
        Assert.Equal((EventStatus.Fact, EventStatus.Ended), (cancelled.StatusChange!.From, cancelled.StatusChange.To));
        var eventId = talks.EventId;

        await test.ReopenAsync();
        var reopened = test.Store;
        var stored = Assert.Single(await reopened.QueryEventsAsync(new EventQuery(), CancellationToken.None));
        Assert.Equal(eventId, stored.Id);
        Assert.Equal(EventStatus.Ended, stored.Event.Status);
        Assert.Equal(4, stored.SourceCount);
        Assert.Equal(
            [(EventStatus.Talks, EventStatus.Fact, May.AddDays(6)), (EventStatus.Fact, EventStatus.Ended, May.AddDays(30))],
            stored.History!.Select(h => (h.From, h.To, h.Published!.Value)));
        Assert.Equal([EventStatus.Talks, EventStatus.Fact, EventStatus.Talks, EventStatus.Ended], stored.Sources!.Select(s => s.Reported.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Similar_deals_with_another_buyer_another_tonnage_or_far_apart_in_time_stay_separate(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;

        await Report(store, "en", "https://en.example/a", May, "Severny Nickel will supply Nordhütte with 20,000 tonnes of nickel a year from 2027.");
        var otherBuyer = await Report(store, "en", "https://en.example/b", May, "Severny Nickel will supply Sanko Materials with 20,000 tonnes of nickel a year from 2027.", buyer: "Sanko Materials");
        var otherTonnage = await Report(store, "en", "https://en.example/c", May, "Severny Nickel will supply Nordhütte with 5,000 tonnes of nickel a year from 2027.", tonnes: 5000);
        var muchLater = await Report(store, "en", "https://en.example/d", May.AddDays(200), "Severny Nickel again agreed to supply Nordhütte with 20,000 tonnes of nickel a year from 2027.");

        Assert.All([otherBuyer, otherTonnage, muchLater], outcome => Assert.Equal(StoryOutcome.NewEvent, outcome.Outcome));
        Assert.Equal(4, (await store.GetStatisticsAsync(CancellationToken.None)).Events);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task A_failed_article_leaves_the_deal_it_would_have_joined_untouched(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var first = await Report(store, "en", "https://en.example/first", May, "Severny Nickel will supply Nordhütte with nickel from 2027.", tonnes: null, per: null);

        var article = Samples.Article("https://ja.example/nikkeru", "セヴェルヌイ・ニッケルは2027年からノルドヒュッテに年2万トンのニッケルを供給する。", "ja", published: May.AddDays(1));
        var joins = Samples.Stored(article, Deal(article.Text));
        var clash = Samples.Stored(article, Deal(article.Text) with { Metal = "cobalt" }, 1) with { Id = first.EventId };

        // The second event is a new deal whose id clashes with the stored one, after the first event has already
        // joined that deal: the join must roll back with the article.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => store.IngestArticleAsync(article, [joins, clash], CancellationToken.None));
        Assert.IsType(test.FailureType, failure);

        var stored = Assert.Single(await store.QueryEventsAsync(new EventQuery(), CancellationToken.None));
        Assert.Equal(1, stored.SourceCount);
        Assert.Null(stored.Event.Tonnes);
        Assert.Null(await store.GetArticleAsync(article.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Two_deals_in_one_article_stay_two_events_even_when_alike(Backend backend)
    {
        await using var test = await TestStore.CreateAsync(backend);
        var store = test.Store;
        var text = "Severny Nickel liefert Nickel an Nordhütte ab 2027; ein zweiter Vertrag über Nickel an Nordhütte folgt.";
        var article = Samples.Article("https://de.example/zwei", text, "de", published: May);
        var deal = Deal(text) with { Tonnes = null, Per = null };

        var result = await store.IngestArticleAsync(article, [Samples.Stored(article, deal, 0), Samples.Stored(article, deal, 1)], CancellationToken.None);

        Assert.Equal([StoryOutcome.NewEvent, StoryOutcome.NewEvent], result.Events.Select(e => e.Outcome));
        Assert.Equal(2, (await store.GetStatisticsAsync(CancellationToken.None)).Events);
    }

    private static SupplyEvent Deal(string evidence, string buyer = "Nordhütte", double? tonnes = 20000, RatePeriod? per = RatePeriod.Year, EventStatus status = EventStatus.Fact) =>
        Samples.Event(EventType.SupplyAgreement, "nickel", evidence, buyer: buyer, seller: "Severny Nickel", tonnes: tonnes, per: per, start: "2027", origin: "RU", destination: "DE", status: status);

    private static async Task<EventIngest> Report(
        IPipelineStore store,
        string language,
        string url,
        DateTimeOffset published,
        string text,
        string buyer = "Nordhütte",
        double? tonnes = 20000,
        RatePeriod? per = RatePeriod.Year,
        EventStatus status = EventStatus.Fact)
    {
        var article = Samples.Article(url, text, language, title: text[..12], published: published);
        var result = await store.IngestArticleAsync(article, [Samples.Stored(article, Deal(text, buyer, tonnes, per, status))], CancellationToken.None);
        Assert.Equal(IngestOutcome.Added, result.Outcome);
        return Assert.Single(result.Events);
    }
}
