using System.Text;
using Xunit;

namespace NewsPipeline.Content.Tests;

public sealed class TextLayoutTests
{
    private readonly ContentExtractor _extractor = new(new ContentExtractorOptions());

    [Fact]
    public void No_spaces_between_cjk_characters_split_across_source_lines_and_inline_tags()
    {
        var html = "<html lang=\"zh\"><body><article>" +
            "<p>印度尼西亚统计局周三公布的数据显示，\n    今年上半年该国镍铁出口量达到<b>五百八十万吨</b>，\n    同比增长百分之二十一。</p>" +
            "<p>出口增长主要来自苏拉威西岛的新建冶炼厂，\r\n这些工厂大多由外国企业投资建设，当地就业随之增加。</p>" +
            "<p>国内の大手商社は、\n  カザフスタンのアルミナ工場から\n  年間十五トンのガリウムを調達する。</p>" +
            "</article></body></html>";

        var content = _extractor.Extract(html, null);

        Assert.Contains("印度尼西亚统计局周三公布的数据显示，今年上半年该国镍铁出口量达到五百八十万吨，同比增长百分之二十一。", content.Text, StringComparison.Ordinal);
        Assert.Contains("出口增长主要来自苏拉威西岛的新建冶炼厂，这些工厂大多由外国企业投资建设", content.Text, StringComparison.Ordinal);
        Assert.Contains("国内の大手商社は、カザフスタンのアルミナ工場から年間十五トンのガリウムを調達する。", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin_words_split_across_lines_keep_one_space_and_inline_tags_add_none()
    {
        var html = "<html><body><article><p>The plant   shipped\n\n  <em>78,400</em> tonnes of re<span>fined</span> copper in January, which was a record for the site and for the region as a whole.</p>" +
            "<p>Officials expect annual output to pass one million tonnes by 2028, a target first set a decade ago by the ministry.</p></article></body></html>";

        var content = _extractor.Extract(html, null);

        Assert.Contains("The plant shipped 78,400 tonnes of refined copper in January", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_styles_and_hidden_elements_are_dropped()
    {
        var html = "<html><body><article>" +
            "<p>Zambia shipped 78,400 tonnes of refined copper in January, up 12% from a year earlier, as a new smelter reached capacity.</p>" +
            "<script>var secret = 'script text';</script><style>.x{content:'style text'}</style>" +
            "<p hidden>hidden attribute text</p><p style=\"display: none\">display none text</p><div aria-hidden=\"true\">aria hidden text</div>" +
            "<noscript>noscript text</noscript>" +
            "<p>The plant processes concentrate that was previously trucked to ports for export, officials said on Monday.</p>" +
            "</article></body></html>";

        var text = _extractor.Extract(html, null).Text;

        foreach (var dropped in new[] { "script text", "style text", "hidden attribute text", "display none text", "aria hidden text", "noscript text" })
        {
            Assert.DoesNotContain(dropped, text, StringComparison.Ordinal);
        }

        Assert.Contains("previously trucked to ports", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_become_rows_of_text()
    {
        var html = "<html><body><article>" +
            "<p>Output of the three largest mines rose last year, according to figures published by the ministry on Tuesday.</p>" +
            "<table><tr><th>Mine</th><th>Tonnes</th></tr><tr><td>Kansanshi</td><td>140,000</td></tr><tr><td>Sentinel</td><td>210,000</td></tr></table>" +
            "<p>The ministry expects a further increase this year as two expansion projects are completed in the spring.</p>" +
            "</article></body></html>";

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("Mine Tonnes\nKansanshi 140,000\nSentinel 210,000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_nfc_normalised()
    {
        // "é" written as e + combining acute accent in the source.
        var decomposed = "La production de cuivre a augmente\u0301 de douze pour cent en janvier, selon le ministe\u0300re des mines, qui pre\u0301voit une nouvelle hausse.";
        var html = $"<html lang=\"fr\"><body><article><p>{decomposed}</p><p>{decomposed}</p></article></body></html>";

        var text = _extractor.Extract(html, null).Text;

        Assert.True(text.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("augmenté", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_breaks_inside_a_paragraph_are_kept_and_double_breaks_split_paragraphs()
    {
        var html = "<html><body><div class=\"story\">First paragraph of the story is long enough to count as running prose, with commas, clauses and detail." +
            "<br><br>Second paragraph continues the story with more detail about the smelter, its owners and its output.<br>Its last line.</div></body></html>";

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("running prose, with commas, clauses and detail.\n\nSecond paragraph", text, StringComparison.Ordinal);
        Assert.Contains("its output.\nIts last line.", text, StringComparison.Ordinal);
    }
}
