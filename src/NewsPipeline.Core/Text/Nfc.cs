using System.Text;

namespace NewsPipeline.Core.Text;

/// <summary>NFC normalisation that cannot throw: lone surrogates, NULs and noncharacters (which make .NET's normaliser throw) are replaced first.</summary>
public static class Nfc
{
    public static string Normalize(string text)
    {
        var builder = (StringBuilder?)null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c != '\0' && c is not ('\uFFFE' or '\uFFFF' or (>= '\uFDD0' and <= '\uFDEF')) && (!char.IsSurrogate(c)
                || (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])));
            if (valid && char.IsHighSurrogate(c))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!valid)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append('\uFFFD');
                continue;
            }

            builder?.Append(c);
        }

        var clean = builder?.ToString() ?? text;
        try
        {
            return clean.IsNormalized(NormalizationForm.FormC) ? clean : clean.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Noncharacters outside the BMP can still upset the normaliser; unnormalised text beats no text.
            return clean;
        }
    }
}
