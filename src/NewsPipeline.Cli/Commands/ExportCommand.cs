using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Query;
using NewsPipeline.Core.Search;
using NewsPipeline.Web.Export;

namespace NewsPipeline.Cli.Commands;

/// <summary>`export`: every event matching the filters, streamed as CSV, JSON Lines or xlsx.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var filters = new SearchOptions(paging: false);
        var format = new Option<ExportFormat>("--format") { Description = "csv, jsonl or xlsx", DefaultValueFactory = _ => ExportFormat.Csv };
        var store = CommonOptions.Store();
        var output = CommonOptions.Output();
        var command = new Command("export", "Export every matching event (CSV, JSON Lines or xlsx)") { format, store, output };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }

        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var pairs = filters.Pairs(parse);
            var search = QueryCommand.Validate(pairs);
            var chosen = parse.GetValue(format);
            var file = parse.GetValue(output);
            if (chosen == ExportFormat.Xlsx && file is null)
            {
                throw new UsageException("xlsx needs --output FILE.xlsx");
            }

            file?.Directory?.Create();
            await using var stream = file is null ? Console.OpenStandardOutput() : new FileStream(file.FullName, FileMode.Create, FileAccess.Write);
            await StoreReader.ReadAsync(
                CommonOptions.ReadStore(parse, store),
                async (client, service) =>
                {
                    var query = SearchOptions.ToQueryString(pairs.Append(new KeyValuePair<string, string?>("format", chosen.ToString().ToLowerInvariant())));
                    using var response = await client.GetAsync(new Uri(service, "api/export?" + query), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await StoreReader.EnsureSuccessAsync(response, cancellationToken);
                    await response.Content.CopyToAsync(stream, cancellationToken);
                    return true;
                },
                async services =>
                {
                    var index = services.GetRequiredService<IEventSearchIndex>();
                    await EventExportWriter.WriteAsync(chosen, EventExport.AllAsync(index, search, cancellationToken), stream, cancellationToken);
                    return true;
                },
                cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
