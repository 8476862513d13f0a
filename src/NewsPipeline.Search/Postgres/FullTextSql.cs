using Npgsql;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// A full-text query made ready for one statement: its analysis by each text search configuration present in the
/// index (configurations that analyse it alike share one tsquery), and its folded words for the trigram path.
/// Reading the configurations present costs a few index probes; it spares every row the work of analysing the
/// query again, and the planner sees each tsquery as a constant it can take to the GIN index.
/// </summary>
/// <param name="Analyses">Each distinct non-empty tsquery (as text) and the configurations that produce it.</param>
/// <param name="Words">The folded words every trigram match must contain.</param>
/// <param name="AnyRow">True when the query holds letters only the trigram path finds (CJK, Hangul, Thai, Kazakh):
/// then every row with folded text is searched by substring, whatever its language.</param>
internal sealed record FullTextQuery(IReadOnlyList<(string Query, string[] Configs)> Analyses, IReadOnlyList<string> Words, bool AnyRow)
{
    // A skip scan of the text_config indexes (migration 0007): one probe per configuration present.
    private const string ConfigsPresent = """
        WITH RECURSIVE a AS (
            (SELECT text_config AS c FROM search_articles ORDER BY text_config LIMIT 1)
            UNION ALL
            SELECT (SELECT text_config FROM search_articles WHERE text_config > a.c ORDER BY text_config LIMIT 1) FROM a WHERE a.c IS NOT NULL),
        e AS (
            (SELECT text_config AS c FROM search_events ORDER BY text_config LIMIT 1)
            UNION ALL
            SELECT (SELECT text_config FROM search_events WHERE text_config > e.c ORDER BY text_config LIMIT 1) FROM e WHERE e.c IS NOT NULL),
        present AS (SELECT c FROM a WHERE c IS NOT NULL UNION SELECT c FROM e WHERE c IS NOT NULL)
        SELECT q::text, array_agg(c::text ORDER BY c::text)
        FROM (SELECT c, plainto_tsquery(c, @query) AS q FROM present) analysed
        WHERE numnode(q) > 0
        GROUP BY q::text
        """;

    public static async Task<FullTextQuery> PrepareAsync(NpgsqlDataSource dataSource, string text, CancellationToken cancellationToken)
    {
        var analyses = new List<(string Query, string[] Configs)>();
        await using (var command = dataSource.CreateCommand(ConfigsPresent))
        {
            command.Parameters.AddWithValue("query", NpgsqlTypes.NpgsqlDbType.Text, text);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                analyses.Add((reader.GetString(0), reader.GetFieldValue<string[]>(1)));
            }
        }

        return new FullTextQuery(analyses, FoldedText.Words(text), TextSearchLanguages.NeedsTrigram(text));
    }
}

/// <summary>
/// The SQL of a full-text condition over a table with <c>text_config</c>, <c>tsv</c>, <c>folded</c> and
/// <c>trigram</c> columns (events or articles). A row matches when the query, analysed with the row's own
/// configuration, matches its tsvector; or when every word of the folded query occurs in its folded text, for
/// trigram-language rows and, when the query holds CJK, Hangul, Thai or Kazakh letters, for any row that has such
/// text (the trigram index serves words of three characters or more; shorter ones such as 镓 are still found, by
/// checking the candidate rows' text).
/// </summary>
internal static class FullTextSql
{
    /// <summary>
    /// An event matches by its own words or by its article's. Written as the ids of a union, each side served by
    /// its own indexes, so that the work follows the number of matches: an OR with the article subquery made the
    /// planner test every event row.
    /// </summary>
    public static string EventMatches(FullTextQuery query, SqlParameters parameters) =>
        $"e.id IN (SELECT x.id FROM search_events x WHERE {Matches("x", query, parameters)} " +
        $"UNION SELECT x.id FROM search_articles a JOIN search_events x ON x.article_id = a.id WHERE {Matches("a", query, parameters)})";

    public static string Matches(string alias, FullTextQuery query, SqlParameters parameters)
    {
        var branches = query.Analyses
            .Select(analysis => $"({alias}.tsv @@ {parameters.AddText(analysis.Query)}::tsquery AND {alias}.text_config = ANY({parameters.AddTextArray(analysis.Configs)}::regconfig[]))")
            .ToList();
        if (query.Words.Count > 0)
        {
            var likes = query.Words.Select(w => $"{alias}.folded LIKE {parameters.AddText(SqlParameters.Containing(w))}");
            branches.Add("(" + string.Join(" AND ", likes) + (query.AnyRow ? string.Empty : $" AND {alias}.trigram") + ")");
        }

        return branches.Count == 0 ? "FALSE" : "(" + string.Join(" OR ", branches) + ")";
    }

    /// <summary>
    /// Relevance in [0, 1] from the row's own text: cover density of the query in the row's configuration
    /// (normalised by rank/(rank+1)), or for rows searched by substring the occurrences of the folded words,
    /// normalised the same way (counted with replace(): word_similarity cost ten times more over 20,000 matches).
    /// An event found only through its article's text ranks 0.
    /// </summary>
    public static string Rank(string alias, FullTextQuery query, SqlParameters parameters)
    {
        var occurrences = query.Words.Count == 0
            ? "0"
            : string.Join(" + ", query.Words.Select(parameters.AddText).Select(w =>
                $"(length({alias}.folded) - length(replace({alias}.folded, {w}, '')))::real / length({w})"));
        var byConfig = query.Analyses.Count == 0
            ? "NULL::tsquery"
            : "CASE " + string.Join(' ', query.Analyses.Select(a =>
                $"WHEN {alias}.text_config = ANY({parameters.AddTextArray(a.Configs)}::regconfig[]) THEN {parameters.AddText(a.Query)}::tsquery")) + " END";
        var substring = query.AnyRow ? $"{alias}.folded IS NOT NULL" : $"{alias}.trigram";
        return $"(CASE WHEN {substring} THEN 1 - 1 / (1 + {occurrences}) ELSE coalesce(ts_rank_cd({alias}.tsv, {byConfig}, 32), 0) END)";
    }
}
