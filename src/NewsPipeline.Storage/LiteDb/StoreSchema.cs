using System.Globalization;
using LiteDB;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>Collections, indexes and connection settings of the LiteDB file.</summary>
internal static class StoreSchema
{
    public const string Feeds = "feeds";
    public const string Articles = "articles";
    public const string Events = "events";

    public static ConnectionString ConnectionString(string path) => new()
    {
        Filename = path,
        // Direct: this process alone opens the file (StoreLock enforces it); Shared mode does not make sharing safe.
        Connection = ConnectionType.Direct,
        // URLs, hashes and ids differ by case; the default collation ignores case. Applies when the file is created.
        Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
    };

    /// <summary>
    /// Creates any missing index. Run at every open: an index whose build was interrupted by a crash is missing
    /// on reopen. Never <c>Rebuild()</c>: on LiteDB 5.0.21 it fails ("Detected loop in FindAll") on larger files.
    /// </summary>
    public static void EnsureIndexes(LiteDatabase database)
    {
        var articles = database.GetCollection(Articles);
        articles.EnsureIndex("canonicalKey", "$.canonicalKey", unique: true);
        articles.EnsureIndex("contentHash", "$.contentHash");

        var events = database.GetCollection(Events);
        foreach (var field in new[] { "articleId", "metal", "type", "buyerKey", "sellerKey", "origin", "destination", "start", "tonnes", "whenFrom", "whenTo", "sortKey" })
        {
            events.EnsureIndex(field, "$." + field);
        }

        events.EnsureIndex("storyKeys", "$.storyKeys[*]");
    }

    public static BsonExpression HasCanonicalKey(string key) => BsonExpression.Create("$.canonicalKey = @0", new BsonValue(key));

    public static BsonExpression HasStoryKey(string key) => BsonExpression.Create("$.storyKeys[*] ANY = @0", new BsonValue(key));

    public static BsonExpression HasContentHash(string hash) => BsonExpression.Create("$.contentHash = @0", new BsonValue(hash));
}
