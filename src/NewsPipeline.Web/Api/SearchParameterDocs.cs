using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;
using NewsPipeline.Core.Search;

namespace NewsPipeline.Web.Api;

/// <summary>
/// The query parameters of the event endpoints in the OpenAPI document. The endpoints read the query string through
/// the one parser (<see cref="EventSearchParser"/>) rather than bound arguments, so nothing would list them otherwise.
/// </summary>
internal static class SearchParameterDocs
{
    private static readonly Dictionary<string, (JsonSchemaType Type, string Description)> Parameters = new(StringComparer.Ordinal)
    {
        [SearchParameters.Metal] = (JsonSchemaType.String, "Canonical metal or group (gallium, rare earths, battery metals); repeat for any of several."),
        [SearchParameters.Type] = (JsonSchemaType.String, "supply_agreement, trade_flow, export_restriction, production or investment; repeatable."),
        [SearchParameters.Status] = (JsonSchemaType.String, "fact, planned, talks, rumoured, denied or ended; repeatable."),
        [SearchParameters.Country] = (JsonSchemaType.String, "ISO 3166-1 alpha-2 code; repeatable."),
        [SearchParameters.CountryRole] = (JsonSchemaType.String, "either (default), origin or destination: which side `country` names."),
        [SearchParameters.Company] = (JsonSchemaType.String, "Buyer or seller, any alias in any script; repeatable."),
        [SearchParameters.Since] = (JsonSchemaType.String, "From this date: YYYY-MM-DD, YYYY-MM or YYYY."),
        [SearchParameters.Until] = (JsonSchemaType.String, "Up to this date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY."),
        [SearchParameters.DateField] = (JsonSchemaType.String, "published (default: the article's date) or start (the event's period)."),
        [SearchParameters.MinTonnes] = (JsonSchemaType.Number, "At least this many metric tonnes."),
        [SearchParameters.MaxTonnes] = (JsonSchemaType.Number, "At most this many metric tonnes."),
        [SearchParameters.MinSources] = (JsonSchemaType.Integer, "Deals reported by at least this many articles (outlets, languages); a whole number, 1 or more."),
        [SearchParameters.Language] = (JsonSchemaType.String, "Article language code (fr, ja, kk, …); repeatable."),
        [SearchParameters.Feed] = (JsonSchemaType.String, "Feed (outlet) name; repeatable."),
        [SearchParameters.Text] = (JsonSchemaType.String, "Full-text words over article title and text and the evidence, in any language."),
        [SearchParameters.Sort] = (JsonSchemaType.String, "date_desc (default), date_asc, tonnes_desc, tonnes_asc, sources_desc or relevance (needs q)."),
        [SearchParameters.Limit] = (JsonSchemaType.Integer, $"Events per page, 1 to {EventSearch.MaxLimit} (default {EventSearch.DefaultLimit})."),
        [SearchParameters.Cursor] = (JsonSchemaType.String, "The next_cursor of the previous page, to continue after it in the same sort."),
    };

    /// <summary>Lists <paramref name="names"/> as the endpoint's query parameters.</summary>
    public static TBuilder WithSearchParameters<TBuilder>(this TBuilder builder, IEnumerable<string> names)
        where TBuilder : IEndpointConventionBuilder
    {
        var documented = names.ToList();
        return builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var name in documented)
            {
                var (type, description) = Parameters[name];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Schema = new OpenApiSchema { Type = type },
                });
            }

            return Task.CompletedTask;
        });
    }
}
