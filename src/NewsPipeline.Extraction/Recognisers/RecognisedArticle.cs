using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>The publication date as far as it is known (year, optionally month and day).</summary>
internal sealed record PublicationDate(int Year, int? Month, int? Day)
{
    public static PublicationDate? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 4
            || !int.TryParse(value.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        int? month = value.Length >= 7 && int.TryParse(value.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : null;
        int? day = value.Length >= 10 && int.TryParse(value.AsSpan(8, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        return new PublicationDate(year, month, day);
    }
}

/// <summary>Everything the recognisers found in one article: the record handed to the event stage.</summary>
internal sealed record RecognisedArticle(
    AnalysisText Text,
    string Language,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<OrganisationFound> Organisations,
    IReadOnlyList<CountryFound> Countries,
    IReadOnlyList<CompanyFound> Companies,
    IReadOnlyList<MetalFound> Metals,
    IReadOnlyList<QuantityInContext> Quantities,
    IReadOnlyList<YearFound> Years,
    PublicationDate? Published,
    string? MainMetal,
    string? MainCountry);
