using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Alerts;
using NewsPipeline.Alerts.Dispatch;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `alerts bench`: what alerting costs the ingest path and how fast the dispatcher empties the outbox, on synthetic
/// deals in a scratch store (one new deal per article, metals rotating, subscriptions spread over those metals).
/// </summary>
internal static class AlertsBenchCommand
{
    private static readonly string[] Metals = ["gallium", "germanium", "lithium", "cobalt", "nickel"];

    public static Command Create()
    {
        var deals = new Option<int>("--deals") { Description = "Deals to store", DefaultValueFactory = _ => 2000 };
        var subscriptions = new Option<int>("--subscriptions") { Description = "Subscriptions (each on one metal, an Atom channel)", DefaultValueFactory = _ => 50 };
        var command = new Command("bench", "Measure the ingest cost of alerting and the dispatcher's throughput on synthetic deals") { deals, subscriptions };
        CommandRunner.SetBody(command, (parse, cancellationToken) => RunAsync(parse.GetValue(deals), parse.GetValue(subscriptions), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int deals, int subscriptions, CancellationToken cancellationToken)
    {
        if (deals < 1 || subscriptions < 0)
        {
            throw new UsageException("--deals must be at least 1 and --subscriptions at least 0");
        }

        var folder = Directory.CreateTempSubdirectory("newspipeline-alerts-bench-");
        try
        {
            var baseline = await IngestAsync(Path.Combine(folder.FullName, "none.db"), deals, 0, cancellationToken);
            await Report("ingest, no subscription", deals, baseline.Elapsed, baseline.Cpu);
            var withAlerts = await IngestAsync(Path.Combine(folder.FullName, "alerts.db"), deals, subscriptions, cancellationToken);
            await Report($"ingest, {subscriptions} subscriptions", deals, withAlerts.Elapsed, withAlerts.Cpu);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"alerting adds {(withAlerts.Cpu - baseline.Cpu).TotalMilliseconds / deals,6:0.000} CPU-ms per deal (CPU: wall time on a shared machine is noise)"));

            await using var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
                .AddLiteDbPipelineStore(new LiteDbStoreOptions { DatabasePath = Path.Combine(folder.FullName, "alerts.db") })
                .AddNewsPipelineAlerts(new AlertOptions { BatchSize = 500 })
                .BuildServiceProvider();
            var dispatcher = services.GetRequiredService<AlertDispatcher>();
            var (elapsed, cpu, pass) = await Measure(() => dispatcher.RunUntilIdleAsync(cancellationToken));
            await Report($"dispatch {pass.Delivered} deliveries (atom)", pass.Delivered, elapsed, cpu);
            return ExitCodes.Success;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> IngestAsync(string database, int deals, int subscriptions, CancellationToken cancellationToken)
    {
        using var store = LiteDbPipelineStore.Open(new LiteDbStoreOptions { DatabasePath = database }, TimeProvider.System);
        for (var i = 0; i < subscriptions; i++)
        {
            await store.SaveSubscriptionAsync(
                new AlertSubscription
                {
                    Name = "bench-" + i.ToString(CultureInfo.InvariantCulture),
                    Rule = new AlertRule { Metals = [Metals[i % Metals.Length]], MinTonnes = i % 3 == 0 ? 100 : null },
                    Channels = [new AlertChannel { Kind = AlertChannelKind.Atom }],
                },
                cancellationToken);
        }

        var (elapsed, cpu, _) = await Measure(async () =>
        {
            for (var i = 0; i < deals; i++)
            {
                await StoreDealAsync(store, i, cancellationToken);
            }

            return 0;
        });
        return (elapsed, cpu);
    }

    private static Task StoreDealAsync(LiteDbPipelineStore store, int i, CancellationToken cancellationToken)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var url = "https://bench.example/deal/" + n;
        var id = ContentHash.ShortId(url);
        var now = TimeProvider.System.GetUtcNow();
        var sentence = $"Seller {n} will supply {10 + (i % 500)} t of {Metals[i % Metals.Length]} a year to Buyer {n}.";
        var article = new StoredArticle(id, url, url, ContentHash.OfText(sentence), "bench", sentence, sentence, "en", now, now);
        var deal = new SupplyEvent(EventType.SupplyAgreement, Metals[i % Metals.Length], "Buyer " + n, "Seller " + n, 10 + (i % 500), RatePeriod.Year, "2026", "KZ", "JP", EventStatus.Fact, sentence, sentence);
        return store.IngestArticleAsync(article, [new StoredEvent(id + "-0", id, deal, "en", "bench", url, sentence, now, now)], cancellationToken);
    }

    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, T Result)> Measure<T>(Func<Task<T>> work)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = TimeProvider.System.GetTimestamp();
        var result = await work();
        return (TimeProvider.System.GetElapsedTime(start), Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, result);
    }

    private static Task Report(string label, int count, TimeSpan elapsed, TimeSpan cpu) =>
        Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label,-36} {count,7} in {elapsed.TotalSeconds,6:0.00} s  {count / elapsed.TotalSeconds,8:0.0}/s  {cpu.TotalSeconds,6:0.00} CPU-s"));
}
