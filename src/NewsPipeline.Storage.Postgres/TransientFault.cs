using Npgsql;

namespace NewsPipeline.Storage.Postgres;

/// <summary>Failures after which running the same transaction again can succeed.</summary>
internal static class TransientFault
{
    public static bool Is(NpgsqlException exception) => exception switch
    {
        PostgresException server => server.SqlState switch
        {
            "40001" or "40P01" => true, // serialization failure, deadlock: the other transaction won
            "57P01" or "57P02" or "57P03" => true, // the backend was terminated or the server is restarting
            "53300" => true, // too many connections, for now
            { } state when state.StartsWith("08", StringComparison.Ordinal) => true, // connection exception
            _ => server.IsTransient,
        },

        // No server answer at all: the connection broke (I/O, timeout) before or while talking to it.
        _ => exception.IsTransient || exception.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException,
    };

    public static string Describe(NpgsqlException exception) => exception is PostgresException server
        ? $"{server.MessageText} (SQLSTATE {server.SqlState})"
        : exception.Message;
}
