using LiteDB;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>The store's own <see cref="BsonMapper"/>: never the process-wide global one.</summary>
internal static class StoreMapper
{
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
        return mapper;
    }
}
