namespace NewsPipeline.Core.Text;

/// <summary>
/// The form in which two texts that differ only in layout or Unicode composition are the same text: NFC (through
/// <see cref="Nfc"/>, so it never throws) with every run of white space as one space and none at either end.
/// </summary>
public static class TextFolding
{
    public static string Fold(string? text) =>
        string.Join(' ', Nfc.Normalize(text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
