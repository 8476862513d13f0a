using System.Text;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>The whole ingest path against real loopback publishers: feeds, pages, store.</summary>
public sealed class IngestCycleTests
{
    private const string GermanPage = """
        <!doctype html><html lang="de"><head><meta charset="utf-8"><title>Liefervertrag für Germanium | Rohstoff-Kurier</title></head>
        <body><nav><a href="/">Start</a> <a href="/maerkte">Märkte</a></nav>
        <article><h1>Liefervertrag für Germanium</h1>
        <p>Die Nordhütte GmbH liefert ab 2027 jährlich 12 Tonnen Germanium an die japanische Sanko Materials K.K., wie beide Unternehmen am Dienstag in Düsseldorf mitteilten.</p>
        <p>Der Vertrag läuft zunächst über fünf Jahre. Das Metall stammt aus der Zinkverhüttung im Ruhrgebiet und geht vollständig nach Japan.</p>
        <p>Beide Seiten nannten keinen Preis. Branchenkenner erwarten weitere Abschlüsse dieser Art, weil Abnehmer in Asien neue Quellen suchen.</p>
        </article><footer>© Rohstoff-Kurier · Impressum · Datenschutz</footer></body></html>
        """;

    private const string RussianPage = """
        <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Экспорт меди вырос | Металл-Вестник</title></head>
        <body><div class="menu"><a href="/">Главная</a></div>
        <div class="content"><h1>Экспорт меди вырос</h1>
        <p>Казахстан в первом полугодии экспортировал 215 тыс. т рафинированной меди, сообщило министерство промышленности республики.</p>
        <p>Основными покупателями остались Китай и Турция. Поставки шли железной дорогой и через порты Каспия.</p>
        </div><div class="footer">Все права защищены</div></body></html>
        """;

    [Fact]
    public async Task A_malformed_feed_and_a_broken_page_are_reported_and_skipped_without_stopping_the_cycle()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            var baseUrl = $"http://{context.Request.Host}/";
            (int Status, string Type, string Body) answer = path switch
            {
                "/good.xml" => (200, "application/rss+xml", Rss(baseUrl, "de-germanium.html", "ru-copper.html", "broken.html")),
                "/malformed.xml" => (200, "application/rss+xml", "<html><body>This is not a feed at all</body>"),
                "/de-germanium.html" => (200, "text/html; charset=utf-8", GermanPage),
                "/ru-copper.html" => (200, "text/html; charset=utf-8", RussianPage),
                "/broken.html" => (500, "text/plain", "internal error"),
                _ => (404, "text/plain", "not found"),
            };
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.Type;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(answer.Body));
        });
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"));
        FeedDefinition[] feeds =
        [
            new("good", server.Url("good.xml"), "de", TimeSpan.FromMinutes(30)),
            new("malformed", server.Url("malformed.xml"), "en", TimeSpan.FromMinutes(30)),
            new("missing", server.Url("missing.xml"), "en", TimeSpan.FromMinutes(30)),
        ];

        var report = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);

        var good = report.Feeds.Single(f => f.Feed == "good");
        Assert.True(good.Succeeded);
        Assert.Equal(2, good.Added);
        Assert.Equal(1, good.Failed);
        Assert.False(report.Feeds.Single(f => f.Feed == "malformed").Succeeded);
        Assert.False(report.Feeds.Single(f => f.Feed == "missing").Succeeded);

        var states = (await pipeline.Store.ListFeedStatesAsync(CancellationToken.None)).ToDictionary(s => s.FeedName);
        Assert.Null(states["good"].LastError);
        Assert.False(string.IsNullOrEmpty(states["malformed"].LastError));
        Assert.Equal(1, states["malformed"].ConsecutiveFailures);
        Assert.Contains("404", states["missing"].LastError, StringComparison.Ordinal);

        var stats = await pipeline.Store.GetStatisticsAsync(CancellationToken.None);
        Assert.Equal(2, stats.Articles);
        var germanium = await pipeline.Store.QueryEventsAsync(new EventQuery(Metal: "germanium"), CancellationToken.None);
        Assert.Contains(germanium, e => e.Language == "de" && e.Event.Tonnes == 12);
    }

    [Fact]
    public async Task Ingest_is_idempotent_across_cycles_and_across_feeds()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var baseUrl = $"http://{context.Request.Host}/";
            var path = context.Request.Path.Value ?? "/";
            var (type, body) = path switch
            {
                // The same article is syndicated by two feeds, once with tracking parameters.
                "/a.xml" => ("application/rss+xml", Rss(baseUrl, "ru-copper.html")),
                "/b.xml" => ("application/rss+xml", Rss(baseUrl, "ru-copper.html?utm_source=rss&amp;utm_medium=feed")),
                _ => ("text/html; charset=utf-8", RussianPage),
            };
            context.Response.ContentType = type;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        using var temp = new TempDirectory();
        await using var pipeline = new PipelineFixture(temp.File("store.db"));
        FeedDefinition[] feeds =
        [
            new("a", server.Url("a.xml"), "ru", TimeSpan.FromMinutes(30)),
            new("b", server.Url("b.xml"), "ru", TimeSpan.FromMinutes(30)),
        ];

        var first = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);
        var eventsAfterFirst = (await pipeline.Store.GetStatisticsAsync(CancellationToken.None)).Events;
        var second = await pipeline.Cycle.RunAsync(feeds, onlyDue: false, CancellationToken.None);

        Assert.Equal(1, first.Added);
        Assert.Equal(0, second.Added);
        var stats = await pipeline.Store.GetStatisticsAsync(CancellationToken.None);
        Assert.Equal(1, stats.Articles);
        Assert.Equal(eventsAfterFirst, stats.Events);
    }

    private static string Rss(string baseUrl, params string[] pages)
    {
        var items = string.Concat(pages.Select((p, i) =>
            $"<item><title>Item {i}</title><link>{baseUrl}{p}</link><guid isPermaLink=\"false\">item-{p}</guid><pubDate>Tue, 0{i + 1} Sep 2026 08:00:00 +0300</pubDate></item>"));
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Test wire</title><link>{baseUrl}</link><description>t</description>{items}</channel></rss>";
    }
}
