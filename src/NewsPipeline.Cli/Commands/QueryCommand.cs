using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Output;
using NewsPipeline.Cli.Query;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Extraction;
using NewsPipeline.Search.Vocabulary;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `query`: one page of events matching the filters of the API contract (DESIGN §4 flags included). When a
/// running `run`/`serve` owns the store, the query goes to that process's API (<see cref="StoreReader"/>).
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var filters = new SearchOptions(paging: true);
        var format = new Option<EventFormat>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => EventFormat.Table };
        var store = CommonOptions.Store();
        var output = CommonOptions.Output();
        var command = new Command("query", "Search stored events (filters, full text, sort, cursor paging)") { format, store, output };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }

        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var pairs = filters.Pairs(parse);
            var search = Validate(pairs);
            var page = await StoreReader.ReadAsync(
                CommonOptions.ReadStore(parse, store),
                async (client, service) =>
                {
                    using var response = await client.GetAsync(new Uri(service, "api/events?" + SearchOptions.ToQueryString(pairs)), cancellationToken);
                    await StoreReader.EnsureSuccessAsync(response, cancellationToken);
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(RecordJson.Options, cancellationToken);
                    var rows = body.GetProperty("items").Deserialize<List<EventRow>>(RecordJson.Options) ?? [];
                    var next = body.GetProperty("next_cursor").GetString();
                    return new EventPage(rows.Select(r => new EventHit(r, null)).ToList(), body.GetProperty("total").GetInt64(), next);
                },
                services => services.GetRequiredService<IEventSearchIndex>().SearchEventsAsync(search, cancellationToken),
                cancellationToken);

            var file = parse.GetValue(output);
            await using var stream = file is null ? Console.OpenStandardOutput() : OpenFile(file);
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            await EventRowWriter.WriteAsync(stream, writer, page, parse.GetValue(format), cancellationToken);
            if (page.NextCursor is not null)
            {
                await Console.Error.WriteLineAsync($"more: add --cursor {page.NextCursor}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses the pairs as the API would, so usage errors come back at once with exit code 2.</summary>
    public static EventSearch Validate(IReadOnlyList<KeyValuePair<string, string?>> pairs)
    {
        var parser = new EventSearchParser(SearchVocabularyLoader.Load(ArticleAnalyzer.DefaultModelsDirectory));
        var parsed = parser.ParseEvents(pairs);
        return parsed.Value ?? throw new UsageException(string.Join("; ", parsed.Errors.Select(e => $"--{e.Parameter.Replace('_', '-')}: {e.Message}")));
    }

    private static FileStream OpenFile(FileInfo file)
    {
        file.Directory?.Create();
        return new FileStream(file.FullName, FileMode.Create, FileAccess.Write);
    }
}
