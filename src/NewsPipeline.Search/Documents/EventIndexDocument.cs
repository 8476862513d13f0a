using System.Globalization;
using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Search;
using NewsPipeline.Search.Analysis;

namespace NewsPipeline.Search.Documents;

/// <summary>An event as a Lucene document: keyword filters with doc values, sort keys, its text in its language's field, and the row as JSON.</summary>
internal static class EventIndexDocument
{
    public static Document Create(EventRow row, string articleText)
    {
        var doc = new Document
        {
            new StringField(IndexFields.Kind, IndexFields.EventKind, Field.Store.NO),
            new StoredField(IndexFields.Row, JsonSerializer.Serialize(row, RecordJson.Options)),
        };
        Keyword(doc, IndexFields.Id, row.Id);
        Keyword(doc, IndexFields.ArticleId, row.ArticleId);
        Keyword(doc, IndexFields.Metal, row.Metal);
        Keyword(doc, IndexFields.Type, WireName(row.Type));
        Keyword(doc, IndexFields.Status, WireName(row.Status));
        Keyword(doc, IndexFields.Origin, row.Origin);
        Keyword(doc, IndexFields.Destination, row.Destination);
        Keyword(doc, IndexFields.Language, row.Language);
        Keyword(doc, IndexFields.Feed, row.Feed);
        Keyword(doc, IndexFields.Buyer, row.Buyer);
        Keyword(doc, IndexFields.Seller, row.Seller);

        foreach (var party in new[] { row.Buyer, row.Seller }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(IndexFields.Party, TextFold.Fold(party), Field.Store.NO));
            doc.Add(new TextField(IndexFields.PartyWords, party, Field.Store.NO));
        }

        if (row.Tonnes is { } tonnes)
        {
            doc.Add(new DoubleField(IndexFields.Tonnes, tonnes, Field.Store.NO));
        }

        SortableDouble(doc, IndexFields.TonnesDescKey, SortKeys.TonnesDescending(row));
        SortableDouble(doc, IndexFields.TonnesAscKey, SortKeys.TonnesAscending(row));

        // Rewritten with the owner article whenever a later report joins the deal, so the count stays current.
        doc.Add(new Int32Field(IndexFields.SourceCount, row.SourceCount, Field.Store.NO));
        doc.Add(new NumericDocValuesField(IndexFields.SourceCount, row.SourceCount));

        var dateKey = SortKeys.DateKey(row);
        doc.Add(new Int64Field(IndexFields.DateKey, dateKey, Field.Store.NO));
        doc.Add(new NumericDocValuesField(IndexFields.DateKey, dateKey));
        if (EventPeriod.Of(row.Start, row.Published) is { } period)
        {
            doc.Add(new Int32Field(IndexFields.PeriodFrom, SortKeys.DayNumber(period.From), Field.Store.NO));
            doc.Add(new Int32Field(IndexFields.PeriodTo, SortKeys.DayNumber(period.To), Field.Store.NO));
            Keyword(doc, IndexFields.Month, period.From.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        if (row.Published is { } published)
        {
            doc.Add(new Int32Field(IndexFields.PublishedDay, SortKeys.DayNumber(DateOnly.FromDateTime(published.UtcDateTime)), Field.Store.NO));
        }

        // The evidence and summary in the event's language field; the article's title and text as well, so that
        // words anywhere in the source article find the event.
        var text = string.Join('\n', row.Evidence, row.Summary, row.ArticleTitle, articleText);
        doc.Add(new TextField(LanguageAnalysis.FieldFor(row.Language), text, Field.Store.NO));
        return doc;
    }

    public static EventRow ReadRow(Document doc) =>
        JsonSerializer.Deserialize<EventRow>(doc.Get(IndexFields.Row, CultureInfo.InvariantCulture), RecordJson.Options)
        ?? throw new InvalidDataException("an event document without its row");

    public static string WireName<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Indexed for filters and with sorted doc values for sorting and facets.</summary>
    public static void Keyword(Document doc, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        doc.Add(new StringField(field, value, Field.Store.NO));
        doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    private static void SortableDouble(Document doc, string field, double value)
    {
        doc.Add(new DoubleField(field, value, Field.Store.NO));
        doc.Add(new DoubleDocValuesField(field, value));
    }
}
