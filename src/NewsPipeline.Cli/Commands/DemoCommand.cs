using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Demo;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Output;
using NewsPipeline.Cli.Worker;
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
        var db = CommonOptions.Database();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every feed and article" };
        var command = new Command("demo", "Run the whole pipeline on the bundled sample corpus and print the events") { db, verbose };
        CommandRunner.SetBody(command, (parse, cancellationToken) =>
            RunAsync(parse.GetValue(db)!, parse.GetValue(verbose), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo db, bool verbose, TextWriter output, CancellationToken cancellationToken)
    {
        var corpus = new DemoCorpus();
        await using var server = await DemoServer.StartAsync(corpus, cancellationToken);
        var feeds = corpus.Feeds(server.BaseUrl);
        await output.WriteLineAsync($"Serving the sample corpus ({feeds.Count} feeds, {corpus.Articles.Count} articles in {corpus.Articles.Select(a => a.Language).Distinct(StringComparer.Ordinal).Count()} languages) at {server.BaseUrl}");

        var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning))
            .AddNewsPipeline(PipelineSettings.Default(db.FullName));
        await using var provider = services.BuildServiceProvider();
        var cycle = await provider.GetRequiredService<IngestCycle>().RunAsync(feeds, onlyDue: false, cancellationToken);
        var store = provider.GetRequiredService<IPipelineStore>();

        await output.WriteLineAsync(
            $"Ingested into {db.FullName}: {cycle.Added} new articles, {cycle.Known} already stored, {cycle.Failed} failed, {cycle.Events} new events.");
        if (cycle.Added == 0 && cycle.Known > 0)
        {
            await output.WriteLineAsync("Nothing new: every article was already in the store (ingest is idempotent).");
        }

        var feedNames = feeds.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var events = (await store.QueryEventsAsync(new EventQuery(Limit: 10_000), cancellationToken))
            .Where(e => feedNames.Contains(e.FeedName))
            .OrderBy(e => e.Language, StringComparer.Ordinal).ThenBy(e => e.Event.Type)
            .ToList();
        await output.WriteLineAsync();
        await EventFormatter.WriteAsync(output, events, EventFormat.Table);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Next: newspipeline query --metal gallium            (filters: --country --company --type --since --until --min-tonnes --text)");
        await output.WriteLineAsync("      newspipeline query --metal gallium --format csv --output gallium.csv");
        await output.WriteLineAsync($"Open the analysts' page: newspipeline serve --db {db.FullName}   then browse http://127.0.0.1:5080/");
        return cycle.FeedFailures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
