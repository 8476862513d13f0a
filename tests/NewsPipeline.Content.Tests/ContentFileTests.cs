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
}
