using NewsPipeline.Core.Text;

namespace NewsPipeline.Core.Feeds;

/// <summary>
/// What the poller remembers of one handled entry: the key it was known by and short hashes of its link, its title
/// and its text (title, summary, media descriptions). Same key and link with another title or text is an edit;
/// same GUID with another link and another title is a feed that reuses GUIDs.
/// Stored as one line "key linkHash titleHash contentHash" (the key last, since a GUID may hold spaces).
/// </summary>
public sealed record EntryFingerprint(string Key, string LinkHash, string TitleHash, string ContentHash)
{
    // Texts are folded first: whitespace and Unicode form changes are not edits.
    public static EntryFingerprint Of(string key, FeedEntry entry) => new(
        key,
        Text.ContentHash.ShortId(entry.Link.AbsoluteUri),
        Text.ContentHash.ShortId(TextFolding.Fold(entry.Title)),
        Text.ContentHash.ShortId(TextFolding.Fold(entry.Title) + "\n" + TextFolding.Fold(entry.Summary) + "\n"
            + string.Join("\n", (entry.Media ?? []).Select(m => m.Url.AbsoluteUri + " " + TextFolding.Fold(m.Description)))));

    public static EntryFingerprint? Parse(string stored)
    {
        var parts = stored.Split(' ', 4);
        return parts.Length == 4 ? new EntryFingerprint(parts[3], parts[0], parts[1], parts[2]) : null;
    }

    public override string ToString() => $"{LinkHash} {TitleHash} {ContentHash} {Key}";
}
