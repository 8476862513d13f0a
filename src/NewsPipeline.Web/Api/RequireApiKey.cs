using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NewsPipeline.Web.Api;

/// <summary>Write endpoints need the configured key in <c>X-Api-Key</c>; compared in constant time.</summary>
internal sealed class RequireApiKey(WebOptions options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.ApiKey is null)
        {
            return Unauthorized("writes are disabled: no API key is configured (serve --api-key-file FILE)");
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        var expected = Encoding.UTF8.GetBytes(options.ApiKey);
        if (given.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
        {
            return Unauthorized($"a valid {Header} header is required");
        }

        return await next(context);
    }

    private static IResult Unauthorized(string message) =>
        Results.Json(new { error = message }, ApiJson.Options, statusCode: StatusCodes.Status401Unauthorized);
}
