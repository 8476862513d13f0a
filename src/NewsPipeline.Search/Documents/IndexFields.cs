namespace NewsPipeline.Search.Documents;

/// <summary>Field names of the index. Keyword fields are indexed (for filters) and carry doc values (for sorts and facets).</summary>
internal static class IndexFields
{
    /// <summary>"event" or "article": both live in one index so that a full-text event query can join on article ids.</summary>
    public const string Kind = "kind";
    public const string EventKind = "event";
    public const string ArticleKind = "article";

    public const string Id = "id";

    /// <summary>Kind and id ("event:…", "article:…"): the unique key documents are replaced by.</summary>
    public const string Key = "key";
    public const string ArticleId = "article_id";
    public const string Metal = "metal";
    public const string Type = "type";
    public const string Status = "status";
    public const string Origin = "origin";
    public const string Destination = "destination";
    public const string Language = "language";
    public const string Feed = "feed";
    public const string Buyer = "buyer";
    public const string Seller = "seller";
    public const string Month = "month";

    /// <summary>Folded buyer and seller names, whole (exact alias resolution).</summary>
    public const string Party = "party";

    /// <summary>Buyer and seller names cut into words (a phrase of a name matches "Mitsubishi Corporation RtM Japan").</summary>
    public const string PartyWords = "party_words";

    /// <summary>Tonnes, indexed for range filters (absent when the event states none).</summary>
    public const string Tonnes = "tonnes";

    /// <summary>Tonnes for the descending sort: absent tonnage is -1 so it comes last.</summary>
    public const string TonnesDescKey = "tonnes_desc_key";

    /// <summary>Tonnes for the ascending sort: absent tonnage is the largest double so it comes last.</summary>
    public const string TonnesAscKey = "tonnes_asc_key";

    /// <summary>How many articles reported the deal: indexed for the min_sources filter, doc values for its sort.</summary>
    public const string SourceCount = "source_count";

    /// <summary>First day of the event period as yyyymmdd, 0 when undated: the date sort key.</summary>
    public const string DateKey = "date_key";
    public const string PeriodFrom = "period_from";
    public const string PeriodTo = "period_to";
    public const string PublishedDay = "published_day";

    /// <summary>The event row as JSON, returned with hits.</summary>
    public const string Row = "row";

    // Article documents.
    public const string Title = "title";
    public const string Url = "url";
    public const string Published = "published";
    public const string Body = "body";
}
