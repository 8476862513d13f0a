using System.Text.Json.Serialization;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Core.Alerts;

/// <summary>Why an alert fired: a deal seen for the first time, or a stored deal whose status moved.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertReason>))]
public enum AlertReason
{
    [JsonStringEnumMemberName("new")] New,
    [JsonStringEnumMemberName("status_changed")] StatusChanged,
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
public enum DeliveryState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("delivered")] Delivered,
    /// <summary>Given up: a permanent refusal, retries exhausted, or the channel was disabled.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>One try at delivering, as shown by <c>alerts show</c>.</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, bool Succeeded, string Outcome);

/// <summary>
/// One outbox row: an alert (<see cref="AlertId"/>, the receivers' idempotency key) on one channel of its
/// subscription. Written in the transaction that stores the event; the dispatcher sends it when
/// <see cref="DueAt"/> has passed and records every attempt.
/// </summary>
public sealed record AlertDelivery(
    string Id,
    string AlertId,
    string Subscription,
    int Channel,
    AlertReason Reason,
    EventStatus? FromStatus,
    EventStatus? ToStatus,
    StoredEvent Event,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DeliveryState State,
    IReadOnlyList<DeliveryAttempt> Attempts,
    IReadOnlyList<EventSource> LaterSources)
{
    public static string DeliveryId(string alertId, int channel) =>
        alertId + ":" + channel.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
