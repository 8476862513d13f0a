using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>
/// One store with nine events in nine languages (sentences written for this test), queried through every
/// DESIGN §4 filter. Each event's id is its key below.
/// </summary>
public sealed class QueryTests : IAsyncLifetime
{
    private TestStore? test;

    private IPipelineStore Store => test!.Store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }
    }

    // The nine events, in a store on the backend under test.
    private async Task Seed(Backend backend)
    {
        test = await TestStore.CreateAsync(backend);
        await Add("fr", "Le gallium kazakh part au Japon", null,
            Samples.Event(EventType.SupplyAgreement, "gallium", "Aluminium du Kazakhstan livrera 15 tonnes de gallium par an à Mitsubishi Corporation RtM Japan dès 2026.",
                buyer: "Mitsubishi Corporation RtM Japan", seller: "Aluminium du Kazakhstan", tonnes: 15, per: RatePeriod.Year, start: "2026", origin: "KZ", destination: "JP",
                summary: "Contrat de livraison de gallium"));
        await Add("ru", "Экспорт германия ограничен", null,
            Samples.Event(EventType.ExportRestriction, "Germanium", "С ноября 2025 года вывоз германия из страны разрешён только по лицензии, сообщило ТОО «КАЗЦИНК».",
                seller: "ТОО «КАЗЦИНК»", start: "2025-11", origin: "kz", summary: "Лицензии на экспорт германия"));
        await Add("zh", "镓出口数据", null,
            Samples.Event(EventType.TradeFlow, "gallium", "二月份，云南锗业向日本出口了42.5吨镓。",
                seller: "云南锗业", tonnes: 42.5, start: "2026-02-10", origin: "CN", destination: "JP", summary: "镓出口"));
        await Add("ja", "レアアースの長期契約", null,
            Samples.Event(EventType.SupplyAgreement, "rare earths", "双日株式会社はライナス社と年間9000トンのレアアースを調達する長期契約を結んだ。",
                buyer: "双日株式会社", seller: "Lynas Rare Earths", tonnes: 9000, per: RatePeriod.Year, start: "2025", origin: "AU", destination: "JP", summary: "長期契約"));
        await Add("de", "Lithium aus dem Oberrheingraben", new DateTimeOffset(2026, 1, 14, 23, 30, 0, TimeSpan.FromHours(-2)),
            Samples.Event(EventType.Production, "lithium", "Die Vulcan Energie Ressourcen GmbH will jährlich 24000 Tonnen Lithiumhydroxid herstellen.",
                seller: "Vulcan Energie Ressourcen GmbH", tonnes: 24000, per: RatePeriod.Year, origin: "DE", status: EventStatus.Planned, summary: "Lithiumförderung geplant"));
        await Add("es", "Inversión en cobre", null,
            Samples.Event(EventType.Investment, "copper", "Minería Austral S.A. adquirió una participación del 30 % en un yacimiento de cobre del norte de Chile.",
                buyer: "Minería Austral S.A.", start: "2024-06", origin: "CL", summary: "Compra de participación"));
        await Add("kk", "Вольфрам Қытайға жеткізіледі", null,
            Samples.Event(EventType.SupplyAgreement, "tungsten", "Шығыс Вольфрам компаниясы Ōsaka Metals арқылы Қытайға 1200 тонна вольфрам концентратын жеткізеді.",
                buyer: "Ōsaka Metals", seller: "Шығыс Вольфрам", tonnes: 1200, start: "2026-03-15", origin: "KZ", destination: "CN", summary: "вольфрам жеткізу"));
        await Add("pt", "Nióbio brasileiro", null,
            Samples.Event(EventType.Production, "niobium", "A Companhia Brasileira de Metalurgia e Mineração produziu cerca de 100000 toneladas de nióbio.",
                seller: "Companhia Brasileira de Metalurgia e Mineração", tonnes: 100000, start: "2023", origin: "BR", summary: "Produção de nióbio"));
        await Add("en", "Cobalt shipments", null,
            Samples.Event(EventType.TradeFlow, "cobalt", "Shipments of cobalt hydroxide from Congo to China reached 5000 tonnes, customs data showed.",
                tonnes: 5000, origin: "CD", destination: "CN", summary: "Cobalt trade"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Without_filters_every_event_comes_back_newest_first_by_event_date_then_publication(Backend backend)
    {
        await Seed(backend);
        // kk 2026-03-15, zh 2026-02-10, de published 2026-01-15 UTC, fr 2026, ru 2025-11, ja 2025, es 2024-06, pt 2023, en undated.
        Assert.Equal(["kk", "zh", "de", "fr", "ru", "ja", "es", "pt", "en"], await Ids(new EventQuery()));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Metal_matches_whatever_the_case(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["zh", "fr"], await Ids(new EventQuery(Metal: "GALLIUM")));
        Assert.Equal(["ru"], await Ids(new EventQuery(Metal: "germanium")));
        Assert.Equal(["ja"], await Ids(new EventQuery(Metal: "Rare Earths")));
        Assert.Empty(await Ids(new EventQuery(Metal: "gal")));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Country_matches_origin_or_destination(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["zh", "fr", "ja"], await Ids(new EventQuery(Country: "jp")));
        Assert.Equal(["kk", "fr", "ru"], await Ids(new EventQuery(Country: "KZ")));
        Assert.Equal(["kk", "zh", "en"], await Ids(new EventQuery(Country: "CN")));
        Assert.Empty(await Ids(new EventQuery(Country: "FR")));
    }

    // Each company filter with the event it must find, on each backend.
    public static TheoryData<Backend, string, string> Companies
    {
        get
        {
            var data = new TheoryData<Backend, string, string>();
            foreach (var backend in new[] { Backend.LiteDb, Backend.Postgres })
            {
                data.Add(backend, "mitsubishi", "fr");
                data.Add(backend, "RTM JAPAN", "fr");
                data.Add(backend, "aluminium du", "fr");
                data.Add(backend, "mineria austral", "es");
                data.Add(backend, "MINERÍA", "es");
                data.Add(backend, "osaka metals", "kk");
                data.Add(backend, "казцинк", "ru");
                data.Add(backend, "ШЫҒЫС", "kk");
                data.Add(backend, "双日", "ja");
                data.Add(backend, "锗业", "zh");
                data.Add(backend, "mineração", "pt");
                data.Add(backend, "metalurgia e mineracao", "pt");
            }

            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Companies))]
    public async Task Company_is_a_case_and_accent_insensitive_substring_of_buyer_or_seller_in_any_script(Backend backend, string company, string expected)
    {
        await Seed(backend);
        Assert.Equal([expected], await Ids(new EventQuery(Company: company)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Company_does_not_match_words_that_only_appear_in_the_evidence(Backend backend)
    {
        await Seed(backend);
        Assert.Empty(await Ids(new EventQuery(Company: "ライナス")));
        Assert.Empty(await Ids(new EventQuery(Company: "customs")));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Type_selects_one_kind_of_event(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["ru"], await Ids(new EventQuery(Type: EventType.ExportRestriction)));
        Assert.Equal(["kk", "fr", "ja"], await Ids(new EventQuery(Type: EventType.SupplyAgreement)));
        Assert.Equal(["zh", "en"], await Ids(new EventQuery(Type: EventType.TradeFlow)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Since_and_until_compare_partial_start_dates_as_the_periods_they_name(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["kk", "zh", "de", "fr"], await Ids(new EventQuery(Since: new DateOnly(2026, 1, 1))));
        // "2026" still overlaps March 2026; "2026-02-10" and the January publication do not.
        Assert.Equal(["kk", "fr"], await Ids(new EventQuery(Since: new DateOnly(2026, 3, 1))));
        Assert.Equal(["ru", "ja", "es", "pt"], await Ids(new EventQuery(Until: new DateOnly(2025, 12, 31))));
        Assert.Equal(["zh", "fr"], await Ids(new EventQuery(Since: new DateOnly(2026, 2, 1), Until: new DateOnly(2026, 2, 28))));
        Assert.Equal(["ru", "ja"], await Ids(new EventQuery(Since: new DateOnly(2025, 11, 30), Until: new DateOnly(2025, 11, 30))));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Without_a_start_the_article_publication_day_in_utc_places_the_event(Backend backend)
    {
        await Seed(backend);
        // Published 2026-01-14 23:30 at UTC-2, which is 2026-01-15 in UTC; "2026" of the French event covers that day too.
        Assert.Equal(["de", "fr"], await Ids(new EventQuery(Since: new DateOnly(2026, 1, 15), Until: new DateOnly(2026, 1, 15))));
        Assert.DoesNotContain("de", await Ids(new EventQuery(Until: new DateOnly(2026, 1, 14))));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Min_tonnes_keeps_events_with_at_least_that_tonnage(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["kk", "de", "ja", "pt", "en"], await Ids(new EventQuery(MinTonnes: 1000)));
        Assert.Equal(["kk", "zh", "de", "fr", "ja", "pt", "en"], await Ids(new EventQuery(MinTonnes: 15)));
        Assert.Equal(["pt"], await Ids(new EventQuery(MinTonnes: 100000)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Text_needs_every_word_somewhere_in_evidence_summary_or_title(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["ru"], await Ids(new EventQuery(Text: "ЛИЦЕНЗИИ германия")));
        Assert.Equal(["ja"], await Ids(new EventQuery(Text: "長期契約")));
        Assert.Equal(["zh"], await Ids(new EventQuery(Text: "日本 镓")));
        Assert.Equal(["de"], await Ids(new EventQuery(Text: "oberrheingraben")));
        Assert.Equal(["es"], await Ids(new EventQuery(Text: "inversion")));
        Assert.Equal(["en"], await Ids(new EventQuery(Text: "cobalt customs")));
        Assert.Empty(await Ids(new EventQuery(Text: "cobalt lithium")));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Filters_combine_and_the_limit_keeps_the_newest(Backend backend)
    {
        await Seed(backend);
        Assert.Equal(["fr"], await Ids(new EventQuery(Metal: "gallium", Country: "JP", Type: EventType.SupplyAgreement, Company: "mitsubishi", Since: new DateOnly(2026, 1, 1), MinTonnes: 10, Text: "gallium")));
        Assert.Empty(await Ids(new EventQuery(Metal: "gallium", Country: "KZ", Type: EventType.TradeFlow)));
        Assert.Equal(["kk", "zh", "de"], await Ids(new EventQuery(Limit: 3)));
        Assert.Equal(["kk", "fr"], await Ids(new EventQuery(Country: "KZ", MinTonnes: 10, Limit: 2)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ids(new EventQuery(Limit: 0)));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.Both), MemberType = typeof(Backends))]
    public async Task Stored_events_come_back_with_their_article_context(Backend backend)
    {
        await Seed(backend);
        var ru = Assert.Single(await Store.QueryEventsAsync(new EventQuery(Type: EventType.ExportRestriction), CancellationToken.None));
        Assert.Equal("ru", ru.ArticleId[..2]);
        Assert.Equal("ru", ru.Language);
        Assert.Equal("Экспорт германия ограничен", ru.ArticleTitle);
        Assert.Equal("germanium", ru.Event.Metal);
        Assert.Equal("KZ", ru.Event.Origin);
        Assert.Equal("ТОО «КАЗЦИНК»", ru.Event.Seller);
        Assert.NotNull(await Store.GetArticleAsync(ru.ArticleId, CancellationToken.None));
    }

    private async Task<string[]> Ids(EventQuery query) =>
        (await Store.QueryEventsAsync(query, CancellationToken.None)).Select(e => e.ArticleId[..2]).ToArray();

    private async Task Add(string language, string title, DateTimeOffset? published, SupplyEvent supplyEvent)
    {
        var article = Samples.Article($"https://{language}.news.example/{Uri.EscapeDataString(title)}", supplyEvent.Evidence, language, title, published)
            with { Id = language + "-article" };
        var outcome = await Store.AddArticleAsync(article, [Samples.Stored(article, supplyEvent)], CancellationToken.None);
        Assert.Equal(IngestOutcome.Added, outcome);
    }
}
