using System.Text;

namespace NewsPipeline.Core.Text;

/// <summary>
/// Legacy code pages (windows-125x, Shift_JIS, GB18030…) looked up through the framework's code-page provider
/// directly, so that decoding does not depend on anyone having registered it process-wide.
/// </summary>
public static class CodePages
{
    public static Encoding Get(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage) ?? Encoding.GetEncoding(codePage);

    /// <summary>The encoding that throws on bytes it cannot decode (and characters it cannot encode).</summary>
    public static Encoding GetStrict(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>The encoding .NET knows by <paramref name="name"/>; throws <see cref="ArgumentException"/> when none.</summary>
    public static Encoding Get(string name) =>
        CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);

    /// <summary>
    /// The windows-1252 character a C1 control (U+0080–U+009F) stands for in text that went through latin-1 or a
    /// numeric reference (&amp;#146; is a right quote); the control itself where windows-1252 leaves the byte undefined.
    /// </summary>
    public static char Windows1252ForC1(char control)
    {
        if (control is < '\u0080' or > '\u009F')
        {
            return control;
        }

        var mapped = Get(1252).GetString([(byte)control]);
        return mapped.Length == 1 ? mapped[0] : control;
    }
}
