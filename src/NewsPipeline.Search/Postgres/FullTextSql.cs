namespace NewsPipeline.Search.Postgres;

/// <summary>
/// The SQL of a full-text condition over a table with <c>text_config</c>, <c>tsv</c> and <c>folded</c> columns
/// (events or articles). A row matches when the query, analysed with the row's own configuration, matches its
/// tsvector (one branch per configuration, so each can use the GIN index with a constant tsquery), or, for
/// trigram languages, when every word of the folded query occurs in the folded text (the trigram index serves
/// words of three characters or more; one- and two-character words such as 镓 are still found by the scan of
/// the candidate rows).
/// </summary>
internal static class FullTextSql
{
    public static string Matches(string alias, string text, SqlParameters parameters)
    {
        var query = parameters.AddText(text);
        var branches = TextSearchLanguages.Configs.Select(config =>
        {
            var c = parameters.AddText(config);
            return $"({alias}.text_config = {c}::regconfig AND {alias}.tsv @@ plainto_tsquery({c}::regconfig, {query}))";
        }).ToList();
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
}
