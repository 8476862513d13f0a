using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Search;

namespace NewsPipeline.Cli.Commands;

/// <summary>`index rebuild`: drops the search index and rebuilds it from the store, the system of record.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var command = new Command("index", "Maintain the full-text search index beside the store");
        var store = CommonOptions.Store();
        var rebuild = new Command("rebuild", "Rebuild the search index from the store (a LiteDB store must not be in use)") { store };
        CommandRunner.SetBody(rebuild, async (parse, cancellationToken) =>
        {
            var settings = CommonOptions.ReadStore(parse, store);
            settings.RequireExisting();

            await using var services = new ServiceCollection()
                .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddNewsPipeline(PipelineSettings.Default(settings))
                .BuildServiceProvider();
            var clock = Stopwatch.StartNew();
            var progress = Console.IsErrorRedirected ? null : new Progress<int>(n => Console.Error.Write($"\r{n} articles indexed"));
            var articles = await services.GetRequiredService<SearchIndexMaintenance>().RebuildAsync(progress, cancellationToken);
            var index = services.GetRequiredService<IRebuildableSearchIndex>();
            var counts = await index.CountAsync(cancellationToken);
            await Console.Error.WriteLineAsync($"\rRebuilt {index.Location} ({settings.Describe()}): {articles} articles, {counts.Events} events in {clock.Elapsed.TotalSeconds:0.0} s");
            return ExitCodes.Success;
        });
        command.Subcommands.Add(rebuild);
        return command;
    }
}
