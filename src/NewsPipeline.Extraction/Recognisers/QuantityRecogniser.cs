using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Mass quantities: a number in the language's format, an optional range, a scale word (million, тыс., 万) and a mass
/// unit directly after it. Numbers after a currency sign, counts without a unit, prices per tonne (the unit is not
/// attached to the number) and denominators (1トン当たり) are not quantities. A rate (per year, 年間, жылына) close before or after sets <c>per</c>.
/// </summary>
internal sealed class QuantityRecogniser(UnitLexicon lexicon)
{
    private const int RateWindowAfter = 32;
    private const int RateWindowBefore = 24;
    private const string CurrencySigns = "$€£¥₽₸₩";

    public IReadOnlyList<QuantityFound> Recognise(AnalysisText text, string language, IReadOnlyList<Sentence> sentences)
    {
        var format = lexicon.NumberFormats.For(language);
        var found = new List<QuantityFound>();
        var scan = text.Scan;
        var i = 0;
        var numberWords = lexicon.NumberWords.For(language);
        while (i < scan.Length)
        {
            if (!char.IsDigit(scan[i]) && numberWords.MatchAt(text, i) is { } word && ReadWordQuantity(text, language, word) is { } spelled)
            {
                found.Add(spelled with { Per = spelled.Per ?? FindRate(text, language, spelled, sentences.FirstOrDefault(s => s.Contains(i))) });
                i = spelled.End;
                continue;
            }

            if (!char.IsDigit(scan[i]) || (i > 0 && (Scripts.IsWordChar(scan[i - 1]) || (scan[i - 1] is '.' or ',' && i > 1 && char.IsDigit(scan[i - 2])))))
            {
                i++;
                continue;
            }

            var quantity = ReadQuantity(text, language, format, i);
            if (quantity is null || IsPrice(scan, i))
            {
                i = SkipNumber(scan, i);
                continue;
            }

            var sentence = sentences.FirstOrDefault(s => s.Contains(i));
            var per = quantity.Per ?? FindRate(text, language, quantity, sentence);
            found.Add(quantity with { Per = per });
            i = quantity.End;
        }

        return found;
    }

    private QuantityFound? ReadQuantity(AnalysisText text, string language, NumberFormat format, int start)
    {
        var scan = text.Scan;
        if (NumberReader.Read(scan, start, format) is not { } first)
        {
            return null;
        }

        var low = (double?)null;
        var value = first.Value;
        var position = first.End;
        var connector = lexicon.RangeConnectors.For(language).MatchAt(text, SkipSpaces(scan, position));
        if (connector is not null && NumberReader.Read(scan, SkipSpaces(scan, connector.End), format) is { } second && second.Value > value)
        {
            low = value;
            value = second.Value;
            position = second.End;
        }

        // "4.3-million pounds": a hyphen may join the number and its scale word.
        var scaleAt = SkipSpaces(scan, position);
        if (scaleAt < scan.Length && scan[scaleAt] == '-' && scaleAt + 1 < scan.Length && char.IsLetter(scan[scaleAt + 1]))
        {
            scaleAt++;
        }

        var multiplier = lexicon.Multipliers.For(language).MatchAt(text, scaleAt);
        if (multiplier is not null)
        {
            var factor = multiplier.Values[0];
            value *= factor;
            low *= factor;
            position = multiplier.End;
            // 2万3000トン: a CJK scale word followed directly by the rest of the number.
            if (position < scan.Length && char.IsDigit(scan[position]) && NumberReader.Read(scan, position, format) is { } rest && rest.Value < factor)
            {
                value += rest.Value;
                position = rest.End;
            }
        }

        var unitStart = SkipSpaces(scan, position);
        var unit = lexicon.Units.For(language).MatchAt(text, unitStart);
        if (unit is null || unitStart - position > 2 || lexicon.DenominatorsAfter.For(language).MatchAt(text, unit.End) is not null)
        {
            return null;
        }

        var entry = unit.Values[0];
        value *= entry.Scale;
        low *= entry.Scale;
        var tonnes = value * entry.Factor;
        var range = low is { } l ? new[] { l * entry.Factor, tonnes } : null;
        return new QuantityFound(start, unit.End, text.Slice(start, unit.End), value, entry.Unit, tonnes, entry.Per, range);
    }

    /// <summary>"two-million pounds", "deux millions de tonnes", 二万トン: a number word counts only before a scale word.</summary>
    private QuantityFound? ReadWordQuantity(AnalysisText text, string language, PhraseMatch<double> word)
    {
        var scan = text.Scan;
        var at = word.End;
        if (at < scan.Length && (scan[at] == '-' || scan[at] == ' '))
        {
            at++;
        }

        var multiplier = lexicon.Multipliers.For(language).MatchAt(text, at);
        if (multiplier is null)
        {
            return null;
        }

        var unitStart = SkipSpaces(scan, multiplier.End);
        var unit = lexicon.Units.For(language).MatchAt(text, unitStart);
        if (unit is null || unitStart - multiplier.End > 2)
        {
            return null;
        }

        var entry = unit.Values[0];
        var value = word.Values[0] * multiplier.Values[0] * entry.Scale;
        return new QuantityFound(word.Start, unit.End, text.Slice(word.Start, unit.End), value, entry.Unit, value * entry.Factor, entry.Per, null);
    }

    private RatePeriod? FindRate(AnalysisText text, string language, QuantityFound quantity, Sentence? sentence)
    {
        var rates = lexicon.Rates.For(language);
        var limit = sentence?.End ?? text.Length;
        var afterEnd = Math.Min(limit, quantity.End + RateWindowAfter);
        for (var j = quantity.End; j < afterEnd; j++)
        {
            if (char.IsDigit(text.Scan[j]))
            {
                afterEnd = j;
                break;
            }
        }

        var after = rates.FindAll(text, quantity.End, afterEnd).FirstOrDefault();
        if (after is not null)
        {
            return after.Values[0];
        }

        var beforeStart = Math.Max(sentence?.Start ?? 0, quantity.Start - RateWindowBefore);
        for (var j = quantity.Start - 1; j >= beforeStart; j--)
        {
            if (char.IsDigit(text.Scan[j]))
            {
                beforeStart = j + 1;
                break;
            }
        }

        return rates.FindAll(text, beforeStart, quantity.Start).LastOrDefault()?.Values[0];
    }

    private static bool IsPrice(string scan, int start)
    {
        for (var j = start - 1; j >= Math.Max(0, start - 4); j--)
        {
            if (CurrencySigns.Contains(scan[j], StringComparison.Ordinal))
            {
                return true;
            }

            if (char.IsLetterOrDigit(scan[j]) && j < start - 2)
            {
                break;
            }
        }

        return false;
    }

    private static int SkipSpaces(string scan, int position)
    {
        while (position < scan.Length && scan[position] == ' ')
        {
            position++;
        }

        return position;
    }

    private static int SkipNumber(string scan, int position)
    {
        while (position < scan.Length && (char.IsDigit(scan[position]) || scan[position] is '.' or ',' or ' ') && position + 1 < scan.Length && (char.IsDigit(scan[position]) || char.IsDigit(scan[position + 1])))
        {
            position++;
        }

        return position + 1;
    }
}
