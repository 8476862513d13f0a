using System.Diagnostics;

namespace NewsPipeline.Cli.Bench;

/// <summary>Wall-clock latency of one operation over repeated runs, after warm-up runs that are not counted.</summary>
internal static class LatencyProbe
{
    /// <summary>Wall-clock percentiles, and the mean CPU time per run (what the query costs when the machine is busy with others).</summary>
    public sealed record Result(string Label, double P50Milliseconds, double P99Milliseconds, double MeanCpuMilliseconds, long Hits, int Runs);

    /// <summary>
    /// Times <paramref name="runs"/> runs after three warm-up runs. With a <paramref name="budget"/>, warming up stops
    /// once a quarter of it is spent and timing once all of it is (at least one run each), so that one slow query
    /// cannot hold a large benchmark for hours; <see cref="Result.Runs"/> says how many runs were timed.
    /// </summary>
    public static async Task<Result> MeasureAsync(string label, int runs, TimeSpan? budget, Func<Task<long>> operation)
    {
        long hits = 0;
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 3 && (i == 0 || budget is null || warmUp.Elapsed < budget / 4); i++)
        {
            hits = await operation();
        }

        var samples = new List<double>(runs);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var timing = Stopwatch.StartNew();
        while (samples.Count < runs && (samples.Count == 0 || budget is null || timing.Elapsed < budget))
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / samples.Count;
        var sorted = samples.Order().ToArray();
        return new Result(label, Percentile(sorted, 0.50), Percentile(sorted, 0.99), cpu, hits, sorted.Length);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
