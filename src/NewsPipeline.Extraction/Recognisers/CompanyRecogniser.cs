using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers.Tagging;
using NewsPipeline.Extraction.Text;

namespace NewsPipeline.Extraction.Recognisers;

/// <summary>
/// Companies in layers: the curated gazetteer; capitalised names before a legal form (… Ltd., … JSC) or after one
/// (АО «…»); names introduced by a company noun (the miner X, l'entreprise « X », компания «X», X公司); names with a
/// descriptive ending (… Resources, … Lithium). Short forms and acronyms of the names found are then searched
/// again. Last, the statistical tagger may add names no list or rule found, under the same guards and its own.
/// News outlets, data providers and organisations are never companies.
/// </summary>
internal sealed class CompanyRecogniser(CompanyLexicon lexicon, LanguageLexicon languages, EventLexicon events, DateLexicon dates, CompanyTagging tagging)
{
    private const int MaxNameWords = 6;
    private const int MaxQuoted = 70;
    private const int MaxCjkName = 10;
    private const int CountryReach = 40;
    private const string Openers = "«\"“„「『‹";
    private const string ClosersAll = "»\"”“」』›";

    public IReadOnlyList<CompanyFound> Recognise(
        AnalysisText text, string language, IReadOnlyList<Sentence> sentences, IReadOnlyList<OrganisationFound> organisations,
        IReadOnlyList<CountryFound> countries, IReadOnlyList<QuantityFound> quantities)
    {
        var cues = lexicon.Cues.For(language).FindAll(text);
        var blocked = cues.Where(c => c.Values[0].Kind == CompanyCueKind.NotCompany).Select(c => (c.Start, c.End)).ToList();
        blocked.AddRange(organisations.Select(o => (o.Start, o.End)));

        var candidates = new List<CompanyFound>();
        candidates.AddRange(FromGazetteer(text));
        candidates.AddRange(FromLegalForms(text, countries, cues));
        candidates.AddRange(FromNouns(text, language, cues, countries));
        candidates.AddRange(FromNameEndings(text, cues, countries));
        candidates.AddRange(FromRoleContext(text, language, countries));
        var notNames = dates.Matcher.For(language).FindAll(text).Select(d => (d.Start, d.End)).ToList();

        var kept = new List<CompanyFound>();
        bool Acceptable(CompanyFound candidate) =>
            !blocked.Any(b => b.Start < candidate.End && candidate.Start < b.End) && !Spans.Inside(kept, candidate.Start, candidate.End)
            && IsPlausibleName(candidate.Name) && !AfterAgencyCue(text, candidate, cues) && !Spans.Inside(quantities, candidate.Start, candidate.End)
            && !countries.Any(c => c.Start <= candidate.Start && c.End >= candidate.End)
            && !notNames.Any(n => n.Start <= candidate.Start && n.End >= candidate.End) && !IsGradeCode(text.Original, candidate);

        foreach (var candidate in candidates.OrderByDescending(c => c.End - c.Start).ThenBy(c => c.Start).Where(Acceptable))
        {
            kept.Add(WithCountry(text, candidate, countries, kept));
        }

        // The tagger comes last and only adds: a name overlapping a country ("Kazakh Ministry…") is left out too.
        foreach (var candidate in tagging.Candidates(text, language, sentences).Where(c => Acceptable(c) && !Spans.Inside(countries, c.Start, c.End)))
        {
            kept.Add(WithCountry(text, candidate, countries, kept));
        }

        AddShortForms(text, kept, blocked);
        AddBracketedAliases(text, kept, countries);
        return JoinBracketedAliases(text.Original, kept.OrderBy(c => c.Start).ToList());
    }

    /// <summary>
    /// "サリアルカ・レアメタルズ（Saryarka Rare Metals LLP）": a Latin name in brackets right after a katakana run names
    /// the firm the run spells; the run is a mention too, even where no noun or list introduced it.
    /// </summary>
    private static void AddBracketedAliases(AnalysisText text, List<CompanyFound> kept, IReadOnlyList<CountryFound> countries)
    {
        foreach (var bracketed in kept.Where(c => BracketBefore(text.Original, c.Start) is not null).ToList())
        {
            var open = BracketBefore(text.Original, bracketed.Start)!.Value;
            var start = open;
            // The run may hold middle dots between its words (サリアルカ・レアメタルズ), not at its edges.
            while (start > 0 && Scripts.IsKatakana(text.Original[start - 1]))
            {
                start--;
            }

            while (start < open && text.Original[start] == '・')
            {
                start++;
            }

            if (open - start >= 2 && !kept.Any(k => k.Start < open && start < k.End) && !countries.Any(c => c.Start < open && start < c.End))
            {
                kept.Add(new CompanyFound(start, open, text.Slice(start, open), bracketed.Name, bracketed.Country));
            }
        }
    }

    /// <summary>
    /// "紫金矿业（Zijin Mining）", "Северная компания (Severnaya Co.)": a name and its other-script spelling in brackets
    /// are one firm. Every mention of either takes one canonical name: the gazetteer's when it knows either, else the
    /// Latin spelling, which other articles and scripts share.
    /// </summary>
    private List<CompanyFound> JoinBracketedAliases(string text, List<CompanyFound> companies)
    {
        var renamed = new Dictionary<string, (string Name, string? Country)>(StringComparer.Ordinal);
        foreach (var inner in companies)
        {
            var open = BracketBefore(text, inner.Start);
            var outer = open is null ? null : companies.LastOrDefault(c => c.End <= open && text[c.End..open.Value].Trim().Length == 0);
            var close = NextNonSpace(text, inner.End);
            if (outer is null || close >= text.Length || text[close] is not ('）' or ')') || string.Equals(outer.Name, inner.Name, StringComparison.Ordinal))
            {
                continue;
            }

            var known = Known(outer.Name) ?? Known(inner.Name);
            var name = known?.Name ?? (LatinShare(inner.Name) > LatinShare(outer.Name) ? inner.Name : outer.Name);
            var country = known?.Country ?? outer.Country ?? inner.Country;
            renamed[outer.Name] = (name, country);
            renamed[inner.Name] = (name, country);
        }

        return renamed.Count == 0
            ? companies
            : companies.Select(c => renamed.TryGetValue(c.Name, out var r) ? c with { Name = r.Name, Country = r.Country } : c).ToList();
    }

    /// <summary>Where the bracket opening right before a position stands, if one does.</summary>
    private static int? BracketBefore(string text, int position)
    {
        var open = PreviousNonSpace(text, position);
        return open >= 0 && text[open] is '（' or '(' ? open : null;
    }

    private static double LatinShare(string name) => name.Count(char.IsAsciiLetter) / (double)Math.Max(1, name.Length);

    /// <summary>Gazetteer names; an all-capitals repeat of a mixed-case name is a section heading, not a mention.</summary>
    private IEnumerable<CompanyFound> FromGazetteer(AnalysisText text) =>
        lexicon.Firms.FindAll(text)
            .Where(m => !(m.End - m.Start > 4 && text.Slice(m.Start, m.End).All(c => !char.IsLetter(c) || char.IsUpper(c)) && !m.Values[0].Name.All(c => !char.IsLetter(c) || char.IsUpper(c))))
            .Select(m => new CompanyFound(m.Start, m.End, text.Slice(m.Start, m.End), m.Values[0].Name, m.Values[0].Country));

    /// <summary>Capitalised names right after a supplying or buying verb or a "with" marker ("fournir Acme", "avec Acme Trading Europe").</summary>
    private IEnumerable<CompanyFound> FromRoleContext(AnalysisText text, string language, IReadOnlyList<CountryFound> countries)
    {
        foreach (var cue in events.RoleCues.For(language).FindAll(text))
        {
            if (!cue.Values.Any(v => v.Kind is CueKind.CounterpartMarker or CueKind.SellerVerb or CueKind.BuyerVerb))
            {
                continue;
            }

            var at = NextNonSpace(text.Original, cue.End);
            if (at - cue.End != 1 || at >= text.Length || !char.IsUpper(text.Original[at]) || countries.Any(c => c.Start == at))
            {
                continue;
            }

            // Where every noun is capitalised (German), one capitalised word after a verb is usually a noun, not a name.
            if (CapitalisedWordsAfter(text.Original, at) is { } name
                && (!lexicon.CapitalisedNounLanguages.Contains(language) || LooksLikeName(text.Original[name.Start..name.End])))
            {
                yield return new CompanyFound(name.Start, name.End, text.Slice(name.Start, name.End), text.Slice(name.Start, name.End), null);
            }
        }
    }

    private IEnumerable<CompanyFound> FromLegalForms(AnalysisText text, IReadOnlyList<CountryFound> countries, IReadOnlyList<PhraseMatch<CompanyCue>> cues)
    {
        foreach (var form in lexicon.LegalForms.FindAll(text))
        {
            var usedIn = form.Values[0].Countries;
            var home = usedIn.Count == 1 ? usedIn[0] : null;
            var before = PreviousNonSpace(text.Original, form.Start);
            if (before >= 0 && ClosersAll.Contains(text.Original[before], StringComparison.Ordinal) && QuotedBackward(text.Original, before) is { } quotedBefore)
            {
                yield return new CompanyFound(quotedBefore.Open, form.End, text.Slice(quotedBefore.Open, form.End), quotedBefore.Name, home);
                continue;
            }

            var after = NextNonSpace(text.Original, form.End);
            if (after < text.Length && Openers.Contains(text.Original[after], StringComparison.Ordinal) && QuotedForward(text.Original, after) is { } quotedAfter)
            {
                yield return new CompanyFound(form.Start, quotedAfter.Close + 1, text.Slice(form.Start, quotedAfter.Close + 1), quotedAfter.Name, home);
                continue;
            }

            // 丸星商事株式会社: in CJK text the name runs up to the legal form, which the canonical name leaves out.
            if (Scripts.IsCjk(text.Original[form.Start]))
            {
                // The reach counts from the form's end, so a long form (股份有限公司) does not pull in the verbs before the name.
                var reach = MaxCjkName + 2 - (form.End - form.Start);
                if (CjkNameBefore(text.Original, form.Start, reach) is { } cjk && !lexicon.CjkStopWords.Contains(text.Original[cjk..form.Start]))
                {
                    // Foreign firms written in Chinese take the Chinese form too (刚果（金）…钴业股份有限公司): a country named
                    // just before the name outranks the form's country.
                    var placed = countries.Any(c => c.End <= cjk && cjk - c.End <= CountryReach);
                    yield return new CompanyFound(cjk, form.End, text.Slice(cjk, form.End), text.Original[cjk..form.Start], placed ? null : home);
                }

                continue;
            }

            if (CapitalisedWordsBefore(text.Original, form.Start) is { } found && TrimLeading(text.Original, found, countries, cues) is { } name)
            {
                var nameText = text.Original[name.Start..name.End];
                yield return new CompanyFound(name.Start, form.End, text.Slice(name.Start, form.End), nameText, home);
            }
        }
    }

    private IEnumerable<CompanyFound> FromNouns(AnalysisText text, string language, IReadOnlyList<PhraseMatch<CompanyCue>> cues, IReadOnlyList<CountryFound> countries)
    {
        var nameBeforeNoun = lexicon.NameBeforeNounLanguages.Contains(language);
        var legalForms = lexicon.LegalForms.FindAll(text);
        foreach (var noun in cues.Where(c => c.Values[0].Kind == CompanyCueKind.Noun))
        {
            if (Scripts.IsCjk(text.Original[noun.Start]))
            {
                // 生産会社サリアルカ・レアメタルズ: a name right after the noun is the company, the words before it describe it.
                if (KatakanaNameAfter(text.Original, noun) is { } apposed)
                {
                    yield return apposed;
                    continue;
                }

                // 会社 inside 株式会社 is left to the legal form; 社 ending 商社 ("trading house") is a common noun, not a name's noun.
                var inLegalForm = legalForms.Any(f => f.Start <= noun.Start && noun.End <= f.End);
                if (!inLegalForm && !EndsCommonNoun(text.Original, noun)
                    && CjkNameBefore(text.Original, noun.Start) is { } cjk && !lexicon.CjkStopWords.Contains(text.Original[cjk..noun.Start]))
                {
                    // A noun that is also a name ending (商事) belongs to the name: 丸星商事, not 丸星.
                    var nameEnd = noun.Values.Any(v => v.Kind == CompanyCueKind.NameEnding) ? noun.End : noun.Start;
                    yield return new CompanyFound(cjk, noun.End, text.Slice(cjk, noun.End), text.Original[cjk..nameEnd], null);
                }

                // 会社「日豪レアアース」: a bracketed name right after the noun.
                if (noun.End < text.Length && Openers.Contains(text.Original[noun.End], StringComparison.Ordinal) && QuotedForward(text.Original, noun.End) is { } quoted)
                {
                    yield return new CompanyFound(quoted.Open + 1, quoted.Close, quoted.Name, quoted.Name, null);
                }

                continue;
            }

            var introduces = false;
            if (NameAfterNoun(text.Original, noun.End, countries) is { } named
                && TrimLeading(text.Original, (named.Start, named.End), countries, cues) is { } kept)
            {
                var name = text.Original[kept.Start..kept.End];
                // A country word with its case ending ("Қазақстанға") introduces no name, nor does what is left of it.
                introduces = char.IsUpper(text.Original[kept.Start]) && !countries.Any(c => c.Start <= kept.Start && c.End >= kept.End);
                yield return kept.Start == named.Start ? named : new CompanyFound(kept.Start, kept.End, name, name, null);
            }

            // "CNNC компаниясымен": a known firm before the noun stands on its own. A noun that introduces the name
            // after it ("рудник Бозшаколь компании Kazakhmys") is not the end of a name before it.
            if (nameBeforeNoun && !introduces && DescriptiveNameBefore(text.Original, noun.Start, noun.End) is { } descriptive
                && !countries.Any(c => c.Start == descriptive.Start) && !IsSentenceInitial(text.Original, descriptive.Start)
                && Known(text.Original[descriptive.Start..noun.Start].Trim()) is null)
            {
                // Kazakh "Sumitomo компаниясы" is "the company Sumitomo": the noun stands beside the name, not in it.
                var bare = text.Original[descriptive.Start..noun.Start].Trim();
                var beside = lexicon.AppositiveNounLanguages.Contains(language) && bare.Length > 1 && !bare.Contains(' ', StringComparison.Ordinal) ? bare : null;
                yield return beside is null ? descriptive : new CompanyFound(descriptive.Start, descriptive.Start + beside.Length, beside, beside, null);
            }
        }
    }

    private IEnumerable<CompanyFound> FromNameEndings(AnalysisText text, IReadOnlyList<PhraseMatch<CompanyCue>> cues, IReadOnlyList<CountryFound> countries)
    {
        foreach (var ending in cues.Where(c => c.Values[0].Kind == CompanyCueKind.NameEnding))
        {
            // "Blue Ridge Lithium Project" names a project, not a company.
            var next = NextNonSpace(text.Original, ending.End);
            var project = next < text.Length && next - ending.End == 1 && char.IsUpper(text.Original[next]);
            if (!project && CapitalisedWordsBefore(text.Original, ending.Start) is { } found && TrimLeading(text.Original, found, countries, cues) is { } name
                && !IsSentenceInitialOnly(text.Original, name.Start, name.End))
            {
                yield return new CompanyFound(name.Start, ending.End, text.Slice(name.Start, ending.End), text.Slice(name.Start, ending.End), null);
            }
        }
    }

    /// <summary>A name right after a company noun: a quoted name or capitalised words, possibly after a country adjective ("l'entreprise kazakhe « … »").</summary>
    private CompanyFound? NameAfterNoun(string text, int from, IReadOnlyList<CountryFound> countries)
    {
        var position = from;
        for (var skipped = 0; skipped <= 2; skipped++)
        {
            position = NextNonSpace(text, position);
            if (position >= text.Length)
            {
                return null;
            }

            if (Openers.Contains(text[position], StringComparison.Ordinal))
            {
                return QuotedForward(text, position) is { } q ? new CompanyFound(q.Open + 1, q.Close, q.Name, q.Name, null) : null;
            }

            if (char.IsUpper(text[position]))
            {
                return CapitalisedWordsAfter(text, position) is { } n ? new CompanyFound(n.Start, n.End, text[n.Start..n.End], text[n.Start..n.End], null) : null;
            }

            var wordEnd = position;
            while (wordEnd < text.Length && (Scripts.IsWordChar(text[wordEnd]) || text[wordEnd] is '-' or '\''))
            {
                wordEnd++;
            }

            if (wordEnd == position || !countries.Any(c => c.Start == position))
            {
                return null;
            }

            position = wordEnd;
        }

        return null;
    }

    /// <summary>Russian-style descriptive names: "Северная горнорудная компания" (a capitalised adjective, lower-case words, the noun).</summary>
    private static CompanyFound? DescriptiveNameBefore(string text, int nounStart, int nounEnd)
    {
        var tokens = Tokenizer.Tokenize(text, Math.Max(0, nounStart - 60), nounStart);
        var words = 0;
        for (var k = tokens.Count - 1; k >= 0 && words < 3; k--)
        {
            var token = tokens[k];
            if (token.Kind != TokenKind.Word)
            {
                return null;
            }

            words++;
            if (char.IsUpper(text[token.Start]))
            {
                return words >= 2 || k == tokens.Count - 1
                    ? new CompanyFound(token.Start, nounEnd, text[token.Start..nounEnd], text[token.Start..nounEnd], null)
                    : null;
            }
        }

        return null;
    }

    private static CompanyFound? KatakanaNameAfter(string text, PhraseMatch<CompanyCue> noun)
    {
        if (!Scripts.IsHan(text[noun.End - 1]))
        {
            return null;
        }

        var end = noun.End;
        while (end < text.Length && Scripts.IsKatakana(text[end]))
        {
            end++;
        }

        var name = text[noun.End..end].TrimEnd('・');
        return name.Length >= 2 ? new CompanyFound(noun.End, noun.End + name.Length, name, name, null) : null;
    }

    private bool EndsCommonNoun(string text, PhraseMatch<CompanyCue> noun) =>
        lexicon.CjkStopWords.Any(w => w.Length > noun.End - noun.Start && noun.End >= w.Length && string.CompareOrdinal(text, noun.End - w.Length, w, 0, w.Length) == 0);

    private int? CjkNameBefore(string text, int nounStart, int reach = MaxCjkName)
    {
        var begin = nounStart;
        while (begin > 0 && nounStart - begin < reach)
        {
            var c = text[begin - 1];
            // ピルバラ・ミネラルズ: the middle dot joins the words of a transcribed name.
            var joinsKatakana = c == '・' && begin >= 2 && Scripts.IsKatakana(text[begin - 2]) && Scripts.IsKatakana(text[begin]);
            var ok = joinsKatakana || ((Scripts.IsHan(c) || Scripts.IsKatakana(c) || char.IsAsciiLetter(c)) && !lexicon.CjkNameStops.Contains(c, StringComparison.Ordinal));
            if (!ok || lexicon.CjkStopWords.Any(w => begin >= w.Length && string.CompareOrdinal(text, begin - w.Length, w, 0, w.Length) == 0))
            {
                break;
            }

            begin--;
        }

        return nounStart - begin >= 2 ? begin : null;
    }

    private (int Start, int End)? CapitalisedWordsBefore(string text, int end)
    {
        var tokens = Tokenizer.Tokenize(text, Math.Max(0, end - 120), end);
        var start = -1;
        var nameEnd = -1;
        var words = 0;
        for (var k = tokens.Count - 1; k >= 0 && words < MaxNameWords; k--)
        {
            var token = tokens[k];
            if (token.End < end - 1 && nameEnd < 0 && text[token.End..end].Trim().Trim(',').Length > 0)
            {
                return null;
            }

            var word = text[token.Start..token.End];
            if (token.Kind is TokenKind.Word or TokenKind.Number && (char.IsUpper(word[0]) || char.IsDigit(word[0])))
            {
                start = token.Start;
                nameEnd = nameEnd < 0 ? token.End : nameEnd;
                words++;
                continue;
            }

            if (token.Kind == TokenKind.Word && IsConnector(word) && start >= 0 && k > 0 && char.IsUpper(text[tokens[k - 1].Start]))
            {
                continue;
            }

            if (token.Kind == TokenKind.Punctuation && text[token.Start] is '&' or '-' && start >= 0)
            {
                continue;
            }

            break;
        }

        if (start < 0)
        {
            return null;
        }

        // A name may end with a number ("Unit 7") but not start with one ("8.000 Tonnen …").
        while (start < nameEnd && char.IsDigit(text[start]))
        {
            var space = text.IndexOf(' ', start, nameEnd - start);
            start = space < 0 ? nameEnd : space + 1;
        }

        start = start < nameEnd ? DropLeadingFunctionWord(text, start, nameEnd) : start;
        return start < nameEnd ? (start, nameEnd) : null;
    }

    private (int Start, int End)? CapitalisedWordsAfter(string text, int start)
    {
        var tokens = Tokenizer.Tokenize(text, start, Math.Min(text.Length, start + 120));
        var end = -1;
        var words = 0;
        for (var k = 0; k < tokens.Count && words < MaxNameWords; k++)
        {
            var token = tokens[k];
            var word = text[token.Start..token.End];
            if (token.Kind is TokenKind.Word or TokenKind.Number && (char.IsUpper(word[0]) || (end >= 0 && char.IsDigit(word[0]))))
            {
                end = token.End;
                words++;
                continue;
            }

            if (token.Kind == TokenKind.Word && IsConnector(word) && k + 1 < tokens.Count && char.IsUpper(text[tokens[k + 1].Start]))
            {
                continue;
            }

            if (token.Kind == TokenKind.Punctuation && text[token.Start] is '&' && end >= 0)
            {
                continue;
            }

            break;
        }

        return end > start ? (start, end) : null;
    }

    private static (int Open, int Close, string Name)? QuotedForward(string text, int open)
    {
        for (var j = open + 1; j < Math.Min(text.Length, open + MaxQuoted); j++)
        {
            if (ClosersAll.Contains(text[j], StringComparison.Ordinal) && j > open + 1)
            {
                var name = text[(open + 1)..j].Trim();
                return name.Length > 0 ? (open, j, name) : null;
            }

            if (text[j] == '\n')
            {
                return null;
            }
        }

        return null;
    }

    private static (int Open, int Close, string Name)? QuotedBackward(string text, int close)
    {
        for (var j = close - 1; j >= Math.Max(0, close - MaxQuoted); j--)
        {
            if (Openers.Contains(text[j], StringComparison.Ordinal))
            {
                var name = text[(j + 1)..close].Trim();
                return name.Length > 0 ? (j, close, name) : null;
            }

            if (text[j] == '\n')
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A code that continues as a decimal number ("SC6.0" concentrate, "NCM811.5") is a product grade, not a name.</summary>
    private static bool IsGradeCode(string text, CompanyFound candidate) =>
        candidate.End + 1 < text.Length && candidate.End > 0 && text[candidate.End] == '.'
        && char.IsAsciiDigit(text[candidate.End + 1]) && char.IsAsciiDigit(text[candidate.End - 1]);

    private bool IsPlausibleName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length < 2 || trimmed.All(c => char.IsDigit(c) || char.IsWhiteSpace(c) || char.IsPunctuation(c)))
        {
            return false;
        }

        var lower = trimmed.ToLowerInvariant();
        return !languages.FunctionWords.Values.Any(words => words.Contains(lower));
    }

    private static bool AfterAgencyCue(AnalysisText text, CompanyFound candidate, IReadOnlyList<PhraseMatch<CompanyCue>> cues) =>
        cues.Any(c => c.Values[0].Kind == CompanyCueKind.AgencyCue && c.End <= candidate.Start && candidate.Start - c.End <= 3
            && text.Original[c.End..candidate.Start].Trim().Length == 0);

    private CompanyFound WithCountry(AnalysisText text, CompanyFound candidate, IReadOnlyList<CountryFound> countries, IReadOnlyList<CompanyFound> kept)
    {
        var known = Known(candidate.Name);
        if (known is not null)
        {
            return candidate with { Name = known.Name, Country = known.Country ?? candidate.Country };
        }

        // A subsidiary named after its parent ("Mitsubishi Corporation RtM Japan") shares the parent's home country.
        var parent = lexicon.Firms.MatchAt(AnalysisText.From(candidate.Name), 0);
        var country = candidate.Country ?? parent?.Values[0].Country;
        country ??= countries.FirstOrDefault(c => !c.IsCapital && c.Start >= candidate.Start && c.End <= candidate.End)?.Code;
        country ??= countries.LastOrDefault(c => !c.IsCapital && c.End <= candidate.Start && candidate.Start - c.End <= CountryReach
            && !kept.Any(k => k.Start >= c.End && k.End <= candidate.Start) && !text.Original[c.End..candidate.Start].Contains(',', StringComparison.Ordinal))?.Code;
        return candidate with { Name = StripQuotes(candidate.Name), Country = country };
    }

    private KnownFirm? Known(string name)
    {
        var probe = AnalysisText.From(StripQuotes(name));
        var match = lexicon.Firms.MatchAt(probe, 0);
        return match is not null && match.End == probe.Length ? match.Values[0] : null;
    }

    private void AddShortForms(AnalysisText text, List<CompanyFound> kept, List<(int Start, int End)> blocked)
    {
        var forms = new Dictionary<string, CompanyFound>(StringComparer.Ordinal);
        foreach (var company in kept.ToList())
        {
            foreach (var form in ShortForms(text.Original, company))
            {
                forms.TryAdd(form, company);
            }
        }

        foreach (var (form, company) in forms)
        {
            var at = 0;
            while ((at = text.Original.IndexOf(form, at, StringComparison.Ordinal)) >= 0)
            {
                var end = at + form.Length;
                var bounded = (at == 0 || !Scripts.IsWordChar(text.Original[at - 1])) && (end >= text.Length || !Scripts.IsWordChar(text.Original[end]) || Scripts.IsCyrillic(form[^1]));
                if (Scripts.IsCyrillic(form[^1]))
                {
                    while (end < text.Length && Scripts.IsWordChar(text.Original[end]))
                    {
                        end++;
                    }
                }

                if (bounded && !Spans.Inside(kept, at, end) && !blocked.Any(b => b.Start < end && at < b.End))
                {
                    kept.Add(new CompanyFound(at, end, text.Slice(at, end), company.Name, company.Country));
                }

                at = end;
            }
        }
    }

    private IEnumerable<string> ShortForms(string text, CompanyFound company)
    {
        var mention = company.Mention.Trim();
        yield return mention;
        var words = mention.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2)
        {
            var first = words[0].TrimEnd(',', '.');
            if (first.Length >= 4 && char.IsUpper(first[0]) && IsPlausibleName(first) && !first.All(char.IsUpper))
            {
                yield return first;
            }

            var withoutLast = string.Join(' ', words[..^1]).TrimEnd(',', '.');
            if (words.Length >= 3 && withoutLast.Length >= 4)
            {
                yield return withoutLast;
            }
        }

        // An acronym in brackets right after the name: "… компания (СГК)", "… Battery Materials (ABM)".
        var after = NextNonSpace(text, company.End);
        if (after < text.Length && text[after] == '(')
        {
            var close = text.IndexOf(')', after);
            if (close > after + 1 && close - after <= 10)
            {
                var acronym = text[(after + 1)..close];
                if (acronym.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '&'))
                {
                    yield return acronym;
                }
            }
        }

        if (Scripts.IsCyrillic(mention[0]) && words.Length == 1 && mention.Length >= 6)
        {
            // Inflected repeats ("Норникеля" after "Норникель"): the stem without its last letter, open-ended.
            yield return mention[..^1];
        }
    }

    private int DropLeadingFunctionWord(string text, int start, int end)
    {
        var space = text.IndexOf(' ', start);
        if (space < 0 || space >= end)
        {
            return start;
        }

        var first = text[start..space].ToLowerInvariant();
        return languages.FunctionWords.Values.Any(w => w.Contains(first)) ? space + 1 : start;
    }

    /// <summary>Drops leading words that are country adjectives or company nouns ("Japanese", "Unternehmen") from a name.</summary>
    private static (int Start, int End)? TrimLeading(string text, (int Start, int End) name, IReadOnlyList<CountryFound> countries, IReadOnlyList<PhraseMatch<CompanyCue>> cues)
    {
        var start = name.Start;
        while (start < name.End)
        {
            var country = countries.FirstOrDefault(c => c.Start == start && c.End < name.End);
            var noun = cues.FirstOrDefault(c => c.Start == start && c.End < name.End && c.Values[0].Kind == CompanyCueKind.Noun);
            var end = country?.End ?? noun?.End ?? -1;
            if (end < 0)
            {
                break;
            }

            start = NextNonSpace(text, end);
        }

        return start < name.End ? (start, name.End) : null;
    }

    private static bool LooksLikeName(string name) =>
        name.Contains(' ', StringComparison.Ordinal) || name.Skip(1).Any(c => char.IsUpper(c) || char.IsDigit(c));

    private static bool IsSentenceInitial(string text, int start)
    {
        var previous = PreviousNonSpace(text, start);
        return previous < 0 || text[previous] is '.' or '\n' or ':' or '!' or '?' or '—' or '-';
    }

    private static bool IsSentenceInitialOnly(string text, int start, int end)
    {
        var previous = PreviousNonSpace(text, start);
        var isInitial = previous < 0 || text[previous] is '.' or '\n' or ':' or '!' or '?';
        return isInitial && text.IndexOf(' ', start, end - start) < 0;
    }

    private static string StripQuotes(string name) => name.Trim().Trim('«', '»', '"', '“', '”', '„', '「', '」').Trim();

    private bool IsConnector(string word) => lexicon.NameConnectors.Contains(word);

    private static int PreviousNonSpace(string text, int position)
    {
        var j = position - 1;
        while (j >= 0 && text[j] == ' ')
        {
            j--;
        }

        return j;
    }

    private static int NextNonSpace(string text, int position)
    {
        var j = position;
        while (j < text.Length && text[j] == ' ')
        {
            j++;
        }

        return j;
    }
}
