using NewsPipeline.Extraction;

namespace NewsPipeline.Extraction.Tests;

/// <summary>One analyzer over the shipped models (copied beside the test binary), shared by a test class.</summary>
public sealed class AnalyzerFixture
{
    public ArticleAnalyzer Analyzer { get; } = ArticleAnalyzer.Load(ArticleAnalyzer.DefaultModelsDirectory);
}
