using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NewsPipeline.Web.Page;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// The analysts' page in real headless Chromium over a store filled by the demo corpus: what an analyst does
/// (filter, open a deal, read the highlighted sentence, export, page, go back) and what an attacker tries.
/// </summary>
public sealed partial class AnalystPageTests(AnalystSite site) : IClassFixture<AnalystSite>
{
    private const string Rows = "#events tbody tr[data-id]";

    [SkippableFact]
    public async Task Filter_to_gallium_open_the_Mitsubishi_Kazakhstan_deal_see_the_evidence_highlighted_and_export_csv()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/");
        var page = session.Page;
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();

        await page.Locator(".facet[data-facet=metal] input[value=gallium]").CheckAsync();
        await Expect(page).ToHaveURLAsync(MetalGallium());
        await Expect(page.Locator("#events tbody[aria-busy]")).ToHaveCountAsync(0);
        await Expect(page.Locator($"{Rows} td.metal").Filter(new() { HasNotTextRegex = ExactlyGallium() })).ToHaveCountAsync(0);
        var shown = await page.Locator(Rows).CountAsync();
        Assert.True(shown >= 3, $"only {shown} gallium events shown");

        var deal = page.Locator(Rows).Filter(new() { HasText = "Mitsubishi Corporation RtM Japan" }).Filter(new() { HasText = "KZ → JP" });
        await Expect(deal).ToHaveCountAsync(1);
        await deal.Locator("a.open-event").ClickAsync();

        await Expect(page).ToHaveURLAsync(EventRoute());
        var evidence = page.Locator("#detail .article-text mark.evidence");
        await Expect(evidence.First).ToContainTextAsync("15 tonnes de gallium par an");
        await Expect(evidence.First).ToContainTextAsync("Mitsubishi Corporation RtM Japan");
        await Expect(evidence.First).ToBeInViewportAsync();
        var original = page.Locator("#detail .article-meta a");
        await Expect(original).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(original).ToHaveAttributeAsync("href", new Regex("^http://127\\.0\\.0\\.1:\\d+/articles/fr-kazakh-gallium\\.html$"));
        await Expect(page.Locator("#detail .sources a").First).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(page.Locator("#detail .mentions")).ToContainTextAsync("Aluminium");
        Directory.CreateDirectory(BrowserSite.ScreenshotFolder);
        var detailShot = Path.Combine(BrowserSite.ScreenshotFolder, "gallium-deal-evidence.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = detailShot });

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();
        await Expect(page).Not.ToHaveURLAsync(EventRoute());
        var listShot = Path.Combine(BrowserSite.ScreenshotFolder, "gallium-events-and-charts.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = listShot, FullPage = true });
        Assert.True(new FileInfo(detailShot).Length > 10_000 && new FileInfo(listShot).Length > 10_000, "screenshots are empty");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var csv = Csv.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        var header = csv[0];
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new Xunit.Sdk.XunitException($"no '{name}' column in {string.Join(",", header)}");
        var rows = csv.Skip(1).ToList();
        Assert.Equal(await TotalAsync(page), rows.Count);
        Assert.All(rows, row => Assert.Equal("gallium", row[Column("metal")]));
        Assert.Contains(rows, row => row[Column("buyer")] == "Mitsubishi Corporation RtM Japan"
            && row[Column("origin")] == "KZ" && row[Column("destination")] == "JP" && row[Column("tonnes")] == "15");
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task Markup_in_an_article_title_is_shown_as_text_and_never_runs()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?q=" + HostileFeed.SearchWord);
        var page = session.Page;

        var row = page.Locator(Rows).Filter(new() { HasText = HostileFeed.SearchWord });
        await Expect(row.First.Locator(".article-title")).ToHaveTextAsync(HostileFeed.Title);
        await row.First.Locator("a.open-event").ClickAsync();
        await Expect(page.Locator("#article-title")).ToHaveTextAsync(HostileFeed.Title);

        Assert.Null(await page.EvaluateAsync<bool?>("() => window.__pwned ?? null"));
        Assert.Equal(0, await page.Locator("#events script, #events img, #detail script, #detail img").CountAsync());
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Empty(await session.CspViolationsAsync());
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task The_page_and_its_assets_carry_the_strict_content_security_policy_and_run_within_it()
    {
        Chromium.Require();
        using var http = new HttpClient { BaseAddress = site.BaseUrl };
        foreach (var path in new[] { "/", "/assets/app.js", "/assets/app.css", "/assets/no-such-file.js" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(AnalystPageEndpoints.ContentSecurityPolicy, string.Join("; ", response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalResource(), html);

        await using var session = await BrowserSession.OpenAsync(site, "/?metal=gallium");
        var page = session.Page;
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-flows svg")).ToBeVisibleAsync();
        Assert.Empty(await session.CspViolationsAsync());

        // The policy is in force: script injected into the DOM (as a stored title would be, were it parsed) does not run.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); }");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__inline ?? null"));
        Assert.Contains(await session.CspViolationsAsync(), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Filters_live_in_the_url_so_a_shared_link_restores_them_and_back_undoes_them()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/");
        var page = session.Page;
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();
        var everything = await TotalAsync(page);

        await page.Locator(".facet[data-facet=metal] input[value=gallium]").CheckAsync();
        await Expect(page).ToHaveURLAsync(MetalGallium());
        await Expect(page.Locator("#total")).Not.ToHaveTextAsync(TotalText(everything));
        var gallium = await TotalAsync(page);
        Assert.True(gallium < everything);

        await page.GoBackAsync();
        await Expect(page.Locator("#total")).ToHaveTextAsync(TotalText(everything));
        await Expect(page.Locator(".facet[data-facet=metal] input[value=gallium]")).Not.ToBeCheckedAsync();
        await page.GoForwardAsync();
        await Expect(page.Locator("#total")).ToHaveTextAsync(TotalText(gallium));
        await Expect(page.Locator(".facet[data-facet=metal] input[value=gallium]")).ToBeCheckedAsync();

        // A shared link: the same filters and sort come back from the URL alone.
        await using var shared = await BrowserSession.OpenAsync(site, "/?metal=gallium&sort=tonnes_desc");
        await Expect(shared.Page.Locator("#total")).ToHaveTextAsync(TotalText(gallium));
        await Expect(shared.Page.Locator(".facet[data-facet=metal] input[value=gallium]")).ToBeCheckedAsync();
        await Expect(shared.Page.Locator("th[data-sort=tonnes]")).ToHaveAttributeAsync("aria-sort", "descending");
        var tonnes = await shared.Page.Locator($"{Rows} td.tonnes").AllInnerTextsAsync();
        var values = tonnes.Select(LeadingNumber).Where(v => v is not null).Select(v => v!.Value).ToList();
        Assert.True(values.Count >= 2, "fewer than two gallium events with tonnes");
        Assert.Equal(values.OrderByDescending(v => v), values);
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task Pages_follow_the_api_cursors_forward_and_back()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?limit=25");
        var page = session.Page;
        await Expect(page.Locator(Rows)).ToHaveCountAsync(25);
        var total = await TotalAsync(page);
        Assert.True(total > 25, $"the demo store holds only {total} events");
        var firstPage = await RowIdsAsync(page);
        await Expect(page.Locator("#previous-page")).ToBeDisabledAsync();

        await page.Locator("#next-page").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("cursor="));
        await Expect(page.Locator("#page-label")).ToHaveTextAsync($"26–{Math.Min(50, total)} of {total}");
        var secondPage = await RowIdsAsync(page);
        Assert.Equal(Math.Min(25, total - 25), secondPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));

        await page.Locator("#previous-page").ClickAsync();
        await Expect(page.Locator("#page-label")).ToHaveTextAsync($"1–25 of {total}");
        Assert.Equal(firstPage, await RowIdsAsync(page));
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task Charts_are_drawn_from_the_facets_with_titles_and_descriptions()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?metal=gallium");
        var page = session.Page;

        await Expect(page.Locator("#chart-buyers svg g.bar").Filter(new() { HasText = "Mitsubishi Corporation" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-flows svg path.band title").Filter(new() { HasText = "Kazakhstan (KZ) → Japan (JP)" })).ToHaveCountAsync(1);
        await Expect(page.Locator("#chart-tonnage .legend li")).ToContainTextAsync(["gallium"]);
        foreach (var chart in new[] { "#chart-tonnage", "#chart-buyers", "#chart-sellers", "#chart-flows" })
        {
            var svg = page.Locator($"{chart} svg");
            await Expect(svg).ToHaveAttributeAsync("role", "img");
            await Expect(svg.Locator("> title")).Not.ToBeEmptyAsync();
            await Expect(svg.Locator("> desc")).Not.ToBeEmptyAsync();
        }

        await Expect(page.Locator("#chart-tonnage svg > desc")).ToContainTextAsync("gallium");
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task Text_in_other_scripts_displays_and_full_text_search_finds_japanese_words()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?q=" + Uri.EscapeDataString("ゲルマニウム"));
        var page = session.Page;

        var row = page.Locator(Rows).Filter(new() { HasText = "丸星商事" });
        await Expect(row.First).ToBeVisibleAsync();
        await Expect(row.First.Locator(".snippet mark").First).ToHaveTextAsync("ゲルマニウム");
        await Expect(row.First.Locator(".article-title")).ToHaveAttributeAsync("dir", "auto");

        await page.GotoAsync("/?language=ru");
        await Expect(page.Locator($"{Rows} .article-title").First).ToHaveTextAsync(Cyrillic());
        Assert.Empty(session.Errors);
        Assert.Empty(site.ServerErrors);
    }

    [SkippableFact]
    public async Task A_rejected_parameter_is_named_and_its_input_marked()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?min_tonnes=lots");
        var page = session.Page;

        await Expect(page.Locator("#errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#errors")).ToContainTextAsync("min_tonnes");
        await Expect(page.Locator("input[name=min_tonnes]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(Rows)).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task Min_sources_goes_from_the_url_to_its_input_and_back()
    {
        Chromium.Require();
        await using var session = await BrowserSession.OpenAsync(site, "/?min_sources=1");
        var page = session.Page;
        var minSources = page.Locator("input[name=min_sources]");
        await Expect(minSources).ToHaveValueAsync("1");
        await Expect(page.Locator(Rows).First).ToBeVisibleAsync();

        await minSources.FillAsync("0");
        await Expect(page).ToHaveURLAsync(MinSourcesZero());
        await Expect(page.Locator("#errors")).ToContainTextAsync("min_sources");
        await Expect(minSources).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(session.Errors);
    }

    private static async Task<int> TotalAsync(IPage page)
    {
        await Expect(page.Locator("#total")).ToHaveTextAsync(TotalPattern());
        var text = await page.Locator("#total").InnerTextAsync();
        return int.Parse(TotalPattern().Match(text).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    private static Regex TotalText(int total) => new($"^{total.ToString("N0", CultureInfo.InvariantCulture)} events?$");

    private static async Task<List<string>> RowIdsAsync(IPage page) =>
        [.. (await page.Locator(Rows).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"))];

    private static double? LeadingNumber(string text) =>
        double.TryParse(LeadingNumberPattern().Match(text).Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex("metal=gallium")]
    private static partial Regex MetalGallium();

    [GeneratedRegex("min_sources=0")]
    private static partial Regex MinSourcesZero();

    [GeneratedRegex("^gallium$")]
    private static partial Regex ExactlyGallium();

    [GeneratedRegex("#/events/.+")]
    private static partial Regex EventRoute();

    [GeneratedRegex(@"^([\d,]+) events?$")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"^[\d,.]+")]
    private static partial Regex LeadingNumberPattern();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(src|href)=""(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();

    [GeneratedRegex("[\u0400-\u04FF]")]
    private static partial Regex Cyrillic();
}
