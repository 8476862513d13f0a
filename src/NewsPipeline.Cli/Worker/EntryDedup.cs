using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Cli.Worker;

/// <summary>Whether a feed entry is new to this feed, already handled, or handled before and changed since.</summary>
public enum EntryNovelty
{
    New,
    Known,
    Edited,
}

/// <summary>One entry of a feed document with the key it is known by and what the feed's memory says of it.</summary>
public sealed record ClassifiedEntry(FeedEntry Entry, string Key, EntryFingerprint Fingerprint, EntryNovelty Novelty);

/// <summary>The entries of one document, classified, and whether the feed is (now) known to reuse GUIDs.</summary>
/// <param name="ReuseDetected">This document is where the reuse was first caught (for the log line).</param>
public sealed record DedupResult(IReadOnlyList<ClassifiedEntry> Entries, bool ReusesGuids, bool ReuseDetected);

/// <summary>
/// Per-feed dedup: an entry is known by its GUID, else by its link, else (when one document gives several entries the
/// same link) by a hash of its title and text. A feed caught giving one GUID to different items (same GUID, another
/// link and another title, in one document or against what was handled before) is marked and known by link from then on.
/// An entry whose key or link-and-title matches a handled one is known; with the same key but another title or text it
/// is an edit. Cross-feed dedup (normalised canonical URL) happens later, in the article store.
/// </summary>
public static class EntryDedup
{
    public static DedupResult Classify(IReadOnlyList<FeedEntry> entries, FeedState state)
    {
        var seen = (state.Fingerprints ?? []).Select(EntryFingerprint.Parse).OfType<EntryFingerprint>().ToList();
        var byKey = seen.GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var byLinkAndTitle = seen.Select(f => (f.LinkHash, f.TitleHash)).ToHashSet();
        var legacyKeys = (state.SeenEntries ?? []).ToHashSet(StringComparer.Ordinal);

        var reuseDetected = !state.ReusesGuids && ReusesGuids(entries, byKey);
        var reuses = state.ReusesGuids || reuseDetected;
        var sharedLinks = entries.GroupBy(e => e.Link.AbsoluteUri, StringComparer.Ordinal)
            .Where(g => g.Select(e => e.Title).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

        var inThisDocument = new HashSet<string>(StringComparer.Ordinal);
        var classified = entries.Select(entry =>
        {
            var key = Key(entry, reuses, sharedLinks);
            var fingerprint = EntryFingerprint.Of(key, entry);
            var novelty = !inThisDocument.Add(key) ? EntryNovelty.Known
                : byKey.TryGetValue(key, out var before)
                ? (before.TitleHash == fingerprint.TitleHash && before.ContentHash == fingerprint.ContentHash ? EntryNovelty.Known : EntryNovelty.Edited)
                : byLinkAndTitle.Contains((fingerprint.LinkHash, fingerprint.TitleHash)) || legacyKeys.Contains(key) ? EntryNovelty.Known
                : EntryNovelty.New;
            return new ClassifiedEntry(entry, key, fingerprint, novelty);
        }).ToList();
        return new DedupResult(classified, reuses, reuseDetected);
    }

    private static string Key(FeedEntry entry, bool reusesGuids, HashSet<string> sharedLinks)
    {
        if (!reusesGuids && !string.IsNullOrWhiteSpace(entry.Id))
        {
            return FeedState.EntryKey(entry);
        }

        return sharedLinks.Contains(entry.Link.AbsoluteUri)
            ? "hash:" + ContentHash.ShortId((entry.Title ?? string.Empty) + "\n" + (entry.Summary ?? string.Empty))
            : "link:" + entry.Link.AbsoluteUri;
    }

    // One GUID on two items: within the document, or a handled GUID back with both its link and its title changed
    // (a changed title alone is an edit; a changed link alone is a moved article).
    private static bool ReusesGuids(IReadOnlyList<FeedEntry> entries, Dictionary<string, EntryFingerprint> handled)
    {
        var withId = entries.Where(e => !string.IsNullOrWhiteSpace(e.Id)).ToList();
        var inDocument = withId.GroupBy(FeedState.EntryKey, StringComparer.Ordinal)
            .Any(g => g.Select(e => e.Link.AbsoluteUri).Distinct(StringComparer.Ordinal).Count() > 1
                && g.Select(e => e.Title).Distinct(StringComparer.Ordinal).Count() > 1);
        return inDocument || withId.Any(e =>
        {
            var key = FeedState.EntryKey(e);
            if (!handled.TryGetValue(key, out var before))
            {
                return false;
            }

            var now = EntryFingerprint.Of(key, e);
            return before.LinkHash != now.LinkHash && before.TitleHash != now.TitleHash;
        });
    }
}
