using System.Net;
using System.Text.Json;

using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>Filters, full text in several scripts, facets and paging, through the HTTP API, over each backend.</summary>
public abstract class EventQueryTests(ApiServer? server)
{
    private ApiServer Server
    {
        get
        {
            Skip.If(server is null, $"{PostgresDatabase.Variable} is not set: the PostgreSQL engine needs a server (.ci/run starts one).");
            return server!;
        }
    }

    [SkippableFact]
    public async Task Cursor_paging_visits_every_event_once_in_order()
    {
        foreach (var sort in new[] { "date_desc", "date_asc", "tonnes_desc", "tonnes_asc" })
        {
            var all = await Server.GetJsonAsync($"/api/events?limit=500&sort={sort}");
            var expected = Ids(all);
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await Server.GetJsonAsync($"/api/events?limit=17&sort={sort}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                Assert.Equal(all.GetProperty("total").GetInt64(), page.GetProperty("total").GetInt64());
                seen.AddRange(Ids(page));
                cursor = page.GetProperty("next_cursor").GetString();
            }
            while (cursor is not null);

            Assert.Equal(expected, seen);
            Assert.Equal(130, seen.Count);
        }
    }

    [SkippableFact]
    public async Task Tonnes_sort_puts_the_biggest_first_and_events_without_tonnes_last()
    {
        var page = await Server.GetJsonAsync("/api/events?sort=tonnes_desc&limit=500");
        var tonnes = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("tonnes")).ToList();
        Assert.Equal(120000, tonnes[0].GetDouble());
        var firstMissing = tonnes.FindIndex(t => t.ValueKind == JsonValueKind.Null);
        Assert.True(firstMissing > 0);
        Assert.All(tonnes.Skip(firstMissing), t => Assert.Equal(JsonValueKind.Null, t.ValueKind));
        var numbers = tonnes.Take(firstMissing).Select(t => t.GetDouble()).ToList();
        Assert.Equal(numbers.OrderByDescending(n => n), numbers);
    }

    [SkippableTheory]
    [InlineData("metal=gallium&country=JP", new[] { "fr-gallium", "ru-gallium" })]
    [InlineData("metal=battery%20metals&min_tonnes=10000", new[] { "en-lithium", "de-nickel", "pt-lithium" })]
    [InlineData("metal=gallium&metal=germanium&country=JP&country_role=destination", new[] { "fr-gallium", "ja-germanium", "ru-gallium" })]
    [InlineData("country=KZ&country_role=origin&type=supply_agreement", new[] { "fr-gallium", "ja-germanium", "kk-uranium" })]
    [InlineData("company=%D0%9C%D0%B8%D1%86%D1%83%D0%B1%D0%B8%D1%81%D0%B8", new[] { "fr-gallium", "ja-germanium" })]
    [InlineData("company=%E4%B8%89%E8%8F%B1%E5%95%86%E4%BA%8B", new[] { "fr-gallium", "ja-germanium" })]
    [InlineData("company=kestrel%20lithium", new[] { "en-lithium" })]
    [InlineData("status=talks", new[] { "es-cobalt" })]
    [InlineData("status=planned&status=rumoured", new[] { "de-nickel", "en-script" })]
    [InlineData("type=export_restriction&since=2023-01-01&until=2023-12-31", new[] { "zh-controls" })]
    [InlineData("metal=lithium&date_field=start&since=2026-01-01", new[] { "en-lithium" })]
    [InlineData("metal=lithium&since=2025-06-01", new[] { "en-lithium" })]
    [InlineData("max_tonnes=20&min_tonnes=8&metal=gallium&metal=germanium", new[] { "fr-gallium", "ja-germanium", "en-script" })]
    [InlineData("language=kk", new[] { "kk-uranium" })]
    [InlineData("feed=feed-asia", new[] { "ja-germanium", "zh-controls" })]
    [InlineData("metal=uranium&country=CN", new[] { "kk-uranium" })]
    public async Task Each_filter_keeps_exactly_the_matching_events(string query, string[] articles)
    {
        var ids = await Server.EventIdsAsync(query + "&limit=500");
        Assert.Equal(articles.Select(Corpus.IdOf).Order(StringComparer.Ordinal), ids.Select(ArticleOf).Distinct().Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("ゲルマニウム", "ja-germanium")]
    [InlineData("精錬会社", "ja-germanium")]
    [InlineData("镓", "zh-controls")]
    [InlineData("出口管制", "zh-controls")]
    [InlineData("галлию", "ru-gallium")]
    [InlineData("vanadium", null)]
    [InlineData("livraisons Chine", "fr-gallium")]
    [InlineData("concentrados lítio", "pt-lithium")]
    [InlineData("уран", "kk-uranium")]
    [InlineData("shipping Australia", "en-lithium")]
    public async Task Full_text_finds_the_article_in_its_own_script(string words, string? article)
    {
        var page = await Server.GetJsonAsync("/api/events?limit=500&q=" + Uri.EscapeDataString(words));
        var found = Ids(page).Select(ArticleOf).Distinct().ToList();
        if (article is null)
        {
            Assert.Empty(found);
            return;
        }

        Assert.Equal([Corpus.IdOf(article)], found);
        var snippet = page.GetProperty("items")[0].GetProperty("snippet").EnumerateArray().ToList();
        Assert.Contains(snippet, s => s.GetProperty("mark").GetBoolean());
    }

    [SkippableFact]
    public async Task Article_search_returns_snippets_as_marked_text_segments()
    {
        var page = await Server.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("ゲルマニウム"));
        var hit = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(Corpus.IdOf("ja-germanium"), hit.GetProperty("id").GetString());
        var marked = hit.GetProperty("snippet").EnumerateArray().Where(s => s.GetProperty("mark").GetBoolean()).Select(s => s.GetProperty("text").GetString()).ToList();
        Assert.Equal(["ゲルマニウム"], marked);

        var russian = await Server.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("галлий"));
        var ru = Assert.Single(russian.GetProperty("items").EnumerateArray());
        Assert.Contains(ru.GetProperty("snippet").EnumerateArray(), s => s.GetProperty("mark").GetBoolean() && s.GetProperty("text").GetString() == "галлия");
    }

    [SkippableFact]
    public async Task Facets_count_every_matching_event_not_just_one_page()
    {
        var facets = await Server.GetJsonAsync("/api/facets?metal=gallium&limit=1");
        Assert.Equal(4, facets.GetProperty("total").GetInt64());
        Assert.Equal(4, Count(facets, "metals", "gallium"));
        Assert.Equal(2, Count(facets, "countries", "JP"));
        Assert.Equal(2, Count(facets, "countries", "KZ"));
        Assert.Equal(2, Count(facets, "countries", "CN"));
        Assert.Equal(2, Count(facets, "types", "export_restriction"));
        Assert.Equal(1, Count(facets, "statuses", "rumoured"));
        var flow = Assert.Single(facets.GetProperty("flows").EnumerateArray(), f => f.GetProperty("origin").GetString() == "KZ");
        Assert.Equal(2, flow.GetProperty("count").GetInt64());
        Assert.Equal(55, flow.GetProperty("tonnes").GetDouble());
        Assert.Contains(facets.GetProperty("months").EnumerateArray(), m => m.GetProperty("value").GetString() == "2023-08");
        Assert.Contains(facets.GetProperty("tonnes_by_metal_month").EnumerateArray(), m => m.GetProperty("metal").GetString() == "gallium" && m.GetProperty("month").GetString() == "2026-01" && m.GetProperty("tonnes").GetDouble() == 15);
        var buyers = await Server.GetJsonAsync("/api/facets?type=supply_agreement");
        Assert.Equal(1, Count(buyers, "buyers", "Mitsubishi Corporation RtM Japan"));
    }

    [SkippableFact]
    public async Task Bad_parameters_answer_400_listing_every_error()
    {
        using var response = await Server.Client.GetAsync(new Uri("/api/events?min_tonnes=lots&country=Japan&sort=biggest&limit=0&metal=kryptonite&since=2026-13-01&colour=red&cursor=garbage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var parameters = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("parameter").GetString()).ToList();
        Assert.Equal(["colour", "country", "cursor", "limit", "metal", "min_tonnes", "since", "sort"], parameters.Order(StringComparer.Ordinal));
        Assert.Contains("min_tonnes", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.All(body.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));

        using var search = await Server.Client.GetAsync(new Uri("/api/search?limit=5", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        using var relevance = await Server.Client.GetAsync(new Uri("/api/events?sort=relevance", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, relevance.StatusCode);
    }

    [SkippableFact]
    public async Task A_cursor_from_another_sort_is_refused()
    {
        var page = await Server.GetJsonAsync("/api/events?limit=5&sort=date_desc");
        var cursor = page.GetProperty("next_cursor").GetString()!;
        using var response = await Server.Client.GetAsync(new Uri("/api/events?sort=tonnes_desc&cursor=" + Uri.EscapeDataString(cursor), UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

    private static string ArticleOf(string eventId) => eventId[..eventId.LastIndexOf('-')];

    private static long Count(JsonElement facets, string facet, string value) =>
        facets.GetProperty(facet).EnumerateArray().Where(f => f.GetProperty("value").GetString() == value).Select(f => f.GetProperty("count").GetInt64()).SingleOrDefault();
}

public sealed class LuceneEventQueryTests(LuceneApiServerFixture fixture) : EventQueryTests(fixture.Server), IClassFixture<LuceneApiServerFixture>;

public sealed class PostgresSearchEventQueryTests(PostgresSearchApiServerFixture fixture) : EventQueryTests(fixture.Server), IClassFixture<PostgresSearchApiServerFixture>;

public sealed class PostgresEventQueryTests(PostgresApiServerFixture fixture) : EventQueryTests(fixture.Server), IClassFixture<PostgresApiServerFixture>;
