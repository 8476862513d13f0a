using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Bench;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Extraction;
using NewsPipeline.Search;
using NewsPipeline.Search.Vocabulary;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `bench store`: loads generated events and articles into a fresh store and its search engine — the embedded
/// default (LiteDB + Lucene) or PostgreSQL (COPY bulk load + the server's full-text search), chosen by --store —
/// then prints load time, sizes and p50/p99 latencies of typical analyst queries, beside a baseline measured in the
/// same run: the same first query through the store's own indexes.
/// </summary>
internal static class BenchStoreCommand
{
    private const int BatchArticles = 2000;
    private const string DefaultBenchStore = "./bench/bench-store.db";

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events to generate", DefaultValueFactory = _ => 1_000_000 };
        var articles = new Option<int>("--articles") { Description = "Articles to generate", DefaultValueFactory = _ => 200_000 };
        // Not CommonOptions.Store: a benchmark must never default to the operator's store ($NEWSPIPELINE_STORE).
        var store = new Option<string>("--store", "--db")
        {
            Description = "Store to fill: a LiteDB file that must not exist, or an empty PostgreSQL database (postgresql://… or Host=…; migrated here)",
            DefaultValueFactory = _ => DefaultBenchStore,
        };
        var runs = new Option<int>("--runs") { Description = "Timed runs per query", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 7 };
        var budget = new Option<int>("--budget") { Description = "Seconds of timed runs at most per query (fewer runs for a slow one)", DefaultValueFactory = _ => 60 };
        var command = new Command("store", "Load generated events into a fresh store and its search engine, then time typical queries") { events, articles, store, runs, seed, budget };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var settings = StoreSettings.For(parse.GetValue(store), migrateOnStart: true);
            var (eventCount, articleCount) = (parse.GetValue(events), parse.GetValue(articles));
            if (eventCount < 1 || articleCount < 1 || parse.GetValue(runs) < 1 || parse.GetValue(budget) < 1)
            {
                throw new UsageException("--events, --articles, --runs and --budget must be positive");
            }

            if (settings.LiteDb is { } liteDb)
            {
                var file = new FileInfo(liteDb.DatabasePath);
                if (file.Exists || Directory.Exists(file.FullName + SearchIndexOptions.FolderSuffix))
                {
                    throw new UsageException($"{file.FullName} (or its index) already exists: bench store loads into a fresh store");
                }

                file.Directory?.Create();
            }

            await using var services = new ServiceCollection()
                .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddPipelineStore(settings, ArticleAnalyzer.DefaultModelsDirectory)
                .BuildServiceProvider();
            var pipeline = services.GetRequiredService<IPipelineStore>();
            var index = services.GetRequiredService<IRebuildableSearchIndex>();
            if (await pipeline.GetStatisticsAsync(cancellationToken) is { Articles: > 0 } or { Events: > 0 } || (await index.CountAsync(cancellationToken)).Articles > 0)
            {
                throw new UsageException($"{settings.Describe()} is not empty: bench store loads into a fresh store");
            }

            var corpus = new SyntheticCorpus(parse.GetValue(seed), articleCount, eventCount);
            var (storeTime, indexTime) = await LoadAsync(corpus, services.GetRequiredService<IAnalystStore>(), index, articleCount, cancellationToken);
            var analyzeTime = await StoreFootprint.PrepareForQueriesAsync(services, cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (wall times include waiting for other processes)"));
            await Console.Out.WriteLineAsync($"backend: {(settings.IsPostgres ? "PostgreSQL store + PostgreSQL full-text search" : "LiteDB store + Lucene index")} ({settings.Describe()})");
            var analyzed = analyzeTime is { } analyze ? string.Create(CultureInfo.InvariantCulture, $", ANALYZE {analyze.TotalSeconds:0.0} s") : "";
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"loaded {eventCount:N0} events and {articleCount:N0} articles: store {storeTime.TotalSeconds:0.0} s, index {indexTime.TotalSeconds:0.0} s{analyzed}"));
            await Console.Out.WriteLineAsync("size: " + await StoreFootprint.DescribeAsync(services, settings, cancellationToken));

            var parser = new EventSearchParser(SearchVocabularyLoader.Load(ArticleAnalyzer.DefaultModelsDirectory));
            var results = await QueryAsync(parser, pipeline, index, new Timing(parse.GetValue(runs), TimeSpan.FromSeconds(parse.GetValue(budget))), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"query",-62} {"p50 ms",8} {"p99 ms",8} {"CPU ms",8} {"hits",10} {"runs",5}"));
            foreach (var r in results)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.Label,-62} {r.P50Milliseconds,8:0.0} {r.P99Milliseconds,8:0.0} {r.MeanCpuMilliseconds,8:0.0} {r.Hits,10:N0} {r.Runs,5}"));
            }

            var baseline = results[0];
            var searched = results[1];
            var speedUp = baseline.P50Milliseconds / Math.Max(searched.P50Milliseconds, 0.001);
            var verdict = speedUp >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{speedUp:0.0}× faster")
                : string.Create(CultureInfo.InvariantCulture, $"{1 / Math.Max(speedUp, 1e-9):0.0}× slower");
            await Console.Out.WriteLineAsync($"same query, search engine vs the store's own indexes: {verdict} at p50");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<(TimeSpan Store, TimeSpan Index)> LoadAsync(
        SyntheticCorpus corpus, IAnalystStore store, IRebuildableSearchIndex index, int articleCount, CancellationToken cancellationToken)
    {
        var storeTime = TimeSpan.Zero;
        var indexTime = TimeSpan.Zero;
        var done = 0;
        foreach (var batch in corpus.Batches(BatchArticles))
        {
            var start = Stopwatch.GetTimestamp();
            await store.BulkLoadAsync(batch, cancellationToken);
            storeTime += Stopwatch.GetElapsedTime(start);
            start = Stopwatch.GetTimestamp();
            await index.IndexBatchAsync(batch, known: false, cancellationToken);
            indexTime += Stopwatch.GetElapsedTime(start);
            done += batch.Count;
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write($"\r{done:N0}/{articleCount:N0} articles loaded");
            }
        }

        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }

        return (storeTime, indexTime);
    }

    private static async Task<List<LatencyProbe.Result>> QueryAsync(
        EventSearchParser parser, IPipelineStore store, IEventSearchIndex index, Timing timing, CancellationToken cancellationToken)
    {
        var quarter = new DateOnly(SyntheticCorpus.Today.Year, ((SyntheticCorpus.Today.Month - 1) / 3 * 3) + 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (string Label, string Query)[] filtered =
        [
            ("gallium into JP since 2024, by tonnes", "metal=gallium&country=JP&country_role=destination&since=2024-01-01&sort=tonnes_desc"),
            ("Kazakh exports this quarter (KZ origin, event start)", $"country=KZ&country_role=origin&type=trade_flow&type=supply_agreement&since={quarter}&date_field=start"),
            ("battery metals over 10 kt", "metal=battery%20metals&min_tonnes=10000"),
            ("company alias in Cyrillic (Мицубиси)", "company=%D0%9C%D0%B8%D1%86%D1%83%D0%B1%D0%B8%D1%81%D0%B8"),
            ("rare earths export restrictions from CN", "metal=rare%20earths&type=export_restriction&country=CN&country_role=origin"),
            ("planned investments ≥ 1 kt, smallest first", "type=investment&status=planned&min_tonnes=1000&sort=tonnes_asc"),
            ("Japanese articles since 2025, one outlet", "language=ja&feed=bench-ja-0&since=2025-01-01"),
            ("everything, newest first", ""),
        ];

        var results = new List<LatencyProbe.Result>
        {
            await LatencyProbe.MeasureAsync("baseline: query 1 through the store's own indexes", timing.Runs, timing.Budget, async () =>
                (await store.QueryEventsAsync(new EventQuery(Metal: "gallium", Country: "JP", Since: new DateOnly(2024, 1, 1), Limit: 50), cancellationToken)).Count),
        };
        foreach (var (label, query) in filtered)
        {
            var search = Parse(parser, query);
            results.Add(await LatencyProbe.MeasureAsync(label, timing.Runs, timing.Budget, async () => (await index.SearchEventsAsync(search, cancellationToken)).Total));
        }

        var page50 = await CursorForPageAsync(index, Parse(parser, "limit=50"), 50, cancellationToken);
        results.Add(await LatencyProbe.MeasureAsync("page 50 via cursor (50 per page)", timing.Runs, timing.Budget, async () => (await index.SearchEventsAsync(page50, cancellationToken)).Items.Count));
        var everything = Parse(parser, string.Empty);
        results.Add(await LatencyProbe.MeasureAsync("facets on everything", Math.Max(5, timing.Runs / 5), timing.Budget, async () => (await index.FacetsAsync(everything, cancellationToken)).Total));
        var lithium = Parse(parser, "metal=lithium&since=2024-01-01");
        results.Add(await LatencyProbe.MeasureAsync("facets, lithium since 2024", timing.Runs, timing.Budget, async () => (await index.FacetsAsync(lithium, cancellationToken)).Total));

        foreach (var (language, words) in new[] { ("en", "offtake agreement"), ("fr", "exportations"), ("ru", "поставки никеля"), ("ja", "ガリウム"), ("zh", "出口管制") })
        {
            var search = Parse(parser, "sort=relevance&q=" + Uri.EscapeDataString(words));
            results.Add(await LatencyProbe.MeasureAsync($"full text, events ({language}: {words})", timing.Runs, timing.Budget, async () => (await index.SearchEventsAsync(search, cancellationToken)).Total));
            var articles = new ArticleSearch { Text = words, Limit = 20 };
            results.Add(await LatencyProbe.MeasureAsync($"full text, articles ({language}: {words})", timing.Runs, timing.Budget, async () => (await index.SearchArticlesAsync(articles, cancellationToken)).Total));
        }

        return results;
    }

    private static async Task<EventSearch> CursorForPageAsync(IEventSearchIndex index, EventSearch first, int page, CancellationToken cancellationToken)
    {
        var search = first;
        for (var i = 1; i < page; i++)
        {
            var result = await index.SearchEventsAsync(search, cancellationToken);
            search = search with { Cursor = SearchCursor.TryDecode(result.NextCursor ?? throw new InvalidOperationException("fewer pages than asked")) };
        }

        return search;
    }

    /// <summary>Timed runs per query, and the wall time after which a slow query stops being repeated.</summary>
    private sealed record Timing(int Runs, TimeSpan Budget);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static EventSearch Parse(EventSearchParser parser, string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));
        var parsed = parser.ParseEvents(pairs);
        return parsed.Value ?? throw new InvalidOperationException("bench query invalid: " + string.Join("; ", parsed.Errors));
    }
}
