using System.CommandLine;
using NewsPipeline.Cli.Hosting;
using NewsPipeline.Storage;
using NewsPipeline.Storage.Postgres.Schema;
using Npgsql;

namespace NewsPipeline.Cli.Commands;

/// <summary>
/// Wraps a command's body with the contract of DESIGN §4: diagnostics on stderr, exit 2 for usage
/// problems, 1 for runtime failures, and Ctrl+C honoured through the token.
/// </summary>
internal static class CommandRunner
{
    public static void SetBody(Command command, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (Exception ex) when (ex is UsageException or ConfigurationException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Usage;
            }
            catch (StoreLockedException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Failure;
            }
            catch (SchemaMigrationException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Failure;
            }
            catch (NpgsqlException ex)
            {
                // An unreachable server, a refused login, a missing database: one line, no stack trace. Npgsql's
                // messages name host and database but never the password.
                await Console.Error.WriteLineAsync("error: PostgreSQL: " + ex.Message + (ex.InnerException is { } inner ? " (" + inner.Message + ")" : ""));
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("cancelled");
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Disk full, a read-only folder, a vanished file: the user can act on the message alone.
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Failure;
            }
        });
    }
}
