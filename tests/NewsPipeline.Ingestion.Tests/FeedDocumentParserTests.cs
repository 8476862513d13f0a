using System.Text;
using Microsoft.Extensions.Time.Testing;
using NewsPipeline.Core;
using Xunit;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>Feeds as publishers really write them: every format we read, and the breakage we repair.</summary>
public sealed class FeedDocumentParserTests
{
    private static readonly Uri FeedUrl = new("https://mining.example.com/news/feed.xml");

    [Fact]
    public void Html_named_entities_are_read_as_the_characters_they_name()
    {
        const string xml = """
            <rss version="2.0"><channel><title>Minería&nbsp;hoy</title>
            <item><title>Cobre: la producci&oacute;n sube &mdash; &laquo;r&eacute;cord&raquo;&hellip;</title>
            <link>https://mining.example.com/cobre</link><description>Precio&nbsp;en&nbsp;&euro;</description></item>
            </channel></rss>
            """;

        var feed = Parse(xml);

        Assert.Equal("Minería\u00A0hoy", feed.Title);
        Assert.Equal("Cobre: la producción sube — «récord»…", feed.Entries[0].Title);
        Assert.Equal("Precio\u00A0en\u00A0€", feed.Entries[0].Summary);
    }

    [Fact]
    public void Item_text_is_free_of_nul_characters_whatever_the_feed_sent()
    {
        // JSON allows \u0000; a server-side store refuses it.
        const string json = """
            {"version":"https://jsonfeed.org/version/1.1","title":"Minerais","items":[
             {"id":"1","url":"https://mining.example.com/gallium","title":"Gallium\u0000 : accord conclu à Astana","summary":"Қазақстан\u0000 галлий"}]}
            """;

        var feed = Parse(json);

        Assert.Equal("Gallium\uFFFD : accord conclu à Astana", feed.Entries[0].Title);
        Assert.Equal("Қазақстан\uFFFD галлий", feed.Entries[0].Summary);
    }

    [Fact]
    public void Junk_before_the_root_and_after_its_end_is_ignored()
    {
        const string xml = """

            Warning: Cannot modify header information - headers already sent in /var/www/feed.php on line 12<br />
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Rohstoffe</title>
            <item><title>Lithium aus Sachsen</title><link>https://mining.example.com/lithium</link></item>
            </channel></rss>
            <!-- served in 0.03 s --> <div>stats</div>
            """;

        var feed = Parse(xml);

        Assert.Equal("Rohstoffe", feed.Title);
        Assert.Equal("Lithium aus Sachsen", Assert.Single(feed.Entries).Title);
    }

    [Fact]
    public void Bare_ampersands_are_escaped_and_links_keep_their_query()
    {
        const string xml = """
            <rss version="2.0"><channel><title>Nickel & Cobalt Weekly</title>
            <item><title>Vale & Glencore sign offtake</title><link>https://mining.example.com/story?id=7&lang=en</link></item>
            </channel></rss>
            """;

        var feed = Parse(xml);

        Assert.Equal("Nickel & Cobalt Weekly", feed.Title);
        Assert.Equal("Vale & Glencore sign offtake", feed.Entries[0].Title);
        Assert.Equal("https://mining.example.com/story?id=7&lang=en", feed.Entries[0].Link.AbsoluteUri);
    }

    [Fact]
    public void Lone_less_than_signs_are_text()
    {
        const string xml = """
            <rss version="2.0"><channel><title>Gold < $2,000 & silver <30 $</title>
            <item><title>Cobalt price 2 < 3</title><link>https://mining.example.com/co</link></item>
            </channel></rss>
            """;

        var feed = Parse(xml);

        Assert.Equal("Gold < $2,000 & silver <30 $", feed.Title);
        Assert.Equal("Cobalt price 2 < 3", feed.Entries[0].Title);
    }

    [Fact]
    public void Doctype_entities_are_never_expanded()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY secret SYSTEM "file:///etc/passwd">
            ]>
            <rss version="2.0"><channel><title>Zinc &c; &secret;</title>
            <item><title>Zinc smelter restarts</title><link>https://mining.example.com/zinc</link></item>
            </channel></rss>
            """;

        var feed = Parse(xml);

        Assert.Equal("Zinc &c; &secret;", feed.Title);
        Assert.Single(feed.Entries);
    }

    [Fact]
    public void Raw_html_in_descriptions_does_not_cost_the_other_items()
    {
        const string xml = """
            <rss version="2.0"><channel><title>Mineração</title>
            <item><title>Nióbio em alta</title><link>https://mining.example.com/pt/1</link>
              <description>Primeira linha<br>segunda linha <p>parágrafo sem fim</description></item>
            <item><title>Lítio no Vale do Jequitinhonha</title><link>https://mining.example.com/pt/2</link>
              <description>Sem problemas aqui.</description></item>
            <item><title>Ferro: exportações recordes</title><link>https://mining.example.com/pt/3</link></item>
            </channel></rss>
            """;

        var feed = Parse(xml);

        Assert.Equal(3, feed.Entries.Count);
        Assert.Equal("Primeira linha<br>segunda linha <p>parágrafo sem fim", feed.Entries[0].Summary);
        Assert.Equal("Ferro: exportações recordes", feed.Entries[2].Title);
    }

    [Fact]
    public void Truncated_feed_keeps_the_items_that_arrived()
    {
        const string xml = """
            <rss version="2.0"><channel><title>Tin</title>
            <item><title>Tin output in Yunnan rises</title><link>https://mining.example.com/tin-1</link></item>
            <item><title>Indonesia tin expo
            """;

        var feed = Parse(xml);

        Assert.Equal("Tin output in Yunnan rises", feed.Entries[0].Title);
    }

    [Theory]
    [InlineData("<html><head><title>404</title></head><body>Page not found</body></html>", FailureReason.UnsupportedContent, "HTML page")]
    [InlineData("<!-- nothing here -->", FailureReason.Empty, "no XML element")]
    [InlineData("   \n\t ", FailureReason.Empty, "white space")]
    [InlineData("{\"error\": \"rate limited\"}", FailureReason.UnsupportedContent, "not a JSON Feed")]
    [InlineData("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", FailureReason.Malformed, "JSON")]
    [InlineData("<opml version=\"2.0\"><body/></opml>", FailureReason.UnsupportedContent, "<opml>")]
    public void Hopeless_documents_give_a_clear_failure_not_an_exception(string body, FailureReason reason, string mentioned)
    {
        var outcome = IngestionTestHost.Parser().Parse(Encoding.UTF8.GetBytes(body), "text/xml", FeedUrl);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(reason, outcome.Failure!.Reason);
        Assert.Contains(mentioned, outcome.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurdly_deep_nesting_is_refused_instead_of_exhausting_the_stack()
    {
        var xml = "<rss version=\"2.0\"><channel><title>deep</title>" + string.Concat(Enumerable.Repeat("<item><description>x <br> y", 20_000));

        var outcome = IngestionTestHost.Parser().Parse(Encoding.UTF8.GetBytes(xml), null, FeedUrl);

        Assert.Equal(FailureReason.Malformed, outcome.Failure?.Reason);
    }

    [Fact]
    public void Absurdly_deep_markup_in_a_description_is_kept_as_text()
    {
        var xml = "<rss version=\"2.0\"><channel><title>deep</title><item><title>t</title><link>https://m.example/1</link><description>"
            + string.Concat(Enumerable.Repeat("<b>", 5_000)) + "x" + string.Concat(Enumerable.Repeat("</b>", 5_000))
            + "</description></item></channel></rss>";

        var feed = Parse(xml);

        Assert.StartsWith("<b><b><b>", feed.Entries[0].Summary, StringComparison.Ordinal);
        Assert.Equal(5_000 * 7 + 1, feed.Entries[0].Summary!.Length);
    }

    [Fact]
    public void Large_feed_with_thousands_of_items_is_read_completely()
    {
        var items = string.Concat(Enumerable.Range(0, 5000).Select(i =>
            $"<item><title>Цинк {i} &amp; свинец</title><link>https://m.example/{i}</link><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>"
            + $"<description><![CDATA[<p>Цена & объём № {i}</p>]]></description></item>"));
        var xml = $"<rss version=\"2.0\"><channel><title>big</title><language>ru</language>{items}</channel></rss>";

        var feed = Parse(xml);

        Assert.Equal(5000, feed.Entries.Count);
        Assert.Equal("Цинк 4999 & свинец", feed.Entries[4999].Title);
        Assert.Equal("ru", feed.Entries[4999].Language);
        Assert.Equal("<p>Цена & объём № 4999</p>", feed.Entries[4999].Summary);
    }

    [Fact]
    public void Binary_garbage_is_a_failure_not_an_exception()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0x3C, 0x00 };

        var outcome = IngestionTestHost.Parser().Parse(png, "image/png", FeedUrl);

        Assert.False(outcome.IsSuccess);
    }

    [Fact]
    public void Empty_body_is_empty()
    {
        var outcome = IngestionTestHost.Parser().Parse(ReadOnlyMemory<byte>.Empty, null, FeedUrl);

        Assert.Equal(FailureReason.Empty, outcome.Failure?.Reason);
    }

    [Fact]
    public void Rss_without_version_reads_as_rss()
    {
        var feed = Parse("<rss><channel><title>Bauxite</title><item><title>Guinea ships bauxite</title><link>https://mining.example.com/b</link></item></channel></rss>");

        Assert.Equal("rss", feed.Format);
        Assert.Equal("Guinea ships bauxite", feed.Entries[0].Title);
    }

    [Fact]
    public void Rss_guid_permalink_stands_in_for_a_missing_link_but_an_opaque_guid_does_not()
    {
        const string xml = """
            <rss version="2.0"><channel><title>t</title>
            <item><title>permalink</title><guid>https://mining.example.com/p/1</guid></item>
            <item><title>opaque</title><guid isPermaLink="false">https://mining.example.com/internal/2</guid></item>
            <item><title>plain id</title><guid>urn:uuid:8d5c2c1e</guid></item>
            </channel></rss>
            """;

        var document = IngestionTestHost.Parser().ParseDocument(Encoding.UTF8.GetBytes(xml), null, FeedUrl).Value!;
        var feed = Parse(xml);

        Assert.Equal(3, document.Items.Count);
        var entry = Assert.Single(feed.Entries);
        Assert.Equal("https://mining.example.com/p/1", entry.Link.AbsoluteUri);
        Assert.Equal("https://mining.example.com/p/1", entry.Id);
    }

    [Fact]
    public void Rdf_items_use_dublin_core_dates_and_relative_links_resolve_against_the_feed_url()
    {
        const string xml = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://mining.example.com/"><title>Редкие металлы</title><dc:language>ru</dc:language></channel>
              <item rdf:about="https://mining.example.com/ru/1">
                <title>Германий дорожает</title><link>../ru/germanium</link><dc:date>2026-03-02T09:30:00+03:00</dc:date>
              </item>
            </rdf:RDF>
            """;

        var feed = Parse(xml);

        Assert.Equal("rdf", feed.Format);
        Assert.Equal("Редкие металлы", feed.Title);
        var entry = Assert.Single(feed.Entries);
        Assert.Equal("https://mining.example.com/ru/1", entry.Id);
        Assert.Equal("https://mining.example.com/ru/germanium", entry.Link.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 6, 30, 0, TimeSpan.Zero), entry.Published);
    }

    [Fact]
    public void Atom_links_resolve_against_nested_xml_base()
    {
        const string xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://mining.example.com/fr/" xml:lang="fr">
              <title>Actualités des métaux</title>
              <entry xml:base="articles/">
                <id>tag:mining.example.com,2026:gallium</id>
                <title>Le Kazakhstan livrera du gallium</title>
                <link rel="enclosure" href="/media/photo.jpg"/>
                <link rel="alternate" type="text/html" href="gallium-japon.html"/>
                <published>2026-03-02T09:30:00+06:00</published>
                <updated>2026-03-03T10:00:00Z</updated>
                <summary>Accord sur 15 tonnes par an.</summary>
              </entry>
            </feed>
            """;

        var feed = Parse(xml);

        var entry = Assert.Single(feed.Entries);
        Assert.Equal("atom", feed.Format);
        Assert.Equal("https://mining.example.com/fr/articles/gallium-japon.html", entry.Link.AbsoluteUri);
        Assert.Equal("tag:mining.example.com,2026:gallium", entry.Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 3, 30, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal("fr", entry.Language);
        Assert.Equal("Accord sur 15 tonnes par an.", entry.Summary);
    }

    [Fact]
    public void Atom_03_entries_use_issued_dates()
    {
        const string xml = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#">
              <title>Metals 0.3</title>
              <entry><title>Antimony exports halted</title><link rel="alternate" type="text/html" href="https://mining.example.com/sb"/>
                <id>sb-1</id><issued>2026-01-05T08:00:00-05:00</issued><modified>2026-01-06T08:00:00Z</modified></entry>
            </feed>
            """;

        var feed = Parse(xml);

        var entry = Assert.Single(feed.Entries);
        Assert.Equal("https://mining.example.com/sb", entry.Link.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 13, 0, 0, TimeSpan.Zero), entry.Published);
    }

    [Fact]
    public void Json_feed_items_are_read_with_dates_and_relative_urls()
    {
        const string json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "鉱業ニュース", "feed_url": "https://mining.example.com/ja/feed.json", "language": "ja",
             "items": [
               {"id": "42", "url": "/ja/gallium", "title": "ガリウム輸入が増加", "content_html": "<p>日本の輸入量が増えた。</p>", "date_published": "2026-02-10T12:00:00+09:00"},
               {"id": 43, "title": "リンクなし", "content_text": "本文のみ"}
             ]}
            """;

        var parser = IngestionTestHost.Parser();
        var document = parser.ParseDocument(Encoding.UTF8.GetBytes(json), "application/feed+json", FeedUrl).Value!;
        var feed = Parse(json);

        Assert.Equal("json", feed.Format);
        Assert.Equal("鉱業ニュース", feed.Title);
        Assert.Equal(2, document.Items.Count);
        Assert.Equal("43", document.Items[1].Id);
        var entry = Assert.Single(feed.Entries);
        Assert.Equal("https://mining.example.com/ja/gallium", entry.Link.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal("ja", entry.Language);
        Assert.Equal("<p>日本の輸入量が増えた。</p>", entry.Summary);
    }

    [Fact]
    public void Dates_in_named_zones_and_day_month_year_are_read_without_culture()
    {
        const string xml = """
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
            <item><title>msk</title><link>https://m.example/1</link><pubDate>Mon, 02 Jun 2025 12:00:00 MSK</pubDate></item>
            <item><title>dmy</title><link>https://m.example/2</link><pubDate>02.06.2025 08:15</pubDate></item>
            <item><title>dc</title><link>https://m.example/3</link><dc:date>2025-06-02</dc:date></item>
            </channel></rss>
            """;

        var feed = Parse(xml);

        Assert.Equal(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero), feed.Entries[0].Published);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 8, 15, 0, TimeSpan.Zero), feed.Entries[1].Published);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 0, 0, 0, TimeSpan.Zero), feed.Entries[2].Published);
    }

    [Fact]
    public void Dates_far_in_the_future_are_dropped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        const string xml = """
            <rss version="2.0"><channel><title>t</title>
            <item><title>typo year</title><link>https://m.example/1</link><pubDate>Fri, 27 Nov 2036 10:00:00 GMT</pubDate></item>
            <item><title>few hours ahead</title><link>https://m.example/2</link><pubDate>Fri, 27 Nov 2026 18:00:00 GMT</pubDate></item>
            </channel></rss>
            """;

        var feed = IngestionTestHost.Parser(time).Parse(Encoding.UTF8.GetBytes(xml), null, FeedUrl).Value!;

        Assert.Null(feed.Entries[0].Published);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero), feed.Entries[1].Published);
    }

    private static Core.Feeds.ParsedFeed Parse(string text)
    {
        var outcome = IngestionTestHost.Parser().Parse(Encoding.UTF8.GetBytes(text), "application/xml", FeedUrl);
        Assert.True(outcome.IsSuccess, outcome.Failure?.ToString());
        return outcome.Value!;
    }
}
