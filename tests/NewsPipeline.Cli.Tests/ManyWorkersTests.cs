using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Storage.Postgres;
using NewsPipeline.TestSupport;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace NewsPipeline.Cli.Tests;

/// <summary>
/// The scale-out acceptance test: four real `newspipeline run` processes share one PostgreSQL database and 200 feeds
/// on five publisher hosts (127.0.0.1–127.0.0.5, each a real listener), and one worker is killed while it holds leases.
/// Every article must be stored once, every feed polled, no host asked by two workers at once or sooner than the gap
/// after its last answer, the dead worker's feeds taken over, and every alert delivered once per Idempotency-Key.
/// </summary>
public sealed class ManyWorkersTests(ITestOutputHelper output)
{
    private const int Feeds = 200;
    private const int HostCount = 5;
    private const int Workers = 4;
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    // Tolerance for the gap: the database clock and the publishers' stopwatch are read a few instructions apart.
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMilliseconds(30);

    // Our own sentences, one supply deal each: {0} makes companies distinct per article, {1} is the tonnage.
    private static readonly (string Language, string Deal, string Closing)[] Languages =
    [
        ("en", "Harbor Metals {0} Ltd signed an agreement to buy {1} tonnes of cobalt a year from Lualaba Mining {0} SA starting in 2027.",
            "The contract runs for five years and deliveries will be shipped through the port of Dar es Salaam, the buyer said."),
        ("fr", "Alpes Métaux {0} SA a signé un contrat pour acheter {1} tonnes de nickel par an à Calédonie Mines {0} SAS à partir de 2027.",
            "Le contrat court sur cinq ans et les livraisons partiront du port de Nouméa, a précisé un porte-parole."),
        ("de", "Die Rheinhütte {0} GmbH hat vereinbart, ab 2027 jährlich {1} Tonnen Kupfer von der Anden Bergbau {0} SA zu kaufen.",
            "Der Vertrag läuft fünf Jahre, die Lieferungen gehen über den Hafen Hamburg, teilte ein Sprecher mit."),
        ("es", "Andina Litio {0} SA firmó un acuerdo para vender {1} toneladas de litio al año a Pacific Batteries {0} Ltd desde 2027.",
            "El contrato tiene una duración de cinco años y los envíos saldrán del puerto de Antofagasta, informó la empresa."),
        ("pt", "A Serra Nióbio {0} SA assinou um contrato para fornecer {1} toneladas de nióbio por ano à Shanghai Alloys {0} Co a partir de 2027.",
            "O contrato tem duração de cinco anos e os embarques sairão do porto de Santos, informou a empresa."),
        ("ru", "Компания «Уралметалл-{0}» подписала соглашение о поставке {1} тонн никеля в год компании Baltic Alloys {0} AB с 2027 года.",
            "Контракт рассчитан на пять лет, отгрузки пойдут через порт Усть-Луга, сообщили в компании."),
        ("ja", "三星商事{0}株式会社は、2027年から年間{1}トンのリチウムをアンデス鉱業{0}社から購入する契約を結んだ。",
            "契約期間は五年間で、出荷はチリのアントファガスタ港から行われる予定だと同社は説明した。"),
        ("zh", "华东金属{0}有限公司与澳洲矿业{0}公司签署协议，自2027年起每年采购{1}吨锂。",
            "该合同为期五年，货物将从黑德兰港装运，公司发言人表示。"),
        ("kk", "«Қазмыс-{0}» компаниясы 2027 жылдан бастап жыл сайын {1} тонна мысты «Шанхай Металл {0}» компаниясына жеткізу туралы келісімге қол қойды.",
            "Келісімшарт бес жылға жасалды, жүк Қорғас арқылы жөнелтіледі, деп хабарлады компания."),
    ];

    [SkippableFact]
    public async Task Four_workers_share_200_feeds_on_five_hosts_and_survive_one_being_killed()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var clock = Stopwatch.StartNew();
        var requests = new ConcurrentQueue<PublisherRequest>();
        await using var publishers = await StartPublishersAsync(requests, clock);
        var received = new ConcurrentQueue<(string Key, TimeSpan At)>();
        await using var receiver = await LoopbackServer.StartAsync(context =>
        {
            received.Enqueue((context.Request.Headers["Idempotency-Key"].ToString(), clock.Elapsed));
            return Task.CompletedTask;
        });
        await PrepareStoreAsync(database.ConnectionString, receiver.Url("/hook"));
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("feeds.json"), FeedList(publishers.BaseUrls));
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);

        var workers = Enumerable.Range(1, Workers).Select(i => WorkerProcess.Start(temp.Path, $"worker-{i}", database.ConnectionString)).ToList();
        try
        {
            // Kill the worker holding the most live leases once a third of the feeds were asked for.
            await WaitForAsync(() => Task.FromResult(requests.Count(r => r.IsFeed) >= Feeds / 3), "a third of the feeds polled", workers);
            var (victim, orphaned) = await FreezeBusiestWorkerAsync(source, workers);
            victim.Process.Kill(entireProcessTree: true);
            victim.MarkKilled();
            await victim.Process.WaitForExitAsync();
            var killedAt = clock.Elapsed;

            await WaitForAsync(() => DoneAsync(source), "every feed polled and every alert sent", workers);

            // Every item stored exactly once (the 20 feeds that repeat a neighbour's item included), none missing.
            var stored = await StringsAsync(source, "SELECT record->>'url' FROM articles");
            Assert.Equal(Feeds * 2, stored.Count);
            Assert.Equal(ExpectedArticleUrls(publishers.BaseUrls).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

            // Every feed polled, successfully.
            var feedPaths = requests.Where(r => r.IsFeed).Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(Feeds, feedPaths.Count);
            Assert.Equal(Feeds, await CountAsync(source, "SELECT count(*) FROM feeds WHERE record->>'last_success' IS NOT NULL AND record->>'last_error' IS NULL"));

            // Per host: one request at a time across all workers, and each feed poll (a host turn) starts at least
            // the gap after the host's previous answer.
            foreach (var host in requests.GroupBy(r => r.Host))
            {
                var ordered = host.OrderBy(r => r.Start).ToList();
                foreach (var (previous, next) in ordered.Zip(ordered.Skip(1)))
                {
                    Assert.True(next.Start >= previous.End, $"{host.Key}: {next.Path} started at {next.Start} while {previous.Path} ran until {previous.End}");
                    if (next.IsFeed)
                    {
                        Assert.True(next.Start - previous.End >= Gap - ClockTolerance, $"{host.Key}: {next.Path} only {(next.Start - previous.End).TotalMilliseconds} ms after {previous.Path}");
                    }
                }
            }

            // The dead worker's leases of feeds it had not finished were taken over by the others, who polled them;
            // a feed it finished (state saved) but died before giving back is simply not due, and nobody asks for it again.
            var takenOver = await StringsAsync(source, "SELECT feed_name FROM feed_leases WHERE taken_over_from = $1 ORDER BY feed_name", victim.Id);
            Assert.NotEmpty(takenOver);
            Assert.Subset(orphaned.ToHashSet(), takenOver.ToHashSet());
            Assert.Equal(takenOver.Count, await CountAsync(source, "SELECT count(*) FROM feed_leases WHERE feed_name = ANY($1) AND last_worker <> $2", takenOver.ToArray(), victim.Id));
            var repolled = requests.Where(r => r.IsFeed && r.Start > killedAt && takenOver.Contains(FeedName(r.Path))).Select(r => r.Path).Distinct().Count();
            Assert.Equal(takenOver.Count, repolled);
            Assert.DoesNotContain(requests, r => r.IsFeed && r.Start > killedAt && orphaned.Except(takenOver).Contains(FeedName(r.Path)));
            Assert.Contains(workers.Where(w => w != victim), w => w.Log.Contains($"lease of worker {victim.Id} expired, taken over by {w.Id}", StringComparison.Ordinal));

            // Every alert delivered once per Idempotency-Key, none missing. A key may only come twice when the dead
            // worker was sending it as it died (sent, not yet recorded): delivery is at least once, keyed for receivers.
            var outbox = await StringsAsync(source, "SELECT alert_id FROM alert_outbox");
            Assert.True(outbox.Count >= Feeds, $"only {outbox.Count} alerts for {Feeds * 2} supply deals");
            var byKey = received.GroupBy(r => r.Key, StringComparer.Ordinal).ToList();
            Assert.Equal(outbox.Order(StringComparer.Ordinal), byKey.Select(k => k.Key).Order(StringComparer.Ordinal));
            var repeated = byKey.Where(k => k.Count() > 1).ToList();
            Assert.All(repeated, k => Assert.True(k.Count() == 2 && k.Min(r => r.At) < killedAt, $"alert {k.Key} delivered {k.Count()} times"));

            // No worker met an unexpected error (a lost race on a unique key would show here).
            Assert.All(workers, w => Assert.DoesNotContain("fail:", w.Log, StringComparison.Ordinal));
            foreach (var line in workers.SelectMany(w => w.Log.Split('\n')).Where(l => l.Contains("taken over by", StringComparison.Ordinal)))
            {
                output.WriteLine(line.Trim());
            }

            output.WriteLine(
                $"{Feeds} feeds, {stored.Count} articles, {outbox.Count} alerts ({repeated.Count} resent after the kill), {orphaned.Count} leases left by {victim.Id}, {takenOver.Count} taken over and re-polled, " +
                $"requests per host: {string.Join(", ", requests.GroupBy(r => r.Host).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}"))}, " +
                $"done after {clock.Elapsed.TotalSeconds:F1} s (kill at {killedAt.TotalSeconds:F1} s)");
        }
        finally
        {
            foreach (var worker in workers.Where(w => !w.Process.HasExited))
            {
                worker.Terminate();
            }

            foreach (var worker in workers)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await worker.Process.WaitForExitAsync(timeout.Token);
                worker.ExitCode = worker.Process.ExitCode;
                worker.Process.Dispose();
            }
        }

        // SIGTERM stops a worker cleanly.
        Assert.All(workers, w => Assert.True(w.Killed || w.ExitCode == 0, $"{w.Id} exited with {w.ExitCode}: {w.Log}"));
    }

    private static async Task<bool> DoneAsync(NpgsqlDataSource source) =>
        await CountAsync(source, "SELECT count(*) FROM feeds WHERE record->>'last_success' IS NOT NULL") == Feeds
        && await CountAsync(source, "SELECT count(*) FROM feed_leases WHERE worker_id IS NOT NULL AND leased_until > now()") == 0
        && await CountAsync(source, "SELECT count(*) FROM articles") >= Feeds * 2
        && await CountAsync(source, "SELECT count(*) FROM alert_outbox WHERE state = 'pending'") == 0;

    // Stops the chosen worker (SIGSTOP) before reading its leases: between choosing it and killing it, a running
    // worker could hand every lease back, and the test would then prove nothing about takeovers.
    private static async Task<(WorkerProcess Victim, IReadOnlyList<string> Orphaned)> FreezeBusiestWorkerAsync(NpgsqlDataSource source, IReadOnlyList<WorkerProcess> workers)
    {
        while (true)
        {
            var victim = await BusiestWorkerAsync(source, workers);
            await SignalAsync(victim.Process, "-STOP");
            var held = await StringsAsync(source, "SELECT feed_name FROM feed_leases WHERE worker_id = $1 AND leased_until > now() ORDER BY feed_name", victim.Id);
            // At least one of them not yet polled under this lease, so that a takeover must follow.
            var unfinished = await CountAsync(source,
                "SELECT count(*) FROM feed_leases l LEFT JOIN feeds f USING (feed_name) WHERE l.worker_id = $1 AND l.leased_until > now() " +
                "AND (f.record->>'last_success' IS NULL OR (f.record->>'last_success')::timestamptz < l.claimed_at)",
                victim.Id);
            if (held.Count > 0 && unfinished > 0)
            {
                return (victim, held);
            }

            await SignalAsync(victim.Process, "-CONT");
        }
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<WorkerProcess> BusiestWorkerAsync(NpgsqlDataSource source, IReadOnlyList<WorkerProcess> workers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        while (true)
        {
            // Whatever its dispatcher holds: alerts it claimed go out from another worker once the claim (--alert-claim) lapses.
            var holders = await StringsAsync(source, "SELECT worker_id FROM feed_leases WHERE worker_id IS NOT NULL AND leased_until > now() GROUP BY worker_id HAVING count(*) >= 2 ORDER BY count(*) DESC");
            if (holders.Count > 0)
            {
                return workers.Single(w => w.Id == holders[0]);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    private static async Task PrepareStoreAsync(string connectionString, Uri hook)
    {
        using var store = await PostgresPipelineStore.OpenAsync(new PostgresStoreOptions { ConnectionString = connectionString, MigrateOnStart = true }, TimeProvider.System, CancellationToken.None);
        await store.SaveSubscriptionAsync(
            new AlertSubscription
            {
                Name = "every-supply-deal",
                Rule = new AlertRule { Types = [EventType.SupplyAgreement] },
                Channels = [new AlertChannel { Kind = AlertChannelKind.Webhook, Url = hook.AbsoluteUri, Secret = "scale-out-secret-0123456789" }],
            },
            CancellationToken.None);
    }

    private static string FeedList(IReadOnlyList<Uri> hosts) =>
        "{\"feeds\":[" + string.Join(",", Enumerable.Range(0, Feeds).Select(i =>
            $"{{\"name\":\"feed-{i:D3}\",\"url\":\"{hosts[i % HostCount]}feeds/{i:D3}.xml\",\"language\":\"{Language(i).Language}\",\"interval\":\"01:00:00\"}}")) + "]}";

    private static IEnumerable<string> ExpectedArticleUrls(IReadOnlyList<Uri> hosts) =>
        Enumerable.Range(0, Feeds).SelectMany(i => new[] { $"{hosts[i % HostCount]}articles/{i:D3}-a.html", $"{hosts[i % HostCount]}articles/{i:D3}-b.html" });

    private static (string Language, string Deal, string Closing) Language(int feed) => Languages[feed % Languages.Length];

    private static string FeedName(string path) => "feed-" + path["/feeds/".Length..^".xml".Length];

    // Feed i lists its two articles; every tenth feed also repeats the first article of the feed five places on
    // (same host), so two feeds race to store one page.
    private static string FeedDocument(Uri host, int feed)
    {
        var items = new List<string> { Item(host, $"{feed:D3}-a"), Item(host, $"{feed:D3}-b") };
        if (feed % 10 == 0 && feed + HostCount < Feeds)
        {
            items.Add(Item(host, $"{feed + HostCount:D3}-a"));
        }

        return $"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {feed}</title><link>{host}</link><description>deals</description>{string.Concat(items)}</channel></rss>""";
    }

    private static string Item(Uri host, string article) =>
        $"<item><title>Deal {article}</title><link>{host}articles/{article}.html</link><guid>{host}articles/{article}.html</guid><pubDate>{DateTimeOffset.UtcNow.AddHours(-1):R}</pubDate></item>";

    private static string ArticlePage(string article)
    {
        var feed = int.Parse(article[..3], CultureInfo.InvariantCulture);
        var number = (feed * 2) + (article.EndsWith('b') ? 1 : 0);
        var (language, deal, closing) = Language(feed);
        var sentence = string.Format(CultureInfo.InvariantCulture, deal, number, 1000 + (number * 7));
        return $"""
            <!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{sentence[..Math.Min(40, sentence.Length)]}</title></head>
            <body><nav><a href="/">Home</a></nav><article><h1>{sentence[..Math.Min(40, sentence.Length)]}</h1>
            <p>{sentence}</p><p>{closing}</p></article><footer>© metals wire</footer></body></html>
            """;
    }

    private static async Task WaitForAsync(Func<Task<bool>> probe, string what, IReadOnlyList<WorkerProcess> workers)
    {
        var deadline = Stopwatch.StartNew();
        while (!await probe())
        {
            // Typically done in under a minute; the margin is for a machine shared with other builds.
            if (deadline.Elapsed > TimeSpan.FromSeconds(180))
            {
                Assert.Fail($"timed out waiting for {what}; worker logs:\n" + string.Join("\n---\n", workers.Select(w => w.Id + ":\n" + w.Log[Math.Max(0, w.Log.Length - 3000)..])));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task<List<string>> StringsAsync(NpgsqlDataSource source, string sql, params object[] values)
    {
        await using var command = source.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource source, string sql, params object[] values)
    {
        await using var command = source.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Publishers> StartPublishersAsync(ConcurrentQueue<PublisherRequest> requests, Stopwatch clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. Enumerable.Range(1, HostCount).Select(i => $"http://127.0.0.{i}:0")]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            var start = clock.Elapsed;
            var path = context.Request.Path.Value ?? "/";
            var host = new Uri($"http://{context.Request.Host}/");
            var (type, body) = path.StartsWith("/feeds/", StringComparison.Ordinal)
                ? ("application/rss+xml", FeedDocument(host, int.Parse(path["/feeds/".Length..^".xml".Length], CultureInfo.InvariantCulture)))
                : ("text/html; charset=utf-8", ArticlePage(path["/articles/".Length..^".html".Length]));
            context.Response.ContentType = type;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
            await context.Response.CompleteAsync();
            requests.Enqueue(new PublisherRequest(context.Request.Host.Host, path, start, clock.Elapsed));
        });
        await app.StartAsync();
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.TrimEnd('/') + "/")).OrderBy(u => u.Host, StringComparer.Ordinal).ToList();
        return new Publishers(app, urls);
    }

    private sealed record PublisherRequest(string Host, string Path, TimeSpan Start, TimeSpan End)
    {
        public bool IsFeed => Path.StartsWith("/feeds/", StringComparison.Ordinal);
    }

    private sealed class Publishers(WebApplication app, IReadOnlyList<Uri> baseUrls) : IAsyncDisposable
    {
        public IReadOnlyList<Uri> BaseUrls { get; } = baseUrls;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>One `newspipeline run` worker process, its output kept for assertions and failure messages.</summary>
    private sealed class WorkerProcess
    {
        private readonly StringBuilder log = new();

        private WorkerProcess(string id, Process process)
        {
            Id = id;
            Process = process;
        }

        public string Id { get; }

        public Process Process { get; }

        public bool Killed { get; private set; }

        public int? ExitCode { get; set; }

        public string Log
        {
            get
            {
                lock (log)
                {
                    return log.ToString();
                }
            }
        }

        public static WorkerProcess Start(string folder, string id, string connectionString)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            string[] arguments =
            [
                Path.Combine(AppContext.BaseDirectory, "newspipeline.dll"), "run", "--feeds", "feeds.json", "--store", connectionString,
                "--worker-id", id, "--lease", "3s", "--host-gap", "250ms", "--alert-claim", "6s", "--alert-send-timeout", "3s",
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var worker = new WorkerProcess(id, Process.Start(start)!);
            worker.Process.OutputDataReceived += (_, e) => worker.Append(e.Data);
            worker.Process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
            worker.Process.BeginOutputReadLine();
            worker.Process.BeginErrorReadLine();
            return worker;
        }

        public void Terminate()
        {
            using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public void MarkKilled() => Killed = true;

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
