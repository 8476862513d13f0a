using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Web.Tests;

/// <summary>
/// Articles and events written for these tests, in several languages and scripts (no third-party text).
/// Each article carries the events a reader would take from it.
/// </summary>
internal static class Corpus
{
    public static readonly DateTimeOffset StoredAt = new(2026, 3, 20, 9, 30, 0, TimeSpan.Zero);

    public const string ScriptTitle = "<script>alert('x')</script> Gallium & germanium \"news\"";

    public static IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions)> Articles() =>
    [
        Make("fr-gallium", "fr", "feed-fr", new DateTimeOffset(2025, 1, 20, 8, 0, 0, TimeSpan.Zero),
            "Le Japon achètera du gallium kazakh",
            "Tokyo cherche à diversifier ses sources de métaux rares. La filiale Mitsubishi Corporation RtM Japan a signé un contrat avec Aluminium of Kazakhstan pour l’achat de 15 tonnes de gallium par an à partir de 2026. Les livraisons passeront par la Chine.",
            [new SupplyEvent(EventType.SupplyAgreement, "gallium", "Mitsubishi Corporation RtM Japan", "Aluminium of Kazakhstan", 15, RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact, "gallium KZ → JP",
                "La filiale Mitsubishi Corporation RtM Japan a signé un contrat avec Aluminium of Kazakhstan pour l’achat de 15 tonnes de gallium par an à partir de 2026.")],
            companies: [new CompanyMention("Mitsubishi Corporation RtM Japan", "Mitsubishi Corporation RtM Japan", "JP"), new CompanyMention("Aluminium of Kazakhstan", "Aluminium of Kazakhstan", "KZ")]),
        Make("ja-germanium", "ja", "feed-asia", new DateTimeOffset(2025, 6, 2, 1, 0, 0, TimeSpan.Zero),
            "三菱商事、カザフスタン産ゲルマニウムを調達",
            "三菱商事は、カザフスタンの精錬会社からゲルマニウムを年間8トン調達する契約を結んだと発表した。光ファイバー向けの需要が伸びている。",
            [new SupplyEvent(EventType.SupplyAgreement, "germanium", "Mitsubishi Corporation", "Kazakh Refining", 8, RatePeriod.Year, "2025-06", "KZ", "JP", EventStatus.Fact, "germanium KZ → JP",
                "三菱商事は、カザフスタンの精錬会社からゲルマニウムを年間8トン調達する契約を結んだと発表した。")]),
        Make("zh-controls", "zh", "feed-asia", new DateTimeOffset(2023, 7, 4, 2, 0, 0, TimeSpan.Zero),
            "中国对镓和锗实施出口管制",
            "中国商务部宣布，自八月起对镓和锗相关物项实施出口管制，出口商须申请许可证。",
            [new SupplyEvent(EventType.ExportRestriction, "gallium", null, null, null, null, "2023-08", "CN", null, EventStatus.Fact, "gallium export controls",
                "中国商务部宣布，自八月起对镓和锗相关物项实施出口管制，出口商须申请许可证。")]),
        Make("ru-gallium", "ru", "feed-cis", new DateTimeOffset(2025, 9, 10, 6, 0, 0, TimeSpan.Zero),
            "Казахстан нарастил поставки галлия",
            "Казахстан в прошлом году экспортировал 40 тонн галлия в Японию и Корею, сообщили в министерстве промышленности.",
            [new SupplyEvent(EventType.TradeFlow, "gallium", null, null, 40, null, "2024", "KZ", "JP", EventStatus.Fact, "gallium KZ → JP 40 t",
                "Казахстан в прошлом году экспортировал 40 тонн галлия в Японию и Корею, сообщили в министерстве промышленности.")]),
        Make("en-lithium", "en", "feed-en", new DateTimeOffset(2025, 11, 3, 12, 0, 0, TimeSpan.Zero),
            "Kestrel Lithium signs offtake with Chinese converter",
            "Kestrel Lithium agreed to sell 50,000 tonnes of spodumene concentrate a year to Ganfeng Materials from 2026, shipping from Western Australia.",
            [new SupplyEvent(EventType.SupplyAgreement, "lithium", "Ganfeng Materials", "Kestrel Lithium", 50000, RatePeriod.Year, "2026", "AU", "CN", EventStatus.Fact, "lithium AU → CN",
                "Kestrel Lithium agreed to sell 50,000 tonnes of spodumene concentrate a year to Ganfeng Materials from 2026, shipping from Western Australia.")]),
        Make("de-nickel", "de", "feed-de", new DateTimeOffset(2025, 4, 14, 7, 0, 0, TimeSpan.Zero),
            "Nickelhütte plant höhere Produktion",
            "Die Nordische Nickelhütte will ihre Produktion im kommenden Jahr auf 12.000 Tonnen Nickel steigern.",
            [new SupplyEvent(EventType.Production, "nickel", null, "Nordische Nickelhütte", 12000, RatePeriod.Year, "2026", "FI", null, EventStatus.Planned, "nickel production",
                "Die Nordische Nickelhütte will ihre Produktion im kommenden Jahr auf 12.000 Tonnen Nickel steigern.")]),
        Make("es-cobalt", "es", "feed-es", new DateTimeOffset(2024, 2, 5, 9, 0, 0, TimeSpan.Zero),
            "Negociaciones por el cobalto congoleño",
            "Una refinería chilena negocia la compra de 3.000 toneladas de cobalto a una minera del Congo.",
            [new SupplyEvent(EventType.SupplyAgreement, "cobalt", "Refinería Andina", "Minera del Congo", 3000, null, "2024", "CD", "CL", EventStatus.Talks, "cobalt CD → CL",
                "Una refinería chilena negocia la compra de 3.000 toneladas de cobalto a una minera del Congo.")]),
        Make("pt-lithium", "pt", "feed-pt", new DateTimeOffset(2025, 5, 20, 9, 0, 0, TimeSpan.Zero),
            "Exportações de lítio do Brasil crescem",
            "As exportações brasileiras de concentrado de lítio chegaram a 120 mil toneladas no primeiro trimestre.",
            [new SupplyEvent(EventType.TradeFlow, "lithium", null, null, 120000, RatePeriod.Quarter, "2025-01", "BR", null, EventStatus.Fact, "lithium BR exports",
                "As exportações brasileiras de concentrado de lítio chegaram a 120 mil toneladas no primeiro trimestre.")]),
        Make("kk-uranium", "kk", "feed-cis", new DateTimeOffset(2025, 8, 1, 5, 0, 0, TimeSpan.Zero),
            "Қазатомөнеркәсіп уран жеткізеді",
            "Қазатомөнеркәсіп Қытайға жыл сайын 1500 тонна уран жеткізу туралы келісімге қол қойды.",
            [new SupplyEvent(EventType.SupplyAgreement, "uranium", "CNNC", "Kazatomprom", 1500, RatePeriod.Year, "2025", "KZ", "CN", EventStatus.Fact, "uranium KZ → CN",
                "Қазатомөнеркәсіп Қытайға жыл сайын 1500 тонна уран жеткізу туралы келісімге қол қойды.")]),
        Make("en-script", "en", "feed-en", new DateTimeOffset(2025, 10, 1, 9, 0, 0, TimeSpan.Zero),
            ScriptTitle,
            "=HYPERLINK(\"http://evil.example\") A trader said gallium prices rose after a 20 tonne export licence was granted.",
            [new SupplyEvent(EventType.ExportRestriction, "gallium", null, null, 20, null, "2025-10", "CN", null, EventStatus.Rumoured, "gallium licence",
                "=HYPERLINK(\"http://evil.example\") A trader said gallium prices rose after a 20 tonne export licence was granted.")]),
    ];

    /// <summary>An English article with <paramref name="count"/> events of varied dates and tonnages, for paging.</summary>
    public static (StoredArticle Article, IReadOnlyList<StoredEvent> Events, ArticleMentions Mentions) Bulk(string key, int count, int firstYear)
    {
        var events = Enumerable.Range(0, count).Select(i => new SupplyEvent(
            EventType.TradeFlow, i % 2 == 0 ? "copper" : "zinc", null, null, 100 + (i % 7 * 10), null,
            string.Create(CultureInfo.InvariantCulture, $"{firstYear + (i % 5)}-{1 + (i % 12):00}"), "CL", "CN", EventStatus.Fact, "copper shipments",
            string.Create(CultureInfo.InvariantCulture, $"Shipment number {i} of refined copper left the port."))).ToList();
        return Make(key, "en", "feed-bulk", new DateTimeOffset(firstYear, 1, 1, 0, 0, 0, TimeSpan.Zero), "Copper shipments log " + key,
            "A log of copper and zinc shipments from Chile to China, one line per cargo.", events);
    }

    internal static (StoredArticle, IReadOnlyList<StoredEvent>, ArticleMentions) Make(
        string key, string language, string feed, DateTimeOffset published, string title, string text, IReadOnlyList<SupplyEvent> events,
        IReadOnlyList<CompanyMention>? companies = null)
    {
        var url = "https://news.example/" + key;
        var article = new StoredArticle(ContentHash.ShortId(url), url, url, ContentHash.OfText(text), feed, title, text, language, published, StoredAt);
        var stored = events.Select((e, i) => new StoredEvent(
            article.Id + "-" + i.ToString("D3", CultureInfo.InvariantCulture), article.Id, e, language, feed, url, title, published, StoredAt)).ToList();
        var mentions = new ArticleMentions(article.Id, companies ?? [], [], events.Select(e => e.Metal!).Distinct().ToList(), [], []);
        return (article, stored, mentions);
    }

    public static string IdOf(string key) => ContentHash.ShortId("https://news.example/" + key);
}
