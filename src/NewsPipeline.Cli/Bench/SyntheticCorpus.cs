using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Cli.Bench;

/// <summary>
/// Deterministic generated articles and events for `bench store`: ten languages in five scripts, metals,
/// firms, countries, tonnages over seven years. The same seed gives the same corpus, so runs compare.
/// Sentences are templates written for this benchmark; they only need to look like news to the analysers.
/// </summary>
internal sealed class SyntheticCorpus(int seed, int articles, int events)
{
    public static readonly DateOnly Today = new(2026, 3, 31);

    private static readonly string[] Metals =
        ["gallium", "germanium", "lithium", "cobalt", "nickel", "copper", "rare earths", "neodymium", "graphite", "uranium", "tungsten", "antimony", "platinum", "palladium", "manganese", "zinc", "aluminium", "tin", "vanadium", "silicon"];

    private static readonly string[] Countries = ["KZ", "JP", "CN", "AU", "CL", "CD", "DE", "FR", "RU", "US", "KR", "BR", "CA", "ID", "ZA", "IN", "GB", "IT", "ES", "PT"];

    private static readonly string[] Firms =
        ["Mitsubishi Corporation", "Mitsui & Co.", "Kazatomprom", "Aluminium of Kazakhstan", "Eurasian Resources Group", "Ganfeng Lithium", "Tianqi Lithium", "Glencore", "Umicore", "Albemarle",
         "Pilbara Minerals", "Norilsk Nickel", "Sumitomo Metal Mining", "Lynas Rare Earths", "China Northern Rare Earth", "Codelco", "SQM", "Kazzinc", "Tau-Ken Samruk", "JX Nippon Mining"];

    private static readonly EventType[] Types = Enum.GetValues<EventType>();

    private static readonly (string Language, string Template)[] Templates =
    [
        ("en", "{0} signed an offtake agreement with {1} for {2} tonnes of {3} a year. Shipments from {4} are due to start next year, the company said."),
        ("fr", "{0} a conclu un accord avec {1} portant sur {2} tonnes de {3} par an. Les exportations depuis {4} doivent commencer l'an prochain."),
        ("de", "{0} hat mit {1} einen Liefervertrag über {2} Tonnen {3} pro Jahr unterzeichnet. Die Lieferungen aus {4} sollen im nächsten Jahr beginnen."),
        ("es", "{0} firmó un acuerdo con {1} para el suministro de {2} toneladas de {3} al año. Las exportaciones desde {4} comenzarán el próximo año."),
        ("pt", "A {0} assinou um contrato com a {1} para fornecer {2} toneladas de {3} por ano. As exportações a partir de {4} começam no próximo ano."),
        ("ru", "Компания {0} заключила с {1} соглашение о поставках {2} тонн {3} в год. Поставки никеля и галлия из {4} начнутся в следующем году."),
        ("it", "{0} ha firmato con {1} un contratto per la fornitura di {2} tonnellate di {3} all'anno. Le esportazioni da {4} inizieranno l'anno prossimo."),
        ("ja", "{0}は{1}と年間{2}トンの{3}を調達する契約を結んだ。ガリウムの輸出は{4}から来年始まる見通しだ。"),
        ("zh", "{0}与{1}签署协议，每年供应{2}吨{3}。商务部表示，出口管制不影响来自{4}的供货。"),
        ("kk", "{0} компаниясы {1} компаниясымен жылына {2} тонна {3} жеткізу туралы келісімге қол қойды. {4} елінен экспорт келесі жылы басталады."),
    ];

    /// <summary>Articles with their events, in batches of <paramref name="batchSize"/> articles.</summary>
    public IEnumerable<IReadOnlyList<(StoredArticle Article, IReadOnlyList<StoredEvent> Events)>> Batches(int batchSize)
    {
        var random = new Random(seed);
        var batch = new List<(StoredArticle, IReadOnlyList<StoredEvent>)>(batchSize);
        var eventsLeft = events;
        for (var a = 0; a < articles; a++)
        {
            var count = (int)Math.Min(eventsLeft, (long)events * (a + 1) / articles - ((long)events * a / articles));
            eventsLeft -= count;
            batch.Add(Article(random, a, count));
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<(StoredArticle, IReadOnlyList<StoredEvent>)>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static (StoredArticle, IReadOnlyList<StoredEvent>) Article(Random random, int number, int eventCount)
    {
        var (language, template) = Templates[number % Templates.Length];
        var published = new DateTimeOffset(Today.AddDays(-random.Next(0, 7 * 365)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(random.Next(0, 1440));
        var buyer = Firms[random.Next(Firms.Length)];
        var seller = Firms[random.Next(Firms.Length)];
        var metal = Metals[random.Next(Metals.Length)];
        var origin = Countries[random.Next(Countries.Length)];
        var tonnes = Math.Round(Math.Pow(10, random.NextDouble() * 5), 1);
        var sentence = string.Format(CultureInfo.InvariantCulture, template, seller, buyer, tonnes.ToString(CultureInfo.InvariantCulture), metal, origin);
        var text = sentence + " " + string.Format(CultureInfo.InvariantCulture, Templates[(number + 3) % Templates.Length].Template, buyer, seller, number, metal, origin);
        var url = string.Create(CultureInfo.InvariantCulture, $"https://bench.example/{language}/{number}");
        var feed = string.Create(CultureInfo.InvariantCulture, $"bench-{language}-{number % 7}");
        var article = new StoredArticle(ContentHash.ShortId(url), url, url, ContentHash.OfText(text + url), feed, sentence[..Math.Min(80, sentence.Length)], text, language, published, published.AddHours(1));
        var stored = new List<StoredEvent>(eventCount);
        for (var e = 0; e < eventCount; e++)
        {
            var eventMetal = e == 0 ? metal : Metals[random.Next(Metals.Length)];
            var start = published.Year + random.Next(0, 3);
            var supply = new SupplyEvent(
                Types[random.Next(Types.Length)], eventMetal,
                random.Next(4) == 0 ? null : Firms[random.Next(Firms.Length)], random.Next(4) == 0 ? null : Firms[random.Next(Firms.Length)],
                random.Next(5) == 0 ? null : Math.Round(Math.Pow(10, random.NextDouble() * 5.5), 1), random.Next(2) == 0 ? RatePeriod.Year : null,
                random.Next(3) == 0 ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start}-{random.Next(1, 13):00}"),
                random.Next(6) == 0 ? null : Countries[random.Next(Countries.Length)], random.Next(3) == 0 ? null : Countries[random.Next(Countries.Length)],
                (EventStatus)random.Next(6), eventMetal + " " + origin, sentence);
            stored.Add(new StoredEvent(
                string.Create(CultureInfo.InvariantCulture, $"{article.Id}-{e}"), article.Id, supply, language, feed, url, article.Title, published, article.FetchedAt));
        }

        return (article, stored);
    }
}
