using Xunit;

namespace NewsPipeline.TestSupport;

/// <summary>The store backends that tests through the store interfaces run against.</summary>
public enum StoreBackend
{
    LiteDb,
    Postgres,
}

public static class StoreBackends
{
    /// <summary>For <c>[MemberData]</c>: each test once per backend; the PostgreSQL case skips without a server (see <see cref="PostgresDatabase"/>).</summary>
    public static TheoryData<StoreBackend> Both => new() { StoreBackend.LiteDb, StoreBackend.Postgres };
}
