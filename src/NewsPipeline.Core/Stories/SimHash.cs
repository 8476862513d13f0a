using System.Globalization;
using System.Numerics;
using System.Text;

namespace NewsPipeline.Core.Stories;

/// <summary>
/// A 64-bit SimHash of a text over overlapping character shingles, so that syndicated copies with small edits
/// land a few bits apart in any script, without word segmentation (Japanese and Chinese have no spaces).
/// </summary>
public static class SimHash
{
    /// <summary>Characters per shingle: short enough for CJK sentences, long enough to carry word order.</summary>
    public const int ShingleLength = 4;

    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The fingerprint of <paramref name="text"/>; 0 for a text with no letters or digits.</summary>
    public static ulong Of(string? text)
    {
        var folded = Fold(text);
        if (folded.Length == 0)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
        var last = Math.Max(0, folded.Length - ShingleLength);
        for (var start = 0; start <= last; start++)
        {
            var hash = Hash(folded.AsSpan(start, Math.Min(ShingleLength, folded.Length - start)));
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong result = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                result |= 1UL << bit;
            }
        }

        return result;
    }

    /// <summary>How many of the 64 bits differ.</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    // Letters and digits only, compatibility-folded and lower-cased, single spaces between runs: punctuation,
    // full-width forms and spacing do not change the fingerprint.
    private static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var pendingSpace = false;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                pendingSpace = true;
            }
            else
            {
                // Combining marks of Indic-like scripts belong to their letter.
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // FNV-1a over the UTF-16 units, then the SplitMix64 finaliser so that every output bit depends on every input bit.
    private static ulong Hash(ReadOnlySpan<char> shingle)
    {
        var hash = FnvOffset;
        foreach (var c in shingle)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9;
        hash = (hash ^ (hash >> 27)) * 0x94d049bb133111eb;
        return hash ^ (hash >> 31);
    }
}
