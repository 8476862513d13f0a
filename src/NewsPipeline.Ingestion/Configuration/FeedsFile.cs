using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cronos;
using NewsPipeline.Core.Feeds;

namespace NewsPipeline.Ingestion.Configuration;

/// <summary>feeds.json could not be used; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class FeedsFileException : Exception
{
    public FeedsFileException(string source, IReadOnlyList<string> errors)
        : base($"{source} has {errors.Count} error(s):" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    public FeedsFileException()
        : this("feeds.json", [])
    {
    }

    public FeedsFileException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public FeedsFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; } = [];
}

/// <summary>
/// Loads and validates feeds.json:
/// <c>{"defaults":{"interval":"00:30:00","minInterval":"00:10:00","maxInterval":"06:00:00"},
/// "feeds":[{"name":"…","url":"https://…","language":"ru","interval":"01:00:00","cron":"0 6,18 * * 1-5"}]}</c>.
/// Names are unique and non-empty, URLs absolute http(s), languages 2–3 lower-case letters, durations "hh:mm:ss" or
/// "d.hh:mm:ss" of at least a minute with minInterval ≤ interval ≤ maxInterval (a feed's own values win over the
/// defaults), cron a 5-field expression evaluated in UTC. Unknown properties are errors so that typos do not pass.
/// </summary>
public static partial class FeedsFile
{
    public static readonly TimeSpan BuiltInInterval = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    private static readonly HashSet<string> RootProperties = new(StringComparer.Ordinal) { "defaults", "feeds" };
    private static readonly HashSet<string> DefaultsProperties = new(StringComparer.Ordinal) { "interval", "minInterval", "maxInterval" };
    private static readonly HashSet<string> FeedProperties = new(StringComparer.Ordinal) { "name", "url", "language", "interval", "minInterval", "maxInterval", "cron" };

    public static async Task<IReadOnlyList<FeedDefinition>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FeedsFileException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>The validated feeds, or a <see cref="FeedsFileException"/> carrying every error.</summary>
    public static IReadOnlyList<FeedDefinition> Parse(string json, string source = "feeds.json")
    {
        var errors = new List<string>();
        var feeds = new List<FeedDefinition>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            ReadRoot(document.RootElement, feeds, errors);
        }
        catch (JsonException e)
        {
            errors.Add($"not valid JSON: {e.Message}");
        }

        if (errors.Count > 0)
        {
            throw new FeedsFileException(source, errors);
        }

        return feeds;
    }

    private static void ReadRoot(JsonElement root, List<FeedDefinition> feeds, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$: the file must hold a JSON object with \"feeds\"");
            return;
        }

        RejectUnknown(root, "$", RootProperties, errors);
        var defaultInterval = new Durations(BuiltInInterval, null, null);
        if (root.TryGetProperty("defaults", out var defaults))
        {
            if (defaults.ValueKind == JsonValueKind.Object)
            {
                RejectUnknown(defaults, "$.defaults", DefaultsProperties, errors);
                defaultInterval = new Durations(
                    ReadDuration(defaults, "$.defaults", "interval", errors) ?? BuiltInInterval,
                    ReadDuration(defaults, "$.defaults", "minInterval", errors),
                    ReadDuration(defaults, "$.defaults", "maxInterval", errors));
            }
            else
            {
                errors.Add("$.defaults: must be an object");
            }
        }

        if (!root.TryGetProperty("feeds", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("$.feeds: required, must be an array of feeds");
            return;
        }

        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            if (ReadFeed(entry, $"$.feeds[{index}]", defaultInterval, names, index, errors) is { } feed)
            {
                feeds.Add(feed);
            }

            index++;
        }

        if (index == 0)
        {
            errors.Add("$.feeds: the list is empty; add at least one feed");
        }
    }

    private static FeedDefinition? ReadFeed(JsonElement entry, string path, Durations defaults, Dictionary<string, int> names, int index, List<string> errors)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: must be an object");
            return null;
        }

        var before = errors.Count;
        RejectUnknown(entry, path, FeedProperties, errors);
        var name = ReadString(entry, path, "name", errors)?.Trim();
        if (name is not null)
        {
            if (name.Length == 0)
            {
                errors.Add($"{path}.name: must not be empty");
            }
            else if (!names.TryAdd(name, index))
            {
                errors.Add($"{path}.name: \"{name}\" is already used by $.feeds[{names[name]}]");
            }
        }

        var urlText = ReadString(entry, path, "url", errors);
        Uri? url = null;
        if (urlText is not null && (!Uri.TryCreate(urlText.Trim(), UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{path}.url: \"{urlText}\" is not an absolute http or https URL");
        }

        var language = ReadString(entry, path, "language", errors);
        if (language is not null && !LanguageCode().IsMatch(language))
        {
            errors.Add($"{path}.language: \"{language}\" is not a 2–3 letter lower-case language code (such as \"ru\" or \"kk\")");
        }

        var interval = ReadDuration(entry, path, "interval", errors) ?? defaults.Interval;
        var floor = ReadDuration(entry, path, "minInterval", errors) ?? defaults.Floor;
        var ceiling = ReadDuration(entry, path, "maxInterval", errors) ?? defaults.Ceiling;
        var cron = ReadCron(entry, path, errors);

        // Built even when another field failed, so the floor/ceiling rule is checked in the same pass; returned only without errors.
        var feed = new FeedDefinition(name ?? string.Empty, url ?? new Uri("http://invalid/"), language ?? string.Empty, interval, floor, ceiling, cron);
        if (feed.Floor > feed.Interval || feed.Interval > feed.Ceiling)
        {
            errors.Add($"{path}: minInterval ≤ interval ≤ maxInterval does not hold ({feed.Floor} ≤ {feed.Interval} ≤ {feed.Ceiling})");
        }

        return errors.Count == before ? feed : null;
    }

    private static string? ReadCron(JsonElement entry, string path, List<string> errors)
    {
        if (!entry.TryGetProperty("cron", out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
        try
        {
            CronExpression.Parse(text ?? throw new CronFormatException("must be a string"), CronFormat.Standard);
            return text;
        }
        catch (CronFormatException e)
        {
            errors.Add($"{path}.cron: {value.GetRawText()} is not a 5-field cron expression (minute hour day-of-month month day-of-week): {e.Message}");
            return null;
        }
    }

    private static string? ReadString(JsonElement entry, string path, string property, List<string> errors)
    {
        if (!entry.TryGetProperty(property, out var value))
        {
            errors.Add($"{path}.{property}: required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}.{property}: must be a string");
            return null;
        }

        return value.GetString();
    }

    private static TimeSpan? ReadDuration(JsonElement entry, string path, string property, List<string> errors)
    {
        if (!entry.TryGetProperty(property, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String
            || !TimeSpan.TryParseExact(value.GetString(), [@"hh\:mm\:ss", @"d\.hh\:mm\:ss"], CultureInfo.InvariantCulture, out var interval))
        {
            errors.Add($"{path}.{property}: {value.GetRawText()} is not a duration \"hh:mm:ss\"");
            return null;
        }

        if (interval < MinimumInterval)
        {
            errors.Add($"{path}.{property}: {interval} is shorter than the minimum of {MinimumInterval}");
            return null;
        }

        return interval;
    }

    /// <summary>The durations a feed inherits from "defaults" (floor and ceiling null: the feed's own rule applies).</summary>
    private sealed record Durations(TimeSpan Interval, TimeSpan? Floor, TimeSpan? Ceiling);

    private static void RejectUnknown(JsonElement element, string path, HashSet<string> known, List<string> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors.Add($"{path}.{property.Name}: unknown property (expected one of {string.Join(", ", known)})");
            }
        }
    }

    [GeneratedRegex("^[a-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();
}
