using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `bench stories`: fills a scratch LiteDB store with synthetic deals through the real ingest path (story matching
/// included), then times articles that report either a stored deal again or a new one. The same-run baseline is
/// the ingest rate while the store was still small: with blocking keys it should not fall as the store grows.
/// </summary>
internal static class BenchStoriesCommand
{
    private const int EventsPerArticle = 5;

    private static readonly string[] Metals =
    [
        "gallium", "germanium", "lithium", "cobalt", "nickel", "copper", "aluminium", "zinc", "tin", "tungsten",
        "antimony", "rare earths", "graphite", "uranium", "vanadium", "niobium", "tantalum", "manganese", "chromium", "platinum group metals",
    ];

    private static readonly string[] Countries = ["KZ", "JP", "CN", "DE", "FR", "CL", "AU", "CA", "US", "BR", "CD", "ID", "RU", "ZA", "KR"];

    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Deals stored before timing (default 100000)", DefaultValueFactory = _ => 100_000 };
        var probes = new Option<int>("--probes") { Description = "Timed articles, half reporting a stored deal again (default 1000)", DefaultValueFactory = _ => 1_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data", DefaultValueFactory = _ => 7 };
        var command = new Command("stories", "Time storing events with story matching against a large store (synthetic deals, scratch file)") { events, probes, seed };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var (eventCount, probeCount) = (parse.GetValue(events), parse.GetValue(probes));
            if (eventCount < EventsPerArticle * 10 || probeCount < 2)
            {
                throw new UsageException($"--events must be at least {EventsPerArticle * 10} and --probes at least 2");
            }

            var folder = Directory.CreateTempSubdirectory("newspipeline-bench-stories-");
            try
            {
                using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = Path.Combine(folder.FullName, "bench.db") }, TimeProvider.System);
                var deals = new SyntheticDeals(new Random(parse.GetValue(seed)));
                await LoadAsync(store, deals, eventCount / EventsPerArticle, cancellationToken);
                await ProbeAsync(store, deals, probeCount, cancellationToken);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"store file {new FileInfo(store.DatabasePath).Length / (1024.0 * 1024):0} MB"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task LoadAsync(LiteDbPipelineStore store, SyntheticDeals deals, int articles, CancellationToken cancellationToken)
    {
        var tenth = Math.Max(1, articles / 10);
        var chunkStart = TimeProvider.System.GetTimestamp();
        var chunkCpu = ProcessorTime();
        for (var i = 0; i < articles; i++)
        {
            var (article, events) = deals.Article($"load/{i}", EventsPerArticle);
            await store.IngestArticleAsync(article, events, cancellationToken);
            if ((i + 1) % tenth == 0)
            {
                var elapsed = TimeProvider.System.GetElapsedTime(chunkStart);
                var cpu = ProcessorTime() - chunkCpu;
                var stored = (await store.GetStatisticsAsync(cancellationToken)).Events;
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"load: {stored,9} events stored; last {tenth} articles of {EventsPerArticle} events: {elapsed.TotalMilliseconds / tenth,6:0.00} ms wall, {cpu.TotalMilliseconds / tenth,6:0.00} ms CPU per article"));
                chunkStart = TimeProvider.System.GetTimestamp();
                chunkCpu = ProcessorTime();
            }
        }
    }

    private static async Task ProbeAsync(LiteDbPipelineStore store, SyntheticDeals deals, int probes, CancellationToken cancellationToken)
    {
        // Baseline: the same number of articles with no event, so the transaction and its commit alone.
        var alone = new List<double>(probes);
        var aloneCpu = ProcessorTime();
        for (var i = 0; i < probes; i++)
        {
            var (article, _) = deals.Article($"alone/{i}", 0);
            var start = TimeProvider.System.GetTimestamp();
            await store.IngestArticleAsync(article, [], cancellationToken);
            alone.Add(TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
        }

        aloneCpu = ProcessorTime() - aloneCpu;
        await Console.Out.WriteLineAsync("baseline: " + Percentiles(alone) + string.Create(CultureInfo.InvariantCulture,
            $", {aloneCpu.TotalMilliseconds / probes:0.00} ms CPU per article with no event"));

        var latencies = new List<double>(probes);
        var probeCpu = ProcessorTime();
        var (again, joined, fresh, separate) = (0, 0, 0, 0);
        for (var i = 0; i < probes; i++)
        {
            var reportAgain = i % 2 == 0;
            var (article, events) = reportAgain ? deals.ReportAgain($"probe/{i}") : deals.Article($"probe/{i}", 1);
            var start = TimeProvider.System.GetTimestamp();
            var result = await store.IngestArticleAsync(article, events, cancellationToken);
            latencies.Add(TimeProvider.System.GetElapsedTime(start).TotalMilliseconds);
            var newEvent = result.Events.Single().Outcome == StoryOutcome.NewEvent;
            (again, joined, fresh, separate) = reportAgain
                ? (again + 1, joined + (newEvent ? 0 : 1), fresh, separate)
                : (again, joined, fresh + 1, separate + (newEvent ? 1 : 0));
        }

        probeCpu = ProcessorTime() - probeCpu;
        await Console.Out.WriteLineAsync("probe: " + Percentiles(latencies) + string.Create(CultureInfo.InvariantCulture,
            $", {probeCpu.TotalMilliseconds / probes:0.00} ms CPU per article with one event, story matching included"));
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"probe: {joined}/{again} reports of a stored deal (other wording, a day or two later) joined it; {separate}/{fresh} new deals stayed new"));
    }

    // CPU time of this process: on a shared machine it moves less with other people's load than wall time does.
    private static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string Percentiles(List<double> milliseconds)
    {
        milliseconds.Sort();
        var p99 = milliseconds[Math.Min(milliseconds.Count - 1, milliseconds.Count * 99 / 100)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{milliseconds.Count} articles, p50 {milliseconds[milliseconds.Count / 2]:0.00} ms, p99 {p99:0.00} ms, max {milliseconds[^1]:0.00} ms");
    }

    /// <summary>Random deals over 20 metals, 5 types, 5,000 firms and two years; a fifth name no company.</summary>
    private sealed class SyntheticDeals(Random random)
    {
        private static readonly DateTimeOffset FirstDay = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly List<(SupplyEvent Event, DateTimeOffset Published)> sample = [];

        public (StoredArticle Article, IReadOnlyList<StoredEvent> Events) Article(string key, int events)
        {
            var published = FirstDay.AddDays(random.Next(730)).AddMinutes(random.Next(1440));
            var list = Enumerable.Range(0, events).Select(_ => Deal()).ToList();
            // Only deals that are stored can be reported again.
            if (list.Count > 0 && sample.Count < 10_000)
            {
                sample.Add((list[0], published));
            }

            return Build(key, published, list);
        }

        public (StoredArticle Article, IReadOnlyList<StoredEvent> Events) ReportAgain(string key)
        {
            var (deal, published) = sample[random.Next(sample.Count)];
            return Build(key, published.AddDays(random.Next(1, 3)), [deal with { Evidence = Words(14) }]);
        }

        private SupplyEvent Deal()
        {
            var named = random.Next(5) != 0;
            return new SupplyEvent(
                (EventType)random.Next(5),
                Metals[random.Next(Metals.Length)],
                named ? Firm() : null,
                named ? Firm() : null,
                Math.Round(random.NextDouble() * 100_000, 1),
                RatePeriod.Year,
                (2024 + random.Next(4)).ToString(CultureInfo.InvariantCulture),
                Countries[random.Next(Countries.Length)],
                Countries[random.Next(Countries.Length)],
                EventStatus.Fact,
                "",
                Words(14));
        }

        private (StoredArticle, IReadOnlyList<StoredEvent>) Build(string key, DateTimeOffset published, List<SupplyEvent> deals)
        {
            var url = "https://bench.example/" + key;
            var id = ContentHash.ShortId(url);
            var text = string.Join(' ', deals.Select(d => d.Evidence));
            var article = new StoredArticle(id, url, url, ContentHash.OfText(text + key), "bench", null, text, "en", published, published);
            var events = deals.Select((d, n) => new StoredEvent($"{id}-{n}", id, d, "en", "bench", url, null, published, published)).ToList();
            return (article, events);
        }

        private string Firm() => "Firm " + random.Next(5_000).ToString("0000", CultureInfo.InvariantCulture);

        private string Words(int count) =>
            string.Join(' ', Enumerable.Range(0, count).Select(_ => "w" + random.Next(3_000).ToString(CultureInfo.InvariantCulture)));
    }
}
