using NewsPipeline.Core.Extraction;
using NewsPipeline.Extraction.Lexicons;
using NewsPipeline.Extraction.Recognisers;

namespace NewsPipeline.Extraction.Events;

/// <summary>
/// Buyer and seller from the construction, not from word order alone: the company before a buying verb buys, the
/// one before a supplying verb sells, a company after a passive marker ("by", "par") is the agent, and a company
/// after a source marker ("from", "auprès de", から) sells. Countries come from source and destination markers, the
/// trade direction and the parties' home countries.
/// </summary>
internal static class RoleAssigner
{
    private const int MarkerGap = 3;

    public static EventCandidate Assign(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        var sentence = candidate.Sentence;
        var inSentence = article.Companies.Where(c => sentence.Contains(c.Start)).ToList();
        // "the commodities major was looking at buying X": a descriptor stands for a firm named earlier, even beside
        // other names; one that introduces or follows a name is that name's own noun ("le négociant en métaux X",
        // "компания X"), not a reference.
        var named = inSentence.ToList();
        inSentence.AddRange(Anaphors(article, cues, sentence.Start, sentence.End)
            .Where(a => !named.Any(c => string.Equals(c.Name, a.Name, StringComparison.Ordinal) || Introduces(article.Text.Original, a, c))));
        inSentence.Sort((a, b) => a.Start.CompareTo(b.Start));
        inSentence = WithoutParents(inSentence, article, cues, sentence);

        var inSegment = inSentence.Where(c => c.Start >= candidate.SegmentStart && c.End <= candidate.SegmentEnd).ToList();
        // Parties of the event's own clause come first; the rest of the sentence only fills gaps.
        var parties = DistinctByName(inSegment.OrderBy(c => c.Start).Concat(inSentence.Except(inSegment).OrderBy(c => c.Start)));
        var countries = article.Countries.Where(c => sentence.Contains(c.Start)).ToList();
        return candidate.Type switch
        {
            EventType.SupplyAgreement => Supply(candidate, article, cues, parties),
            EventType.Investment => Investment(candidate, article, cues, parties, countries),
            EventType.Production => Production(candidate, article, cues, parties, countries),
            EventType.TradeFlow => Trade(candidate, article, cues, parties, countries),
            _ => Restriction(candidate, article, cues, countries),
        };
    }

    /// <summary>
    /// "The company", "la société", 同社 in a sentence that names no company: the company the article has named most
    /// so far (the latest of equals).
    /// </summary>
    private static IEnumerable<CompanyFound> Anaphors(RecognisedArticle article, ArticleCues cues, int start, int end)
    {
        foreach (var anaphor in cues.RolesOf(CueKind.CompanyAnaphor, start, end))
        {
            if (MostNamedBefore(article, anaphor.Start) is { } referent)
            {
                yield return referent with { Start = anaphor.Start, End = anaphor.End };
            }
        }
    }

    /// <summary>Whether a descriptor and a name form one noun phrase: adjacent, or only words between them.</summary>
    private static bool Introduces(string text, CompanyFound descriptor, CompanyFound name)
    {
        const int PhraseReach = 30;
        const int NounGap = 3;
        if (descriptor.Start >= name.End)
        {
            return descriptor.Start - name.End <= NounGap;
        }

        return name.Start >= descriptor.End && name.Start - descriptor.End <= PhraseReach
            && text[descriptor.End..name.Start].All(c => char.IsLetter(c) || c == ' ' || c == '\'' || c == '’' || c == '-');
    }

    /// <summary>
    /// A subsidiary acts for its parent: "Glencore said its subsidiary Kamoto will sell …" and "Kamoto, a subsidiary
    /// of Glencore, will sell …" both make Kamoto the party, and the parent leaves the clause.
    /// </summary>
    private static List<CompanyFound> WithoutParents(List<CompanyFound> companies, RecognisedArticle article, ArticleCues cues, Text.Sentence sentence)
    {
        const int NounGap = 5;
        var text = article.Text.Original;
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var noun in cues.RolesOf(CueKind.SubsidiaryNoun, sentence.Start, sentence.End))
        {
            var after = companies.FirstOrDefault(c => c.Start >= noun.End && c.Start - noun.End <= NounGap);
            var before = companies.LastOrDefault(c => c.End <= noun.Start);
            if (after is null || before is null || string.Equals(after.Name, before.Name, StringComparison.Ordinal))
            {
                continue;
            }

            var between = text[before.End..noun.Start];
            var apposition = between.Contains(',', StringComparison.Ordinal) && between.Trim(' ', ',').Length <= NounGap;
            // "X said its subsidiary Y": the parent only speaks; "X buys from the subsidiary Y": X stays a party.
            var speaks = !cues.Types.Any(t => t.Start >= before.End && t.End <= noun.Start)
                && !cues.Roles.Any(r => r.Start >= before.End && r.End <= noun.Start && r.Values.Any(v => v.Kind is CueKind.BuyerVerb or CueKind.SellerVerb));
            if (apposition)
            {
                parents.Add(after.Name);
            }
            else if (speaks)
            {
                parents.Add(before.Name);
            }
        }

        return parents.Count == 0 ? companies : companies.Where(c => !parents.Contains(c.Name)).ToList();
    }

    /// <summary>Whether the article introduces the company with a noun of the kind right before one of its mentions ("trader Traxys").</summary>
    private static bool Described(RecognisedArticle article, ArticleCues cues, CueKind kind, CompanyFound company)
    {
        const int NounGap = 3;
        return article.Companies.Where(c => string.Equals(c.Name, company.Name, StringComparison.Ordinal))
            .Any(c => cues.EndingBefore(kind, c.Start, NounGap).Any() || (c.Start > 0 && cues.EndingBefore(kind, c.Start - 1, NounGap).Any()));
    }

    /// <summary>
    /// A deal sentence that names no party ("Deliveries of 45 kt should start in 2026") continues the deal named in
    /// one of the few sentences before it: its parties and countries carry over.
    /// </summary>
    public static EventCandidate FromEarlierMention(EventCandidate candidate, RecognisedArticle article, ArticleCues cues)
    {
        const int LookBack = 3;
        if (candidate.Type != EventType.SupplyAgreement || candidate.Buyer is not null || candidate.Seller is not null)
        {
            return candidate;
        }

        var index = candidate.Sentence.Index;
        foreach (var earlier in article.Sentences.Where(s => s.Index < index && s.Index >= index - LookBack).Reverse())
        {
            var isDeal = cues.Types.Any(t => earlier.Contains(t.Start) && t.Values.Any(v => v.Type == EventType.SupplyAgreement));
            if (!isDeal || !article.Companies.Any(c => earlier.Contains(c.Start)))
            {
                continue;
            }

            var told = Assign(new EventCandidate(candidate.Type, candidate.Metal, earlier, earlier.Start, earlier.End, null), article, cues);
            return candidate with
            {
                Buyer = told.Buyer,
                Seller = told.Seller,
                Origin = candidate.Origin ?? told.Origin,
                Destination = candidate.Destination ?? told.Destination,
            };
        }

        return candidate;
    }

    /// <summary>
    /// A party's country: its known home, else a country word right before its name ("le norvégien Fjordmineral",
    /// "la chilena Minera X"). With <paramref name="mentionedOnly"/>, a known home counts only when the article names
    /// that country: a head office the story never mentions says little about where the metal comes from.
    /// </summary>
    private static string? Home(RecognisedArticle article, CompanyFound? party, bool mentionedOnly)
    {
        const int AdjectiveGap = 4;
        if (party is null)
        {
            return null;
        }

        if (party.Country is { } home && (!mentionedOnly || article.Countries.Any(c => string.Equals(c.Code, home, StringComparison.Ordinal))))
        {
            return home;
        }

        var mentions = article.Companies.Where(c => string.Equals(c.Name, party.Name, StringComparison.Ordinal));
        return mentions.Select(m => article.Countries.LastOrDefault(c => c.End <= m.Start && m.Start - c.End <= AdjectiveGap && !c.IsCapital))
            .FirstOrDefault(c => c is not null)?.Code;
    }

    /// <summary>The company the article has named most before a position (the latest of equals), leaving out some names.</summary>
    private static CompanyFound? MostNamedBefore(RecognisedArticle article, int position, IReadOnlySet<string>? excluded = null) =>
        article.Companies.Where(c => c.End <= position && excluded?.Contains(c.Name) != true).GroupBy(c => c.Name, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(c => c.Start)).FirstOrDefault()?.Last();

    private static EventCandidate Supply(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CompanyFound> parties)
    {
        if (parties.Count == 0)
        {
            return candidate;
        }

        var sentence = candidate.Sentence;
        var anchor = candidate.Quantity?.Start ?? parties[0].End;
        var verb = cues.Verbs(sentence.Start, sentence.End).MinBy(r => Math.Abs(r.Start - anchor));
        // The subject is the first party not introduced as the counterpart ("with Y", "avec Y", "Y-мен"), the source
        // ("from Y", "auprès de Y") or the recipient ("to Y", "à Y", "Y に").
        // The first party of a clause is its subject even after an article that doubles as a marker (Portuguese "a Sigma").
        // A case suffix is no article: "«Алтыналмас» АҚ-ға" opens the clause and still receives.
        var opening = article.Companies.FirstOrDefault(c => sentence.Contains(c.Start));
        var marking = parties.Count > 1 && opening is not null
            ? parties.Where(p => p.Start != opening.Start || SuffixMarked(article, cues, p)).ToList()
            : parties;
        var source = marking.FirstOrDefault(p => MarkedBy(article, cues, CueKind.SourceMarker, p));
        var recipient = marking.LastOrDefault(p => p != source && MarkedBy(article, cues, CueKind.DestinationMarker, p));
        var free = parties.Where(p => p != source && p != recipient && !CounterpartOf(article, cues, p)).ToList();
        if (candidate.Counterpart is { } named)
        {
            // One of several deals listed in the sentence: the counterpart is given, the subject is whoever signs.
            free = free.Where(p => !string.Equals(p.Name, named.Name, StringComparison.Ordinal) && !CounterpartOf(article, cues, p)
                && !cues.RolesOf(CueKind.CounterpartMarker, sentence.Start, sentence.End).Any(m => m.End <= p.Start)).ToList();
        }

        var subject = free.FirstOrDefault() ?? parties[0];
        var others = parties.Where(p => !string.Equals(p.Name, subject.Name, StringComparison.Ordinal)).ToList();
        var other = candidate.Counterpart ?? others.FirstOrDefault(p => p == source || p == recipient) ?? others.FirstOrDefault();
        // A passive needs its auxiliary too: German "von" is "from" unless "wird … von X beliefert".
        var passive = other is not null && MarkedBy(article, cues, CueKind.PassiveMarker, other)
            && cues.RolesOf(CueKind.PassiveAuxiliary, sentence.Start, sentence.End).Any();
        // The verb decides who buys; without one, a named source sells and a named recipient buys.
        var subjectBuys = verb is null
            ? subject != recipient && (subject != source || recipient is not null)
            : verb.Values.Any(v => v.Kind == CueKind.BuyerVerb);
        if (passive || (subject == recipient && !subjectBuys) || (subject == source && subjectBuys))
        {
            subjectBuys = !subjectBuys;
        }

        // "X-ке Y-нан жеткізіледі" (is delivered to X from Y): in a passive clause a named source sells.
        var passiveClause = cues.RolesOf(CueKind.PassiveAuxiliary, sentence.Start, sentence.End).Any();
        if (passiveClause && other is not null && other == source && subject != recipient)
        {
            subjectBuys = true;
        }

        // "offtake agreement", "accord": a noun says nothing of direction; how the article introduces the parties
        // ("uranium developer X", "commodity trader Y") does.
        if (verb is null && subject != recipient && subject != source)
        {
            subjectBuys = !Described(article, cues, CueKind.ProducerNoun, subject)
                && (Described(article, cues, CueKind.ConsumerNoun, subject) || other is null || !Described(article, cues, CueKind.ConsumerNoun, other));
        }

        var buyer = subjectBuys ? subject : other;
        var seller = subjectBuys ? other : subject;
        if (buyer is null || seller is null)
        {
            // A factbox lists a firm's deals under a heading naming it; a single-deal story names the counterpart
            // elsewhere: take the heading's company, else the article's other main company.
            var known = (buyer ?? seller)!;
            var counterpart = SectionHeading(article, sentence.Start) is { } heading && !EventMerger.Compatible(heading.Name, known.Name)
                ? heading
                : MainCounterpart(article, known);
            buyer ??= subjectBuys ? null : counterpart;
            seller ??= subjectBuys ? counterpart : null;
        }
        // Countries written in the clause ("from Chile", "to Japan", "australien") beat the parties' home countries.
        var countries = article.Countries.Where(c => c.Start >= candidate.SegmentStart && c.End <= candidate.SegmentEnd && !c.IsCapital).ToList();
        var to = countries.FirstOrDefault(c => MarkedBy(article, cues, CueKind.DestinationMarker, c));
        var from = countries.FirstOrDefault(c => c != to && (MarkedBy(article, cues, CueKind.SourceMarker, c) || MarkedBy(article, cues, CueKind.LocationMarker, c)));
        return candidate with
        {
            Buyer = buyer?.Name,
            Seller = seller?.Name,
            Origin = from?.Code ?? Home(article, seller, mentionedOnly: false),
            Destination = to?.Code ?? Home(article, buyer, mentionedOnly: false),
        };
    }

    private const int TargetReach = 48;

    /// <summary>
    /// The investor is the subject; the target is the company named right after an investment word ("acquire X",
    /// "stake in X", "rachat de X"); the origin is where the asset lies, else the target's home country.
    /// </summary>
    private static EventCandidate Investment(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CompanyFound> parties, List<CountryFound> countries)
    {
        var sentence = candidate.Sentence;
        // Investment words and buying verbs ("buying Australia-listed junior X") both take the target as object.
        var investmentCues = cues.Types.Where(t => sentence.Contains(t.Start) && t.Values.Any(v => v.Type == EventType.Investment))
            .Concat(cues.RolesOf(CueKind.BuyerVerb, sentence.Start, sentence.End)).ToList();
        var target = parties.Where(p => investmentCues.Any(t => t.End <= p.Start && p.Start - t.End <= TargetReach
                && !parties.Any(o => o.Start >= t.End && o.End <= p.Start && !string.Equals(o.Name, p.Name, StringComparison.Ordinal))))
            .OrderBy(p => p.Start).FirstOrDefault();
        var buyer = parties.FirstOrDefault(p => p != target && !string.Equals(p.Name, target?.Name, StringComparison.Ordinal));
        // "acquire a 15% stake in X from Y": the named source sells.
        var source = parties.FirstOrDefault(p => p != buyer && MarkedBy(article, cues, CueKind.SourceMarker, p));
        var seller = source ?? target ?? parties.FirstOrDefault(p => p != buyer && !string.Equals(p.Name, buyer?.Name, StringComparison.Ordinal));
        // Without a place in the sentence, the country the article is mostly about is where the asset lies more
        // often than the target's head office is.
        var origin = AssetCountry(article, cues, candidate, countries)
            ?? countries.FirstOrDefault(c => !c.IsCapital && !MarkedBy(article, cues, CueKind.DestinationMarker, c))?.Code
            ?? article.MainCountry
            ?? Home(article, seller, mentionedOnly: false);
        return candidate with { Buyer = buyer?.Name, Seller = seller?.Name, Origin = origin };
    }

    /// <summary>A country named as a place ("in Brazil", "au Québec, Canada", "在朝鲜"): where a mine or plant lies. Capitals are cities here.</summary>
    private static string? AssetCountry(RecognisedArticle article, ArticleCues cues, EventCandidate candidate, List<CountryFound> countries)
    {
        var limit = FigureReach(candidate);
        return countries.FirstOrDefault(c => !c.IsCapital && c.Start <= limit && (MarkedBy(article, cues, CueKind.LocationMarker, c) || FollowsAPlace(article, c)))?.Code;
    }

    /// <summary>A place written far after the figure belongs to an aside ("refined by firms, mostly in China").</summary>
    private static int FigureReach(EventCandidate candidate)
    {
        const int AfterFigure = 40;
        return candidate.Quantity is { } q ? q.End + AfterFigure : candidate.Sentence.End;
    }

    /// <summary>"Queensland, Australia", "Goiás, Brazil": a country after a comma that closes a place name.</summary>
    private static bool FollowsAPlace(RecognisedArticle article, CountryFound country)
    {
        var text = article.Text.Original;
        var i = country.Start - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i > 0 && text[i] == ',' && char.IsUpper(text[Math.Max(0, LastWordStart(text, i))]);
    }

    private static int LastWordStart(string text, int comma)
    {
        var j = comma - 1;
        while (j > 0 && char.IsLetter(text[j - 1]))
        {
            j--;
        }

        return j;
    }

    private static EventCandidate Production(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CompanyFound> parties, List<CountryFound> countries)
    {
        // The firm that sold the mine no longer produces there.
        var formerOwners = FormerOwners(article, cues);
        parties = parties.Where(p => !formerOwners.Contains(p.Name)).ToList();
        // "the Chilean producer will raise output …": a producing country points to the company based there.
        var destination = countries.FirstOrDefault(c => MarkedBy(article, cues, CueKind.DestinationMarker, c) && !MarkedBy(article, cues, CueKind.LocationMarker, c));
        var producing = countries.Where(c => c != destination && !c.IsCapital).ToList();
        var origin = AssetCountry(article, cues, candidate, producing) ?? producing.FirstOrDefault(c => c.Start <= FigureReach(candidate))?.Code;
        var producer = (origin is null ? null : parties.FirstOrDefault(p => string.Equals(p.Country, origin, StringComparison.Ordinal))
                ?? article.Companies.FirstOrDefault(c => string.Equals(c.Country, origin, StringComparison.Ordinal)))
            ?? parties.FirstOrDefault();
        // A producer named in the sentence points to its home country; one carried over from earlier sentences (the
        // company the article names most) does not: the country the article is about is more often where it mines.
        origin ??= Home(article, producer, mentionedOnly: true);
        producer ??= MostNamedBefore(article, candidate.Sentence.Start, formerOwners);
        origin ??= article.MainCountry ?? Home(article, producer, mentionedOnly: false);
        return candidate with
        {
            Seller = producer?.Name,
            Origin = origin,
            Destination = string.Equals(destination?.Code, origin, StringComparison.Ordinal) ? null : destination?.Code,
        };
    }

    /// <summary>
    /// Firms the article names as having sold an asset: the source of a sale of a mine or stake ("bought the mine from
    /// X", "у X", "Xから…鉱山を買収") or the subject of a selling verb whose object is an asset ("X sold the mine", "X a
    /// vendu la mine").
    /// </summary>
    private static HashSet<string> FormerOwners(RecognisedArticle article, ArticleCues cues)
    {
        const int AuxiliaryGap = 12;
        const int ObjectReach = 40;
        var text = article.Text.Original;
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in article.Sentences.Where(s => cues.Assets.Any(a => s.Contains(a.Start))))
        {
            var sold = cues.Types.Any(t => sentence.Contains(t.Start) && t.Values.Any(v => v.Type == EventType.Investment))
                || cues.RolesOf(CueKind.BuyerVerb, sentence.Start, sentence.End).Any();
            foreach (var company in article.Companies.Where(c => sentence.Contains(c.Start)))
            {
                var source = sold && MarkedBy(article, cues, CueKind.SourceMarker, company) && !cues.AssetAsSource(article.Text, sentence.Start, sentence.End);
                // "X sells zinc from its mine" sells the mine's output, not the mine.
                var seller = cues.RolesOf(CueKind.SellerVerb, company.End, Math.Min(sentence.End, company.End + AuxiliaryGap))
                    .Any(v => text[company.End..v.Start].All(c => char.IsLetter(c) || c == ' ')
                        && cues.Assets.Any(a => a.Start >= v.End && a.Start - v.End <= ObjectReach && a.End <= sentence.End && !cues.AssetAsSource(article.Text, a.Start, a.End)));
                if (source || seller)
                {
                    owners.Add(company.Name);
                }
            }
        }

        return owners;
    }

    private const int FewCompanies = 3;

    /// <summary>
    /// The nearest line above a position that only repeats the name of a company the article mentions ("TESLA" over
    /// "Core Lithium will supply …"): the heading of the section the sentence sits in.
    /// </summary>
    private static CompanyFound? SectionHeading(RecognisedArticle article, int position)
    {
        const int MaxHeading = 60;
        var text = article.Text.Original;
        var end = position > 0 ? text.LastIndexOf('\n', position - 1) : -1;
        while (end > 0)
        {
            var start = text.LastIndexOf('\n', end - 1) + 1;
            var line = text[start..end].Trim();
            if (line.Length is > 0 and <= MaxHeading)
            {
                var heading = article.Companies.FirstOrDefault(c => string.Equals(c.Mention.Trim(), line, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(c.Name, line, StringComparison.OrdinalIgnoreCase));
                if (heading is not null)
                {
                    return heading;
                }
            }

            end = start - 1;
        }

        return null;
    }

    private static CompanyFound? MainCounterpart(RecognisedArticle article, CompanyFound known)
    {
        var others = article.Companies.Where(c => !EventMerger.Compatible(c.Name, known.Name)).GroupBy(c => c.Name, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ToList();
        if (others.Count is > 0 and < FewCompanies)
        {
            return others[0].First();
        }

        // A story about one firm's deals ("Tesla's suppliers: …") names that firm more often than any other.
        return others.Count > 0 && others[0].Count() > 1 && others.Skip(1).All(g => g.Count() < others[0].Count()) ? others[0].First() : null;
    }

    private static EventCandidate Trade(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CompanyFound> parties, List<CountryFound> countries)
    {
        var imports = candidate.Quantity?.Kind == QuantityKind.Import;
        var inSegment = countries.Where(c => c.Start >= candidate.SegmentStart && c.End <= candidate.SegmentEnd).ToList();
        var fromCountry = inSegment.FirstOrDefault(c => MarkedBy(article, cues, CueKind.SourceMarker, c));
        var toCountry = inSegment.FirstOrDefault(c => MarkedBy(article, cues, CueKind.DestinationMarker, c) && c != fromCountry);
        bool Unmarked(CountryFound c) => !MarkedBy(article, cues, CueKind.SourceMarker, c) && !MarkedBy(article, cues, CueKind.DestinationMarker, c);
        // "Japan imported 205 kt … and South Korea 118 kt": the trading country is written nearest before its figure.
        var figure = candidate.Quantity?.Start ?? candidate.Sentence.End;
        var unmarked = inSegment.LastOrDefault(c => c.End <= figure && Unmarked(c)) ?? inSegment.FirstOrDefault(Unmarked) ?? countries.FirstOrDefault(Unmarked);
        // "imported 205 kt of Kazakh ferrochrome": a country word right after an imported figure is its source.
        const int OfReach = 40;
        var described = imports && candidate.Quantity is { } q
            ? countries.FirstOrDefault(c => c.Start >= q.End && c.Start - q.End <= OfReach && c != unmarked && Unmarked(c))
            : null;
        var fallback = string.Equals(article.MainCountry, toCountry?.Code, StringComparison.Ordinal) ? null : article.MainCountry;
        var origin = fromCountry?.Code ?? described?.Code ?? (imports ? null : unmarked?.Code ?? fallback);
        var destination = toCountry?.Code ?? (imports ? unmarked?.Code : null);
        // "Vale exported 78 Mt": an exporting company's home country is the origin.
        origin ??= imports ? null : article.Companies.FirstOrDefault(c => candidate.Sentence.Contains(c.Start))?.Country;
        if (string.Equals(origin, destination, StringComparison.Ordinal))
        {
            destination = imports ? destination : null;
            origin = imports ? null : origin;
        }

        // A company that ships the figure is its seller; an importing one is its buyer. A company marked as the source
        // ("X は Y から輸入") sells to the importer, one marked as the destination buys from the exporter.
        var source = parties.FirstOrDefault(p => MarkedBy(article, cues, CueKind.SourceMarker, p));
        var target = parties.FirstOrDefault(p => p != source && MarkedBy(article, cues, CueKind.DestinationMarker, p));
        var company = parties.FirstOrDefault(p => p != source && p != target);
        return candidate with
        {
            Origin = origin,
            Destination = destination,
            Seller = imports ? source?.Name : (company ?? source)?.Name,
            Buyer = imports ? (company ?? target)?.Name : target?.Name,
        };
    }

    private static EventCandidate Restriction(EventCandidate candidate, RecognisedArticle article, ArticleCues cues, List<CountryFound> countries)
    {
        // The country that opens the sentence is the one restricting, even after an article that doubles as a marker.
        var destination = countries.Skip(countries.Count > 1 ? 1 : 0).FirstOrDefault(c => MarkedBy(article, cues, CueKind.DestinationMarker, c));
        var origin = countries.FirstOrDefault(c => c != destination && !MarkedBy(article, cues, CueKind.SourceMarker, c));
        var originCode = origin?.Code ?? article.MainCountry;
        return candidate with { Origin = originCode, Destination = destination?.Code != originCode ? destination?.Code : null };
    }

    private const int CounterpartReach = 40;

    /// <summary>Whether "with"/"avec"/"-мен" introduces the party: right before it (allowing a short noun phrase) or as its suffix.</summary>
    private static bool CounterpartOf(RecognisedArticle article, ArticleCues cues, CompanyFound party)
    {
        var text = article.Text.Original;
        foreach (var marker in cues.Roles.Where(r => r.Values.Any(v => v.Kind == CueKind.CounterpartMarker)))
        {
            if (IsSuffixMarker(text[marker.Start]))
            {
                if (marker.Start >= party.End && marker.Start - party.End <= 1)
                {
                    return true;
                }

                continue;
            }

            if (marker.End <= party.Start && party.Start - marker.End <= CounterpartReach
                && !article.Companies.Any(c => c.Start >= marker.End && c.End <= party.Start)
                && !text[marker.End..party.Start].Contains(',', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a marker of the given kind stands right before the mention (or, for suffix markers, ends it or follows it).</summary>
    private static bool MarkedBy(RecognisedArticle article, ArticleCues cues, CueKind kind, ISpan mention)
    {
        var text = article.Text.Original;
        // Kana particles (から, によって, に) and Kazakh case suffixes (АҚ-ға) follow their noun, so one ending right
        // before a mention belongs to the word before.
        return cues.EndingBefore(kind, mention.Start, MarkerGap).Any(m => text[m.End..mention.Start].Trim().Length == 0 && !Text.Scripts.IsKana(text[m.Start]) && text[m.Start] != '-')
            || cues.StartingAfter(kind, mention.End, 1).Any(m => IsSuffixMarker(text[m.Start]))
            || cues.EndsWithSuffix(kind, article.Text, mention);
    }

    /// <summary>
    /// Whether a case suffix or a kana particle written after the mention marks it as source or recipient. A Han
    /// marker after a name opens the next phrase instead (托克将从力拓: 从 marks 力拓, not 托克).
    /// </summary>
    private static bool SuffixMarked(RecognisedArticle article, ArticleCues cues, ISpan mention) =>
        new[] { CueKind.SourceMarker, CueKind.DestinationMarker }.Any(kind =>
            cues.StartingAfter(kind, mention.End, 1).Any(m => Text.Scripts.IsKana(article.Text.Original[m.Start]) || article.Text.Original[m.Start] == '-')
            || cues.EndsWithSuffix(kind, article.Text, mention));

    /// <summary>Markers written after their noun: CJK particles (から, 向け) and Kazakh case suffixes (-нан, -мен).</summary>
    private static bool IsSuffixMarker(char c) => Text.Scripts.IsCjk(c) || c == '-';

    private static List<CompanyFound> DistinctByName(IEnumerable<CompanyFound> companies) =>
        companies.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
}
