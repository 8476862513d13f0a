namespace NewsPipeline.Cli.Commands;

/// <summary>DESIGN §4 exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>A usage problem found after parsing (e.g. a missing file); reported with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
