using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// A store of <see cref="Events"/> generated events (our own template sentences in several languages and
/// scripts), bulk-loaded and indexed as `serve` indexes at start-up: the page must stay a page of rows.
/// </summary>
public sealed class LargeSite : BrowserSite
{
    public const int Articles = 2_500;
    public const int EventsPerArticle = 2;
    public const int Events = Articles * EventsPerArticle;

    private static readonly string[] Metals = ["lithium", "nickel", "cobalt", "gallium", "germanium", "copper", "uranium", "tungsten"];
    private static readonly string[] Countries = ["KZ", "JP", "CN", "DE", "FR", "CL", "AU", "BR", "CA", "KR"];
    private static readonly (string Language, string Buyer, string Seller, string Template)[] Voices =
    [
        ("en", "Harbour Alloys Ltd", "Steppe Minerals LLP", "{0} will buy {2} tonnes of {3} a year from {1}."),
        ("fr", "Métaux de Loire SA", "Altaï Ressources", "{0} achètera {2} tonnes de {3} par an à {1}."),
        ("de", "Rheinmetallhandel GmbH", "Nordkap Bergbau AS", "{0} kauft jährlich {2} Tonnen {3} von {1}."),
        ("ru", "Уральский металл", "Степные ресурсы", "{0} закупит у {1} {2} тонн металла ({3}) в год."),
        ("ja", "青葉商事", "草原鉱業", "{0}は{1}から年間{2}トンの{3}を購入する。"),
        ("zh", "华东新材料", "草原矿业", "{0}将每年从{1}采购{2}吨{3}。"),
        ("kk", "Алатау Металл", "Дала Ресурстары", "{0} жыл сайын {1} компаниясынан {2} тонна {3} сатып алады."),
        ("es", "Fundiciones del Sur SA", "Minera Altiplano SA", "{0} comprará {2} toneladas de {3} al año a {1}."),
        ("pt", "Metais do Atlântico SA", "Mineração Cerrado Ltda", "{0} comprará {2} toneladas de {3} por ano da {1}."),
    ];

    protected override async Task FillAsync(string database)
    {
        var services = new ServiceCollection().AddLogging().AddNewsPipeline(PipelineSettings.Default(database));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IAnalystStore>();
        var batch = new List<(StoredArticle, IReadOnlyList<StoredEvent>)>();
        for (var i = 0; i < Articles; i++)
        {
            batch.Add(Generate(i));
            if (batch.Count == 500)
            {
                await store.BulkLoadAsync(batch, CancellationToken.None);
                batch.Clear();
            }
        }

        await store.BulkLoadAsync(batch, CancellationToken.None);
    }

    private static (StoredArticle, IReadOnlyList<StoredEvent>) Generate(int i)
    {
        var voice = Voices[i % Voices.Length];
        var published = new DateTimeOffset(2023, 1, 1, 8, 0, 0, TimeSpan.Zero).AddDays(i % 1_000).AddMinutes(i);
        var id = $"gen-{i.ToString("D5", CultureInfo.InvariantCulture)}";
        var url = $"https://news.invalid/{voice.Language}/{id}";
        var sentences = new List<string>();
        var events = new List<StoredEvent>();
        for (var e = 0; e < EventsPerArticle; e++)
        {
            var metal = Metals[(i + e) % Metals.Length];
            var tonnes = 10 + ((i * 37 + e * 11) % 990);
            var sentence = string.Format(CultureInfo.InvariantCulture, voice.Template, voice.Buyer, voice.Seller, tonnes, metal);
            sentences.Add(sentence);
            var supply = new SupplyEvent(
                e == 0 ? EventType.SupplyAgreement : EventType.TradeFlow, metal, voice.Buyer, voice.Seller, tonnes, RatePeriod.Year,
                published.Year.ToString(CultureInfo.InvariantCulture), Countries[i % Countries.Length], Countries[(i + 3) % Countries.Length],
                EventStatus.Fact, $"{voice.Buyer} buys {tonnes} t/yr of {metal} from {voice.Seller}", sentence);
            events.Add(new StoredEvent($"{id}-{e}", id, supply, voice.Language, $"generated-{voice.Language}", url, $"{metal} {id}", published, published));
        }

        var text = string.Join("\n", sentences);
        var article = new StoredArticle(id, url, url, id, $"generated-{voice.Language}", $"{Metals[i % Metals.Length]} {id}", text, voice.Language, published, published);
        return (article, events);
    }
}
