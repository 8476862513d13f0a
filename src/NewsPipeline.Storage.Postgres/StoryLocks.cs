namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// The advisory locks that serialise story matching between transactions. A report that could join a deal another
/// transaction is storing looks it up under a key that deal is filed under, so for every key some transaction reads
/// and another files under, at least one of them must lock it exclusively; locks that are never needed for that are
/// taken shared, so that workers storing unrelated deals of one type, metal and month do not queue behind each other.
/// </summary>
/// <remarks>
/// Which side takes the exclusive lock follows the traffic on each kind of <c>StoryBlocking</c> key
/// ("type|metal|month" then an optional suffix): the block itself and its tonnage buckets ("t:…") are filed under by
/// most deals and read by few reports, so readers lock them exclusively; the keys of deals naming no company
/// ("nobody…", "bare") are read by most reports and filed under by few, so writers lock them exclusively; a company's
/// key ("p:…") is read and filed under by the same reports, and is exclusive either way.
/// </remarks>
internal static class StoryLocks
{
    private const int BlockSegments = 3;

    /// <summary>Every key to lock, in the sorted order all transactions take them, and whether exclusively.</summary>
    public static IReadOnlyList<(string Key, bool Exclusive)> For(IEnumerable<string> lookedUp, IEnumerable<string> filed)
    {
        var modes = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in lookedUp)
        {
            modes[key] = (modes.TryGetValue(key, out var exclusive) && exclusive) || KindOf(key) is Kind.Party or Kind.MostlyFiled;
        }

        foreach (var key in filed)
        {
            modes[key] = (modes.TryGetValue(key, out var exclusive) && exclusive) || KindOf(key) is Kind.Party or Kind.MostlyRead;
        }

        return modes.Select(pair => (pair.Key, pair.Value)).ToList();
    }

    private enum Kind
    {
        MostlyFiled,
        MostlyRead,
        Party,
    }

    private static Kind KindOf(string key)
    {
        // The block's own three fields hold no '|' (a type, a canonical metal, a month); a party name may.
        var start = 0;
        for (var i = 0; i < BlockSegments && start >= 0; i++)
        {
            start = key.IndexOf('|', start) is var bar and >= 0 ? bar + 1 : -1;
        }

        var suffix = start < 0 ? "" : key[start..];
        return suffix switch
        {
            _ when suffix.StartsWith("p:", StringComparison.Ordinal) => Kind.Party,
            _ when suffix.StartsWith("nobody", StringComparison.Ordinal) || suffix == "bare" => Kind.MostlyRead,
            _ => Kind.MostlyFiled,
        };
    }
}
