using System.Diagnostics;

namespace NewsPipeline.Cli.Bench;

/// <summary>Wall-clock latency of one operation over repeated runs, after warm-up runs that are not counted.</summary>
internal static class LatencyProbe
{
    /// <summary>Wall-clock percentiles, and the mean CPU time per run (what the query costs when the machine is busy with others).</summary>
    public sealed record Result(string Label, double P50Milliseconds, double P99Milliseconds, double MeanCpuMilliseconds, long Hits);

    public static async Task<Result> MeasureAsync(string label, int runs, Func<Task<long>> operation)
    {
        long hits = 0;
        for (var i = 0; i < 3; i++)
        {
            hits = await operation();
        }

        var samples = new double[runs];
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        Array.Sort(samples);
        return new Result(label, Percentile(samples, 0.50), Percentile(samples, 0.99), cpu, hits);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
