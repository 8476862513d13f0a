using NewsPipeline.Cli.Worker;
using NewsPipeline.Core.Feeds;
using Xunit;

namespace NewsPipeline.Cli.Tests;

/// <summary>Per-feed dedup: GUID, then link, then hash; GUID reuse caught; edits noticed.</summary>
public sealed class EntryDedupTests
{
    private static readonly FeedDefinition Feed = new("中国有色", new Uri("https://example.cn/rss"), "zh", TimeSpan.FromHours(1));

    [Fact]
    public void Entries_handled_before_are_known_and_a_changed_title_under_the_same_guid_is_an_edit()
    {
        var first = new[] { Entry("cn-1", "https://example.cn/a/1", "锂价上涨"), Entry("cn-2", "https://example.cn/a/2", "稀土出口配额") };
        var state = Remember(FeedState.New(Feed), EntryDedup.Classify(first, FeedState.New(Feed)));

        var again = EntryDedup.Classify(
            [Entry("cn-1", "https://example.cn/a/1", "锂价上涨"), Entry("cn-2", "https://example.cn/a/2", "稀土出口配额（更新）"), Entry("cn-3", "https://example.cn/a/3", "镓")],
            state);

        Assert.Equal([EntryNovelty.Known, EntryNovelty.Edited, EntryNovelty.New], again.Entries.Select(e => e.Novelty));
        Assert.False(again.ReusesGuids);
    }

    [Fact]
    public void A_guid_given_again_to_another_item_marks_the_feed_and_its_entries_are_known_by_link_from_then_on()
    {
        var yesterday = EntryDedup.Classify([Entry("item-1", "https://example.kz/news/1", "Қазақстан уран экспорты")], FeedState.New(Feed));
        var state = Remember(FeedState.New(Feed), yesterday);

        var today = EntryDedup.Classify(
            [Entry("item-1", "https://example.kz/news/2", "Мыс өндірісі өсті"), Entry("item-2", "https://example.kz/news/1", "Қазақстан уран экспорты")],
            state);

        Assert.True(today.ReuseDetected);
        Assert.True(today.ReusesGuids);
        Assert.Equal(["link:https://example.kz/news/2", "link:https://example.kz/news/1"], today.Entries.Select(e => e.Key));
        // The old item is recognised by its link and title although its key scheme changed; the new one is new.
        Assert.Equal([EntryNovelty.New, EntryNovelty.Known], today.Entries.Select(e => e.Novelty));
    }

    [Fact]
    public void One_guid_on_two_items_of_the_same_document_is_caught_at_once()
    {
        var result = EntryDedup.Classify(
            [Entry("1", "https://example.jp/a", "ガリウム輸出規制"), Entry("1", "https://example.jp/b", "ゲルマニウム価格")],
            FeedState.New(Feed));

        Assert.True(result.ReuseDetected);
        Assert.All(result.Entries, e => Assert.Equal(EntryNovelty.New, e.Novelty));
        Assert.Equal(2, result.Entries.Select(e => e.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Entries_without_guid_sharing_one_link_are_told_apart_by_their_text()
    {
        var result = EntryDedup.Classify(
            [Entry(null, "https://example.de/rohstoffe", "Kupferpreis steigt"), Entry(null, "https://example.de/rohstoffe", "Nickel fällt"),
             Entry(null, "https://example.de/rohstoffe", "Nickel fällt")],
            FeedState.New(Feed));

        Assert.All(result.Entries, e => Assert.StartsWith("hash:", e.Key, StringComparison.Ordinal));
        Assert.Equal([EntryNovelty.New, EntryNovelty.New, EntryNovelty.Known], result.Entries.Select(e => e.Novelty));
    }

    [Fact]
    public void A_moved_link_under_the_same_guid_and_title_is_the_same_item_not_guid_reuse()
    {
        var state = Remember(FeedState.New(Feed), EntryDedup.Classify([Entry("es-7", "http://example.es/litio", "Litio en Chile")], FeedState.New(Feed)));

        var moved = EntryDedup.Classify([Entry("es-7", "https://example.es/noticias/litio", "Litio en Chile")], state);

        Assert.False(moved.ReusesGuids);
        Assert.Equal(EntryNovelty.Known, Assert.Single(moved.Entries).Novelty);
    }

    [Fact]
    public void Fingerprints_survive_storage_as_text_even_when_a_guid_holds_spaces()
    {
        var fingerprint = EntryFingerprint.Of("id:tag:example.fr,2026:cuivre 12", Entry("tag:example.fr,2026:cuivre 12", "https://example.fr/c", "Cuivre : hausse"));

        Assert.Equal(fingerprint, EntryFingerprint.Parse(fingerprint.ToString()));
    }

    private static FeedEntry Entry(string? id, string link, string title) => new(id, new Uri(link), title, null, null, null);

    private static FeedState Remember(FeedState state, DedupResult result) => state with
    {
        SeenEntries = result.Entries.Select(e => e.Key).ToList(),
        Fingerprints = result.Entries.Select(e => e.Fingerprint.ToString()).ToList(),
        ReusesGuids = result.ReusesGuids,
    };
}
