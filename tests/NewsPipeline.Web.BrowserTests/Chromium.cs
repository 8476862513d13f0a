using Microsoft.Playwright;
using Xunit;

namespace NewsPipeline.Web.BrowserTests;

/// <summary>
/// Debian's headless Chromium driven by Playwright's bundled node driver. The browser is the system package,
/// never one Playwright downloads; tests skip with the install line when it is absent.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium is not running; call Require() first.");

    /// <summary>Skips the calling test with a clear reason when the system browser is missing.</summary>
    public static void Require() =>
        Skip.IfNot(IsInstalled, $"{ExecutablePath} is absent: install Debian's browser with `apt-get install -y --no-install-recommends chromium` to run the browser tests.");

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
