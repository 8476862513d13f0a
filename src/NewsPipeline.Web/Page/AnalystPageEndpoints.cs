using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace NewsPipeline.Web.Page;

/// <summary>
/// Serves the analysts' page: <c>GET /</c> and <c>GET /assets/{file}</c>, from files embedded in this assembly,
/// with the strict security headers of the API contract (no inline script or style can run).
/// </summary>
public static class AnalystPageEndpoints
{
    public const string AssetsPath = "/assets/";

    /// <summary>The policy of the API contract: only this origin's own files; no inline code, no plugins, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapAnalystPage(this IEndpointRouteBuilder endpoints)
    {
        var assets = PageAssets.FromAssembly(typeof(AnalystPageEndpoints).Assembly);
        endpoints.MapMethods("/", ReadMethods, (HttpContext context) => ServeAsync(context, assets.Index))
            .ExcludeFromDescription();
        endpoints.MapMethods(AssetsPath + "{name}", ReadMethods, (HttpContext context, string name) =>
                assets.TryGet("assets/" + name, out var asset) ? ServeAsync(context, asset) : NotFoundAsync(context))
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Sets the headers every page response carries (exposed so other HTML responses can share them).</summary>
    public static void ApplySecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }

    private static async Task ServeAsync(HttpContext context, PageAsset asset)
    {
        var response = context.Response;
        ApplySecurityHeaders(response);
        response.Headers.ETag = asset.ETag;
        // Revalidate every time (cheap 304s): a new build's page is never mixed with an old cached module.
        response.Headers.CacheControl = "no-cache";
        if (IsNotModified(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(asset.Content, context.RequestAborted);
        }
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        ApplySecurityHeaders(context.Response);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static bool IsNotModified(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
}
