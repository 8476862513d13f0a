using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using NewsPipeline.Core.Search;
using NewsPipeline.Search;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Web.Tests;

/// <summary>An index folder left by an earlier build is refilled from the store rather than half-searched.</summary>
public sealed class LuceneIndexFormatTests
{
    [Fact]
    public async Task An_index_written_without_the_format_mark_is_emptied_on_open()
    {
        using var folder = new TempDirectory();
        var path = folder.File("index");
        using (var directory = FSDirectory.Open(path))
        using (var analyzer = new KeywordAnalyzer())
        using (var old = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)))
        {
            // An event document as builds before source_count wrote it.
            old.AddDocument(new Document { new StringField("kind", "event", Field.Store.NO), new StringField("key", "event:old-1", Field.Store.NO) });
            old.Commit();
        }

        using var index = LuceneSearchIndex.Open(new SearchIndexOptions { IndexDirectory = path });
        Assert.Equal(new SearchIndexCounts(0, 0), await index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_index_this_build_wrote_is_kept_across_reopening_and_rebuilds()
    {
        using var folder = new TempDirectory();
        var options = new SearchIndexOptions { IndexDirectory = folder.File("index") };
        var entry = MultilingualCorpus.Syndicated(MultilingualCorpus.Articles()[0], ("ml-fr-de", "de"));
        using (var index = LuceneSearchIndex.Open(options))
        {
            await index.ClearAsync(CancellationToken.None);
            await index.IndexAsync(entry.Article, entry.Events, CancellationToken.None);
        }

        using var reopened = LuceneSearchIndex.Open(options);
        Assert.Equal(new SearchIndexCounts(1, 1), await reopened.CountAsync(CancellationToken.None));
        var hit = Assert.Single((await reopened.SearchEventsAsync(new EventSearch { MinSources = 2 }, CancellationToken.None)).Items);
        Assert.Equal(2, hit.Event.SourceCount);
    }
}
