using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Runs the recognisers in their dependency order: organisations and countries first, then companies (which must
/// not be organisations or outlets), then metals (which must not sit inside names), then quantities and years.
/// </summary>
internal sealed class MentionRecognition(LexiconSet lexicons, CompanyTagging tagging)
{
    private readonly OrganisationRecogniser organisations = new(lexicons.Organisations);
    private readonly CountryRecogniser countries = new(lexicons.Countries);
    private readonly CompanyRecogniser companies = new(lexicons.Companies, lexicons.Languages, lexicons.Events, lexicons.Dates, tagging);
    private readonly MetalRecogniser metals = new(lexicons.Metals, lexicons.Companies.CapitalisedNounLanguages);
    private readonly QuantityRecogniser quantities = new(lexicons.Units);
    private readonly QuantityInterpreter interpreter = new(lexicons.Metals, lexicons.Events);

    public RecognisedArticle Recognise(AnalysisText text, string language, IReadOnlyList<Sentence> sentences, string? title, string? published, ref StageClock clock)
    {
        var orgs = organisations.Recognise(text, language);
        clock.Lap("organisations");
        var places = countries.Recognise(text, language, sentences);
        clock.Lap("countries");
        var found = quantities.Recognise(text, language, sentences);
        clock.Lap("quantities");
        var firms = companies.Recognise(text, language, sentences, orgs, places, found);
        clock.Lap("companies");
        var names = firms.Cast<ISpan>().Concat(orgs).ToList();
        var metalMentions = metals.Recognise(text, language, names);
        clock.Lap("metals");
        var interpreted = interpreter.Interpret(text, language, sentences, found, metalMentions);
        clock.Lap("quantity metal and kind");
        var years = YearRecogniser.Recognise(text, found);
        var mainMetal = MainMetal(metalMentions, title, language);
        clock.Lap("years, main metal");
        var mainCountry = places.GroupBy(p => p.Code, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(p => p.Start)).FirstOrDefault()?.Key;
        return new RecognisedArticle(text, language, sentences, orgs, places, firms, metalMentions, interpreted, years, PublicationDate.Parse(published), mainMetal, mainCountry);
    }

    /// <summary>The metal the article is about: the most mentioned one, with the title's metals counting double.</summary>
    private string? MainMetal(IReadOnlyList<MetalFound> mentions, string? title, string language)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            var metal = lexicons.Metals.ForEvents(mention.Metal);
            scores[metal] = scores.GetValueOrDefault(metal) + 1;
        }

        if (!string.IsNullOrWhiteSpace(title))
        {
            foreach (var mention in metals.Recognise(AnalysisText.From(title), language, []))
            {
                var metal = lexicons.Metals.ForEvents(mention.Metal);
                scores[metal] = scores.GetValueOrDefault(metal) + 2;
            }
        }

        var firstSeen = mentions.Select((m, i) => (Metal: lexicons.Metals.ForEvents(m.Metal), i)).GroupBy(p => p.Metal, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(p => p.i), StringComparer.Ordinal);
        return scores.Count == 0
            ? null
            : scores.OrderByDescending(p => p.Value).ThenBy(p => firstSeen.GetValueOrDefault(p.Key, int.MaxValue)).First().Key;
    }
}
