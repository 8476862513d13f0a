using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsPipeline.Cli.Query;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Cli.Hosting;

/// <summary>
/// The read endpoints a running service exposes on loopback, so that `query` can ask the process that owns
/// the store instead of opening the file a second time (which LiteDB cannot do safely).
/// </summary>
public static class QueryApi
{
    public const string EventsPath = "/api/events";
    public const string FeedsPath = "/api/feeds";

    public static IEndpointRouteBuilder MapQueryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(EventsPath, async (HttpContext context, IPipelineStore store) =>
        {
            var parameters = EventQueryParameters.FromLookup(name => context.Request.Query[name].FirstOrDefault());
            var (query, errors) = parameters.Parse();
            if (query is null)
            {
                return Results.Json(new { error = "bad query", reasons = errors }, RecordJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            var events = await store.QueryEventsAsync(query, context.RequestAborted);
            return Results.Json(events, RecordJson.Options);
        });
        endpoints.MapGet(FeedsPath, async (IPipelineStore store, CancellationToken cancellationToken) =>
            Results.Json(await store.ListFeedStatesAsync(cancellationToken), RecordJson.Options));
        endpoints.MapGet("/health", async (IPipelineStore store, CancellationToken cancellationToken) =>
        {
            var stats = await store.GetStatisticsAsync(cancellationToken);
            return Results.Json(new { status = "ok", stats.Feeds, stats.Articles, stats.Events }, RecordJson.Options);
        });
        return endpoints;
    }
}
