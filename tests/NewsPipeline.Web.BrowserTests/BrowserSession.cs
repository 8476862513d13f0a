using Microsoft.Playwright;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>A fresh browser context (own cookies and cache) with one page, recording what went wrong in it.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    // Recorded before any page script runs; init scripts are not subject to the page's CSP.
    private const string RecordViolations =
        "document.addEventListener('securitypolicyviolation', e => (window.__cspViolations ??= []).push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly IBrowserContext context;

    private BrowserSession(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.PageError += (_, error) => Errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 400", StringComparison.Ordinal))
            {
                Errors.Add("console: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors and console errors (an expected 400 answer excepted).</summary>
    public List<string> Errors { get; } = [];

    public static async Task<BrowserSession> OpenAsync(BrowserSite site, string pathAndQuery)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
            Locale = "en-GB",
        });
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        await page.GotoAsync(pathAndQuery);
        return session;
    }

    public Task<string[]> CspViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
