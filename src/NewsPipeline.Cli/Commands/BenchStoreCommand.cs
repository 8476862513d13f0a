using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Cli.Bench;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Extraction;
using NewsPipeline.Search;
using NewsPipeline.Search.Vocabulary;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `bench store`: loads generated events and articles into a fresh default store (LiteDB) and its search index
/// (Lucene), then prints load time, sizes and p50/p99 latencies of typical analyst queries, beside a baseline
/// measured in the same run: the same first query through LiteDB's own indexes.
/// </summary>
internal static class BenchStoreCommand
{
    private const int BatchArticles = 2000;

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events to generate", DefaultValueFactory = _ => 1_000_000 };
        var articles = new Option<int>("--articles") { Description = "Articles to generate", DefaultValueFactory = _ => 200_000 };
        var db = new Option<FileInfo>("--db") { Description = "Store file to create (must not exist)", DefaultValueFactory = _ => new FileInfo("./bench/bench-store.db") };
        var runs = new Option<int>("--runs") { Description = "Timed runs per query", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 7 };
        var command = new Command("store", "Load generated events into the default store and index, then time typical queries") { events, articles, db, runs, seed };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(db)!;
            var (eventCount, articleCount) = (parse.GetValue(events), parse.GetValue(articles));
            if (eventCount < 1 || articleCount < 1 || parse.GetValue(runs) < 1)
            {
                throw new UsageException("--events, --articles and --runs must be positive");
            }

            if (file.Exists || Directory.Exists(file.FullName + SearchIndexOptions.FolderSuffix))
            {
                throw new UsageException($"{file.FullName} (or its index) already exists: bench store loads into a fresh store");
            }

            file.Directory?.Create();
            using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = file.FullName }, TimeProvider.System);
            using var index = LuceneSearchIndex.Open(SearchIndexOptions.Beside(file.FullName));
            var corpus = new SyntheticCorpus(parse.GetValue(seed), articleCount, eventCount);
            var (storeTime, indexTime) = await LoadAsync(corpus, store, index, articleCount, cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (wall times include waiting for other processes)"));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"loaded {eventCount:N0} events and {articleCount:N0} articles: store {storeTime.TotalSeconds:0.0} s, index {indexTime.TotalSeconds:0.0} s"));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"size: store {StoreBytes(file) / 1048576.0:0.0} MB ({file.FullName}), index {index.SizeInBytes() / 1048576.0:0.0} MB"));

            var parser = new EventSearchParser(SearchVocabularyLoader.Load(ArticleAnalyzer.DefaultModelsDirectory));
            var results = await QueryAsync(parser, store, index, parse.GetValue(runs), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"query",-62} {"p50 ms",8} {"p99 ms",8} {"CPU ms",8} {"hits",10}"));
            foreach (var r in results)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.Label,-62} {r.P50Milliseconds,8:0.0} {r.P99Milliseconds,8:0.0} {r.MeanCpuMilliseconds,8:0.0} {r.Hits,10:N0}"));
            }

            var baseline = results[0];
            var lucene = results[1];
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"same query, search index vs LiteDB indexes: {baseline.P50Milliseconds / Math.Max(lucene.P50Milliseconds, 0.001):0.0}× faster at p50"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<(TimeSpan Store, TimeSpan Index)> LoadAsync(
        SyntheticCorpus corpus, LiteDbPipelineStore store, LuceneSearchIndex index, int articleCount, CancellationToken cancellationToken)
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
            index.IndexBatch(batch, cancellationToken, known: false);
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
        EventSearchParser parser, LiteDbPipelineStore store, LuceneSearchIndex index, int runs, CancellationToken cancellationToken)
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
            await LatencyProbe.MeasureAsync("baseline: query 1 through LiteDB's own indexes", runs, async () =>
                (await store.QueryEventsAsync(new EventQuery(Metal: "gallium", Country: "JP", Since: new DateOnly(2024, 1, 1), Limit: 50), cancellationToken)).Count),
        };
        foreach (var (label, query) in filtered)
        {
            var search = Parse(parser, query);
            results.Add(await LatencyProbe.MeasureAsync(label, runs, async () => (await index.SearchEventsAsync(search, cancellationToken)).Total));
        }

        var page50 = await CursorForPageAsync(index, Parse(parser, "limit=50"), 50, cancellationToken);
        results.Add(await LatencyProbe.MeasureAsync("page 50 via cursor (50 per page)", runs, async () => (await index.SearchEventsAsync(page50, cancellationToken)).Items.Count));
        var everything = Parse(parser, string.Empty);
        results.Add(await LatencyProbe.MeasureAsync("facets on everything", Math.Max(5, runs / 5), async () => (await index.FacetsAsync(everything, cancellationToken)).Total));
        var lithium = Parse(parser, "metal=lithium&since=2024-01-01");
        results.Add(await LatencyProbe.MeasureAsync("facets, lithium since 2024", runs, async () => (await index.FacetsAsync(lithium, cancellationToken)).Total));

        foreach (var (language, words) in new[] { ("en", "offtake agreement"), ("fr", "exportations"), ("ru", "поставки никеля"), ("ja", "ガリウム"), ("zh", "出口管制") })
        {
            var search = Parse(parser, "sort=relevance&q=" + Uri.EscapeDataString(words));
            results.Add(await LatencyProbe.MeasureAsync($"full text, events ({language}: {words})", runs, async () => (await index.SearchEventsAsync(search, cancellationToken)).Total));
            var articles = new ArticleSearch { Text = words, Limit = 20 };
            results.Add(await LatencyProbe.MeasureAsync($"full text, articles ({language}: {words})", runs, async () => (await index.SearchArticlesAsync(articles, cancellationToken)).Total));
        }

        return results;
    }

    private static async Task<EventSearch> CursorForPageAsync(LuceneSearchIndex index, EventSearch first, int page, CancellationToken cancellationToken)
    {
        var search = first;
        for (var i = 1; i < page; i++)
        {
            var result = await index.SearchEventsAsync(search, cancellationToken);
            search = search with { Cursor = SearchCursor.TryDecode(result.NextCursor ?? throw new InvalidOperationException("fewer pages than asked")) };
        }

        return search;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    // The data file plus LiteDB's write-ahead log, which holds recent pages until a checkpoint.
    private static long StoreBytes(FileInfo file)
    {
        file.Refresh();
        var log = new FileInfo(Path.Combine(file.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(file.Name) + "-log" + file.Extension));
        return file.Length + (log.Exists ? log.Length : 0);
    }

    private static EventSearch Parse(EventSearchParser parser, string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));
        var parsed = parser.ParseEvents(pairs);
        return parsed.Value ?? throw new InvalidOperationException("bench query invalid: " + string.Join("; ", parsed.Errors));
    }
}
