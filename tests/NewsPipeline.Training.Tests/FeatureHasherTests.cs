using NewsPipeline.Extraction.Models;
using Xunit;

namespace NewsPipeline.Training.Tests;

public sealed class FeatureHasherTests
{
    [Fact]
    public void Fnv1a_matches_the_published_reference_values()
    {
        // FNV-1a 32 of "" is the offset basis; of "a" (bytes 61 00 as UTF-16LE) it is fixed by the algorithm alone.
        Assert.Equal(2166136261u, FeatureHasher.Fnv1a(""));
        Assert.Equal(Reference("a"), FeatureHasher.Fnv1a("a"));
        Assert.Equal(Reference("w=Kazatomprom"), FeatureHasher.Fnv1a("w=Kazatomprom"));
        Assert.Equal(Reference("株式会社"), FeatureHasher.Fnv1a("株式会社"));
    }

    [Fact]
    public void Ids_are_stable_known_values_within_the_table()
    {
        var hasher = new FeatureHasher(18);
        // Pinned: a change here silently invalidates every shipped model.
        Assert.Equal(88294, hasher.Hash("w0=société"));
        var reference = Reference("w0=société");
        Assert.Equal((int)((reference ^ (reference >> 18)) & ((1u << 18) - 1)), hasher.Hash("w0=société"));
        Assert.InRange(hasher.Hash("x"), 0, (1 << 18) - 1);
    }

    [Fact]
    public void Prefix_and_value_hash_as_their_concatenation()
    {
        var hasher = new FeatureHasher(20);
        Assert.Equal(hasher.Hash("w-1=la"), hasher.Hash("w-1=", "la"));
        Assert.NotEqual(hasher.Hash("w-1=la"), hasher.Hash("w+1=la"));
    }

    [Fact]
    public void Builder_reuses_its_buffer_and_grows_past_capacity()
    {
        var builder = new FeatureVectorBuilder(new FeatureHasher(10), capacity: 4);
        for (var k = 0; k < 10; k++)
        {
            builder.Add("f" + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(10, builder.Count);
        var first = builder.ToArray();
        builder.Clear();
        Assert.Equal(0, builder.Ids.Length);
        builder.Add("f0");
        Assert.Equal(first[0], builder.Ids[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Bits_out_of_range_are_refused(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureHasher(bits));

    /// <summary>Textbook FNV-1a 32 over the UTF-16LE bytes, written independently of the production loop.</summary>
    private static uint Reference(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.Unicode.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }
}
