using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;
using NewsPipeline.Web.Feeds;

namespace NewsPipeline.Web.Api;

/// <summary>Saved searches: create and delete with the API key, list freely, and read each as an Atom feed.</summary>
internal static class SavedSearchEndpoints
{
    private const int FeedEntries = 50;
    private const int LongestName = 200;

    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder root)
    {
        api.MapPost("/saved-searches", CreateAsync).AddEndpointFilter<RequireApiKey>().WithName("CreateSavedSearch");
        api.MapDelete("/saved-searches/{id}", DeleteAsync).AddEndpointFilter<RequireApiKey>().WithName("DeleteSavedSearch");
        api.MapGet("/saved-searches", ListAsync).AddEndpointFilter<ConditionalGet>().WithName("ListSavedSearches");
        root.MapGet("/feeds/saved/{id}.atom", AtomAsync).AddEndpointFilter<ConditionalGet>().WithName("SavedSearchAtom");
    }

    /// <summary>The body of a create request.</summary>
    internal sealed record NewSavedSearch(string? Name, string? Query);

    private static async Task<IResult> CreateAsync(
        NewSavedSearch? body, EventSearchParser parser, IAnalystStore store, ApiState state, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<ParameterError>();
        var name = body?.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > LongestName)
        {
            errors.Add(new ParameterError("name", $"a name of 1 to {LongestName} characters is required"));
        }

        var query = (body?.Query ?? string.Empty).Trim().TrimStart('?');
        var parsed = parser.ParseEvents(QueryPairs.Of(query));
        errors.AddRange(parsed.Errors.Select(e => e with { Parameter = "query." + e.Parameter }));
        if (errors.Count > 0)
        {
            return QueryPairs.BadRequest(errors);
        }

        var now = time.GetUtcNow();
        var id = ContentHash.ShortId(string.Create(CultureInfo.InvariantCulture, $"{name}\n{query}\n{now.UtcTicks}"));
        var saved = new SavedSearch(id, name, query, now);
        await store.AddSavedSearchAsync(saved, cancellationToken);
        state.SavedSearchesChanged();
        return Results.Json(Describe(saved), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> DeleteAsync(string id, IAnalystStore store, ApiState state, CancellationToken cancellationToken)
    {
        if (!await store.DeleteSavedSearchAsync(id, cancellationToken))
        {
            return EventEndpoints.NotFound($"no saved search {id}");
        }

        state.SavedSearchesChanged();
        return Results.NoContent();
    }

    private static async Task<IResult> ListAsync(IAnalystStore store, CancellationToken cancellationToken) =>
        Results.Json(new { items = (await store.ListSavedSearchesAsync(cancellationToken)).Select(Describe).ToList() }, ApiJson.Options);

    private static async Task<IResult> AtomAsync(
        string id, HttpRequest request, IAnalystStore store, EventSearchParser parser, IEventSearchIndex index, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetSavedSearchAsync(id, cancellationToken) is not { } saved)
        {
            return EventEndpoints.NotFound($"no saved search {id}");
        }

        var parsed = parser.ParseEvents(QueryPairs.Of(saved.Query));
        if (parsed.Value is not { } search)
        {
            // Saved before a vocabulary change made it invalid: say so rather than serve an empty feed.
            return QueryPairs.BadRequest(parsed.Errors);
        }

        // Newest stored first, whatever order the search was saved with: a feed reader wants what is new.
        var page = await index.SearchEventsAsync(search with { Sort = EventSort.DateDesc, Limit = FeedEntries, Cursor = null }, cancellationToken);
        var rows = page.Items.Select(h => h.Event).OrderByDescending(r => r.StoredAt).ToList();
        var self = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}");
        return Results.Bytes(SavedSearchAtom.Write(saved, rows, self, time.GetUtcNow()), "application/atom+xml; charset=utf-8");
    }

    private static object Describe(SavedSearch saved) => new
    {
        id = saved.Id,
        name = saved.Name,
        query = saved.Query,
        created_at = saved.CreatedAt,
        atom = $"/feeds/saved/{saved.Id}.atom",
    };
}
