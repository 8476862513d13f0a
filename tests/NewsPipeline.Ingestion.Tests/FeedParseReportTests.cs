using System.Text;
using System.Text.Json;
using NewsPipeline.Ingestion.Parsing;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

public sealed class FeedParseReportTests
{
    [Fact]
    public void Line_follows_the_feeds_parse_contract()
    {
        const string xml = """
            <?xml version="1.0" encoding="windows-1251"?>
            <rss version="2.0"><channel><title>Металлы</title>
            <item><guid>m-1</guid><title>Никель дешевеет</title><link>/ru/nickel</link>
            <pubDate>Mon, 02 Jun 2025 12:00:00 MSK</pubDate><description>Кратко</description></item>
            </channel></rss>
            """;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1251).GetBytes(xml);

        var line = new FeedParseReport(IngestionTestHost.Parser()).Line("ru/metals.xml", bytes, new Uri("https://ru.example/rss"));

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("ru/metals.xml", root.GetProperty("id").GetString());
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal("rss", root.GetProperty("format").GetString());
        Assert.Equal("windows-1251", root.GetProperty("encoding").GetString());
        Assert.Equal("Металлы", root.GetProperty("title").GetString());
        var item = root.GetProperty("items")[0];
        Assert.Equal("m-1", item.GetProperty("id").GetString());
        Assert.Equal("Никель дешевеет", item.GetProperty("title").GetString());
        Assert.Equal("https://ru.example/ru/nickel", item.GetProperty("link").GetString());
        Assert.Equal("2025-06-02T09:00:00Z", item.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("updated").ValueKind);
        Assert.Equal("Кратко", item.GetProperty("summary").GetString());
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Failure_is_a_line_with_the_reason()
    {
        var line = new FeedParseReport(IngestionTestHost.Parser()).Line("broken.xml", Encoding.UTF8.GetBytes("<html><body>oops</body></html>"));

        using var json = JsonDocument.Parse(line);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.StartsWith("UnsupportedContent:", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, json.RootElement.GetProperty("items").GetArrayLength());
    }
}
