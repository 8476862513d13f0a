using System.CommandLine;
using System.Globalization;

namespace NewsPipeline.Cli.Commands;

/// <summary>Options that take a duration: "250ms", "10s", "2m", "1h", or a TimeSpan ("00:01:30").</summary>
internal static class DurationOption
{
    public static Option<TimeSpan?> Create(string name, string description) => new(name)
    {
        Description = description + " (250ms, 10s, 2m, 1h or hh:mm:ss)",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Parse(text) is { } duration)
            {
                return duration;
            }

            result.AddError($"{name}: '{text}' is not a duration (250ms, 10s, 2m, 1h or hh:mm:ss).");
            return null;
        },
    };

    public static TimeSpan? Parse(string text)
    {
        var trimmed = text.Trim();
        foreach (var (suffix, unit) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0 && double.IsFinite(amount))
            {
                return unit * amount;
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    // Longest suffix first, so "ms" is not read as minutes.
    private static readonly (string Suffix, TimeSpan Unit)[] Units =
        [("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1))];
}
