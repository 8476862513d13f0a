using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Web.Tests;

/// <summary>
/// Articles written for the engine parity tests (no third-party text): one per language and script, each with
/// inflected or compound forms that only a stemmer (fr, ru, de, es, pt, en) or substring search (ja, zh, kk)
/// connects to the query word.
/// </summary>
internal static class MultilingualCorpus
{
    public static IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions)> Articles() =>
    [
        Corpus.Make("ml-fr", "fr", "feed-fr", new DateTimeOffset(2025, 3, 4, 8, 0, 0, TimeSpan.Zero),
            "Les raffineurs kazakhs expédient davantage",
            "Les raffineurs kazakhs ont expédié davantage de galliums de haute pureté vers l’Europe au troisième trimestre, selon le ministère.",
            [Event(EventType.TradeFlow, "gallium", null, "Kazakh Gallium Refiners", 12, "2025-07", "KZ", "FR", EventStatus.Fact,
                "Les raffineurs kazakhs ont expédié davantage de galliums de haute pureté vers l’Europe au troisième trimestre.")]),
        Corpus.Make("ml-ru", "ru", "feed-cis", new DateTimeOffset(2025, 4, 9, 6, 0, 0, TimeSpan.Zero),
            "Экспорт вырос на треть",
            "Казахстанский завод увеличил поставки галлия в Европу на треть по сравнению с прошлым годом.",
            [Event(EventType.TradeFlow, "gallium", null, "Павлодарский завод", 30, "2025", "KZ", "DE", EventStatus.Fact,
                "Казахстанский завод увеличил поставки галлия в Европу на треть по сравнению с прошлым годом.")]),
        Corpus.Make("ml-de", "de", "feed-de", new DateTimeOffset(2025, 5, 12, 7, 0, 0, TimeSpan.Zero),
            "Finnische Hüttenwerke verdoppeln",
            "Die finnischen Nickelhütten wollen ihre Lieferungen an Batteriehersteller im nächsten Jahr verdoppeln.",
            [Event(EventType.Production, "nickel", null, "Suomen Nikkeli", 8000, "2026", "FI", null, EventStatus.Planned,
                "Die finnischen Nickelhütten wollen ihre Lieferungen an Batteriehersteller im nächsten Jahr verdoppeln.")]),
        Corpus.Make("ml-es", "es", "feed-es", new DateTimeOffset(2024, 11, 20, 9, 0, 0, TimeSpan.Zero),
            "Chile embarca más cobre refinado",
            "Las exportaciones chilenas de cobre refinado hacia Japón crecieron durante el otoño.",
            [Event(EventType.TradeFlow, "copper", null, "Cobre del Norte", 45000, "2024-10", "CL", "JP", EventStatus.Fact,
                "Las exportaciones chilenas de cobre refinado hacia Japón crecieron durante el otoño.")]),
        Corpus.Make("ml-pt", "pt", "feed-pt", new DateTimeOffset(2025, 2, 17, 9, 0, 0, TimeSpan.Zero),
            "Brasil amplia negócios de nióbio",
            "O Brasil ampliou as vendas de nióbio para siderúrgicas da Coreia neste inverno.",
            [Event(EventType.TradeFlow, "niobium", null, "Mineração Planalto", 900, "2025-01", "BR", "KR", EventStatus.Fact,
                "O Brasil ampliou as vendas de nióbio para siderúrgicas da Coreia neste inverno.")]),
        Corpus.Make("ml-en", "en", "feed-en", new DateTimeOffset(2025, 6, 30, 12, 0, 0, TimeSpan.Zero),
            "Smelters step up deliveries",
            "Two smelters in Belgium are shipping more antimony ingots to defence suppliers this summer.",
            [Event(EventType.TradeFlow, "antimony", "Defence Metals Supply", "Flanders Smelting", 350, "2025-06", "BE", "US", EventStatus.Fact,
                "Two smelters in Belgium are shipping more antimony ingots to defence suppliers this summer.")]),
        Corpus.Make("ml-ja", "ja", "feed-asia", new DateTimeOffset(2025, 7, 1, 1, 0, 0, TimeSpan.Zero),
            "住友商事、長期契約を締結",
            "住友商事はカザフスタン企業からガリウムを毎年十トン調達する長期契約を締結した。",
            [Event(EventType.SupplyAgreement, "gallium", "Sumitomo Corporation", "Kazakh Gallium Refiners", 10, "2025-07", "KZ", "JP", EventStatus.Fact,
                "住友商事はカザフスタン企業からガリウムを毎年十トン調達する長期契約を締結した。")]),
        Corpus.Make("ml-zh", "zh", "feed-asia", new DateTimeOffset(2024, 12, 3, 2, 0, 0, TimeSpan.Zero),
            "商务部发布新规定",
            "商务部表示，将对镓和锗的出口实施许可证管理，企业须提前申报。",
            [Event(EventType.ExportRestriction, "gallium", null, null, null, "2024-12", "CN", null, EventStatus.Fact,
                "商务部表示，将对镓和锗的出口实施许可证管理，企业须提前申报。")]),
        Corpus.Make("ml-kk", "kk", "feed-cis", new DateTimeOffset(2025, 8, 15, 5, 0, 0, TimeSpan.Zero),
            "Павлодар зауыты өндірісті арттырды",
            "Павлодардағы зауыт биыл галлий өндірісін екі есеге арттырып, Жапонияға жөнелтуді бастады.",
            [Event(EventType.Production, "gallium", null, "Павлодар зауыты", 25, "2025", "KZ", "JP", EventStatus.Fact,
                "Павлодардағы зауыт биыл галлий өндірісін екі есеге арттырып, Жапонияға жөнелтуді бастады.")]),
    ];

    /// <summary>
    /// One article whose events name 25 sellers in several scripts, 1 to 3 times each: the top-20 cut of the
    /// seller facet falls among sellers with equal counts, where only the order of names decides.
    /// </summary>
    public static (StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) ManySellers()
    {
        string[] stems = ["Ångström Metals", "Zinc Österreich", "Ёлкин и партнёры", "東邦亜鉛", "Société Minière", "Andes Cobre", "Baltic Nickel", "Čeština Kovy", "Œuvre Métaux"];
        var sellers = Enumerable.Range(0, 25).Select(i => stems[i % stems.Length] + " " + (i / stems.Length).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var events = sellers.SelectMany((seller, i) => Enumerable.Repeat(seller, 1 + (i % 3)))
            .Select((seller, k) => Event(EventType.SupplyAgreement, k % 2 == 0 ? "zinc" : "nickel", "Buyer " + (k % 4).ToString(System.Globalization.CultureInfo.InvariantCulture), seller,
                10 + k, "2023-0" + (1 + (k % 9)).ToString(System.Globalization.CultureInfo.InvariantCulture), "PE", "KR", EventStatus.Fact, "Contract signed with " + seller + "."))
            .ToList();
        return Corpus.Make("ml-sellers", "en", "feed-en", new DateTimeOffset(2023, 9, 1, 0, 0, 0, TimeSpan.Zero),
            "Smelter contracts of the year", "A list of the year's zinc and nickel supply contracts, one line per seller.", events);
    }

    /// <summary>
    /// The entry with its first event reported by further articles as well (as the store records a deal that other
    /// outlets, in other languages, reported after the first): one source for the entry itself plus one per key.
    /// </summary>
    public static (StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) Syndicated(
        (StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) entry, params (string Key, string Language)[] laterReports)
    {
        var first = entry.Events[0];
        var sources = laterReports.Select((report, i) => new EventSource(
                Corpus.IdOf(report.Key), "https://news.example/" + report.Key, "feed-" + report.Language, report.Language, report.Key,
                first.ArticlePublished?.AddHours(i + 1), first.StoredAt.AddHours(i + 1), first.Event))
            .Prepend(new EventSource(first.ArticleId, first.ArticleUrl, first.FeedName, first.Language, first.ArticleTitle, first.ArticlePublished, first.StoredAt, first.Event))
            .ToList();
        return (entry.Article, [first with { Sources = sources }, .. entry.Events.Skip(1)], entry.Mentions);
    }

    private static SupplyEvent Event(
        EventType type, string metal, string? buyer, string? seller, double? tonnes, string start, string origin, string? destination, EventStatus status, string evidence) =>
        new(type, metal, buyer, seller, tonnes, null, start, origin, destination, status, $"{metal} {origin}", evidence);
}
