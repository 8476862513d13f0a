using System.Text.Json.Serialization;
using NewsPipeline.Core.Extraction;

namespace NewsPipeline.Core.Alerts;

/// <summary>Which country field of an event a rule's countries are compared with.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CountryRole>))]
public enum CountryRole
{
    [JsonStringEnumMemberName("either")] Either,
    [JsonStringEnumMemberName("origin")] Origin,
    [JsonStringEnumMemberName("destination")] Destination,
}

/// <summary>Send each alert as soon as it is stored, or gather a period's alerts into one message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertMode>))]
public enum AlertMode
{
    [JsonStringEnumMemberName("immediate")] Immediate,
    [JsonStringEnumMemberName("digest")] Digest,
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertChannelKind>))]
public enum AlertChannelKind
{
    [JsonStringEnumMemberName("webhook")] Webhook,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("atom")] Atom,
    [JsonStringEnumMemberName("console")] Console,
}

/// <summary>The JSON body a webhook receives: our own payload, or a Slack or Teams incoming-webhook message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookTemplate>))]
public enum WebhookTemplate
{
    [JsonStringEnumMemberName("raw")] Raw,
    [JsonStringEnumMemberName("slack")] Slack,
    [JsonStringEnumMemberName("teams")] Teams,
}

/// <summary>How the SMTP connection is secured.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SmtpSecurity>))]
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it, plain otherwise.</summary>
    [JsonStringEnumMemberName("starttls_when_available")] StartTlsWhenAvailable,
    /// <summary>STARTTLS required: a server that does not offer it is a delivery failure.</summary>
    [JsonStringEnumMemberName("starttls")] StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    [JsonStringEnumMemberName("tls")] Tls,
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>
/// What a subscriber cares about. Every list left empty means "any"; a filled list matches when one of its
/// entries does, and every filled field must match.
/// </summary>
public sealed record AlertRule
{
    public IReadOnlyList<EventType> Types { get; init; } = [];

    public IReadOnlyList<EventStatus> Statuses { get; init; } = [];

    /// <summary>Canonical metal names ("gallium") or groups ("rare earths"): a group also matches its members.</summary>
    public IReadOnlyList<string> Metals { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes, compared with <see cref="CountryRole"/>.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public CountryRole CountryRole { get; init; } = CountryRole.Either;

    /// <summary>Canonical company names (aliases are resolved when the subscription is added), compared with buyer and seller.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    public double? MinTonnes { get; init; }

    /// <summary>Words or phrases, any of which must occur in the summary, evidence or a source title (case-insensitive).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Languages (ISO 639-1) of at least one report.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
}

/// <summary>SMTP settings of an e-mail channel.</summary>
public sealed record SmtpSettings
{
    public string Host { get; init; } = "localhost";

    public int Port { get; init; } = 25;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTlsWhenAvailable;

    public string From { get; init; } = "newspipeline@localhost";

    public string? User { get; init; }

    /// <summary>Name of an environment variable holding the password, so that no secret is stored in the database.</summary>
    public string? PasswordVariable { get; init; }
}

/// <summary>One way of delivering a subscription's alerts. Only the fields of its <see cref="Kind"/> are used.</summary>
public sealed record AlertChannel
{
    public AlertChannelKind Kind { get; init; }

    public string? Url { get; init; }

    /// <summary>Key of the HMAC-SHA256 signature of webhook bodies.</summary>
    public string? Secret { get; init; }

    public WebhookTemplate Template { get; init; } = WebhookTemplate.Raw;

    public IReadOnlyList<string> To { get; init; } = [];

    public SmtpSettings? Smtp { get; init; }

    /// <summary>Why the channel was switched off (a webhook answered 410 Gone); null while it is active.</summary>
    public string? DisabledReason { get; init; }
}

/// <summary>A stored subscription; <see cref="Name"/> is its key.</summary>
public sealed record AlertSubscription
{
    public string Name { get; init; } = string.Empty;

    public AlertRule Rule { get; init; } = new();

    public IReadOnlyList<AlertChannel> Channels { get; init; } = [];

    public AlertMode Mode { get; init; } = AlertMode.Immediate;

    /// <summary>Length of a digest period (digest mode only); periods are aligned to UTC midnight 1970-01-01.</summary>
    public TimeSpan? DigestPeriod { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
