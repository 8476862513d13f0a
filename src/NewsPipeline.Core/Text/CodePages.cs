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
}
