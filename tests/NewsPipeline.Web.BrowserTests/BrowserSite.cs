using Microsoft.Playwright;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// A store file filled by a subclass, the real web server (API and page) over it on 127.0.0.1, and headless
/// Chromium: built once for all the tests of a class. Nothing starts when the browser is not installed (the
/// tests then skip with the install line).
/// </summary>
public abstract class BrowserSite : IAsyncLifetime
{
    private readonly TempDirectory folder = new();
    private readonly Chromium chromium = new();
    private WebSite? web;

    public Uri BaseUrl => web?.BaseUrl ?? throw new InvalidOperationException("the site is not running");

    public IBrowser Browser => chromium.Browser;

    /// <summary>The server's error log lines so far; every test expects none.</summary>
    public IReadOnlyList<string> ServerErrors => web?.Errors.Lines ?? [];

    /// <summary>Where screenshots go: the test output folder, so CI keeps them beside the test results.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return;
        }

        var database = folder.File("analyst.db");
        await FillAsync(database);
        web = await WebSite.StartAsync(database);
        await chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await chromium.DisposeAsync();
        if (web is not null)
        {
            await web.DisposeAsync();
        }

        folder.Dispose();
    }

    /// <summary>Fills the store file (and releases it) before the web server opens it.</summary>
    protected abstract Task FillAsync(string database);
}
