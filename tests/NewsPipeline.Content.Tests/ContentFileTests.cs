using System.IO.Compression;
using System.Text;
using NewsPipeline.TestSupport;
using Xunit;

namespace NewsPipeline.Content.Tests;

public sealed class ContentFileTests
{
    [Theory]
    [InlineData("a.b.html.gz", "a.b")]
    [InlineData("/data/pages/a.b.html", "a.b")]
    [InlineData("story.htm", "story")]
    [InlineData("story.HTM.GZ", "story")]
    [InlineData("0123abcd.html.gz", "0123abcd")]
    [InlineData("notes.txt", "notes.txt")]
    public void Ids_drop_the_folder_gz_and_html_extensions(string path, string expected)
    {
        Assert.Equal(expected, ContentIds.FromFileName(path));
    }

    [Theory]
    [InlineData("a.html", true)]
    [InlineData("a.htm.gz", true)]
    [InlineData("a.html.gz", true)]
    [InlineData("a.txt.gz", false)]
    [InlineData("a.json", false)]
    public void Html_files_are_recognised_by_extension(string path, bool expected)
    {
        Assert.Equal(expected, ContentIds.IsHtmlFile(path));
    }

    [Fact]
    public void Gzip_files_are_decompressed_and_decoded_as_utf8()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "page.html.gz");
        var html = "<html><body><p>Алюминий, 鋁, aluminium</p></body></html>";
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        Assert.Equal(html, HtmlFiles.Read(path));
    }

    [Fact]
    public async Task A_declared_single_byte_charset_is_honoured_when_the_bytes_are_not_utf8()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "page.html");
        var latin1 = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Kupferhütte in Lünen</p></body></html>";
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes(latin1), CancellationToken.None);

        Assert.Contains("Kupferhütte in Lünen", await HtmlFiles.ReadAsync(path, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_utf8_wins_over_the_legacy_charset_an_archived_page_still_declares()
    {
        // Archivers re-encode pages to UTF-8 and keep the original <meta charset>.
        var html = "<html><head><meta charset=\"windows-1251\"></head><body><p>Қазақстан алюминийі, 日本向けガリウム</p></body></html>";

        Assert.Equal(html, HtmlFiles.Decode(Encoding.UTF8.GetBytes(html)));
    }

    [Fact]
    public void An_archive_banner_declaring_utf8_does_not_hide_the_pages_own_legacy_charset()
    {
        var banner = "<!-- saved by an archive --><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">";
        var page = "<html><head><meta charset=\"windows-1251\"></head><body><p>Поставки галлия в Японию</p></body></html>";
        var bytes = Encoding.ASCII.GetBytes(banner).Concat(CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes(page)).ToArray();

        Assert.Contains("Поставки галлия в Японию", HtmlFiles.Decode(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_declaring_utf8_with_a_stray_byte_stays_utf8()
    {
        var before = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><p>Exportations de lithium vers la Chine ");
        var after = Encoding.UTF8.GetBytes("et 日本 ont progressé</p></body></html>");
        var bytes = before.Append((byte)0xFF).Concat(after).ToArray();

        var text = HtmlFiles.Decode(bytes);

        Assert.Contains("vers la Chine \uFFFDet 日本 ont progressé", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1_labels_are_read_as_windows_1252_as_browsers_do()
    {
        // 0x93/0x94 are C1 controls in ISO-8859-1 but curly quotes in windows-1252, which publishers actually mean.
        var page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>La \u201cZinkhütte\u201d d\u2019Espagne</p></body></html>";
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(page);

        Assert.Equal(page, HtmlFiles.Decode(bytes));
    }
}
