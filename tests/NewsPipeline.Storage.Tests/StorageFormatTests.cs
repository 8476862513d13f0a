using LiteDB;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Storage.Tests;

/// <summary>What the LiteDB file holds, read back without the store: the format a backup or migration sees.</summary>
public sealed class StorageFormatTests
{
    [Fact]
    public async Task Enums_are_stored_as_design_vocabulary_strings_and_instants_as_exact_utc()
    {
        using var folder = new TempDirectory();
        var published = new DateTimeOffset(2026, 2, 3, 10, 11, 12, TimeSpan.FromHours(9)).AddTicks(4321);
        var article = Samples.Article("https://jp.example/gallium", "日本の商社は2026年からガリウムを年間15トン輸入する。", "ja", "ガリウム輸入", published);
        var supply = Samples.Stored(article, Samples.Event(
            EventType.SupplyAgreement, "gallium", article.Text, tonnes: 15, per: RatePeriod.Year, start: "2026", origin: "KZ", destination: "JP", status: EventStatus.Talks));
        using (var store = Samples.Open(folder))
        {
            await store.AddArticleAsync(article, [supply], CancellationToken.None);
        }

        using var raw = new LiteDatabase(new ConnectionString { Filename = folder.File("store.db") }, new BsonMapper());
        var stored = raw.GetCollection("events").FindById(supply.Id);
        Assert.Equal("supply_agreement", stored["type"].AsString);
        Assert.Equal("talks", stored["status"].AsString);
        Assert.Equal("year", stored["per"].AsString);
        Assert.Equal(article.Id, stored["articleId"].AsString);
        Assert.Equal(article.Text, stored["evidence"].AsString);
        Assert.Equal("2026-02-03T01:11:12.0004321+00:00", raw.GetCollection("articles").FindById(article.Id)["published"].AsString);
    }

    [Fact]
    public void Every_query_filter_and_dedup_key_has_an_index_after_open()
    {
        using var folder = new TempDirectory();
        using (Samples.Open(folder))
        {
        }

        using var raw = new LiteDatabase(new ConnectionString { Filename = folder.File("store.db") }, new BsonMapper());
        var indexes = raw.GetCollection("$indexes").FindAll()
            .Select(index => (Collection: index["collection"].AsString, Name: index["name"].AsString, Unique: index["unique"].AsBoolean))
            .ToList();

        Assert.Contains(("articles", "canonicalKey", true), indexes);
        Assert.Contains(("articles", "contentHash", false), indexes);
        foreach (var field in new[] { "articleId", "metal", "type", "buyerKey", "sellerKey", "origin", "destination", "start", "tonnes", "whenFrom", "whenTo", "sortKey" })
        {
            Assert.Contains(("events", field, false), indexes);
        }
    }

    [Fact]
    public void A_dropped_index_comes_back_at_the_next_open()
    {
        using var folder = new TempDirectory();
        using (Samples.Open(folder))
        {
        }

        using (var raw = new LiteDatabase(new ConnectionString { Filename = folder.File("store.db") }, new BsonMapper()))
        {
            Assert.True(raw.GetCollection("events").DropIndex("metal"));
        }

        using (Samples.Open(folder))
        {
        }

        using var reopened = new LiteDatabase(new ConnectionString { Filename = folder.File("store.db") }, new BsonMapper());
        Assert.Contains(reopened.GetCollection("$indexes").FindAll(), index => index["collection"] == "events" && index["name"] == "metal");
    }
}
