using NewsPipeline.Cli.Query;
using NewsPipeline.Core.Extraction;
using Xunit;

namespace NewsPipeline.Cli.Tests;

public sealed class EventQueryParametersTests
{
    [Fact]
    public void Valid_filters_parse_into_a_query()
    {
        var (query, errors) = new EventQueryParameters(
            Metal: "Gallium", Country: "jp", Company: "三菱商事", Type: "supply-agreement", Since: "2024", Until: "2026-02", MinTonnes: "10.5", Limit: "50", MinSources: "3").Parse();

        Assert.Empty(errors);
        Assert.NotNull(query);
        Assert.Equal("gallium", query.Metal);
        Assert.Equal("JP", query.Country);
        Assert.Equal("三菱商事", query.Company);
        Assert.Equal(EventType.SupplyAgreement, query.Type);
        Assert.Equal(new DateOnly(2024, 1, 1), query.Since);
        Assert.Equal(new DateOnly(2026, 2, 28), query.Until);
        Assert.Equal(10.5, query.MinTonnes);
        Assert.Equal(50, query.Limit);
        Assert.Equal(3, query.MinSources);
    }

    [Fact]
    public void Every_bad_parameter_is_reported_at_once()
    {
        var (query, errors) = new EventQueryParameters(Country: "Japan", Type: "merger", Since: "last week", MinTonnes: "-3", Limit: "0", MinSources: "0").Parse();

        Assert.Null(query);
        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.Contains("country", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("type 'merger'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("since", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("min_tonnes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("limit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("min_sources", StringComparison.Ordinal));
    }
}
