using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Web.Api;

/// <summary><c>/api/events</c>, <c>/api/events/{id}</c>, <c>/api/articles/{id}</c>, <c>/api/facets</c>, <c>/api/search</c>.</summary>
internal static class EventEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", ListEvents).WithName("ListEvents").WithSummary("Events matching the filters, one page at a time")
            .WithSearchParameters(SearchParameters.EventNames);
        api.MapGet("/events/{id}", GetEvent).WithName("GetEvent").WithSummary("One event with its article, evidence offsets, mentions and sources");
        api.MapGet("/articles/{id}", GetArticle).WithName("GetArticle").WithSummary("One article with its events and mentions");
        api.MapGet("/facets", Facets).WithName("Facets").WithSummary("Counts per metal, country, type, status, month, party, flow over every matching event")
            .WithSearchParameters(SearchParameters.EventNames.Except([SearchParameters.Sort, SearchParameters.Limit, SearchParameters.Cursor]));
        api.MapGet("/search", SearchArticles).WithName("SearchArticles").WithSummary("Full-text search over article titles and text, with highlighted snippets");
    }

    private static async Task<IResult> ListEvents(HttpRequest request, EventSearchParser parser, IEventSearchIndex index, CancellationToken cancellationToken)
    {
        var parsed = parser.ParseEvents(QueryPairs.Of(request.Query));
        if (parsed.Value is not { } search)
        {
            return QueryPairs.BadRequest(parsed.Errors);
        }

        var page = await index.SearchEventsAsync(search, cancellationToken);
        var body = new JsonObject
        {
            ["items"] = new JsonArray(page.Items.Select(hit => (JsonNode)ApiJson.Hit(hit)).ToArray()),
            ["total"] = page.Total,
            ["next_cursor"] = page.NextCursor,
        };
        return Results.Json(body, ApiJson.Options);
    }

    private static async Task<IResult> GetEvent(
        string id, IEventSearchIndex index, IPipelineStore store, IAnalystStore analyst, CancellationToken cancellationToken)
    {
        if (await index.GetEventAsync(id, cancellationToken) is not { } row)
        {
            return NotFound($"no event {id}");
        }

        var article = await store.GetArticleAsync(row.ArticleId, cancellationToken);
        var mentions = await analyst.GetMentionsAsync(row.ArticleId, cancellationToken) ?? ArticleMentions.None(row.ArticleId);
        var json = ApiJson.Row(row);
        json["article"] = article is null ? null : ArticleJson(article);
        json["evidence_spans"] = new JsonArray(
            (article is null ? [] : EvidenceLocator.Find(article.Text, row.Evidence))
            .Select(span => (JsonNode)new JsonObject { ["start"] = span.Start, ["end"] = span.End }).ToArray());
        json["mentions"] = MentionsJson(mentions);
        // Every article that reported this deal (one event per deal across outlets and languages).
        var stored = await analyst.GetEventAsync(id, cancellationToken);
        var sources = stored?.Sources is { Count: > 0 } known
            ? known.Select(s => SourceJson(s.ArticleId, s.Url, s.Title, s.FeedName, s.Language, s.Published))
            : [SourceJson(row.ArticleId, row.ArticleUrl, row.ArticleTitle, row.Feed, row.Language, row.Published)];
        json["sources"] = new JsonArray(sources.ToArray());
        return Results.Json(json, ApiJson.Options);
    }

    private static JsonNode SourceJson(string articleId, string url, string? title, string feed, string language, DateTimeOffset? published) => new JsonObject
    {
        ["article_id"] = articleId,
        ["url"] = url,
        ["title"] = title,
        ["feed"] = feed,
        ["language"] = language,
        ["published"] = ApiJson.Node(published),
    };

    private static async Task<IResult> GetArticle(
        string id, IEventSearchIndex index, IPipelineStore store, IAnalystStore analyst, CancellationToken cancellationToken)
    {
        if (await store.GetArticleAsync(id, cancellationToken) is not { } article)
        {
            return NotFound($"no article {id}");
        }

        var events = await index.EventsOfArticleAsync(id, cancellationToken);
        var mentions = await analyst.GetMentionsAsync(id, cancellationToken) ?? ArticleMentions.None(id);
        var json = ArticleJson(article);
        json["events"] = new JsonArray(events.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["type"] = ApiJson.Node(e.Type),
            ["metal"] = e.Metal,
            ["buyer"] = e.Buyer,
            ["seller"] = e.Seller,
            ["tonnes"] = e.Tonnes,
            ["origin"] = e.Origin,
            ["destination"] = e.Destination,
            ["status"] = ApiJson.Node(e.Status),
            ["summary"] = e.Summary,
            ["evidence_spans"] = new JsonArray(EvidenceLocator.Find(article.Text, e.Evidence)
                .Select(span => (JsonNode)new JsonObject { ["start"] = span.Start, ["end"] = span.End }).ToArray()),
        }).ToArray());
        json["mentions"] = MentionsJson(mentions);
        return Results.Json(json, ApiJson.Options);
    }

    private static async Task<IResult> Facets(HttpRequest request, EventSearchParser parser, IEventSearchIndex index, CancellationToken cancellationToken)
    {
        var parsed = parser.ParseEvents(QueryPairs.Of(request.Query));
        if (parsed.Value is not { } search)
        {
            return QueryPairs.BadRequest(parsed.Errors);
        }

        return Results.Json(await index.FacetsAsync(search, cancellationToken), ApiJson.Options);
    }

    private static async Task<IResult> SearchArticles(HttpRequest request, IEventSearchIndex index, CancellationToken cancellationToken)
    {
        var parsed = EventSearchParser.ParseArticles(QueryPairs.Of(request.Query));
        if (parsed.Value is not { } search)
        {
            return QueryPairs.BadRequest(parsed.Errors);
        }

        return Results.Json(await index.SearchArticlesAsync(search, cancellationToken), ApiJson.Options);
    }

    private static JsonObject ArticleJson(StoredArticle article) => new()
    {
        ["id"] = article.Id,
        ["title"] = article.Title,
        ["url"] = article.Url,
        ["text"] = article.Text,
        ["language"] = article.Language,
        ["published"] = ApiJson.Node(article.Published),
        ["feed"] = article.FeedName,
    };

    private static JsonObject MentionsJson(ArticleMentions mentions) => new()
    {
        ["companies"] = ApiJson.Node(mentions.Companies),
        ["organisations"] = ApiJson.Node(mentions.Organisations),
        ["metals"] = ApiJson.Node(mentions.Metals),
        ["countries"] = ApiJson.Node(mentions.Countries),
        ["quantities"] = ApiJson.Node(mentions.Quantities),
    };

    internal static IResult NotFound(string message) =>
        Results.Json(new { error = message }, ApiJson.Options, statusCode: StatusCodes.Status404NotFound);
}
