namespace NewsPipeline.Content;

/// <summary>Identifiers of HTML files as <c>newspipeline content</c> writes them (DESIGN §4).</summary>
public static class ContentIds
{
    private static readonly string[] HtmlExtensions = [".html", ".htm"];

    /// <summary>The file name without its folder, a trailing <c>.gz</c> and then <c>.html</c>/<c>.htm</c>: <c>a.b.html.gz</c> → <c>a.b</c>.</summary>
    public static string FromFileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        foreach (var extension in HtmlExtensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }

    /// <summary>Whether the path names an HTML file the content command reads (<c>.html</c>, <c>.htm</c>, optionally <c>.gz</c>).</summary>
    public static bool IsHtmlFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        return HtmlExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }
}
