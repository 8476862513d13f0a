using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Alerts.Channels;
using NewsPipeline.Alerts.Dispatch;
using NewsPipeline.Alerts.Subscriptions;
using NewsPipeline.Cli.Demo;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Output;
using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `demo`: the embedded default end to end. Serves the bundled multilingual corpus on loopback, runs one
/// full ingest cycle into the LiteDB store and prints the events found. A second run adds nothing.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var storeOption = CommonOptions.Store();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every feed and article" };
        var command = new Command("demo", "Run the whole pipeline on the bundled sample corpus and print the events") { storeOption, verbose };
        CommandRunner.SetBody(command, (parse, cancellationToken) =>
            RunAsync(CommonOptions.ReadStore(parse, storeOption), parse.GetValue(verbose), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(StoreSettings store, bool verbose, TextWriter output, CancellationToken cancellationToken)
    {
        var corpus = new DemoCorpus();
        await using var server = await DemoServer.StartAsync(corpus, cancellationToken);
        var feeds = corpus.Feeds(server.BaseUrl);
        await output.WriteLineAsync($"Serving the sample corpus ({feeds.Count} feeds, {corpus.Articles.Count} articles in {corpus.Articles.Select(a => a.Language).Distinct(StringComparer.Ordinal).Count()} languages) at {server.BaseUrl}");

        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning))
            .AddSingleton(new AlertConsole(output))
            .AddNewsPipeline(PipelineSettings.Default(store) with
            {
                // The demo's publisher is our own loopback server: no gap between its feeds is needed.
                Worker = new WorkerOptions { MinimumHostGap = TimeSpan.Zero },
            });
        await using var provider = services.BuildServiceProvider();
        await DemoSubscription.EnsureAsync(provider.GetRequiredService<IAlertStore>(), provider.GetRequiredService<SubscriptionValidator>(), output, cancellationToken);
        var cycle = await provider.GetRequiredService<IngestCycle>().RunAsync(feeds, onlyDue: false, cancellationToken);
        var stored = provider.GetRequiredService<IPipelineStore>();

        await output.WriteLineAsync(
            $"Ingested into {store.Describe()}: {cycle.Added} new articles, {cycle.Known} already stored, {cycle.Failed} failed, {cycle.Events} new events.");
        if (cycle.Added == 0 && cycle.Known > 0)
        {
            await output.WriteLineAsync("Nothing new: every article was already in the store (ingest is idempotent).");
        }

        var alerts = await provider.GetRequiredService<AlertDispatcher>().RunUntilIdleAsync(cancellationToken);
        await output.WriteLineAsync($"Alert deliveries: {alerts.Delivered} (see 'newspipeline alerts show {DemoSubscription.Name}').");

        var feedNames = feeds.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var events = (await stored.QueryEventsAsync(new EventQuery(Limit: 10_000), cancellationToken))
            .Where(e => feedNames.Contains(e.FeedName))
            .OrderBy(e => e.Language, StringComparer.Ordinal).ThenBy(e => e.Event.Type)
            .ToList();
        await output.WriteLineAsync();
        await EventFormatter.WriteAsync(output, events, EventFormat.Table);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Next: newspipeline query --metal gallium            (filters: --country --company --type --since --until --min-tonnes --text)");
        await output.WriteLineAsync("      newspipeline query --metal gallium --format csv --output gallium.csv");
        await output.WriteLineAsync($"Open the analysts' page: newspipeline serve --store {store.Describe()}   then browse http://127.0.0.1:5080/");
        return cycle.FeedFailures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
