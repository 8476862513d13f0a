using System.Globalization;
using System.Text;
using System.Text.Json;
using NewsPipeline.Cli.Output;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>
/// Issue 6 acceptance: one deal written by us in French, English and Japanese, each language by two outlets in
/// their own words, served as two feeds and ingested end to end, is stored as one event with six sources; a
/// similar deal with another buyer and one with another tonnage stay separate.
/// </summary>
public sealed class StoryAcrossArticlesTests
{
    private static readonly Page[] Pages =
    [
        // Outlet A, "Metals Wire".
        new("wire-a", "fr-glencore-cobalt.html", "fr", 1, "Glencore fournira du cobalt à Panasonic",
            "Le négociant suisse Glencore fournira au japonais Panasonic 6 000 tonnes de cobalt par an à partir de 2027, en vertu d'un contrat d'approvisionnement signé lundi.",
            "Le métal proviendra des mines du groupe en République démocratique du Congo. Les deux sociétés n'ont pas précisé le prix.",
            "Les fabricants de batteries cherchent à diversifier leurs sources d'approvisionnement, notent les analystes du secteur."),
        new("wire-a", "en-glencore-cobalt.html", "en", 1, "Glencore to supply cobalt to Panasonic",
            "Glencore has agreed to supply Panasonic with 6,000 tonnes of cobalt a year starting in 2027, the two companies said on Tuesday.",
            "The cobalt will come from Glencore's operations in the Democratic Republic of the Congo. Financial terms were not disclosed.",
            "Battery makers have been racing to lock in long-term supplies of the metal, analysts say."),
        new("wire-a", "ja-glencore-cobalt.html", "ja", 1, "グレンコア、パナソニックにコバルト供給",
            "スイスの資源大手グレンコアは1日、2027年からパナソニックに年間6000トンのコバルトを供給する長期契約を結んだと発表した。",
            "価格や契約期間は明らかにしていない。両社は今後も協力関係を深めるとしている。"),

        // Outlet B, "Asia Battery Desk": the same deal seen from the buyer's side, a day or two later.
        new("desk-b", "fr-panasonic-cobalt.html", "fr", 2, "Panasonic sécurise son cobalt",
            "Le fabricant japonais de batteries Panasonic achètera 6 000 tonnes de cobalt par an au groupe suisse Glencore dès 2027, selon un communiqué publié mardi.",
            "Le contrat court sur cinq ans. Panasonic n'a pas indiqué le montant de la transaction."),
        new("desk-b", "en-panasonic-cobalt.html", "en", 3, "Panasonic signs cobalt offtake",
            "Japanese battery maker Panasonic signed an offtake agreement with Glencore for 6,000 tonnes of cobalt per year from 2027.",
            "The deal runs for five years and covers material mined in Congo. The metal will go to cell plants in Japan."),
        new("desk-b", "ja-panasonic-cobalt.html", "ja", 2, "パナソニック、コバルト調達契約",
            "パナソニックは、グレンコアから2027年以降、年6000トンのコバルトを購入する供給契約を締結した。",
            "契約期間は5年間。電池の生産に使うという。"),

        // Similar but different deals: another buyer, and the same parties for another tonnage.
        new("desk-b", "en-toyota-cobalt.html", "en", 2, "Glencore to supply cobalt to Toyota Tsusho",
            "Glencore has agreed to supply Toyota Tsusho with 6,000 tonnes of cobalt a year starting in 2027, the companies said on Wednesday.",
            "Financial terms were not disclosed."),
        new("desk-b", "fr-second-contrat.html", "fr", 3, "Glencore et Panasonic, second contrat",
            "Glencore livrera en outre à Panasonic 2 500 tonnes de cobalt par an à partir de 2027 au titre d'un second contrat.",
            "Les deux groupes n'ont pas donné d'autres détails."),
    ];

    [Fact]
    public async Task One_deal_in_three_languages_from_two_outlets_is_one_event_with_six_sources()
    {
        await using var server = await ServeAsync(Pages);
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"));
        FeedDefinition[] feeds =
        [
            new("wire-a", server.Url("wire-a.xml"), "en", TimeSpan.FromMinutes(30)),
            new("desk-b", server.Url("desk-b.xml"), "en", TimeSpan.FromMinutes(30)),
        ];

        var report = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);

        Assert.Equal(Pages.Length, report.Added);
        var cobalt = await pipeline.Store.QueryEventsAsync(new EventQuery(Metal: "cobalt"), CancellationToken.None);
        var deal = Assert.Single(cobalt, e => e.Event.Buyer == "Panasonic" && e.Event.Tonnes == 6000);
        Assert.Equal(6, deal.SourceCount);
        var sources = deal.Sources!;
        Assert.Equal(Pages.Take(6).Select(p => p.Path).Order(StringComparer.Ordinal), sources.Select(s => new Uri(s.Url).AbsolutePath.TrimStart('/')).Order(StringComparer.Ordinal));
        Assert.Equal(["en", "en", "fr", "fr", "ja", "ja"], sources.Select(s => s.Language).Order(StringComparer.Ordinal));
        Assert.Equal(3, sources.Count(s => s.FeedName == "wire-a"));
        Assert.All(sources, s => Assert.Equal(("Panasonic", "Glencore", 6000.0), (s.Reported.Buyer, s.Reported.Seller, s.Reported.Tonnes!.Value)));
        Assert.Equal(("Glencore", "2027", "CH", "JP"), (deal.Event.Seller, deal.Event.Start, deal.Event.Origin, deal.Event.Destination));

        // The similar deals are events of their own, each with its one source.
        Assert.Single(cobalt, e => e.Event.Buyer == "Toyota Tsusho" && e.SourceCount == 1);
        Assert.Single(cobalt, e => e.Event.Tonnes == 2500 && e.SourceCount == 1);
        Assert.Equal(3, cobalt.Count);
        Assert.Equal(3, (await pipeline.Store.GetStatisticsAsync(CancellationToken.None)).Events);

        // What an analyst sees: the source count in the table, every source in JSON.
        var table = new StringWriter(CultureInfo.InvariantCulture);
        await EventFormatter.WriteAsync(table, [deal], EventFormat.Table);
        Assert.Matches(@"\|?\s6\s*$", table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^2]);
        var json = new StringWriter(CultureInfo.InvariantCulture);
        await EventFormatter.WriteAsync(json, [deal], EventFormat.Json);
        using var parsed = JsonDocument.Parse(json.ToString());
        Assert.Equal(6, parsed.RootElement[0].GetProperty("sources").GetArrayLength());
        Assert.Equal(6, parsed.RootElement[0].GetProperty("source_count").GetInt32());
    }

    [Fact]
    public async Task Query_min_sources_keeps_only_deals_that_several_articles_reported()
    {
        // Outlet A in English and outlet B in Japanese report the Panasonic deal; the Toyota Tsusho deal has one report.
        Page[] pages = [Pages[1], Pages[5], Pages[6]];
        await using var server = await ServeAsync(pages);
        using var temp = new TempDirectory();
        var db = temp.File("store.db");
        await using (var pipeline = new PipelineFixture(db))
        {
            FeedDefinition[] feeds =
            [
                new("wire-a", server.Url("wire-a.xml"), "en", TimeSpan.FromMinutes(30)),
                new("desk-b", server.Url("desk-b.xml"), "ja", TimeSpan.FromMinutes(30)),
            ];
            Assert.Equal(pages.Length, (await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None)).Added);
        }

        var confirmed = await QueryAsync(temp.Path, db, "--min-sources", "2");
        var deal = Assert.Single(confirmed);
        Assert.Equal(("Panasonic", 2), (deal.GetProperty("buyer").GetString(), deal.GetProperty("source_count").GetInt32()));
        Assert.Equal(2, (await QueryAsync(temp.Path, db, "--min-sources", "1")).Count);
        Assert.Empty(await QueryAsync(temp.Path, db, "--min-sources", "3", "--metal", "cobalt"));
        Assert.Equal(["Panasonic", "Toyota Tsusho"], (await QueryAsync(temp.Path, db, "--sort", "sources_desc")).Select(e => e.GetProperty("buyer").GetString()));

        var refused = await CliProcess.RunAsync(temp.Path, "query", "--db", db, "--min-sources", "0");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--min-sources", refused.StandardError, StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> QueryAsync(string folder, string db, params string[] filters)
    {
        var result = await CliProcess.RunAsync(folder, ["query", "--db", db, "--format", "json", .. filters]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var rows = JsonDocument.Parse(result.StandardOutput);
        return rows.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static Task<LoopbackServer> ServeAsync(IReadOnlyList<Page> pages) =>
        LoopbackServer.StartAsync(async context =>
        {
            var path = (context.Request.Path.Value ?? "/").TrimStart('/');
            var baseUrl = $"http://{context.Request.Host}/";
            var feed = pages.Where(p => p.Feed + ".xml" == path).ToList();
            var page = pages.SingleOrDefault(p => p.Path == path);
            (int Status, string Type, string Body) answer =
                feed.Count > 0 ? (200, "application/rss+xml", Rss(baseUrl, feed))
                : page is not null ? (200, "text/html; charset=utf-8", page.Html())
                : (404, "text/plain", "not found");
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.Type;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.Body));
        });

    private static string Rss(string baseUrl, IEnumerable<Page> pages)
    {
        var items = string.Concat(pages.Select(p =>
            $"<item><title>{p.Title}</title><link>{baseUrl}{p.Path}</link><guid isPermaLink=\"false\">{p.Path}</guid><pubDate>{p.Day:00} Sep 2026 08:00:00 +0000</pubDate></item>"));
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Test outlet</title><link>{baseUrl}</link><description>t</description>{items}</channel></rss>";
    }

    private sealed record Page(string Feed, string Path, string Language, int Day, string Title, params string[] Paragraphs)
    {
        public string Html() =>
            $"""
            <!doctype html><html lang="{Language}"><head><meta charset="utf-8"><title>{Title}</title></head>
            <body><nav><a href="/">Home</a></nav>
            <article><h1>{Title}</h1>{string.Concat(Paragraphs.Select(p => "<p>" + p + "</p>"))}</article>
            <footer>© Test outlet</footer></body></html>
            """;
    }
}
