namespace NewsPipeline.Search.Postgres;

/// <summary>
/// The SQL of a full-text condition over a table with <c>text_config</c>, <c>tsv</c> and <c>folded</c> columns
/// (events or articles). A row matches when the query, analysed with the row's own configuration, matches its
/// tsvector; or, for trigram languages, when every word of the folded query occurs in the folded text (the trigram
/// index serves words of three characters or more; one- and two-character words such as 镓 are still found, by
/// checking the candidate rows' text).
/// </summary>
internal static class FullTextSql
{
    public static string Matches(string alias, string text, SqlParameters parameters)
    {
        var query = parameters.AddText(text);
        // One index scan for the query as any configuration analyses it, then the exact test in the row's own
        // configuration (a French row must match the French analysis of the words, not the English one).
        var anyConfig = string.Join(" || ", TextSearchLanguages.Configs.Select(config => $"plainto_tsquery({Literal(config)}, {query})"));
        var branches = new List<string>
        {
            $"({alias}.tsv @@ ({anyConfig}) AND {alias}.tsv @@ plainto_tsquery({alias}.text_config, {query}))",
        };
        var words = FoldedText.Words(text);
        if (words.Count > 0)
        {
            branches.Add("(" + string.Join(" AND ", words.Select(w => $"{alias}.folded LIKE {parameters.AddText(SqlParameters.Containing(w))}")) + ")");
        }

        return "(" + string.Join(" OR ", branches) + ")";
    }

    /// <summary>
    /// Relevance in [0, 1]: cover density of the query in the row's configuration (normalised by rank/(rank+1)),
    /// or for trigram rows how well the folded words match their best stretch of text.
    /// </summary>
    public static string Rank(string alias, string text, SqlParameters parameters)
    {
        var query = parameters.AddText(text);
        var words = parameters.AddText(string.Join(' ', FoldedText.Words(text)));
        return $"(CASE WHEN {alias}.folded IS NOT NULL THEN word_similarity({words}, {alias}.folded) ELSE ts_rank_cd({alias}.tsv, plainto_tsquery({alias}.text_config, {query}), 32) END)";
    }

    // The configuration names are our own constants, written as regconfig literals rather than parameters: a
    // literal is a constant to the planner, so each plainto_tsquery(config, query) is folded once per statement
    // instead of being rebuilt for every row it checks (ten times faster on a count over 500,000 events).
    private static string Literal(string config) =>
        config.All(char.IsAsciiLetterLower)
            ? $"'{config}'::regconfig"
            : throw new ArgumentException($"'{config}' is not a text search configuration name", nameof(config));
}
