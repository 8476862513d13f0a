using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core.Search;
using NewsPipeline.Core.Storage;
using NewsPipeline.Search;

using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>Detail views, caching, the API key, untrusted text, exports and recovery of the index, over each backend.</summary>
public sealed class ApiBehaviourTests
{
    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Event_detail_points_at_the_evidence_in_the_article_text_and_lists_mentions(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        var id = Corpus.IdOf("fr-gallium") + "-000";
        var detail = await server.GetJsonAsync("/api/events/" + id);
        var text = detail.GetProperty("article").GetProperty("text").GetString()!;
        var span = Assert.Single(detail.GetProperty("evidence_spans").EnumerateArray());
        Assert.Equal(detail.GetProperty("evidence").GetString(), text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
        Assert.Equal(["Mitsubishi Corporation RtM Japan", "Aluminium of Kazakhstan"],
            detail.GetProperty("mentions").GetProperty("companies").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(1, detail.GetProperty("source_count").GetInt32());
        Assert.Equal(Corpus.IdOf("fr-gallium"), Assert.Single(detail.GetProperty("sources").EnumerateArray()).GetProperty("article_id").GetString());

        var article = await server.GetJsonAsync("/api/articles/" + Corpus.IdOf("fr-gallium"));
        Assert.Equal(id, Assert.Single(article.GetProperty("events").EnumerateArray()).GetProperty("id").GetString());

        using var missing = await server.Client.GetAsync(new Uri("/api/events/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Cursors_stay_stable_while_events_arrive_and_when_their_event_is_replaced(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        var expected = await server.EventIdsAsync("limit=500");
        var first = await server.GetJsonAsync("/api/events?limit=4");
        var seen = first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        var cursor = first.GetProperty("next_cursor").GetString()!;

        // Newer events arrive (they sort before the cursor), and the event the cursor points at is replaced.
        await server.AddAsync(Corpus.Bulk("newer", 5, 2030));
        var lastId = seen[^1];
        var replaced = Corpus.Articles().Single(a => a.Events.Any(e => e.Id == lastId));
        await server.Services.GetRequiredService<IEventSearchIndex>().IndexAsync(
            replaced.Article, replaced.Events.Select(e => e with { Id = e.Id + "-v2" }).ToList(), CancellationToken.None);

        while (cursor is not null)
        {
            var page = await server.GetJsonAsync("/api/events?limit=4&cursor=" + Uri.EscapeDataString(cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        }

        Assert.Equal(expected, seen);
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Reads_carry_an_etag_that_answers_304_until_the_store_changes(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        using var first = await server.Client.GetAsync(new Uri("/api/events?metal=gallium", UriKind.Relative));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/events?metal=gallium");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await server.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var other = await server.Client.GetAsync(new Uri("/api/events?metal=lithium", UriKind.Relative));
        Assert.NotEqual(etag, other.Headers.ETag);

        await server.AddAsync(Corpus.Bulk("later", 3, 2026));
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, "/api/events?metal=gallium");
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await server.Client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Saved_searches_need_the_api_key_and_are_served_as_atom(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        var body = new { name = "Gallium into Japan", query = "metal=gallium&country=JP" };
        using (var anonymous = await server.Client.PostAsJsonAsync(new Uri("/api/saved-searches", UriKind.Relative), body))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/saved-searches") { Content = JsonContent.Create(body) };
        wrongKey.Headers.Add("X-Api-Key", "not-the-key-at-all-0000");
        using (var refused = await server.Client.SendAsync(wrongKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/saved-searches") { Content = JsonContent.Create(body) };
        create.Headers.Add("X-Api-Key", ApiServer.ApiKey);
        using var created = await server.Client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var list = await server.GetJsonAsync("/api/saved-searches");
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var atom = XDocument.Parse(await server.Client.GetStringAsync(new Uri($"/feeds/saved/{id}.atom", UriKind.Relative)));
        XNamespace ns = "http://www.w3.org/2005/Atom";
        Assert.Equal("Gallium into Japan", atom.Root!.Element(ns + "title")!.Value);
        Assert.Equal(
            new[] { "fr-gallium", "ru-gallium" }.Select(k => "urn:newspipeline:event:" + Corpus.IdOf(k) + "-000").Order(StringComparer.Ordinal),
            atom.Root.Elements(ns + "entry").Select(e => e.Element(ns + "id")!.Value).Order(StringComparer.Ordinal));

        using var invalid = new HttpRequestMessage(HttpMethod.Post, "/api/saved-searches") { Content = JsonContent.Create(new { name = "", query = "metal=kryptonite" }) };
        invalid.Headers.Add("X-Api-Key", ApiServer.ApiKey);
        using (var rejected = await server.Client.SendAsync(invalid))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
            var errors = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("parameter").GetString());
            Assert.Equal(["name", "query.metal"], errors);
        }

        using (var anonymousDelete = await server.Client.DeleteAsync(new Uri("/api/saved-searches/" + id, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousDelete.StatusCode);
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/saved-searches/" + id);
        delete.Headers.Add("X-Api-Key", ApiServer.ApiKey);
        using (var deleted = await server.Client.SendAsync(delete))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Empty((await server.GetJsonAsync("/api/saved-searches")).GetProperty("items").EnumerateArray());
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task A_script_tag_in_a_title_comes_back_as_plain_json_text(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        using var response = await server.Client.GetAsync(new Uri("/api/events?status=rumoured", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        var item = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(Corpus.ScriptTitle, item.GetProperty("article_title").GetString());

        var search = await server.GetJsonAsync("/api/search?q=trader");
        var hit = Assert.Single(search.GetProperty("items").EnumerateArray());
        Assert.Equal(Corpus.ScriptTitle, hit.GetProperty("title").GetString());
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Csv_export_streams_every_match_with_formulas_neutralised(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        using var response = await server.Client.GetAsync(new Uri("/api/export?format=csv&metal=gallium", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, bytes[0]);
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,type,metal,buyer,seller,tonnes", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        var script = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")", script, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", script, StringComparison.Ordinal);

        using var jsonl = await server.Client.GetAsync(new Uri("/api/export?format=jsonl&language=ja", UriKind.Relative));
        var row = Assert.Single((await jsonl.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("germanium", JsonDocument.Parse(row).RootElement.GetProperty("metal").GetString());

        using var xlsx = await server.Client.GetAsync(new Uri("/api/export?format=xlsx", UriKind.Relative));
        var zip = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', zip[0]);
        Assert.Equal((byte)'K', zip[1]);

        using var bad = await server.Client.GetAsync(new Uri("/api/export?format=pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Health_and_openapi_describe_the_service(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        var health = await server.GetJsonAsync("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(10, health.GetProperty("events").GetInt64());
        Assert.Equal(10, health.GetProperty("articles").GetInt64());
        var openapi = await server.GetJsonAsync("/openapi/v1.json");
        var paths = openapi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/events", paths);
        Assert.Contains("/api/facets", paths);
        Assert.Contains("/api/saved-searches", paths);
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Min_sources_in_the_query_string_keeps_deals_several_articles_reported(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        var deal = Corpus.IdOf("fr-gallium") + "-000";
        Assert.Empty(await server.EventIdsAsync("min_sources=2"));

        // An English outlet reports the same contract a day later; as the worker does, the store attaches it to
        // the deal and the deal's first article is indexed again.
        var first = Corpus.Articles().Single(a => a.Article.Id == Corpus.IdOf("fr-gallium"));
        var (laterArticle, laterEvents, _) = Corpus.Make("en-gallium-again", "en", "feed-en", first.Article.Published!.Value.AddDays(1), "Japanese trader secures Kazakh gallium",
            "A Japanese trading house has agreed to buy gallium from Kazakhstan under a multi-year contract.", [first.Events[0].Event]);
        var ingest = await server.Services.GetRequiredService<IPipelineStore>().IngestArticleAsync(laterArticle, laterEvents, CancellationToken.None);
        Assert.Equal(StoryOutcome.NewSource, Assert.Single(ingest.Events).Outcome);
        var analyst = server.Services.GetRequiredService<IAnalystStore>();
        var index = server.Services.GetRequiredService<IEventSearchIndex>();
        await index.IndexAsync(laterArticle, await analyst.GetEventsOfArticleAsync(laterArticle.Id, CancellationToken.None), CancellationToken.None);
        await index.IndexAsync(first.Article, await analyst.GetEventsOfArticleAsync(first.Article.Id, CancellationToken.None), CancellationToken.None);

        Assert.Equal([deal], await server.EventIdsAsync("min_sources=2"));
        Assert.Equal([deal], await server.EventIdsAsync("min_sources=2&metal=gallium&country=JP"));
        Assert.Empty(await server.EventIdsAsync("min_sources=3"));
        Assert.Equal(deal, (await server.EventIdsAsync("sort=sources_desc"))[0]);
        Assert.Equal(2, (await server.GetJsonAsync("/api/events?min_sources=2")).GetProperty("items")[0].GetProperty("source_count").GetInt32());
        Assert.Equal(1, (await server.GetJsonAsync("/api/facets?min_sources=2")).GetProperty("total").GetInt64());
        Assert.Equal(await server.EventIdsAsync("limit=500"), await server.EventIdsAsync("limit=500&min_sources=1"));

        using var bad = await server.Client.GetAsync(new Uri("/api/events?min_sources=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("min_sources", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var openapi = await server.GetJsonAsync("/openapi/v1.json");
        var parameters = openapi.GetProperty("paths").GetProperty("/api/events").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        Assert.Equal(SearchParameters.EventNames.Order(StringComparer.Ordinal), parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("query", parameters["min_sources"].GetProperty("in").GetString());
        Assert.Equal("integer", parameters["min_sources"].GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("min_sources", openapi.GetProperty("paths").GetProperty("/api/export").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()));
    }

    [SkippableTheory]
    [MemberData(nameof(ApiServer.Backends), MemberType = typeof(ApiServer))]
    public async Task Start_up_check_indexes_articles_a_crash_left_out_of_the_index(ApiBackend backend)
    {
        await using var server = await ApiServer.StartAsync(backend);
        var store = server.Services.GetRequiredService<IPipelineStore>();
        var (article, events, _) = Corpus.Bulk("unindexed", 4, 2027);
        // Stored but never indexed: what a crash between the store commit and the index commit leaves.
        await store.AddArticleAsync(article, events, CancellationToken.None);
        Assert.Empty(await server.EventIdsAsync("since=2027-01-01&date_field=start"));

        var reindexed = await server.Services.GetRequiredService<SearchIndexMaintenance>().CatchUpAsync(CancellationToken.None);

        Assert.Equal(1, reindexed);
        Assert.Equal(4, (await server.EventIdsAsync("since=2027-01-01&date_field=start")).Count);
        Assert.Equal(0, await server.Services.GetRequiredService<SearchIndexMaintenance>().CatchUpAsync(CancellationToken.None));
    }
}
