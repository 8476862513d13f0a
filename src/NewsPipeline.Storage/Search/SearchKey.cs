using NewsPipeline.Core.Search;

namespace NewsPipeline.Storage.Search;

/// <summary>
/// Keys for the store's own company and text filters, folded exactly as search folds names (<see cref="TextFold"/>),
/// so the store and the index agree on what matches.
/// </summary>
internal static class SearchKey
{
    public static string Fold(string? text) => TextFold.Fold(text);

    /// <summary>The words of a text query, each folded; a query of only spaces has none.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
