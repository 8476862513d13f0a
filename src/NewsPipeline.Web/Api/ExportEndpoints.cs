using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsPipeline.Core.Search;
using NewsPipeline.Web.Export;

namespace NewsPipeline.Web.Api;

/// <summary><c>/api/export?format=csv|jsonl|xlsx&amp;&lt;filters&gt;</c>: every matching event, streamed.</summary>
internal static class ExportEndpoints
{
    private const string FormatParameter = "format";
    private static readonly string[] AlsoAllowed = [FormatParameter];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/export", ExportAsync).WithName("Export").WithSummary("All matching events as CSV, JSON Lines or xlsx")
            .WithSearchParameters(SearchParameters.EventNames.Except([SearchParameters.Limit, SearchParameters.Cursor]));

    private static async Task<IResult> ExportAsync(HttpContext context, EventSearchParser parser, IEventSearchIndex index, TimeProvider time)
    {
        var request = context.Request;
        var errors = new List<ParameterError>();
        var parsed = parser.ParseEvents(QueryPairs.Of(request.Query), AlsoAllowed);
        errors.AddRange(parsed.Errors);
        var formatText = request.Query[FormatParameter].ToString();
        var format = ExportFormat.Csv;
        if (formatText.Length > 0 && !Enum.TryParse(formatText, ignoreCase: true, out format))
        {
            errors.Add(new ParameterError(FormatParameter, $"'{formatText}' is not one of csv|jsonl|xlsx"));
        }

        if (errors.Count > 0 || parsed.Value is not { } search)
        {
            return QueryPairs.BadRequest(errors);
        }

        var fileName = $"events-{time.GetUtcNow():yyyyMMdd-HHmmss}.{EventExport.Extension(format)}";
        return Results.Stream(
            output => EventExportWriter.WriteAsync(format, EventExport.AllAsync(index, search, context.RequestAborted), output, context.RequestAborted),
            EventExport.ContentType(format),
            fileName);
    }
}
