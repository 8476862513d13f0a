using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction;

/// <summary>Turns the recognised mentions and events into the DESIGN §3 record: each surface form once, sets in text order.</summary>
internal static class ExtractionRecordWriter
{
    public static ExtractionResult Write(string id, RecognisedArticle article, IReadOnlyList<SupplyEvent> events)
    {
        var companies = article.Companies
            .GroupBy(c => c.Mention.Trim(), StringComparer.Ordinal)
            .Select(g => new CompanyMention(g.Key, g.First().Name, g.First().Country))
            .ToList();
        var organisations = article.Organisations
            .GroupBy(o => o.Mention, StringComparer.Ordinal)
            .Select(g => new OrganisationMention(g.Key, g.First().Name, g.First().Country))
            .ToList();
        var metals = article.Metals.Select(m => m.Metal).Distinct(StringComparer.Ordinal).ToList();
        var countries = article.Countries.Select(c => c.Code).Distinct(StringComparer.Ordinal).ToList();
        var quantities = article.Quantities
            .GroupBy(q => (q.Quantity.Tonnes, Low: q.Quantity.RangeTonnes?[0]))
            .Select(g => g.First())
            .Select(q => new QuantityMention(q.Quantity.Text, q.Quantity.Value, q.Quantity.Unit, q.Quantity.Tonnes, q.Quantity.Per, q.Metal, q.Kind, q.Quantity.RangeTonnes))
            .ToList();
        return new ExtractionResult(id, article.Language, companies, organisations, metals, countries, quantities, events);
    }
}
