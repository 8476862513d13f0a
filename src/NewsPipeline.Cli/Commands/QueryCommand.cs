using System.CommandLine;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Cli.Output;
using NewsPipeline.Cli.Query;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using NewsPipeline.Storage;
using NewsPipeline.Storage.LiteDb;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `query`: filter stored events (DESIGN §4). When a running `run`/`serve` owns the store, the query goes to
/// that process over loopback HTTP; otherwise the store file is opened directly.
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var metal = new Option<string?>("--metal") { Description = "Metal, canonical English name (gallium, rare earths, …)" };
        var country = new Option<string?>("--country") { Description = "ISO 3166-1 alpha-2 code, as origin or destination" };
        var company = new Option<string?>("--company") { Description = "Buyer or seller name (any part, any script)" };
        var type = new Option<string?>("--type") { Description = "supply_agreement|trade_flow|export_restriction|production|investment" };
        var since = new Option<string?>("--since") { Description = "From this date (YYYY, YYYY-MM or YYYY-MM-DD), by event start or else article date" };
        var until = new Option<string?>("--until") { Description = "Up to this date" };
        var minTonnes = new Option<string?>("--min-tonnes") { Description = "Only events of at least this many tonnes" };
        var text = new Option<string?>("--text") { Description = "Words that must appear in the evidence or article title" };
        var limit = new Option<string?>("--limit") { Description = "At most this many events (default 200)" };
        var format = new Option<EventFormat>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => EventFormat.Table };
        var db = CommonOptions.Database();
        var output = CommonOptions.Output();
        var command = new Command("query", "Search stored events") { metal, country, company, type, since, until, minTonnes, text, limit, format, db, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var parameters = new EventQueryParameters(
                parse.GetValue(metal), parse.GetValue(country), parse.GetValue(company), parse.GetValue(type),
                parse.GetValue(since), parse.GetValue(until), parse.GetValue(minTonnes), parse.GetValue(text), parse.GetValue(limit));
            var (query, errors) = parameters.Parse();
            if (query is null)
            {
                throw new UsageException(string.Join("; ", errors));
            }

            var events = await FetchAsync(parse.GetValue(db)!, parameters, query, cancellationToken);
            await using var writer = OutputTarget.Open(parse.GetValue(output));
            await EventFormatter.WriteAsync(writer, events, parse.GetValue(format));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IReadOnlyList<StoredEvent>> FetchAsync(FileInfo db, EventQueryParameters parameters, EventQuery query, CancellationToken cancellationToken)
    {
        if (StoreLock.TryReadOwner(db.FullName) is { ServiceUrl: { } serviceUrl } owner)
        {
            await Console.Error.WriteLineAsync($"The store is held by process {owner.Pid}; asking it at {serviceUrl}");
            return await QueryServiceAsync(new Uri(serviceUrl), parameters, cancellationToken);
        }

        if (!db.Exists)
        {
            throw new UsageException($"no store at {db.FullName}: run 'newspipeline demo' or 'newspipeline run' first, or pass --db");
        }

        var settings = PipelineSettings.Default(db.FullName);
        using var store = LiteDbPipelineStore.Open(settings.Store, TimeProvider.System);
        return await store.QueryEventsAsync(query, cancellationToken);
    }

    private static async Task<IReadOnlyList<StoredEvent>> QueryServiceAsync(Uri baseUrl, EventQueryParameters parameters, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient();
        var pairs = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["metal"] = parameters.Metal, ["country"] = parameters.Country, ["company"] = parameters.Company, ["type"] = parameters.Type,
            ["since"] = parameters.Since, ["until"] = parameters.Until, ["min_tonnes"] = parameters.MinTonnes, ["text"] = parameters.Text, ["limit"] = parameters.Limit,
        };
        var queryString = string.Join('&', pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!)));
        var url = new Uri(baseUrl, QueryApi.EventsPath + (queryString.Length > 0 ? "?" + queryString : ""));
        using var response = await client.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the running service answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<List<StoredEvent>>(RecordJson.Options, cancellationToken) ?? [];
    }
}
