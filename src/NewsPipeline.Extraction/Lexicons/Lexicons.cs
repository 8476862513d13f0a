using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Extraction.Lexicons;

/// <summary>Every lexicon the analyzer uses, loaded once by <see cref="LexiconLoader"/> and immutable afterwards.</summary>
internal sealed record LexiconSet(
    IReadOnlyList<string> SupportedLanguages,
    LanguageLexicon Languages,
    TextLexicon Text,
    MetalLexicon Metals,
    CountryLexicon Countries,
    UnitLexicon Units,
    CompanyLexicon Companies,
    OrganisationLexicon Organisations,
    EventLexicon Events,
    DateLexicon Dates);

/// <param name="Supported">Languages with full lexicons.</param>
/// <param name="Identified">Supported languages plus those only identified (recognised with the fallback lexicons).</param>
internal sealed record LanguageLexicon(
    IReadOnlyList<string> Supported,
    IReadOnlySet<string> Identified,
    IReadOnlyDictionary<string, IReadOnlySet<string>> FunctionWords,
    IReadOnlyDictionary<string, string> DistinctiveLetters);

internal sealed record TextLexicon(LanguageMap<IReadOnlySet<string>> Abbreviations, LanguageMap<IReadOnlySet<char>> Terminators);

/// <summary>What a metal phrase stands for: a canonical metal, or a blocker that cancels overlapping matches.</summary>
/// <param name="IsSymbol">A two-letter element symbol (Ga, Sn): a metal only in a list of symbols or beside a chemistry word.</param>
internal sealed record MetalEntry(string? Metal, bool IsSymbol = false);

internal sealed record MetalLexicon(
    LanguageMap<PhraseMatcher<MetalEntry>> Matcher,
    LanguageMap<PhraseMatcher<string>> Context,
    LanguageMap<PhraseMatcher<string>> NonMetalCommodities,
    LanguageMap<PhraseMatcher<string>> SymbolContext,
    IReadOnlyDictionary<string, string> EventMetal)
{
    public string ForEvents(string metal) => EventMetal.TryGetValue(metal, out var group) ? group : metal;
}

/// <summary>A country phrase: the ISO code and whether the phrase is a capital (a metonym that needs guards).</summary>
internal sealed record CountryEntry(string Code, bool IsCapital);

internal sealed record CountryLexicon(
    LanguageMap<PhraseMatcher<CountryEntry>> Matcher,
    IReadOnlySet<string> PersonLikeNames,
    LanguageMap<PhraseMatcher<string>> CapitalGuardsBefore,
    LanguageMap<PhraseMatcher<string>> CapitalGuardsAfter);

/// <summary>A unit form: the written base unit, its factor to tonnes, a scale on the number (Mlb) and a built-in rate (tpa).</summary>
internal sealed record UnitEntry(string Unit, double Factor, double Scale, RatePeriod? Per);

internal sealed record NumberFormat(char Decimal, IReadOnlySet<char> Group);

internal sealed record UnitLexicon(
    LanguageMap<PhraseMatcher<UnitEntry>> Units,
    LanguageMap<PhraseMatcher<double>> Multipliers,
    LanguageMap<PhraseMatcher<RatePeriod>> Rates,
    LanguageMap<NumberFormat> NumberFormats,
    LanguageMap<PhraseMatcher<string>> RangeConnectors,
    LanguageMap<PhraseMatcher<double>> NumberWords,
    LanguageMap<PhraseMatcher<string>> DenominatorsAfter);

/// <summary>A firm of the curated gazetteer.</summary>
internal sealed record KnownFirm(string Name, string? Country);

/// <summary>What a company-related phrase is.</summary>
internal enum CompanyCueKind
{
    Noun,
    NameEnding,
    NotCompany,
    AgencyCue,
    LegalForm,
}

internal sealed record CompanyCue(CompanyCueKind Kind, IReadOnlyList<string> Countries);

internal sealed record CompanyLexicon(
    PhraseMatcher<KnownFirm> Firms,
    LanguageMap<PhraseMatcher<CompanyCue>> Cues,
    PhraseMatcher<CompanyCue> LegalForms,
    IReadOnlySet<string> NameBeforeNounLanguages,
    IReadOnlySet<string> NameConnectors,
    string CjkNameStops,
    IReadOnlyList<string> CjkStopWords,
    IReadOnlySet<string> CapitalisedNounLanguages,
    IReadOnlySet<string> AppositiveNounLanguages);

internal sealed record KnownBody(string Name, string? Country);

internal sealed record OrganisationLexicon(PhraseMatcher<KnownBody> Bodies, LanguageMap<PhraseMatcher<string>> Heads, IReadOnlySet<string> Connectors, string CjkStops);

/// <summary>What an event-related phrase signals.</summary>
internal enum CueKind
{
    Type,
    Status,
    BuyerVerb,
    SellerVerb,
    PassiveMarker,
    SourceMarker,
    DestinationMarker,
    StartMarker,
    CounterpartMarker,
    PassiveAuxiliary,
    CompanyAnaphor,
    ComparisonMarker,
    FoundingMarker,
    LocationMarker,
    ProducerNoun,
    ConsumerNoun,
    SubsidiaryNoun,
    QuantityKind,
}

/// <param name="Target">A quantity-kind cue for targets and goals: such figures are "other" and make no event.</param>
internal sealed record EventCue(CueKind Kind, EventType? Type = null, EventStatus? Status = null, bool FutureOnly = false, QuantityKind? QuantityKind = null, bool Target = false);

internal sealed record EventLexicon(
    LanguageMap<PhraseMatcher<EventCue>> TypeCues,
    LanguageMap<PhraseMatcher<EventCue>> StatusCues,
    LanguageMap<PhraseMatcher<EventCue>> RoleCues,
    LanguageMap<PhraseMatcher<EventCue>> KindCues,
    LanguageMap<PhraseMatcher<string>> InvestmentObjects,
    LanguageMap<PhraseMatcher<string>> QuotaCues,
    LanguageMap<PhraseMatcher<string>> ByproductCues);

/// <summary>A date phrase: a month (1-12) or a year relative to the publication year.</summary>
internal sealed record DateEntry(int? Month, int? RelativeYear, bool LastMarker);

/// <param name="RangeLinks">Words joining two years into a span or a list ("2026 to 2028", "2026年和2027年"): the first one starts it.</param>
/// <param name="YearSuffixes">Words written after a year ("года", 年), skipped when reading what joins two years.</param>
/// <param name="EndMarkers">Words that close a period ("until 2030", "bis 2030"): the year after them ends it, it does not start it.</param>
internal sealed record DateLexicon(
    LanguageMap<PhraseMatcher<DateEntry>> Matcher,
    LanguageMap<IReadOnlySet<string>> RangeLinks,
    LanguageMap<IReadOnlyList<string>> YearSuffixes,
    LanguageMap<PhraseMatcher<string>> EndMarkers);
