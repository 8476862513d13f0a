using System.Text;

namespace NewsPipeline.Ingestion.Tests;

/// <summary>Our own sentences in the languages we serve, and feeds built from them in a given charset.</summary>
internal static class CharsetFixtures
{
    public const string Russian = "Казахстан увеличил экспорт галлия в Японию на 15 тонн, сообщили в министерстве.";
    public const string Japanese = "日本の商社がカザフスタン産ガリウムを年間15トン購入する契約に署名した。";
    public const string ChineseSimplified = "中国宣布对锗和镓的出口实行许可证管理，自八月起生效。";
    public const string ChineseTraditional = "台灣電池廠與澳洲礦商簽署鋰精礦長期供應合約。";
    public const string Kazakh = "Қазақстан алюминий зауыты галлий өндірісін бастады: жылына 15 тонна.";
    public const string German = "Die Kupferhütte in Hamburg erhöht ihre Jahresproduktion – größer als erwartet, für 5 € je Aktie.";
    public const string Spanish = "¿Exportará Chile más litio? La compañía firmó un acuerdo “histórico” en Antofagasta.";
    public const string French = "Le Kazakhstan livrera du gallium au Japon dès l'année prochaine, a précisé l'entreprise.";
    public const string Portuguese = "A mineradora brasileira anunciou a produção de nióbio em Araxá, no coração de Minas Gerais.";

    static CharsetFixtures()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>An RSS 2.0 feed whose item title is <paramref name="sentence"/>, with an XML declaration naming <paramref name="declared"/> when given.</summary>
    public static string Rss(string sentence, string? declared) =>
        (declared is null ? string.Empty : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>\n")
        + "<rss version=\"2.0\"><channel><title>Metals</title><link>https://news.example.org/</link>\n"
        + $"<item><title>{sentence}</title><link>https://news.example.org/story/1</link><description>{sentence}</description></item>\n"
        + "</channel></rss>\n";

    /// <summary>An HTML page with <paramref name="sentence"/> in its body; the meta charset comes after a long head when asked.</summary>
    public static string Html(string sentence, string? metaCharset, bool lateMeta)
    {
        var filler = lateMeta ? "<style>/*" + new string('-', 2000) + "*/</style>\n" : string.Empty;
        var meta = metaCharset is null ? string.Empty : $"<meta charset=\"{metaCharset}\">\n";
        return $"<!DOCTYPE html>\n<html><head>\n{filler}{meta}<title>News</title></head><body><article><p>{sentence}</p></article></body></html>\n";
    }

    public static byte[] Encode(string text, string charset) => Encoding.GetEncoding(charset).GetBytes(text);
}
