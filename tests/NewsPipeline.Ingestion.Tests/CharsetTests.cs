using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsPipeline.Core;
using NewsPipeline.Core.Text;
using NewsPipeline.TestSupport;
using Xunit;
using static NewsPipeline.Ingestion.Tests.CharsetFixtures;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>Feeds and pages in the charsets our publishers use, declared in every place a charset can be declared, or not at all.</summary>
public sealed class CharsetTests
{
    public static TheoryData<string, string, string?, string?> DeclaredFeeds => new()
    {
        // sentence, charset of the bytes, charset in the XML declaration, charset in the HTTP Content-Type
        { Russian, "windows-1251", "windows-1251", null },
        { Russian, "koi8-r", null, "koi8-r" },
        { Russian, "koi8-r", "KOI8-R", null },
        { Japanese, "shift_jis", "Shift_JIS", null },
        { Japanese, "shift_jis", null, "x-sjis" },
        { Japanese, "euc-jp", null, "EUC-JP" },
        { ChineseSimplified, "gb18030", "gb2312", null },
        { ChineseSimplified, "gb18030", null, "GBK" },
        { ChineseTraditional, "big5", "big5", null },
        { Kazakh, "utf-8", null, null },
        { Kazakh, "utf-8", "UTF-8", "utf-8" },
        { German, "windows-1252", null, null },
        { German, "windows-1252", "iso-8859-1", null },
        { Spanish, "windows-1252", null, "ISO-8859-1" },
        { Portuguese, "utf-8", "utf-8", null },
        { French, "utf-16", null, null },
        { French, "utf-16BE", null, null },
    };

    [Theory]
    [MemberData(nameof(DeclaredFeeds))]
    public void Feed_text_comes_out_right_whatever_declares_the_charset(string sentence, string bytesCharset, string? declared, string? httpCharset)
    {
        var bytes = Encode(Rss(sentence, declared), bytesCharset);
        var contentType = httpCharset is null ? "application/rss+xml" : $"application/rss+xml; charset={httpCharset}";

        var feed = IngestionTestHost.Parser().Parse(bytes, contentType, new Uri("https://news.example.org/rss"));

        Assert.True(feed.IsSuccess, feed.Failure?.ToString());
        Assert.Equal(sentence, Assert.Single(feed.Value!.Entries).Title);
        Assert.Equal(sentence, feed.Value.Entries[0].Summary);
    }

    public static TheoryData<string, string> UndeclaredFeeds => new()
    {
        { Russian, "windows-1251" },
        { Russian, "koi8-r" },
        { Japanese, "shift_jis" },
        { Japanese, "euc-jp" },
        { ChineseSimplified, "gb18030" },
        { ChineseTraditional, "big5" },
        { German, "windows-1252" },
        { Spanish, "windows-1252" },
        { French, "windows-1252" },
        { Portuguese, "windows-1252" },
    };

    [Theory]
    [MemberData(nameof(UndeclaredFeeds))]
    public void Undeclared_legacy_charset_is_detected(string sentence, string bytesCharset)
    {
        var bytes = Encode(Rss(sentence, null), bytesCharset);

        var decoded = new TextDecoder().Decode(bytes, "application/rss+xml");

        Assert.Contains(sentence, decoded.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("koi8-r")]
    public void Utf8_label_from_a_misconfigured_server_does_not_garble_russian(string bytesCharset)
    {
        var bytes = Encode(Rss(Russian, null), bytesCharset);

        var feed = IngestionTestHost.Parser().Parse(bytes, "text/xml; charset=utf-8", new Uri("https://news.example.org/rss"));

        Assert.Equal(Russian, feed.Value!.Entries[0].Title);
    }

    [Fact]
    public void Http_charset_wins_over_the_xml_declaration()
    {
        var bytes = Encode(Rss(Russian, "windows-1251"), "koi8-r");

        var decoded = new TextDecoder().Decode(bytes, "text/xml; charset=koi8-r");

        Assert.Contains(Russian, decoded.Text, StringComparison.Ordinal);
        Assert.Equal("http", decoded.Source);
    }

    [Fact]
    public void Byte_order_mark_wins_over_every_label()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Rss(Kazakh, "windows-1251"))).ToArray();

        var decoded = new TextDecoder().Decode(bytes, "text/xml; charset=iso-8859-1");

        Assert.Contains(Kazakh, decoded.Text, StringComparison.Ordinal);
        Assert.Equal("bom", decoded.Source);
    }

    [Fact]
    public void Utf8_label_on_bytes_that_are_not_utf8_is_not_believed()
    {
        var bytes = Encode(Rss(German, "utf-8"), "windows-1252");

        var decoded = new TextDecoder().Decode(bytes, "application/rss+xml; charset=utf-8");

        Assert.Contains(German, decoded.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_meta_contradicted_by_the_bytes_gives_way_to_the_next_meta()
    {
        // A CMS template's <meta charset="utf-8"> in front of the page's own declaration, on windows-1251 bytes.
        var html = "<html><head><meta charset=\"utf-8\">" + CharsetFixtures.Html(Russian, "windows-1251", lateMeta: false);
        var bytes = Encode(html, "windows-1251");

        var decoded = new TextDecoder().Decode(bytes, "text/html");

        Assert.Contains(Russian, decoded.Text, StringComparison.Ordinal);
        Assert.Equal("declaration", decoded.Source);
        Assert.Equal("windows-1251", decoded.EncodingName);
    }

    [Fact]
    public void The_saved_page_policy_prefers_valid_utf8_to_the_label()
    {
        var bytes = Encoding.UTF8.GetBytes(Html(Japanese, "shift_jis", lateMeta: false));

        var fetched = new TextDecoder().Decode(bytes, contentType: null);
        var saved = new TextDecoder(CharsetPolicy.SavedPages).Decode(bytes, contentType: null);

        Assert.Equal("declaration", fetched.Source);
        Assert.Contains(Japanese, saved.Text, StringComparison.Ordinal);
        Assert.Equal("utf-8", saved.Source);
    }

    [Fact]
    public void Smart_quotes_sent_as_c1_controls_are_repaired()
    {
        // "latin-1" publishers really send windows-1252: 0x93/0x94 are curly quotes, not C1 controls.
        var bytes = Encode(Rss(Spanish, null), "windows-1252");

        var decoded = new TextDecoder().Decode(bytes, "text/xml; charset=iso-8859-1");

        Assert.Contains("“histórico”", decoded.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0093', decoded.Text);
    }

    [Fact]
    public void Unknown_label_falls_through_to_the_next_evidence()
    {
        var bytes = Encoding.UTF8.GetBytes(Rss(Portuguese, "bogus-charset"));

        var decoded = new TextDecoder().Decode(bytes, "text/xml; charset=no-such-thing");

        Assert.Contains(Portuguese, decoded.Text, StringComparison.Ordinal);
        Assert.Equal("utf-8", decoded.EncodingName);
    }

    public static TheoryData<string, string, string?, bool> Pages => new()
    {
        // sentence, charset of the bytes, charset in <meta>, meta after the first 1024 bytes
        { Russian, "windows-1251", "windows-1251", true },
        { Japanese, "euc-jp", "EUC-JP", true },
        { ChineseSimplified, "gb18030", "gb2312", false },
        { ChineseTraditional, "big5", "Big5", true },
        { German, "windows-1252", "iso-8859-1", true },
        { Kazakh, "utf-8", null, false },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_fetcher_decodes_with_the_meta_charset_even_late_in_the_head(string sentence, string bytesCharset, string? meta, bool lateMeta)
    {
        var html = Encode(Html(sentence, meta, lateMeta), bytesCharset);
        await using var server = await LoopbackServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/story"] = ("text/html", html) });
        using var services = IngestionTestHost.Create();

        var page = await services.GetRequiredService<IPageFetcher>().FetchAsync(server.Url("/story"), CancellationToken.None);

        Assert.True(page.IsSuccess, page.Failure?.ToString());
        Assert.Contains($"<p>{sentence}</p>", page.Value!.Text, StringComparison.Ordinal);
        Assert.Equal(server.Url("/story"), page.Value.FinalUrl);
    }

    [Fact]
    public async Task Page_fetcher_uses_the_http_charset_and_reports_content_language()
    {
        var html = Encode(Html(Japanese, null, false), "shift_jis");
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html; charset=Shift_JIS";
            context.Response.Headers.ContentLanguage = "ja";
            await context.Response.Body.WriteAsync(html);
        });
        using var services = IngestionTestHost.Create();

        var page = await services.GetRequiredService<IPageFetcher>().FetchAsync(server.Url("/ja"), CancellationToken.None);

        Assert.True(page.IsSuccess, page.Failure?.ToString());
        Assert.Contains(Japanese, page.Value!.Text, StringComparison.Ordinal);
        Assert.Equal("ja", page.Value.ContentLanguage);
        Assert.Equal("shift_jis", page.Value.Encoding);
    }

    [Fact]
    public async Task Page_fetcher_reports_a_missing_page_as_gone()
    {
        await using var server = await LoopbackServer.StartAsync(new Dictionary<string, (string, byte[])>());
        using var services = IngestionTestHost.Create();

        var page = await services.GetRequiredService<IPageFetcher>().FetchAsync(server.Url("/nothing"), CancellationToken.None);

        Assert.Equal(FailureReason.Gone, page.Failure?.Reason);
    }

    [Fact]
    public async Task Page_fetcher_caps_pages_at_the_page_limit()
    {
        var html = Encoding.UTF8.GetBytes(Html(string.Concat(Enumerable.Repeat(French + " ", 400)), "utf-8", false));
        await using var server = await LoopbackServer.StartAsync(async context => await context.Response.Body.WriteAsync(html));
        using var services = IngestionTestHost.Create(new IngestionOptions { PageBodyLimitBytes = 8 * 1024 });

        var page = await services.GetRequiredService<IPageFetcher>().FetchAsync(server.Url("/long"), CancellationToken.None);

        Assert.Equal(FailureReason.TooLarge, page.Failure?.Reason);
    }
}
