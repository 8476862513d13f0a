using System.Globalization;
using LiteDB;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>The store's own <see cref="BsonMapper"/>: never the process-wide global one.</summary>
internal static class StoreMapper
{
    private const string InstantFormat = "O";

    public static BsonMapper Create()
    {
        var mapper = new BsonMapper
        {
            // The defaults trim strings and turn "" into null, which would alter article text and evidence.
            TrimWhitespace = false,
            EmptyStringToNull = false,
            EnumAsInteger = false,
        };
        mapper.UseCamelCase();

        // LiteDB's DateTime keeps milliseconds and no offset. Instants are stored as UTC ISO 8601 with all seven
        // fractional digits ("2026-03-12T09:05:33.1234567+00:00"): exact, readable, and fixed-width so they sort.
        mapper.RegisterType(
            serialize: (DateTimeOffset instant) => new BsonValue(instant.ToUniversalTime().ToString(InstantFormat, CultureInfo.InvariantCulture)),
            deserialize: value => DateTimeOffset.ParseExact(value.AsString, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.None));
        return mapper;
    }
}
