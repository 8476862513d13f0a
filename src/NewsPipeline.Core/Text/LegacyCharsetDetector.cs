using System.Globalization;
using System.Text;

namespace NewsPipeline.Core.Text;

/// <summary>
/// Guesses the legacy charset of bytes that carry no usable label and are not UTF-8. Each candidate must decode the
/// bytes without error; the decoded text is then scored on how natural it looks, using only the structure of the
/// charsets themselves (no word lists): letters of one script rather than symbols, lower case dominating in
/// bicameral scripts, accented Latin letters inside Latin words, non-Latin letters not glued to Latin ones,
/// ideographs from the common level of their charset, kana for Japanese, short word runs for Hangul.
/// </summary>
internal sealed class LegacyCharsetDetector
{
    private const int SampleBytes = 64 * 1024;

    // Each later candidate needs this much more naturalness to win: the order follows the languages we serve,
    // so that close calls (windows-1252 or -1250 for Spanish, which differ in a few letters) go the likelier way.
    private const double RankPenalty = 0.03;

    private static readonly int[] CandidateCodePages = [1251, 20866, 1252, 932, 51932, 54936, 950, 949, 1250, 874, 1253, 1255];

    private readonly List<Candidate> candidates;

    public LegacyCharsetDetector()
    {
        candidates = CandidateCodePages.Select(cp => new Candidate(CodePages.GetStrict(cp), CodePages.Get(cp))).ToList();
    }

    /// <summary>The most plausible candidate, or null when none decodes the bytes.</summary>
    public Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, SampleBytes)];
        Encoding? best = null;
        var bestScore = double.MinValue;
        for (var rank = 0; rank < candidates.Count; rank++)
        {
            var candidate = candidates[rank];
            var text = TryDecode(candidate.Strict, sample);
            if (text is null)
            {
                continue;
            }

            var score = Score(text, candidate.Strict) - (rank * RankPenalty);
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate.Tolerant;
            }
        }

        return best;
    }

    private static string? TryDecode(Encoding strict, ReadOnlySpan<byte> sample)
    {
        try
        {
            var decoder = strict.GetDecoder();
            var chars = new char[strict.GetMaxCharCount(sample.Length)];
            // flush: false so that a multi-byte character cut by the sample boundary is not an error.
            var count = decoder.GetChars(sample, chars, flush: false);
            return new string(chars, 0, count);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Average naturalness of the non-ASCII characters, from -1 (garbage) to about 1.5.</summary>
    private static double Score(string text, Encoding encoding)
    {
        double total = 0;
        var count = 0;
        var hangulRun = 0;
        var hangulRuns = 0;
        var hangulChars = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (hangulRun > 0)
                {
                    hangulRuns++;
                    hangulRun = 0;
                }

                continue;
            }

            count++;
            if (c is >= '\uAC00' and <= '\uD7A3')
            {
                hangulRun++;
                hangulChars++;
                total += 1.2;
                continue;
            }

            total += CharScore(text, i, encoding);
        }

        if (count == 0)
        {
            return 0;
        }

        // Korean separates words with spaces; Chinese read as Korean gives long unbroken runs of syllables.
        if (hangulChars > 0 && hangulChars / (double)Math.Max(1, hangulRuns + (hangulRun > 0 ? 1 : 0)) > 8)
        {
            total -= hangulChars * 1.2;
        }

        return total / count;
    }

    private static double CharScore(string text, int i, Encoding encoding)
    {
        var c = text[i];
        var category = char.GetUnicodeCategory(c);
        if (c is >= '\u0080' and <= '\u009F' || c == '\uFFFD' || category is UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
        {
            return -1;
        }

        if (c is >= '\u3040' and <= '\u30FF')
        {
            return 1.5;
        }

        if (c is >= '\uFF61' and <= '\uFF9F' || c is >= '\u3130' and <= '\u318F' || c is >= '\u2500' and <= '\u257F' || c is >= '\uF900' and <= '\uFAFF')
        {
            return -0.5;
        }

        if (c is >= '\u4E00' and <= '\u9FFF')
        {
            return IdeographLevel(c, encoding);
        }

        if (c is >= '\u3000' and <= '\u303F' || c is >= '\uFF01' and <= '\uFF5E')
        {
            return 0.5;
        }

        if (!char.IsLetter(c))
        {
            return 0;
        }

        var gluedToAsciiLetter = (i > 0 && char.IsAsciiLetter(text[i - 1])) || (i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]));
        var latin = c <= '\u024F';
        if (latin != gluedToAsciiLetter)
        {
            // Accented Latin letters live inside Latin words; Cyrillic, Greek, Hebrew or Thai letters do not.
            return 0.1;
        }

        return char.IsUpper(c) ? 0.3 : 1;
    }

    // Each CJK charset orders its ideographs by frequency: a common first level and a rarer second one.
    private static double IdeographLevel(char c, Encoding encoding)
    {
        Span<byte> bytes = stackalloc byte[8];
        int length;
        try
        {
            length = encoding.GetBytes([c], bytes);
        }
        catch (EncoderFallbackException)
        {
            return 0;
        }

        if (length != 2)
        {
            return 0.1;
        }

        var lead = bytes[0];
        var trail = bytes[1];
        return encoding.CodePage switch
        {
            54936 => lead is >= 0xB0 and <= 0xD7 && trail >= 0xA1 ? 1 : lead is >= 0xD8 and <= 0xF7 && trail >= 0xA1 ? 0.4 : 0.1,
            950 => lead is >= 0xA4 and <= 0xC6 ? 1 : 0.3,
            51932 => lead is >= 0xB0 and <= 0xCF ? 1 : 0.4,
            932 => lead is >= 0x88 and <= 0x98 ? 1 : 0.4,
            949 => 0.2,
            _ => 0.1,
        };
    }

    private sealed record Candidate(Encoding Strict, Encoding Tolerant);
}
