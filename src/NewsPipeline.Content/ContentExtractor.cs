using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NewsPipeline.Content.Dom;
using NewsPipeline.Content.Lexicon;
using NewsPipeline.Content.Metadata;
using NewsPipeline.Content.Scoring;
using NewsPipeline.Content.Text;
using NewsPipeline.Core;
using NewsPipeline.Core.Articles;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Content;

/// <summary>
/// Main text and metadata of an HTML page, through a cascade of named steps: the page's JSON-LD
/// <c>articleBody</c> when it is trustworthy, a DOM main-content scorer, and a recall fallback when the result is
/// too short. Thread-safe: every call parses its own document; the instance holds only immutable data.
/// Never throws on page content: a page that cannot be read comes back empty and flagged as not an article.
/// </summary>
public sealed class ContentExtractor : IContentExtractor
{
    /// <summary>Text units of a paragraph that reads as running prose rather than a teaser line.</summary>
    private const int ProseParagraph = 80;

    private readonly ContentExtractorOptions _options;
    private readonly ClassHints _hints;
    private readonly PageCleaner _cleaner;
    private readonly MainContentScorer _scorer;
    private readonly ContentPruner _pruner;
    private readonly BlockFilter _filter;
    private readonly MetadataReader _metadata;
    private readonly ContentLexicon _lexicon;

    public ContentExtractor(ContentExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _lexicon = ContentLexicon.Default;
        _hints = new ClassHints(_lexicon);
        _cleaner = new PageCleaner(_hints);
        _scorer = new MainContentScorer(_hints);
        _pruner = new ContentPruner(_hints);
        _filter = new BlockFilter(_lexicon);
        _metadata = new MetadataReader(new DateParsing(_lexicon));
    }

    public ArticleContent Extract(string html, Uri? pageUrl) => ExtractDetailed(html, pageUrl).Content;

    /// <summary>Like <see cref="Extract"/>, with the provenance of the date and the steps of the cascade.</summary>
    public ContentExtraction ExtractDetailed(string html, Uri? pageUrl)
    {
        try
        {
            return ExtractCore(html ?? string.Empty, pageUrl);
        }
#pragma warning disable CA1031 // The contract is "never throws on any input": a parser bug must not stop a crawl.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var empty = new ArticleContent(null, string.Empty, null, null, null, null, null, false);
            return new ContentExtraction(empty, null, null, [new CascadeStep("error", false, ex.GetType().Name + ": " + ex.Message)]);
        }
    }

    private ContentExtraction ExtractCore(string html, Uri? pageUrl)
    {
        if (html.Length > _options.MaxHtmlChars)
        {
            html = html[.._options.MaxHtmlChars];
        }

        html = NestingLimiter.Limit(ScriptStripper.Strip(html));
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        var elements = DomWalk.PreOrderElements(document.DocumentElement);
        var metadata = _metadata.Read(elements, pageUrl);
        var steps = new List<CascadeStep>();

        var dom = ScoreDom(document, metadata, CleaningMode.Full);
        var (text, structuredStep) = StructuredDataStep(metadata, dom.Text, dom.Weight, dom.PageBlocks);
        steps.Add(structuredStep);
        steps.Add(new CascadeStep(CascadeStepNames.DomScorer, text is null, dom.Reason));
        text ??= dom.Text;

        var weight = TextMeasure.Weigh(text);
        if (weight < _options.MinBodyChars)
        {
            // Start again from a fresh parse, trusting less and less of the page's own signals: first without
            // class hints (they mislead on some sites), then without structure and visibility either.
            var (fallback, how) = RecallFallback(parser, html, metadata);
            var fallbackWeight = TextMeasure.Weigh(fallback);
            // Only a clearly longer text replaces a short one: the fallbacks also let through what was rightly removed.
            var better = fallbackWeight >= 2 * weight && fallbackWeight > 0;
            steps.Add(new CascadeStep(
                CascadeStepNames.RecallFallback,
                better,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"result had {weight} text units (< {_options.MinBodyChars}); {how} gives {fallbackWeight}")));
            if (better)
            {
                text = fallback;
                weight = fallbackWeight;
            }
        }

        var isArticle = IsArticle(text, weight, metadata, out var articleReason);
        if (!isArticle)
        {
            steps.Add(new CascadeStep(CascadeStepNames.NotArticle, false, articleReason));
        }

        var published = metadata.Published;
        var publishedSource = metadata.PublishedSource;
        var content = new ArticleContent(
            metadata.Title,
            text,
            published,
            metadata.Author,
            metadata.SiteName,
            CheckLanguage(metadata.DeclaredLanguage, text),
            metadata.CanonicalUrl,
            isArticle);
        return new ContentExtraction(content, publishedSource, metadata.Modified, steps);
    }

    private (string Text, string How) RecallFallback(HtmlParser parser, string html, PageMetadata metadata)
    {
        var best = (Text: string.Empty, How: "nothing", Weight: 0);
        foreach (var mode in new[] { CleaningMode.StructureOnly, CleaningMode.Minimal })
        {
            using var fresh = parser.ParseDocument(html);
            var dom = ScoreDom(fresh, metadata, mode);
            var (text, how) = dom.Weight >= _options.MinBodyChars
                ? (dom.Text, $"scorer with {mode} cleaning")
                : (WholePageProse(dom.PageBlocks(), metadata.Title), $"whole-page prose with {mode} cleaning");
            var weight = TextMeasure.Weigh(text);
            if (weight > best.Weight)
            {
                best = (text, how, weight);
            }

            if (weight >= _options.MinBodyChars)
            {
                break;
            }
        }

        return (best.Text, best.How);
    }

    private DomResult ScoreDom(IDocument document, PageMetadata metadata, CleaningMode mode)
    {
        var body = document.Body ?? document.DocumentElement;
        _cleaner.Clean(body, mode);
        var stats = ElementStats.Compute(body);
        var selection = _scorer.Select(body, stats);
        var skip = _pruner.Prune(selection, stats);
        var blocks = _filter.Filter(TextRenderer.Render(selection.Roots, skip), metadata.Title);
        var text = BlockFilter.Join(blocks);
        var weight = TextMeasure.Weigh(text);
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"top candidate <{selection.TopCandidate.LocalName}{Describe(selection.TopCandidate)}> scored {selection.TopScore:0.#}; {selection.Roots.Count} root(s), {blocks.Count} block(s), {weight} text units");
        return new DomResult(text, weight, reason, body);
    }

    /// <summary>The DOM scorer's text, and the cleaned page it came from (rendered whole only when needed).</summary>
    private sealed class DomResult(string text, int weight, string reason, IElement body)
    {
        private List<TextBlock>? _pageBlocks;

        public string Text { get; } = text;

        public int Weight { get; } = weight;

        public string Reason { get; } = reason;

        public List<TextBlock> PageBlocks() => _pageBlocks ??= TextRenderer.Render([body]);
    }

    /// <summary>
    /// JSON-LD <c>articleBody</c> is the publisher's own statement of the text, but it is sometimes a teaser, stale,
    /// or markup. It is used when the page shows it (or the DOM found too little); when the DOM agrees with it, the
    /// DOM's text wins because it keeps the paragraphs.
    /// </summary>
    private (string? Text, CascadeStep Step) StructuredDataStep(
        PageMetadata metadata, string domText, int domWeight, Func<List<TextBlock>> pageBlocks)
    {
        const string Name = CascadeStepNames.StructuredData;
        var body = metadata.JsonLd?.ArticleBody;
        if (!_options.UseStructuredData)
        {
            return (null, new CascadeStep(Name, false, "disabled by options"));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, new CascadeStep(Name, false, metadata.JsonLd is null ? "no JSON-LD article" : "JSON-LD article has no articleBody"));
        }

        body = StructuredBodyText(body);
        var bodyWeight = TextMeasure.Weigh(body);
        if (bodyWeight < _options.MinBodyChars)
        {
            return (null, new CascadeStep(Name, false, $"articleBody too short ({bodyWeight} text units)"));
        }

        var bodyBag = Shingles.Bag(body);
        var domBag = Shingles.Bag(domText);
        var coverage = Shingles.Containment(bodyBag, domBag);
        var precision = Shingles.Containment(domBag, bodyBag);
        if (coverage >= 0.9 && precision >= 0.9)
        {
            return (null, new CascadeStep(Name, false, Format("articleBody agrees with the DOM (coverage {0:0.00}, precision {1:0.00}); DOM text kept for its paragraphs", coverage, precision)));
        }

        if (coverage >= 0.5 && domWeight > bodyWeight * 1.5)
        {
            return (null, new CascadeStep(Name, false, Format("articleBody is an excerpt: the DOM text holds {0:0.00} of it and is {1:0.0} times longer", coverage, (double)domWeight / bodyWeight)));
        }

        // Rebuild the text from the page's own blocks that belong to articleBody, to keep paragraphs.
        var matching = pageBlocks().Where(b => b.Weight > 0 && Shingles.Containment(Shingles.Bag(b.Text), bodyBag) >= 0.8).ToList();
        var rebuilt = BlockFilter.Join(matching);
        var rebuiltBag = Shingles.Bag(rebuilt);
        var rebuiltCoverage = Shingles.Containment(bodyBag, rebuiltBag);
        if (rebuiltCoverage >= 0.9)
        {
            return (rebuilt, new CascadeStep(Name, true, Format("page blocks matching articleBody cover {0:0.00} of it (DOM scorer: coverage {1:0.00}, precision {2:0.00})", rebuiltCoverage, coverage, precision)));
        }

        if ((rebuiltCoverage >= 0.8 && bodyWeight > domWeight * 0.8) || domWeight < _options.MinBodyChars)
        {
            return (NormalizeParagraphs(body), new CascadeStep(Name, true, Format("articleBody used as written: the page shows {0:0.00} of it and the DOM scorer found {1} text units", rebuiltCoverage, domWeight)));
        }

        return (null, new CascadeStep(Name, false, Format("articleBody not shown on the page (only {0:0.00} of it found); not trusted", rebuiltCoverage)));
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string StructuredBodyText(string body)
    {
        if (!body.Contains('<', StringComparison.Ordinal))
        {
            return WebUtility.HtmlDecode(body);
        }

        // Some publishers put HTML in articleBody.
        var parser = new HtmlParser();
        using var fragment = parser.ParseDocument("<body>" + body + "</body>");
        return BlockFilter.Join(TextRenderer.Render([fragment.Body ?? fragment.DocumentElement]));
    }

    private static string NormalizeParagraphs(string text)
    {
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(TextFolding.Fold)
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>Whole-page prose: every block that is not link text, furniture phrase or repeated line.</summary>
    private string WholePageProse(List<TextBlock> pageBlocks, string? title)
    {
        var prose = pageBlocks.Where(b => b.LinkDensity < 0.5).ToList();
        return BlockFilter.Join(_filter.Filter(prose, title));
    }

    private bool IsArticle(string text, int weight, PageMetadata metadata, out string reason)
    {
        if (weight < _options.MinArticleChars)
        {
            reason = $"only {weight} text units of main text";
            return false;
        }

        if (metadata.DeclaresArticle)
        {
            reason = "declared an article";
            return true;
        }

        // An index page's text is a list of teasers and headlines: few blocks read as running prose.
        var paragraphs = text.Split("\n\n");
        var prose = paragraphs.Count(p => TextMeasure.Weigh(p) >= ProseParagraph && EndsSentence(p));
        if (prose < 2)
        {
            reason = $"{prose} paragraph(s) of running prose and no article metadata";
            return false;
        }

        reason = "running prose";
        return true;
    }

    private static bool EndsSentence(string paragraph)
    {
        var trimmed = paragraph.TrimEnd();
        return trimmed.Length > 0 && char.GetUnicodeCategory(trimmed[^1]) is UnicodeCategory.OtherPunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.ClosePunctuation;
    }

    private string? CheckLanguage(string? declared, string text)
    {
        if (declared is null || !_lexicon.LanguageScripts.TryGetValue(declared, out var expected))
        {
            return declared;
        }

        var actual = ScriptCheck.Dominant(text);
        return actual is null || actual == expected ? declared : null;
    }

    private static string Describe(IElement element)
    {
        var id = element.Id;
        var className = element.GetAttribute("class");
        return (string.IsNullOrEmpty(id) ? string.Empty : " id=\"" + id + "\"")
            + (string.IsNullOrEmpty(className) ? string.Empty : " class=\"" + (className.Length > 60 ? className[..60] : className) + "\"");
    }
}
