using NewsPipeline.Core.Search;
using NewsPipeline.Search.Snippets;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Search.Postgres;

/// <summary>
/// Finds where a query matched in texts and cuts snippets with the shared <see cref="SnippetWindow"/>. Texts in
/// configured languages are highlighted by the server (<c>ts_headline</c> over the whole text, with private-use
/// characters as the marks, so the stemmer that matched also marks: "галлия" for "галлий"); trigram-language
/// texts are marked where the folded words occur.
/// </summary>
internal sealed class PostgresSnippets(NpgsqlDataSource dataSource)
{
    private const char StartMark = '\uE000';
    private const char StopMark = '\uE001';

    private static readonly string HeadlineOptions = $"HighlightAll=true, StartSel=\"{StartMark}\", StopSel=\"{StopMark}\"";

    /// <summary>One snippet per text, in order; each text is read in its own language.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<SnippetSegment>>> BuildAsync(
        IReadOnlyList<(string Text, string Language)> texts, string query, CancellationToken cancellationToken)
    {
        var matches = new IEnumerable<(int Start, int End)>[texts.Count];
        var served = new List<int>();
        var words = FoldedText.Words(query);
        // A query holding CJK, Hangul, Thai or Kazakh letters matched by substring in any language: mark it so.
        var bySubstring = TextSearchLanguages.NeedsTrigram(query);
        for (var i = 0; i < texts.Count; i++)
        {
            if (bySubstring || TextSearchLanguages.For(texts[i].Language).Trigram)
            {
                matches[i] = FoldedText.Of(SnippetWindow.Analysed(texts[i].Text)).Find(words).ToList();
            }
            else
            {
                served.Add(i);
            }
        }

        if (served.Count > 0)
        {
            var highlighted = await HighlightAsync(served.Select(i => texts[i]).ToList(), query, cancellationToken);
            for (var k = 0; k < served.Count; k++)
            {
                matches[served[k]] = highlighted[k];
            }
        }

        return texts.Select((t, i) => SnippetWindow.Cut(t.Text, matches[i])).ToList();
    }

    private async Task<IReadOnlyList<IReadOnlyList<(int Start, int End)>>> HighlightAsync(
        IReadOnlyList<(string Text, string Language)> texts, string query, CancellationToken cancellationToken)
    {
        // NUL cannot travel in PostgreSQL text, and the marks must be the only marks: spaces stand in for them,
        // keeping every offset where it was.
        var sent = texts.Select(t => SnippetWindow.Analysed(t.Text).Replace('\0', ' ').Replace(StartMark, ' ').Replace(StopMark, ' ')).ToArray();
        await using var command = dataSource.CreateCommand(
            "SELECT t.ord, ts_headline(t.cfg::regconfig, t.txt, plainto_tsquery(t.cfg::regconfig, @query), @options) " +
            "FROM unnest(@texts, @configs) WITH ORDINALITY AS t(txt, cfg, ord)");
        command.Parameters.Add(new NpgsqlParameter("query", NpgsqlDbType.Text) { Value = query });
        command.Parameters.Add(new NpgsqlParameter("options", NpgsqlDbType.Text) { Value = HeadlineOptions });
        command.Parameters.Add(new NpgsqlParameter("texts", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sent });
        command.Parameters.Add(new NpgsqlParameter("configs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts.Select(t => TextSearchLanguages.For(t.Language).Config).ToArray() });
        var result = new IReadOnlyList<(int Start, int End)>[texts.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = (int)reader.GetInt64(0) - 1;
            result[index] = Marks(reader.GetString(1), sent[index]);
        }

        return result;
    }

    // The ranges between the marks, in the text without them; none if the text came back other than it was sent
    // (a defence: ts_headline returns the text it was given, marks added).
    private static List<(int Start, int End)> Marks(string headline, string original)
    {
        var ranges = new List<(int Start, int End)>();
        var position = 0;
        var start = -1;
        foreach (var c in headline)
        {
            switch (c)
            {
                case StartMark:
                    start = position;
                    break;
                case StopMark when start >= 0:
                    ranges.Add((start, position));
                    start = -1;
                    break;
                default:
                    if (position >= original.Length || original[position] != c)
                    {
                        return [];
                    }

                    position++;
                    break;
            }
        }

        return position == original.Length ? ranges : [];
    }
}
