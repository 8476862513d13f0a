namespace NewsPipeline.Extraction.Models;

/// <summary>
/// Maps feature strings to ids in [0, 2^<see cref="Bits"/>) with 32-bit FNV-1a over the UTF-16 code units.
/// The hash is fixed by this code alone, so a model trained in one process scores the same in any other
/// (<see cref="string.GetHashCode()"/> is randomised per process and must never be used for this).
/// </summary>
public sealed class FeatureHasher
{
    /// <summary>The FNV-1a 32-bit offset basis: the state of an empty input.</summary>
    public const uint OffsetBasis = 2166136261;

    private const uint Prime = 16777619;

    public FeatureHasher(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 30);
        Bits = bits;
        Mask = (1u << bits) - 1;
    }

    public int Bits { get; }

    /// <summary>The number of distinct ids, 2^<see cref="Bits"/>.</summary>
    public int Dimension => 1 << Bits;

    private uint Mask { get; }

    /// <summary>Continues a FNV-1a 32 hash over <paramref name="text"/> from <paramref name="state"/> (so "prefix" then "value" hashes as "prefixvalue").</summary>
    public static uint Fnv1a(ReadOnlySpan<char> text, uint state = OffsetBasis)
    {
        foreach (var unit in text)
        {
            state = (state ^ (byte)unit) * Prime;
            state = (state ^ (byte)(unit >> 8)) * Prime;
        }

        return state;
    }

    public int Hash(ReadOnlySpan<char> feature) => Reduce(Fnv1a(feature));

    /// <summary>The id of the concatenation <paramref name="prefix"/> + <paramref name="value"/>, without building that string.</summary>
    public int Hash(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value) => Reduce(Fnv1a(value, Fnv1a(prefix)));

    /// <summary>Folds the high bits in before masking so that small tables still see every bit of the hash.</summary>
    public int Reduce(uint hash) => (int)((hash ^ (hash >> Bits)) & Mask);
}

/// <summary>
/// Collects the hashed feature ids of one example into a buffer reused from example to example, so adding a
/// feature allocates nothing. Not thread-safe: one builder per thread.
/// </summary>
public sealed class FeatureVectorBuilder(FeatureHasher hasher, int capacity = 64)
{
    private int[] ids = new int[Math.Max(capacity, 4)];

    public FeatureHasher Hasher => hasher;

    public int Count { get; private set; }

    /// <summary>The ids added since the last <see cref="Clear"/>; valid until the next change to this builder.</summary>
    public ReadOnlySpan<int> Ids => ids.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(ReadOnlySpan<char> feature) => AddId(hasher.Hash(feature));

    public void Add(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value) => AddId(hasher.Hash(prefix, value));

    public void AddId(int id)
    {
        if (Count == ids.Length)
        {
            Array.Resize(ref ids, ids.Length * 2);
        }

        ids[Count++] = id;
    }

    /// <summary>A copy of the current ids, for training sets that keep every example.</summary>
    public int[] ToArray() => Ids.ToArray();
}
