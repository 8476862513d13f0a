using Microsoft.AspNetCore.Http;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Web.Api;

/// <summary>Request query strings as the name/value pairs the shared parser reads, and 400 answers listing every error.</summary>
internal static class QueryPairs
{
    public static IEnumerable<KeyValuePair<string, string?>> Of(IQueryCollection query) =>
        query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));

    /// <summary>Parses a stored query string ("metal=gallium&amp;country=JP").</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Of(string queryString) =>
        Of(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)));

    public static IResult BadRequest(IReadOnlyList<ParameterError> errors) =>
        Results.Json(
            new BadRequestBody(
                string.Join("; ", errors.Select(e => $"{e.Parameter}: {e.Message}")),
                errors),
            ApiJson.Options,
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult BadRequest(string parameter, string message) => BadRequest([new ParameterError(parameter, message)]);

    private sealed record BadRequestBody(string Error, IReadOnlyList<ParameterError> Errors);
}
