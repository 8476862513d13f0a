using System.Runtime.CompilerServices;

namespace NewsPipeline.Cli.StoreCopy;

/// <summary>
/// Walks a whole collection through one of the stores' keyset-paged list methods (<c>ListArticlesAsync(afterId,
/// limit)</c> and the like), checking that ids really come in ordinal order: a backend that sorted otherwise would
/// make a copy skip records silently, so it fails loudly instead.
/// </summary>
internal static class KeysetPages
{
    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadAsync<T>(
        Func<string?, int, CancellationToken, Task<IReadOnlyList<T>>> page,
        Func<T, string> keyOf,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var items = await page(after, pageSize, cancellationToken);
            if (items.Count == 0)
            {
                yield break;
            }

            foreach (var item in items)
            {
                var key = keyOf(item);
                if (after is not null && string.CompareOrdinal(key, after) <= 0)
                {
                    throw new InvalidDataException($"The store listed id '{key}' after '{after}': its pages are not in ordinal id order.");
                }

                after = key;
            }

            yield return items;
            if (items.Count < pageSize)
            {
                yield break;
            }
        }
    }
}
