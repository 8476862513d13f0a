using System.Globalization;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Models;
using NewsPipeline.Extraction.Recognisers;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// The hashed features of one sentence for the event-type classifier, the same at training and at extraction
/// time. Every feature is language-independent in form: lowercased word unigrams and bigrams, character n-grams
/// (inside CJK runs, where there are no words, and inside long words, where inflection hides the stem), the TYPE
/// of each lexicon cue rather than its wording (so "offtake", "供货协议" and "Liefervertrag" share one weight), and
/// mentions replaced by a class token ("&lt;metal&gt;", "&lt;qty&gt;", …) so the model learns constructions, not names.
/// </summary>
internal sealed class EventSentenceFeatures(EventLexicon events)
{
    /// <summary>2^18 ids: about 1.6 M weights for six classes; collisions are rare at a few tens of thousands of features.</summary>
    public const int Bits = 18;

    private const string Metal = "<metal>";
    private const string Quantity = "<qty>";
    private const string Company = "<company>";
    private const string Country = "<country>";
    private const string Organisation = "<org>";
    private const string Year = "<year>";
    private const string Number = "<num>";

    /// <summary>Words at least this long also give their character n-grams (stems of inflected words).</summary>
    private const int SubwordMinLength = 5;

    public FeatureHasher Hasher { get; } = new(Bits);

    /// <summary>Adds the features of <paramref name="sentence"/> to <paramref name="features"/> (which is not cleared first).</summary>
    public void Extract(RecognisedArticle article, Sentence sentence, FeatureVectorBuilder features)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(features);
        var units = Units(article, sentence);
        AddNgrams(units, features);
        AddMentionCounts(article, sentence, features);
        AddCues(article, sentence, features);
        features.Add("bias");
    }

    /// <summary>The sentence as a sequence of lowercased words, single CJK characters and mention class tokens.</summary>
    private static List<Unit> Units(RecognisedArticle article, Sentence sentence)
    {
        var mentions = Mentions(article, sentence);
        var units = new List<Unit>();
        var scan = article.Text.Scan;
        var m = 0;
        foreach (var token in Tokenizer.Tokenize(scan, sentence.Start, sentence.End))
        {
            while (m < mentions.Count && mentions[m].End <= token.Start)
            {
                m++;
            }

            if (m < mentions.Count && mentions[m].Start <= token.Start)
            {
                // One class token per mention, however many tokens it spans.
                if (units.Count == 0 || units[^1].MentionStart != mentions[m].Start)
                {
                    units.Add(new Unit(mentions[m].Class, UnitKind.Mention, mentions[m].Start));
                }

                continue;
            }

            var unit = token.Kind switch
            {
                TokenKind.Number => new Unit(Number, UnitKind.Mention, -1),
                TokenKind.Cjk => new Unit(scan.Substring(token.Start, 1), UnitKind.Cjk, -1),
                TokenKind.Word => new Unit(scan[token.Start..token.End], UnitKind.Word, -1),
                _ => null,
            };
            if (unit is not null)
            {
                units.Add(unit);
            }
        }

        return units;
    }

    /// <summary>Mentions in the sentence, first-found wins where they overlap (a quantity before the metal inside it).</summary>
    private static List<(int Start, int End, string Class)> Mentions(RecognisedArticle article, Sentence sentence)
    {
        var all = article.Quantities.Select(q => (q.Start, q.End, Class: Quantity))
            .Concat(article.Companies.Select(c => (c.Start, c.End, Class: Company)))
            .Concat(article.Organisations.Select(o => (o.Start, o.End, Class: Organisation)))
            .Concat(article.Countries.Select(c => (c.Start, c.End, Class: Country)))
            .Concat(article.Metals.Select(x => (x.Start, x.End, Class: Metal)))
            .Concat(article.Years.Select(y => (y.Start, y.End, Class: Year)))
            .Where(s => s.Start >= sentence.Start && s.End <= sentence.End);
        var kept = new List<(int Start, int End, string Class)>();
        foreach (var span in all)
        {
            if (!kept.Any(k => k.Start < span.End && span.Start < k.End))
            {
                kept.Add(span);
            }
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static void AddNgrams(List<Unit> units, FeatureVectorBuilder features)
    {
        for (var k = 0; k < units.Count; k++)
        {
            var unit = units[k];
            features.Add("u:", unit.Text);
            if (k > 0)
            {
                features.Add("b:", units[k - 1].Text + " " + unit.Text);
            }

            if (unit.Kind == UnitKind.Cjk)
            {
                // Han and kana words are two to four characters long: trigrams and 4-grams of a run carry them.
                for (var n = 3; n <= 4; n++)
                {
                    if (k + 1 >= n && AllCjk(units, k - n + 1, k))
                    {
                        features.Add("c" + n.ToString(CultureInfo.InvariantCulture) + ":", Join(units, k - n + 1, k));
                    }
                }
            }
            else if (unit.Kind == UnitKind.Word && unit.Text.Length >= SubwordMinLength)
            {
                AddSubwords(unit.Text, features);
            }
        }
    }

    /// <summary>Character 3- and 4-grams of a word with boundary marks, so "поставок" and "поставит" share "^пос", "оста".</summary>
    private static void AddSubwords(string word, FeatureVectorBuilder features)
    {
        var marked = "^" + word + "$";
        for (var n = 3; n <= 4; n++)
        {
            for (var i = 0; i + n <= marked.Length; i++)
            {
                features.Add("s:", marked.AsSpan(i, n));
            }
        }
    }

    private static void AddMentionCounts(RecognisedArticle article, Sentence sentence, FeatureVectorBuilder features)
    {
        var quantities = article.Quantities.Where(q => sentence.Contains(q.Start)).ToList();
        AddCount("metal", article.Metals.Count(m => sentence.Contains(m.Start)), features);
        AddCount("qty", quantities.Count, features);
        AddCount("company", article.Companies.Where(c => sentence.Contains(c.Start)).Select(c => c.Name).Distinct(StringComparer.Ordinal).Count(), features);
        AddCount("country", article.Countries.Where(c => sentence.Contains(c.Start)).Select(c => c.Code).Distinct(StringComparer.Ordinal).Count(), features);
        AddCount("year", article.Years.Count(y => sentence.Contains(y.Start)), features);
        foreach (var quantity in quantities)
        {
            features.Add("qkind:", quantity.NonMetal ? "nonmetal" : quantity.Target ? "target" : quantity.Kind.ToString());
            if (quantity.Quantity.Per is { } per)
            {
                features.Add("qper:", per.ToString());
            }
        }
    }

    /// <summary>None, one or several: the presence matters more than the exact count.</summary>
    private static void AddCount(string name, int count, FeatureVectorBuilder features) =>
        features.Add("n:" + name + ":", count switch { 0 => "0", 1 => "1", _ => "2+" });

    private void AddCues(RecognisedArticle article, Sentence sentence, FeatureVectorBuilder features)
    {
        var language = article.Language;
        var text = article.Text;
        foreach (var cue in events.TypeCues.For(language).FindAll(text, sentence.Start, sentence.End).SelectMany(c => c.Values))
        {
            features.Add("cue:", cue.Type?.ToString() ?? cue.Kind.ToString());
        }

        foreach (var cue in events.StatusCues.For(language).FindAll(text, sentence.Start, sentence.End).SelectMany(c => c.Values))
        {
            features.Add("status:", cue.Status?.ToString() ?? cue.Kind.ToString());
        }

        foreach (var cue in events.RoleCues.For(language).FindAll(text, sentence.Start, sentence.End).SelectMany(c => c.Values))
        {
            features.Add("role:", cue.Kind.ToString());
        }

        foreach (var cue in events.KindCues.For(language).FindAll(text, sentence.Start, sentence.End).SelectMany(c => c.Values))
        {
            features.Add("kind:", cue.Target ? "target" : cue.QuantityKind?.ToString() ?? cue.Kind.ToString());
        }

        if (events.QuotaCues.For(language).FindAll(text, sentence.Start, sentence.End).Count > 0)
        {
            features.Add("quota");
        }

        if (events.InvestmentObjects.For(language).FindAll(text, sentence.Start, sentence.End).Count > 0)
        {
            features.Add("asset");
        }
    }

    private static bool AllCjk(List<Unit> units, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            if (units[i].Kind != UnitKind.Cjk)
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(List<Unit> units, int from, int to) => string.Concat(units.Skip(from).Take(to - from + 1).Select(u => u.Text));

    private enum UnitKind
    {
        Word,
        Cjk,
        Mention,
    }

    /// <param name="MentionStart">Where the mention it stands for starts (-1 for words): one class token per mention.</param>
    private sealed record Unit(string Text, UnitKind Kind, int MentionStart);
}
