using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Alerts.Web;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Web.Api;
using NewsPipeline.Web.Page;

namespace NewsPipeline.Web;

/// <summary>
/// The analysts' HTTP API (contract v1). Needs the store (<see cref="IPipelineStore"/>, <see cref="IAnalystStore"/>)
/// and the search services registered; the page under Page/ maps itself beside it.
/// </summary>
public static class WebApi
{
    public static IServiceCollection AddNewsPipelineWeb(this IServiceCollection services, WebOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid web options: " + string.Join(" ", errors));
        }

        services.AddSingleton(options);
        services.AddSingleton<ApiState>();
        services.AddSingleton<ConditionalGet>();
        services.AddSingleton<RequireApiKey>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        return services;
    }

    public static WebApplication MapNewsPipelineApi(this WebApplication app)
    {
        app.Use(SecurityHeaders);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/health", HealthAsync).WithName("Health");
        var api = app.MapGroup("/api");
        var reads = api.MapGroup(string.Empty).AddEndpointFilter<ConditionalGet>();
        EventEndpoints.Map(reads);
        ExportEndpoints.Map(reads);
        reads.MapGet("/feeds", async (IPipelineStore store, CancellationToken cancellationToken) =>
            Results.Json(await store.ListFeedStatesAsync(cancellationToken), ApiJson.Options)).WithName("ListFeeds");
        SavedSearchEndpoints.Map(api, app);
        app.MapAlertEndpoints<RequireApiKey>();
        app.MapAnalystPage();
        return app;
    }

    /// <summary>
    /// The store (kind, reachability, schema version), what it holds, and who polls what (feeds leased per worker,
    /// leases left behind by a dead worker, hosts backing off). 503 when the database does not answer, so a load
    /// balancer or systemd watchdog stops sending work here.
    /// </summary>
    private static async Task<IResult> HealthAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var health = services.GetService<IStoreHealth>() is { } check ? await check.CheckAsync(cancellationToken) : new StoreHealth("litedb", Reachable: true);
        var database = new { reachable = health.Reachable, schema_version = health.SchemaVersion, pending_migrations = health.PendingMigrations, problem = health.Problem };
        if (!health.Reachable)
        {
            return Results.Json(new { status = "unavailable", store = health.Kind, database }, ApiJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var stats = await services.GetRequiredService<IPipelineStore>().GetStatisticsAsync(cancellationToken);
        var indexed = await services.GetRequiredService<IEventSearchIndex>().CountAsync(cancellationToken);
        var leases = services.GetService<IPollCoordinator>() is { } coordinator ? await coordinator.DescribeAsync(cancellationToken) : null;
        return Results.Json(
            new
            {
                status = health.PendingMigrations > 0 ? "degraded" : "ok",
                store = health.Kind,
                database,
                events = stats.Events,
                articles = stats.Articles,
                feeds = stats.Feeds,
                indexed_events = indexed.Events,
                indexed_articles = indexed.Articles,
                leases = leases is null ? null : new
                {
                    coordinator = leases.Kind,
                    feeds_by_worker = leases.LeasedFeedsByWorker,
                    expired = leases.ExpiredLeases,
                    hosts_in_backoff = leases.HostsInBackoff.Select(h => new { host = h.Host, failures = h.Failures, seconds_left = Math.Round(h.For.TotalSeconds, 1) }),
                },
            },
            ApiJson.Options);
    }

    // Applied to every response: article text and titles are untrusted, so nothing this server sends may run
    // scripts from elsewhere, be sniffed into another type, or leak the analyst's URL.
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }
}
