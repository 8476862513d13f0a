namespace NewsPipeline.Core.Search;

/// <summary>
/// What the query parser knows of the domain, read from the lexicons: canonical metal names, metal groups and
/// company aliases in every script.
/// </summary>
public sealed class SearchVocabulary
{
    private readonly Dictionary<string, string> metalsByFold;
    private readonly Dictionary<string, IReadOnlyList<string>> groups;
    private readonly Dictionary<string, IReadOnlyList<string>> firmsByAlias;

    /// <param name="metals">Canonical metal names.</param>
    /// <param name="metalGroups">Group name → member metals (the group name is a metal name itself).</param>
    /// <param name="companyAliases">Canonical firm name → its aliases in any script.</param>
    public SearchVocabulary(
        IEnumerable<string> metals,
        IReadOnlyDictionary<string, IReadOnlyList<string>> metalGroups,
        IReadOnlyDictionary<string, IReadOnlyList<string>> companyAliases)
    {
        metalsByFold = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metal in metals.Concat(metalGroups.Keys).Concat(metalGroups.Values.SelectMany(m => m)))
        {
            metalsByFold.TryAdd(TextFold.Fold(metal), metal);
        }

        groups = metalGroups.ToDictionary(g => TextFold.Fold(g.Key), g => g.Value, StringComparer.Ordinal);
        var byAlias = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (firm, aliases) in companyAliases)
        {
            foreach (var alias in aliases.Append(firm))
            {
                var key = TextFold.Fold(alias);
                if (!byAlias.TryGetValue(key, out var firms))
                {
                    byAlias[key] = firms = [];
                }

                if (!firms.Contains(firm, StringComparer.Ordinal))
                {
                    firms.Add(firm);
                }
            }
        }

        firmsByAlias = byAlias.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>A vocabulary that knows no names: every metal is taken as written, no alias resolves.</summary>
    public static SearchVocabulary Empty { get; } = new([], new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>());

    public bool KnowsMetals => metalsByFold.Count > 0;

    /// <summary>
    /// The canonical names a metal filter stands for: a group gives itself and its members, a metal itself;
    /// null when the name is unknown.
    /// </summary>
    public IReadOnlyList<string>? ExpandMetal(string asked)
    {
        var key = TextFold.Fold(asked);
        if (groups.TryGetValue(key, out var members))
        {
            return [metalsByFold[key], .. members];
        }

        if (metalsByFold.TryGetValue(key, out var metal))
        {
            return [metal];
        }

        return KnowsMetals ? null : [key];
    }

    /// <summary>Canonical names of the firms this alias names (empty when it is no known alias).</summary>
    public IReadOnlyList<string> ResolveCompany(string asked) =>
        firmsByAlias.TryGetValue(TextFold.Fold(asked), out var firms) ? firms : [];
}
