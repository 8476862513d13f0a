using System.Text.Json;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Feeds;
using NewsPipeline.Core.Json;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Stories;
using Npgsql;
using NpgsqlTypes;

namespace NewsPipeline.Storage.Postgres;

/// <summary>
/// Core records to table rows and back. A row's <c>record</c> column holds the record as <see cref="RecordJson"/>
/// writes it (exact: seven fractional digits and the offset of every instant, shortest round-trip doubles), and the
/// other columns are what SQL filters, joins, orders or keeps unique, derived by <see cref="StoreKeys"/>.
/// </summary>
internal static class StoreRows
{
    public static string Json<T>(T record) => JsonSerializer.Serialize(record, RecordJson.Options);

    public static T Read<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, RecordJson.Options)
        ?? throw new InvalidDataException($"{what} is stored as JSON null.");

    /// <summary>The DESIGN §3 spelling of an enum value ("supply_agreement"), as the JSON of the records has it.</summary>
    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, RecordJson.Options).Trim('"');

    /// <summary>
    /// An event as stored, and as the LiteDB store returns it too: the deal's metal and countries in their key
    /// spelling (each source keeps its own as reported), its sources listed (a fresh report is its own first
    /// source) and its history present.
    /// </summary>
    public static StoredEvent Normalise(StoredEvent stored) => stored with
    {
        Event = stored.Event with
        {
            Metal = StoreKeys.MetalKey(stored.Event.Metal),
            Origin = StoreKeys.CountryKey(stored.Event.Origin),
            Destination = StoreKeys.CountryKey(stored.Event.Destination),
        },
        Sources = StorySignature.StoredSources(stored),
        History = stored.History ?? [],
    };

    public static void AddFeed(NpgsqlParameterCollection p, FeedState state)
    {
        p.Add(Text(state.FeedName));
        p.Add(Instant(state.NextPoll));
        p.Add(Jsonb(Json(state)));
    }

    /// <summary>Parameters $1…$8 of an article row; the record carries the content hash it is filed under.</summary>
    public static void AddArticle(NpgsqlParameterCollection p, StoredArticle article)
    {
        var filed = article with { ContentHash = StoreKeys.ContentHashOf(article) };
        p.Add(Text(filed.Id));
        p.Add(Text(StoreKeys.CanonicalKey(filed.CanonicalUrl)));
        p.Add(Text(filed.ContentHash));
        p.Add(Text(filed.FeedName));
        p.Add(Text(filed.Language));
        p.Add(Instant(filed.Published));
        p.Add(Instant(filed.FetchedAt));
        p.Add(Jsonb(Json(filed)));
    }

    public const string ArticleColumns = "id, canonical_key, content_hash, feed_name, language, published, fetched_at, record";

    /// <summary>Parameters $1…$19 of an event row (see <see cref="EventColumns"/>), filed under <paramref name="storyKeys"/>.</summary>
    public static void AddEvent(NpgsqlParameterCollection p, StoredEvent stored, IReadOnlyList<string> storyKeys)
    {
        var row = Normalise(stored);
        var e = row.Event;
        var when = EventWhen.Of(e.Start, row.ArticlePublished);
        p.Add(Text(row.Id));
        p.Add(Text(row.ArticleId));
        p.Add(Text(WireName(e.Type)));
        p.Add(OptionalText(StoreKeys.MetalKey(e.Metal)));
        p.Add(Text(StoreKeys.CompanyKey(e.Buyer)));
        p.Add(Text(StoreKeys.CompanyKey(e.Seller)));
        p.Add(new NpgsqlParameter<double?> { NpgsqlDbType = NpgsqlDbType.Double, TypedValue = e.Tonnes });
        p.Add(OptionalText(StoreKeys.CountryKey(e.Origin)));
        p.Add(OptionalText(StoreKeys.CountryKey(e.Destination)));
        p.Add(Text(WireName(e.Status)));
        p.Add(Text(row.Language));
        p.Add(Day(when?.From));
        p.Add(Day(when?.To));
        p.Add(Text(StoreKeys.SortKey(row)));
        p.Add(Text(StoreKeys.SearchText(row)));
        p.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = row.SourceCount });
        p.Add(TextArray(storyKeys.Distinct(StringComparer.Ordinal).ToArray()));
        p.Add(Instant(row.StoredAt));
        p.Add(Jsonb(Json(row)));
    }

    public const string EventColumns =
        "id, article_id, type, metal, buyer_key, seller_key, tonnes, origin, destination, status, language, " +
        "when_from, when_to, sort_key, search_text, source_count, story_keys, stored_at, record";

    /// <summary>Parameters $1…$9 of an outbox row.</summary>
    public static void AddDelivery(NpgsqlParameterCollection p, AlertDelivery delivery)
    {
        p.Add(Text(delivery.Id));
        p.Add(Text(delivery.AlertId));
        p.Add(Text(delivery.Subscription));
        p.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = delivery.Channel });
        p.Add(Text(delivery.Event.Id));
        p.Add(Text(WireName(delivery.State)));
        p.Add(Instant(delivery.DueAt));
        p.Add(Instant(delivery.CreatedAt));
        p.Add(Jsonb(Json(delivery)));
    }

    public const string DeliveryColumns = "id, alert_id, subscription, channel, event_id, state, due_at, created_at, record";

    public static NpgsqlParameter Text(string value) => new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    public static NpgsqlParameter OptionalText(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter TextArray(string[] values) =>
        new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = values };

    public static NpgsqlParameter BooleanArray(bool[] values) =>
        new NpgsqlParameter<bool[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean, TypedValue = values };

    public static NpgsqlParameter Jsonb(string json) => new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Jsonb, TypedValue = json };

    public static NpgsqlParameter Integer(int value) => new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = value };

    public static NpgsqlParameter Number(double value) => new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double, TypedValue = value };

    /// <summary>An instant for a <c>timestamptz</c> column: Npgsql writes only UTC offsets, so it is converted first.</summary>
    public static NpgsqlParameter Instant(DateTimeOffset instant) =>
        new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = instant.ToUniversalTime() };

    public static NpgsqlParameter Instant(DateTimeOffset? instant) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = instant is { } present ? present.ToUniversalTime() : DBNull.Value };

    public static NpgsqlParameter Day(DateOnly? day) =>
        new() { NpgsqlDbType = NpgsqlDbType.Date, Value = day is { } present ? present : DBNull.Value };
}
