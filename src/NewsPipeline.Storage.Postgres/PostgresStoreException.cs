namespace NewsPipeline.Storage.Postgres;

/// <summary>A store operation failed in PostgreSQL; the message names the article or row and says what was kept.</summary>
public sealed class PostgresStoreException(string message, Exception inner) : Exception(message, inner);
