using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace NewsPipeline.TestSupport;

/// <summary>
/// A writer child process for crash tests: `dotnet HELPER.dll ARGS…` prints "ready PID", then one line per durable
/// write; the test reads a number of acknowledgements and kills the process tree (SIGKILL on Unix).
/// </summary>
public static class CrashHelperProcess
{
    /// <summary>
    /// Starts the helper, runs <paramref name="whileRunning"/> once it is ready, kills it after
    /// <paramref name="acksBeforeKill"/> acknowledgements and returns every acknowledged id, those printed between
    /// the last read and the kill included (a torn last line does not count).
    /// </summary>
    public static async Task<List<string>> AcknowledgedUntilKilledAsync(
        string helperDll, IReadOnlyList<string> arguments, Regex ackLine, int acksBeforeKill, Action<int>? whileRunning, CancellationToken cancellationToken)
    {
        using var child = Start(helperDll, arguments);
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        child.BeginErrorReadLine();
        var acknowledged = new List<string>();
        try
        {
            var ready = await child.StandardOutput.ReadLineAsync(cancellationToken);
            Assert.True(ready == $"ready {child.Id}", $"The crash helper did not start: {ready} {errors}");
            whileRunning?.Invoke(child.Id);
            while (acknowledged.Count < acksBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync(cancellationToken);
                Assert.True(line is not null, $"The crash helper stopped on its own: {errors}");
                acknowledged.Add(Ack(ackLine, line) ?? throw new InvalidOperationException($"Unexpected helper output: {line}"));
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync(cancellationToken);
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } rest)
        {
            if (Ack(ackLine, rest) is { } id)
            {
                acknowledged.Add(id);
            }
        }

        return acknowledged;
    }

    private static string? Ack(Regex ackLine, string line) => ackLine.Match(line) is { Success: true } match ? match.Groups[1].Value : null;

    private static Process Start(string helperDll, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, helperDll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash helper.");
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }
}
