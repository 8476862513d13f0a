using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Ingestion.Http;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>
/// Three simulated days of 210 feeds on six hosts, all served by one real loopback server that routes by Host header,
/// with the worker's passes driven by fake time exactly as <see cref="PollingWorker"/> drives them (pass, then sleep
/// until the next feed and its host are due). One host goes through a 503 outage with Retry-After, one host has feeds
/// that fail until an operator resumes them, some feeds reuse GUIDs and some syndicate another host's articles with
/// tracking parameters. About 1,900 passes, 2,000 feed polls and 400 stored articles.
/// </summary>
public sealed class PollingSimulationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start + TimeSpan.FromDays(3);
    private static readonly DateTimeOffset OutageStart = Start + TimeSpan.FromHours(20);
    private static readonly DateTimeOffset OutageEnd = Start + TimeSpan.FromHours(26);
    private static readonly DateTimeOffset Repaired = Start + TimeSpan.FromHours(48);
    private static readonly DateTimeOffset ResumeAt = Start + TimeSpan.FromHours(50);
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(10);
    private const int FeedsPerHost = 35;
    private const int ItemsPerDocument = 8;

    // Host, language, a title and a lead sentence template per language ({0} article number, {1} a quantity), and a closing sentence.
    private static readonly (string Host, string Language, string Title, string Sentence, string Closing)[] Hosts =
    [
        ("rudnik.test", "ru", "Новость {0}", "Горная компания Уралмедь номер {0} увеличила добычу меди на {1} тысяч тонн в 2026 году.",
            "Об этом сообщила пресс-служба компании в Екатеринбурге, уточнив, что рост связан с запуском новой обогатительной фабрики."),
        ("kogyo.test", "ja", "ニュース {0}", "鉱山会社第{0}号は銅{1}万トンを日本へ輸出すると発表した。",
            "同社の広報担当者によると、契約は五年間有効で、出荷は来年の春に始まる予定だという。"),
        ("youse.test", "zh", "新闻 {0}", "有色金属公司第{0}号宣布向日本出口{1}万吨铝。",
            "公司发言人表示，该合同为期五年，首批货物将于明年春季从天津港发运。"),
        ("metaux.test", "fr", "Article {0}", "La société minière numéro {0} livrera {1}000 tonnes de nickel à la France dès 2027.",
            "Le contrat, signé à Nouméa pour cinq ans, prévoit des livraisons trimestrielles selon un porte-parole du groupe."),
        ("flaky.test", "es", "Noticia {0}", "La minera número {0} exportará {1} mil toneladas de litio desde Chile en 2027.",
            "El acuerdo fue firmado en Santiago por cinco años, según informó la empresa en un comunicado."),
        ("broken.test", "de", "Meldung {0}", "Das Bergbauunternehmen Nummer {0} liefert ab 2027 jährlich {1} Tausend Tonnen Kupfer nach Deutschland.",
            "Der Vertrag wurde in Hamburg für fünf Jahre unterzeichnet, teilte ein Sprecher des Unternehmens mit."),
    ];

    private static bool IsBroken(string host, int index) => host == "broken.test" && index < 5;

    private static bool ReusesGuids(int index) => index == 9;

    // The first ten feeds of metaux.test also carry rudnik.test's feed of the same number, with a tracking parameter.
    private static bool Syndicates(string host, int index) => host == "metaux.test" && index < 10;

    private static TimeSpan Period(int index) => TimeSpan.FromHours(24 * (1 + (index % 3)));

    private static DateTimeOffset Published(int index, int k) =>
        Start + TimeSpan.FromMinutes(index * 37 % (int)Period(index).TotalMinutes) + (Period(index) * k);

    [Fact]
    public async Task Hundreds_of_feeds_over_three_days_respect_host_limits_back_off_pause_and_resume_and_store_nothing_twice()
    {
        var time = new FakeTimeProvider(Start);
        var log = new ConcurrentQueue<(string Host, string Path, DateTimeOffset At, int Status)>();
        var inFlight = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var maxInFlight = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var host = context.Request.Host.Host;
            var now = inFlight.AddOrUpdate(host, 1, (_, n) => n + 1);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                await Task.Yield();
                await AnswerAsync(context, host, time.GetUtcNow());
                log.Enqueue((host, context.Request.Path.Value!, time.GetUtcNow(), context.Response.StatusCode));
            }
            finally
            {
                inFlight.AddOrUpdate(host, 0, (_, n) => n - 1);
            }
        });

        var feeds = Hosts.SelectMany(h => Enumerable.Range(0, FeedsPerHost)
            .Select(i => new FeedDefinition($"{h.Host} #{i}", new Uri($"http://{h.Host}/feed-{i}.xml"), h.Language, TimeSpan.FromHours(3))))
            .ToList();
        using var temp = new TempDirectory();
        var options = new WorkerOptions { MinimumHostGap = Gap, PauseAfterFailures = 3, ConcurrentFeeds = 4 };
        var problems = new ConcurrentQueue<string>();
        await using var pipeline = new PipelineFixture(temp.File("store.db"), time, options, services =>
        {
            RouteEveryHostTo(services, server.BaseUrl);
            services.AddLogging(b => b.AddProvider(new ArticleProblemLog(problems)).SetMinimumLevel(LogLevel.Debug));
        });

        var pausedBeforeResume = new List<FeedState>();
        var resumed = false;
        while (time.GetUtcNow() < End)
        {
            if (!resumed && time.GetUtcNow() >= ResumeAt)
            {
                pausedBeforeResume.AddRange(await ResumeBrokenFeedsAsync(pipeline, feeds));
                resumed = true;
            }

            var next = (await pipeline.Cycle.RunAsync(feeds, onlyDue: true, CancellationToken.None)).NextDue;
            var now = time.GetUtcNow();
            next = next > now ? next : now + options.MinimumIdle;
            time.SetUtcNow(!resumed && next > ResumeAt ? ResumeAt : next);
        }

        var requests = log.ToList();
        var feedRequests = requests.Where(r => r.Path.StartsWith("/feed-", StringComparison.Ordinal)).ToList();
        var states = (await pipeline.Store.ListFeedStatesAsync(CancellationToken.None)).ToDictionary(s => s.FeedName, StringComparer.Ordinal);

        // Per host: one request at a time, and feed polls at least the minimum gap apart.
        Assert.Equal(1, maxInFlight);
        foreach (var host in feedRequests.GroupBy(r => r.Host))
        {
            var times = host.Select(r => r.At).Order().ToList();
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Gap, $"{host.Key}: polls at {pair.First:O} and {pair.Second:O}"));
        }

        // The outage: the host's feeds wait at least its Retry-After between tries, so it sees a handful of requests.
        var duringOutage = feedRequests.Where(r => r.Host == "flaky.test" && r.At >= OutageStart && r.At < OutageEnd).Select(r => r.At).Order().ToList();
        Assert.InRange(duringOutage.Count, 2, 13);
        Assert.All(duringOutage.Zip(duringOutage.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMinutes(30)));
        Assert.All(feeds.Where(f => f.Url.Host == "flaky.test"), f => Assert.Equal(0, states[f.Name].ConsecutiveFailures));

        // Failing feeds: paused after three failures, left alone while paused, polled again once resumed.
        Assert.Equal(5, pausedBeforeResume.Count);
        Assert.All(pausedBeforeResume, s => Assert.Equal("3 failures in a row", s.PausedReason));
        foreach (var feed in feeds.Where(f => IsBroken(f.Url.Host, Index(f))))
        {
            Assert.Equal(3, feedRequests.Count(r => r.Host == "broken.test" && r.Path == feed.Url.AbsolutePath && r.At < ResumeAt));
            Assert.Null(states[feed.Name].PausedReason);
            Assert.True(states[feed.Name].LastSuccess >= ResumeAt);
        }

        // Validators were used: most polls of quiet feeds are answered 304.
        Assert.True(feedRequests.Count(r => r.Status == 304) > feedRequests.Count / 3);
        Assert.All(feeds.Where(f => ReusesGuids(Index(f)) && !IsBroken(f.Url.Host, Index(f))), f => Assert.True(states[f.Name].ReusesGuids, f.Name));

        // Every article page was served fine, so none may fail or be refused as a duplicate.
        Assert.True(problems.IsEmpty, string.Join("\n", problems));

        // Nothing fetched twice, nothing stored twice, nothing lost: every article published 30 h before the end (more than the 24 h ceiling plus jitter) is stored.
        var pages = requests.Where(r => r.Path.StartsWith("/a/", StringComparison.Ordinal)).Select(r => r.Host + r.Path).ToList();
        Assert.Equal(pages.Count, pages.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(pages.Count, (await pipeline.Store.GetStatisticsAsync(CancellationToken.None)).Articles);
        var expected = feeds.SelectMany(f => Enumerable.Range(0, 10).Where(k => Published(Index(f), k) <= End - TimeSpan.FromHours(30))
            .Select(k => $"{f.Url.Host}/a/{Index(f)}/{k}")).ToList();
        Assert.Empty(expected.Except(pages, StringComparer.Ordinal));
    }

    private static int Index(FeedDefinition feed) =>
        int.Parse(feed.Url.AbsolutePath["/feed-".Length..^".xml".Length], CultureInfo.InvariantCulture);

    private static async Task AnswerAsync(HttpContext context, string host, DateTimeOffset now)
    {
        var path = context.Request.Path.Value!;
        var language = Hosts.Single(h => h.Host == host);
        if (path.StartsWith("/a/", StringComparison.Ordinal))
        {
            var parts = path.Split('/');
            var number = $"{parts[2]}-{parts[3]}";
            var sentence = string.Format(CultureInfo.InvariantCulture, language.Sentence, number, 10 + int.Parse(parts[3], CultureInfo.InvariantCulture));
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
                $"<html lang=\"{language.Language}\"><head><title>{string.Format(CultureInfo.InvariantCulture, language.Title, number)}</title></head>"
                + $"<body><article><p>{sentence}</p><p>{language.Closing}</p></article></body></html>"));
            return;
        }

        var index = int.Parse(path["/feed-".Length..^".xml".Length], CultureInfo.InvariantCulture);
        if ((host == "flaky.test" && now >= OutageStart && now < OutageEnd) || (IsBroken(host, index) && now < Repaired))
        {
            context.Response.StatusCode = host == "flaky.test" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            context.Response.Headers.RetryAfter = "1800";
            return;
        }

        var items = Items(host, index, now).Concat(Syndicates(host, index) ? Items("rudnik.test", index, now, "?utm_source=metaux&utm_medium=rss") : []).ToList();
        var etag = $"\"{items.Count}-{string.Join(',', items.Select(i => i.K))}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        context.Response.Headers.ETag = etag;
        var body = string.Concat(items.Select(i =>
            $"<item><title>{i.Title}</title><link>{i.Link}</link><guid isPermaLink=\"false\">{i.Guid}</guid><pubDate>{i.Published:R}</pubDate></item>"));
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{host} {index}</title><link>http://{host}/</link><description>d</description>{body}</channel></rss>"));
    }

    private static IEnumerable<(int K, string Title, string Link, string Guid, DateTimeOffset Published)> Items(string host, int index, DateTimeOffset now, string query = "")
    {
        var language = Hosts.Single(h => h.Host == host);
        var visible = Enumerable.Range(0, 20).Where(k => Published(index, k) <= now).ToList();
        return visible.TakeLast(ItemsPerDocument).Reverse().Select(k => (
            k,
            string.Format(CultureInfo.InvariantCulture, language.Title, $"{index}-{k}"),
            $"http://{host}/a/{index}/{k}{query.Replace("&", "&amp;", StringComparison.Ordinal)}",
            ReusesGuids(index) ? $"n{k % 2}" : $"{host}-{index}-{k}{query.Length}",
            Published(index, k)));
    }

    private static async Task<IReadOnlyList<FeedState>> ResumeBrokenFeedsAsync(PipelineFixture pipeline, IReadOnlyList<FeedDefinition> feeds)
    {
        // As `newspipeline feeds resume` does it.
        var paused = new List<FeedState>();
        foreach (var feed in feeds.Where(f => IsBroken(f.Url.Host, Index(f))))
        {
            var state = (await pipeline.Store.GetFeedStateAsync(feed.Name, CancellationToken.None))!;
            paused.Add(state);
            await pipeline.Store.SaveFeedStateAsync(state with { PausedReason = null, ConsecutiveFailures = 0, NextPoll = null }, CancellationToken.None);
        }

        return paused.Where(s => s.IsPaused).ToList();
    }

    // Every simulated host name connects to the one loopback server; the Host header still names the host.
    private static void RouteEveryHostTo(IServiceCollection services, Uri server)
    {
        SocketsHttpHandler Handler() => new()
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, server.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        services.AddHttpClient(IngestionHttpClients.Feeds).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient(IngestionHttpClients.Pages).ConfigurePrimaryHttpMessageHandler(Handler);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Collects the article-level warnings and errors (page skipped, article crashed, not added) for the assertion message.</summary>
    private sealed class ArticleProblemLog(ConcurrentQueue<string> problems) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, problems);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> problems) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id is 2002 or 2003 or 1005)
                {
                    problems.Enqueue($"{category} {eventId.Id}: {formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}
