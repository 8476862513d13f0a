using System.Globalization;
using System.Text.Json;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Extraction.Lexicons;

/// <summary>
/// The one loader of models/lexicons/*.json. Reads every file, reports every problem at once, and prepares
/// per-language matchers (the article's language plus English, where international names live).
/// </summary>
internal static class LexiconLoader
{
    public const string FallbackLanguage = "en";

    private static readonly string[] Files =
        ["languages.json", "text.json", "metals.json", "countries.json", "units.json", "companies.json", "organisations.json", "events.json", "dates.json", "legal-forms.json"];

    public static LexiconSet Load(string modelsDirectory)
    {
        var folder = Path.Combine(modelsDirectory, "lexicons");
        var missing = Files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"Lexicon folder '{folder}' lacks: {string.Join(", ", missing)}.");
        }

        var docs = Files.ToDictionary(f => f, f => Read(Path.Combine(folder, f)), StringComparer.Ordinal);
        try
        {
            var languages = ReadLanguages(docs["languages.json"].RootElement);
            var supported = languages.Supported;
            return new LexiconSet(
                supported,
                languages,
                ReadText(docs["text.json"].RootElement, supported),
                ReadMetals(docs["metals.json"].RootElement, supported),
                ReadCountries(docs["countries.json"].RootElement, supported),
                ReadUnits(docs["units.json"].RootElement, supported),
                ReadCompanies(docs["companies.json"].RootElement, docs["legal-forms.json"].RootElement, supported),
                ReadOrganisations(docs["organisations.json"].RootElement, supported),
                ReadEvents(docs["events.json"].RootElement, supported),
                ReadDates(docs["dates.json"].RootElement, supported));
        }
        finally
        {
            foreach (var doc in docs.Values)
            {
                doc.Dispose();
            }
        }
    }

    /// <summary>
    /// Every place where a supported language lacks an entry for a concept, over the sections each file lists in
    /// its "parity" array; and every section keyed by language that is neither in "parity" nor explained in
    /// "parity_exempt", so that a new section cannot escape the check. Empty when all languages are first class.
    /// </summary>
    public static IReadOnlyList<string> FindParityGaps(string modelsDirectory)
    {
        var folder = Path.Combine(modelsDirectory, "lexicons");
        using var languagesDoc = Read(Path.Combine(folder, "languages.json"));
        var supported = ReadLanguages(languagesDoc.RootElement).Supported;
        var gaps = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = Read(file);
            var name = Path.GetFileName(file);
            var listed = doc.RootElement.TryGetProperty("parity", out var sections)
                ? sections.EnumerateArray().Select(s => s.GetString()!).ToList()
                : [];
            foreach (var section in listed)
            {
                if (!doc.RootElement.TryGetProperty(section, out var body))
                {
                    gaps.Add($"{name}: parity section '{section}' is missing");
                    continue;
                }

                CheckSection(name, section, body, supported, gaps);
            }

            var exempt = doc.RootElement.TryGetProperty("parity_exempt", out var reasons)
                ? reasons.EnumerateObject().Select(r => r.Name).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var section in doc.RootElement.EnumerateObject())
            {
                if (!listed.Contains(section.Name) && !exempt.Contains(section.Name) && IsKeyedByLanguage(section.Value, supported))
                {
                    gaps.Add($"{name}: section '{section.Name}' is keyed by language but is neither in \"parity\" nor in \"parity_exempt\"");
                }
            }
        }

        return gaps;
    }

    /// <summary>Language codes as keys, directly ({"fr": …}) or one level down ({"gallium": {"fr": …}}, {"x": {"forms": {"fr": …}}}).</summary>
    private static bool IsKeyedByLanguage(JsonElement section, IReadOnlyList<string> supported)
    {
        static bool Direct(JsonElement e, IReadOnlyList<string> supported) =>
            e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any(p => supported.Contains(p.Name));

        if (section.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return Direct(section, supported) || section.EnumerateObject().Any(p =>
            Direct(p.Value, supported) || (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("forms", out var forms) && Direct(forms, supported)));
    }

    private static void CheckSection(string file, string section, JsonElement body, IReadOnlyList<string> supported, List<string> gaps)
    {
        var keys = body.EnumerateObject().Select(p => p.Name).Where(k => !k.StartsWith('_')).ToList();
        var languageShaped = keys.Count > 0 && keys.All(k => k.Length == 2);
        if (languageShaped && keys.Any(supported.Contains))
        {
            foreach (var language in supported)
            {
                if (!body.TryGetProperty(language, out var value) || IsEmpty(value))
                {
                    gaps.Add($"{file}: {section} has no entry for '{language}'");
                }
            }

            return;
        }

        foreach (var concept in body.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            var forms = concept.Value.TryGetProperty("forms", out var inner) ? inner : concept.Value;
            foreach (var language in supported)
            {
                if (!forms.TryGetProperty(language, out var value) || IsEmpty(value))
                {
                    gaps.Add($"{file}: {section}.{concept.Name} has no entry for '{language}'");
                }
            }
        }
    }

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        JsonValueKind.String => string.IsNullOrEmpty(value.GetString()),
        _ => false,
    };

    private static JsonDocument Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    }

    private static LanguageLexicon ReadLanguages(JsonElement root)
    {
        var supported = root.GetProperty("supported").EnumerateArray().Select(e => e.GetString()!).ToList();
        var identified = supported.Concat(root.GetProperty("identified_only").EnumerateArray().Select(e => e.GetString()!)).ToHashSet(StringComparer.Ordinal);
        var words = root.GetProperty("function_words").EnumerateObject()
            .ToDictionary(p => p.Name, p => (IReadOnlySet<string>)p.Value.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var letters = root.GetProperty("distinctive_letters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new LanguageLexicon(supported, identified, words, letters);
    }

    private static TextLexicon ReadText(JsonElement root, IReadOnlyList<string> supported)
    {
        var abbreviations = PerLanguage(supported, lang =>
            (IReadOnlySet<string>)Strings(root.GetProperty("abbreviations"), lang).Concat(Strings(root.GetProperty("abbreviations"), FallbackLanguage)).ToHashSet(StringComparer.Ordinal));
        var terminators = PerLanguage(supported, lang =>
            (IReadOnlySet<char>)Strings(root.GetProperty("terminators"), lang).Select(s => s[0]).ToHashSet());
        return new TextLexicon(abbreviations, terminators);
    }

    private static MetalLexicon ReadMetals(JsonElement root, IReadOnlyList<string> supported)
    {
        var concepts = root.GetProperty("concepts");
        var blockers = root.GetProperty("blockers");
        var symbols = root.GetProperty("symbols");
        var matcher = PerLanguage(supported, lang => new PhraseMatcher<MetalEntry>(
            Languages(lang).SelectMany(l => concepts.EnumerateObject().SelectMany(c => Strings(c.Value, l).Select(f => (f, new MetalEntry(c.Name)))))
                .Concat(Languages(lang).SelectMany(l => Strings(blockers, l).Select(f => (f, new MetalEntry(null)))))
                .Concat(symbols.EnumerateObject().Select(p => ("=" + p.Name, new MetalEntry(p.Value.GetString()!, IsSymbol: true))))));
        var context = PerLanguage(supported, lang => new PhraseMatcher<string>(
            Languages(lang).SelectMany(l => Strings(root.GetProperty("metal_context"), l).Select(f => (f, f)))));
        var nonMetals = PerLanguage(supported, lang => new PhraseMatcher<string>(
            Languages(lang).SelectMany(l => Strings(root.GetProperty("non_metal_commodities"), l).Select(f => (f, f)))));
        var symbolContext = PerLanguage(supported, lang => new PhraseMatcher<string>(
            Languages(lang).SelectMany(l => Strings(root.GetProperty("symbol_context"), l).Select(f => (f, f)))));
        var eventMetal = root.GetProperty("event_metal").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new MetalLexicon(matcher, context, nonMetals, symbolContext, eventMetal);
    }

    private static CountryLexicon ReadCountries(JsonElement root, IReadOnlyList<string> supported)
    {
        var concepts = root.GetProperty("concepts");
        var capitals = root.GetProperty("capitals");
        var matcher = PerLanguage(supported, lang => new PhraseMatcher<CountryEntry>(
            Languages(lang).SelectMany(l =>
                concepts.EnumerateObject().SelectMany(c => Strings(c.Value, l).Select(f => (f, new CountryEntry(c.Name, false))))
                    .Concat(capitals.EnumerateObject().SelectMany(c => Strings(c.Value, l).Select(f => (f, new CountryEntry(c.Name, true))))))));
        var personLike = root.GetProperty("person_like").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var guards = root.GetProperty("capital_guards");
        var before = PerLanguage(supported, lang => new PhraseMatcher<string>(Strings(guards.GetProperty("before"), lang).Select(f => (f, f))));
        var after = PerLanguage(supported, lang => new PhraseMatcher<string>(Strings(guards.GetProperty("after"), lang).Select(f => (f, f))));
        return new CountryLexicon(matcher, personLike, before, after);
    }

    private static UnitLexicon ReadUnits(JsonElement root, IReadOnlyList<string> supported)
    {
        var units = root.GetProperty("units");
        var unitMatcher = PerLanguage(supported, lang => new PhraseMatcher<UnitEntry>(
            Languages(lang).SelectMany(l => units.EnumerateObject().SelectMany(u =>
            {
                var entry = new UnitEntry(
                    u.Value.GetProperty("unit").GetString()!,
                    u.Value.GetProperty("factor").GetDouble(),
                    u.Value.TryGetProperty("scale", out var scale) ? scale.GetDouble() : 1,
                    u.Value.TryGetProperty("per", out var per) ? ParsePeriod(per.GetString()!) : null);
                return Strings(u.Value.GetProperty("forms"), l).Select(f => (f, entry));
            }))));
        var multipliers = PerLanguage(supported, lang => new PhraseMatcher<double>(
            Languages(lang).SelectMany(l => root.GetProperty("multipliers").TryGetProperty(l, out var m)
                ? m.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble()))
                : [])));
        var rates = PerLanguage(supported, lang => new PhraseMatcher<RatePeriod>(
            Languages(lang).SelectMany(l => root.GetProperty("rates").EnumerateObject()
                .SelectMany(r => Strings(r.Value, l).Select(f => (f, ParsePeriod(r.Name)))))));
        var formats = PerLanguage(supported, lang =>
        {
            var f = root.GetProperty("number_formats").GetProperty(lang);
            return new NumberFormat(f.GetProperty("decimal").GetString()![0], f.GetProperty("group").EnumerateArray().Select(g => g.GetString()![0]).ToHashSet());
        });
        var connectors = PerLanguage(supported, lang => new PhraseMatcher<string>(
            Strings(root.GetProperty("range_connectors"), lang).Select(f => (f, f))));
        var numberWords = PerLanguage(supported, lang => new PhraseMatcher<double>(
            root.GetProperty("number_words").TryGetProperty(lang, out var words) ? words.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())) : []));
        var denominators = PerLanguage(supported, lang => new PhraseMatcher<string>(
            Strings(root.GetProperty("denominator_after"), lang).Select(f => (f, f))));
        return new UnitLexicon(unitMatcher, multipliers, rates, formats, connectors, numberWords, denominators);
    }

    private static CompanyLexicon ReadCompanies(JsonElement root, JsonElement legalForms, IReadOnlyList<string> supported)
    {
        var firms = new PhraseMatcher<KnownFirm>(root.GetProperty("firms").EnumerateObject().SelectMany(f =>
        {
            var firm = new KnownFirm(f.Name, f.Value.GetProperty("country").ValueKind == JsonValueKind.String ? f.Value.GetProperty("country").GetString() : null);
            return f.Value.GetProperty("aliases").EnumerateArray().Select(a => (a.GetString()!, firm)).Append((f.Name, firm));
        }));
        var cues = PerLanguage(supported, lang => new PhraseMatcher<CompanyCue>(
            Strings(root.GetProperty("nouns"), lang).Select(f => (f, new CompanyCue(CompanyCueKind.Noun, [])))
                .Concat(Languages(lang).SelectMany(l => Strings(root.GetProperty("name_endings"), l)).Select(f => ("=" + f, new CompanyCue(CompanyCueKind.NameEnding, []))))
                .Concat(Languages(lang).SelectMany(l => Strings(root.GetProperty("not_companies"), l)).Select(f => (f, new CompanyCue(CompanyCueKind.NotCompany, []))))
                .Concat(Strings(root.GetProperty("agency_cues"), lang).Select(f => (f, new CompanyCue(CompanyCueKind.AgencyCue, []))))));
        var legal = new PhraseMatcher<CompanyCue>(legalForms.GetProperty("forms").EnumerateObject().Select(p =>
            ("=" + p.Name, new CompanyCue(CompanyCueKind.LegalForm, p.Value.EnumerateArray().Select(c => c.GetString()!).ToList()))));
        var before = root.GetProperty("name_before_noun").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var connectors = AllLanguages(root.GetProperty("name_connectors"));
        return new CompanyLexicon(
            firms,
            cues,
            legal,
            before,
            connectors,
            root.GetProperty("cjk_name_stops").GetString()!,
            root.GetProperty("cjk_stop_words").EnumerateArray().Select(e => e.GetString()!).ToList(),
            root.GetProperty("capitalised_noun_languages").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal),
            root.GetProperty("appositive_noun_languages").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal));
    }

    private static OrganisationLexicon ReadOrganisations(JsonElement root, IReadOnlyList<string> supported)
    {
        var bodies = new PhraseMatcher<KnownBody>(root.GetProperty("bodies").EnumerateObject().SelectMany(b =>
        {
            var body = new KnownBody(b.Name, b.Value.GetProperty("country").ValueKind == JsonValueKind.String ? b.Value.GetProperty("country").GetString() : null);
            return b.Value.GetProperty("aliases").EnumerateArray().Select(a => (a.GetString()!, body));
        }));
        var heads = PerLanguage(supported, lang => new PhraseMatcher<string>(
            Languages(lang).SelectMany(l => Strings(root.GetProperty("heads"), l)).Select(f => (f, f))));
        return new OrganisationLexicon(bodies, heads, AllLanguages(root.GetProperty("connectors")), root.GetProperty("cjk_stops").GetString()!);
    }

    private static EventLexicon ReadEvents(JsonElement root, IReadOnlyList<string> supported)
    {
        var types = PerLanguage(supported, lang => new PhraseMatcher<EventCue>(
            root.GetProperty("types").EnumerateObject().SelectMany(t => Strings(t.Value, lang).Select(f => (f, new EventCue(CueKind.Type, Type: ParseType(t.Name)))))));
        var statuses = PerLanguage(supported, lang => new PhraseMatcher<EventCue>(
            root.GetProperty("statuses").EnumerateObject().SelectMany(s => Strings(s.Value, lang).Select(f =>
                (f, new EventCue(CueKind.Status, Status: ParseStatus(s.Name), FutureOnly: s.Name.Equals("planned_future", StringComparison.Ordinal)))))));
        var roleKinds = new Dictionary<string, CueKind>(StringComparer.Ordinal)
        {
            ["buyer_verbs"] = CueKind.BuyerVerb,
            ["seller_verbs"] = CueKind.SellerVerb,
            ["passive_markers"] = CueKind.PassiveMarker,
            ["source_markers"] = CueKind.SourceMarker,
            ["destination_markers"] = CueKind.DestinationMarker,
            ["start_markers"] = CueKind.StartMarker,
            ["counterpart_markers"] = CueKind.CounterpartMarker,
            ["passive_auxiliaries"] = CueKind.PassiveAuxiliary,
            ["company_anaphors"] = CueKind.CompanyAnaphor,
            ["comparison_markers"] = CueKind.ComparisonMarker,
            ["founding_markers"] = CueKind.FoundingMarker,
            ["location_markers"] = CueKind.LocationMarker,
            ["producer_nouns"] = CueKind.ProducerNoun,
            ["consumer_nouns"] = CueKind.ConsumerNoun,
            ["subsidiary_nouns"] = CueKind.SubsidiaryNoun,
        };
        var roles = PerLanguage(supported, lang => new PhraseMatcher<EventCue>(
            root.GetProperty("roles").EnumerateObject().SelectMany(r => Strings(r.Value, lang).Select(f => (f, new EventCue(roleKinds[r.Name]))))));
        var kinds = PerLanguage(supported, lang => new PhraseMatcher<EventCue>(
            root.GetProperty("kinds").EnumerateObject().SelectMany(k => Strings(k.Value, lang).Select(f =>
            {
                var target = k.Name.Equals("target", StringComparison.Ordinal);
                var kind = target ? QuantityKind.Other : Enum.Parse<QuantityKind>(k.Name, ignoreCase: true);
                return (f, new EventCue(CueKind.QuantityKind, QuantityKind: kind, Target: target));
            }))));
        var objects = PerLanguage(supported, lang => new PhraseMatcher<string>(Strings(root.GetProperty("investment_objects"), lang).Select(f => (f, f))));
        var quotas = PerLanguage(supported, lang => new PhraseMatcher<string>(Strings(root.GetProperty("quota_cues"), lang).Select(f => (f, f))));
        var byproducts = PerLanguage(supported, lang => new PhraseMatcher<string>(Strings(root.GetProperty("byproduct_cues"), lang).Select(f => (f, f))));
        return new EventLexicon(types, statuses, roles, kinds, objects, quotas, byproducts);
    }

    private static DateLexicon ReadDates(JsonElement root, IReadOnlyList<string> supported)
    {
        var matcher = PerLanguage(supported, lang =>
        {
            var entries = new List<(string, DateEntry)>();
            var month = 1;
            foreach (var names in root.GetProperty("months").GetProperty(lang).EnumerateArray())
            {
                entries.AddRange(names.EnumerateArray().Select(n => (n.GetString()!, new DateEntry(month, null, false))));
                month++;
            }

            var offsets = new Dictionary<string, int>(StringComparer.Ordinal) { ["this"] = 0, ["last"] = -1, ["next"] = 1 };
            foreach (var relative in root.GetProperty("relative_years").EnumerateObject())
            {
                entries.AddRange(Strings(relative.Value, lang).Select(f => (f, new DateEntry(null, offsets[relative.Name], false))));
            }

            // A quarter or half year stands for its first month ("third quarter" → July).
            foreach (var (section, months) in new[] { ("quarters", 3), ("halves", 6) })
            {
                var first = 1;
                foreach (var names in root.GetProperty(section).GetProperty(lang).EnumerateArray())
                {
                    entries.AddRange(names.EnumerateArray().Select(n => (n.GetString()!, new DateEntry(first, null, false))));
                    first += months;
                }
            }

            entries.AddRange(Strings(root.GetProperty("last_markers"), lang).Select(f => (f, new DateEntry(null, null, true))));
            return new PhraseMatcher<DateEntry>(entries);
        });
        var links = PerLanguage(supported, lang => (IReadOnlySet<string>)Strings(root.GetProperty("range_links"), lang).ToHashSet(StringComparer.OrdinalIgnoreCase));
        var suffixes = PerLanguage(supported, lang => (IReadOnlyList<string>)Strings(root.GetProperty("year_suffixes"), lang).Select(f => f.TrimEnd('*')).ToList());
        var ends = PerLanguage(supported, lang => new PhraseMatcher<string>(Strings(root.GetProperty("end_markers"), lang).Select(f => (f, f))));
        return new DateLexicon(matcher, links, suffixes, ends);
    }

    /// <summary>Every entry of a per-language list, whatever the language (connectors inside names cross languages).</summary>
    private static IReadOnlySet<string> AllLanguages(JsonElement byLanguage) =>
        byLanguage.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(e => e.GetString()!)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Languages(string language) =>
        language.Equals(FallbackLanguage, StringComparison.Ordinal) ? [language] : [language, FallbackLanguage];

    private static IEnumerable<string> Strings(JsonElement byLanguage, string language) =>
        byLanguage.ValueKind == JsonValueKind.Object && byLanguage.TryGetProperty(language, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString()!).Where(s => !string.IsNullOrWhiteSpace(s))
            : [];

    private static LanguageMap<T> PerLanguage<T>(IReadOnlyList<string> supported, Func<string, T> build)
        where T : class =>
        new(supported.ToDictionary(l => l, build, StringComparer.Ordinal), FallbackLanguage);

    private static RatePeriod ParsePeriod(string name) => name switch
    {
        "year" => RatePeriod.Year,
        "month" => RatePeriod.Month,
        "quarter" => RatePeriod.Quarter,
        _ => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Unknown rate period '{name}'.")),
    };

    internal static EventType ParseType(string name) => name switch
    {
        "supply_agreement" => EventType.SupplyAgreement,
        "trade_flow" => EventType.TradeFlow,
        "export_restriction" => EventType.ExportRestriction,
        "production" => EventType.Production,
        "investment" => EventType.Investment,
        _ => throw new InvalidDataException($"Unknown event type '{name}'."),
    };

    private static EventStatus ParseStatus(string name) => name switch
    {
        "planned" or "planned_future" => EventStatus.Planned,
        "talks" => EventStatus.Talks,
        "rumoured" => EventStatus.Rumoured,
        "denied" => EventStatus.Denied,
        "ended" => EventStatus.Ended,
        _ => throw new InvalidDataException($"Unknown status '{name}'."),
    };
}
