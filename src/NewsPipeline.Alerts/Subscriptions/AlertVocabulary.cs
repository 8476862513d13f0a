using System.Text.Json;

namespace NewsPipeline.Alerts.Subscriptions;

/// <summary>
/// The names a rule may use, read from the shipped lexicons: company aliases in every language resolve to the
/// canonical name that events carry, metals that events report under a group ("neodymium" → "rare earths")
/// resolve to the group, and countries and languages are the ones the recognisers know.
/// </summary>
public sealed class AlertVocabulary
{
    private readonly Dictionary<string, string> companies;
    private readonly Dictionary<string, string> metals;
    private readonly HashSet<string> countries;
    private readonly HashSet<string> languages;

    private AlertVocabulary(Dictionary<string, string> companies, Dictionary<string, string> metals, HashSet<string> countries, HashSet<string> languages)
    {
        this.companies = companies;
        this.metals = metals;
        this.countries = countries;
        this.languages = languages;
    }

    /// <summary>Reads <c>lexicons/companies.json</c>, <c>metals.json</c>, <c>countries.json</c> and <c>languages.json</c> under the models folder.</summary>
    public static AlertVocabulary Load(string modelsDirectory)
    {
        using var companyFile = Read(modelsDirectory, "companies.json");
        var companies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var firm in companyFile.RootElement.GetProperty("firms").EnumerateObject())
        {
            companies.TryAdd(firm.Name, firm.Name);
            if (firm.Value.TryGetProperty("aliases", out var aliases))
            {
                // A trailing '*' in the gazetteer accepts inflected endings in text; a rule names the base form.
                foreach (var alias in aliases.EnumerateArray().Select(a => a.GetString()?.TrimEnd('*')).OfType<string>())
                {
                    companies.TryAdd(alias, firm.Name);
                }
            }
        }

        using var metalFile = Read(modelsDirectory, "metals.json");
        var metals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var groups = metalFile.RootElement.GetProperty("event_metal").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        foreach (var metal in metalFile.RootElement.GetProperty("concepts").EnumerateObject())
        {
            metals[metal.Name] = groups.TryGetValue(metal.Name, out var group) ? group : metal.Name;
        }

        foreach (var group in groups.Values)
        {
            metals[group] = group;
        }

        using var countryFile = Read(modelsDirectory, "countries.json");
        var countries = countryFile.RootElement.GetProperty("concepts").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        using var languageFile = Read(modelsDirectory, "languages.json");
        var languages = languageFile.RootElement.GetProperty("supported").EnumerateArray().Select(p => p.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new AlertVocabulary(companies, metals, countries, languages);
    }

    /// <summary>The canonical company for a name or alias; null when the gazetteer does not know it.</summary>
    public string? Company(string name) => companies.TryGetValue(name.Trim(), out var canonical) ? canonical : null;

    /// <summary>The metal or group events report for <paramref name="name"/>; null for an unknown metal.</summary>
    public string? Metal(string name) => metals.TryGetValue(name.Trim(), out var canonical) ? canonical : null;

    public bool IsCountry(string code) => countries.Contains(code.Trim());

    public bool IsLanguage(string code) => languages.Contains(code.Trim());

    private static JsonDocument Read(string modelsDirectory, string file)
    {
        var path = Path.Combine(modelsDirectory, "lexicons", file);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream);
    }
}
