using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Web.Api;

/// <summary>
/// Weak ETags on reads: the index version (which moves with every stored article), the saved-search version,
/// this process's instance and the request's path and query. A matching If-None-Match answers 304 before
/// any search runs.
/// </summary>
internal sealed class ConditionalGet(IEventSearchIndex index, ApiState state) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var identity = string.Join('|', state.Instance, index.Version, state.SavedSearchVersion, request.Path.Value, request.QueryString.Value);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 12));
        var etag = new EntityTagHeaderValue("\"" + hash + "\"", isWeak: true);
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return await next(context);
    }
}

/// <summary>Per-process state of the API (never static): the instance id in ETags and the saved-search change counter.</summary>
public sealed class ApiState
{
    private long savedSearchVersion;

    public string Instance { get; } = Guid.NewGuid().ToString("N");

    public long SavedSearchVersion => Interlocked.Read(ref savedSearchVersion);

    public void SavedSearchesChanged() => Interlocked.Increment(ref savedSearchVersion);
}
