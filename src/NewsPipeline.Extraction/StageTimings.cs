using System.Diagnostics;

namespace NewsPipeline.Extraction;

/// <summary>
/// Time spent in each stage of <see cref="ArticleAnalyzer"/>, summed over every article analysed with it
/// (for <c>bench extract</c>, so a speed report can say where the time goes). Not thread-safe: one per thread.
/// </summary>
public sealed class StageTimings
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, long> ticks = new(StringComparer.Ordinal);

    /// <summary>Each stage in the order it first ran, with its summed elapsed time.</summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> Stages =>
        order.Select(s => KeyValuePair.Create(s, Stopwatch.GetElapsedTime(0, ticks[s]))).ToList();

    internal void Add(string stage, long elapsedTicks)
    {
        if (!ticks.TryGetValue(stage, out var total))
        {
            order.Add(stage);
        }

        ticks[stage] = total + elapsedTicks;
    }
}

/// <summary>Laps of one analysis: each <see cref="Lap"/> charges the time since the previous lap to a stage.</summary>
internal struct StageClock(StageTimings? timings)
{
    private long last = timings is null ? 0 : Stopwatch.GetTimestamp();

    public void Lap(string stage)
    {
        if (timings is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        timings.Add(stage, now - last);
        last = now;
    }
}
