using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// The page over thousands of events: the server pages, the page holds one page of rows, charts come from
/// the facets endpoint. Behaviour only; speed is measured by the search benchmark, not here.
/// </summary>
public sealed class LargeStoreTests(LargeSite site) : IClassFixture<LargeSite>
{
    private const string Rows = "#events tbody tr[data-id]";

    [SkippableFact]
    public async Task Thousands_of_events_are_paged_by_the_server_and_only_one_page_is_ever_in_the_page()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "about:blank");
        var page = session.Page;
        var requested = new ConcurrentQueue<Uri>();
        page.Request += (_, request) => requested.Enqueue(new Uri(request.Url));
        await page.GotoAsync("/");

        var total = LargeSite.Events.ToString("N0", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#total")).ToHaveTextAsync($"{total} events");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(50);
        for (var next = 1; next <= 3; next++)
        {
            await page.Locator("#next-page").ClickAsync();
            await Expect(page.Locator("#page-label")).ToHaveTextAsync($"{next * 50 + 1}–{(next + 1) * 50} of {total}");
            await Expect(page.Locator(Rows)).ToHaveCountAsync(50);
        }

        await Expect(page.Locator("#chart-tonnage .legend li")).ToHaveCountAsync(6);
        await Expect(page.Locator("#chart-flows path.band").First).ToBeAttachedAsync();

        await page.Locator(".facet[data-facet=metal] input[value=germanium]").CheckAsync();
        await Expect(page.Locator("#total")).ToHaveTextAsync($"{(LargeSite.Events / 8).ToString("N0", CultureInfo.InvariantCulture)} events");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(50);
        await Expect(page.Locator($"{Rows} td.metal").Filter(new() { HasNotText = "germanium" })).ToHaveCountAsync(0);

        var eventRequests = requested.Where(u => u.AbsolutePath == "/api/events").ToList();
        Assert.NotEmpty(eventRequests);
        Assert.All(eventRequests, u => Assert.Contains("limit=50", u.Query, StringComparison.Ordinal));
        Assert.DoesNotContain(requested, u => u.AbsolutePath == "/api/export");
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task Generated_text_in_every_script_is_displayed_as_stored()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?language=zh&limit=25");
        var page = session.Page;

        await Expect(page.Locator(Rows)).ToHaveCountAsync(25);
        await Expect(page.Locator($"{Rows} .party").Filter(new() { HasText = "华东新材料" }).First).ToBeVisibleAsync();
        await page.Locator($"{Rows} a.open-event").First.ClickAsync();
        await Expect(page.Locator("#detail .article-text mark.evidence").First).ToContainTextAsync("华东新材料将每年从草原矿业采购");

        await page.GotoAsync("/?language=kk&limit=25");
        await Expect(page.Locator($"{Rows} .party").Filter(new() { HasText = "Алатау Металл" }).First).ToBeVisibleAsync();
        Assert.Empty(session.Errors);
    }
}
