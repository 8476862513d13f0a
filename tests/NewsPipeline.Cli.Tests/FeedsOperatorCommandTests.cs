using System.Text;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>`feeds check|import|export` as an operator runs them.</summary>
public sealed class FeedsOperatorCommandTests
{
    [Fact]
    public async Task Check_fetches_and_parses_once_and_says_what_came_back()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/gone.xml")
            {
                context.Response.StatusCode = 410;
                return;
            }

            context.Response.ContentType = "application/rss+xml; charset=windows-1251";
            context.Response.Headers.ETag = "\"v1\"";
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            await context.Response.Body.WriteAsync(Encoding.GetEncoding(1251).GetBytes(
                "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>Цветные металлы</title><link>http://x/</link><description>d</description>"
                + "<item><title>Никель дорожает</title><link>http://x/1</link><pubDate>Mon, 02 Mar 2026 09:00:00 +0300</pubDate></item></channel></rss>"));
        });
        using var temp = new TempDirectory();

        var ok = await CliProcess.RunAsync(temp.Path, "feeds", "check", server.Url("metals.xml").ToString());
        var gone = await CliProcess.RunAsync(temp.Path, "feeds", "check", server.Url("gone.xml").ToString());

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("\"Цветные металлы\", 1 items", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 06:00Z", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Никель дорожает", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ETag", ok.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("FAILED", gone.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_keeps_every_feed_and_import_merges_new_ones_without_duplicates()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File("feeds.json"), """
            {"feeds":[
              {"name":"Қазақ металдары","url":"https://example.kz/rss","language":"kk"},
              {"name":"Rohstoffe","url":"https://example.de/feed.xml","language":"de","interval":"01:00:00"}]}
            """);
        await File.WriteAllTextAsync(temp.File("reader.opml"), """
            <?xml version="1.0"?><opml version="2.0"><head><title>my reader</title></head><body>
              <outline text="Metals"><outline text="Rohstoffe again" xmlUrl="https://example.de/feed.xml"/>
                <outline text="鉱業ニュース" xmlUrl="https://example.jp/rss" language="ja-JP"/>
                <outline text="Minería" xmlUrl="https://example.cl/feed"/></outline></body></opml>
            """);

        var export = await CliProcess.RunAsync(temp.Path, "feeds", "export", "--output", "out.opml");
        var noLanguage = await CliProcess.RunAsync(temp.Path, "feeds", "import", "reader.opml");
        var import = await CliProcess.RunAsync(temp.Path, "feeds", "import", "reader.opml", "--language", "es", "--output", "merged.json");
        var validate = await CliProcess.RunAsync(temp.Path, "feeds", "validate", "--feeds", "merged.json");

        Assert.Equal(0, export.ExitCode);
        var opml = await File.ReadAllTextAsync(temp.File("out.opml"));
        Assert.Contains("xmlUrl=\"https://example.kz/rss\"", opml, StringComparison.Ordinal);
        Assert.Contains("Қазақ металдары", opml, StringComparison.Ordinal);
        Assert.Equal(2, noLanguage.ExitCode);
        Assert.Contains("'Minería' states no language", noLanguage.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("4 feeds", validate.StandardOutput, StringComparison.Ordinal);
        var merged = await File.ReadAllTextAsync(temp.File("merged.json"));
        Assert.Contains("\"language\": \"ja\"", merged, StringComparison.Ordinal);
        Assert.Contains("\"interval\": \"01:00:00\"", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("Rohstoffe again", merged, StringComparison.Ordinal);
    }
}
