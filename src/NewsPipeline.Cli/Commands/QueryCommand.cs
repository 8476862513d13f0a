using System.CommandLine;
using NewsPipeline.Cli.Output;
using NewsPipeline.Cli.Query;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// `query`: filter stored events (DESIGN §4), one row per deal with the number of articles that reported it. When a running `run`/`serve` owns the store, the query goes to
/// that process over loopback HTTP (<see cref="StoreReader"/>).
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
        var minSources = new Option<string?>("--min-sources") { Description = "Only deals reported by at least this many articles" };
        var limit = new Option<string?>("--limit") { Description = "At most this many events (default 200)" };
        var format = new Option<EventFormat>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => EventFormat.Table };
        var db = CommonOptions.Database();
        var output = CommonOptions.Output();
        var command = new Command("query", "Search stored events") { metal, country, company, type, since, until, minTonnes, text, minSources, limit, format, db, output };
        CommandRunner.SetBody(command, async (parse, cancellationToken) =>
        {
            var parameters = new EventQueryParameters(
                parse.GetValue(metal), parse.GetValue(country), parse.GetValue(company), parse.GetValue(type),
                parse.GetValue(since), parse.GetValue(until), parse.GetValue(minTonnes), parse.GetValue(text), parse.GetValue(limit), parse.GetValue(minSources));
            var (query, errors) = parameters.Parse();
            if (query is null)
            {
                throw new UsageException(string.Join("; ", errors));
            }

            var events = await StoreReader.QueryEventsAsync(parse.GetValue(db)!, parameters, query, cancellationToken);
            await using var writer = OutputTarget.Open(parse.GetValue(output));
            await EventFormatter.WriteAsync(writer, events, parse.GetValue(format));
            return ExitCodes.Success;
        });
        return command;
    }
}
