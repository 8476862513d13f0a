using System.Text.Json.Serialization;
using NewsPipeline.Core.Alerts;
using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;

namespace NewsPipeline.Alerts.Payload;

/// <summary>The documented webhook body of one alert (template <c>raw</c>).</summary>
public sealed record AlertPayload(
    [property: JsonPropertyName("alert_id")] string AlertId,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("reason")] AlertReason Reason,
    [property: JsonPropertyName("status_change")] StatusChangePayload? StatusChange,
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("event")] SupplyEvent Event,
    [property: JsonPropertyName("evidence")] string Evidence,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourcePayload> Sources,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static AlertPayload Of(AlertDelivery delivery)
    {
        var stored = delivery.Event;
        var sources = (stored.Sources ?? []).Concat(delivery.LaterSources)
            .DistinctBy(s => s.ArticleId, StringComparer.Ordinal)
            .Select(s => new SourcePayload(s.Url, s.FeedName, s.Language, s.Title, s.Published))
            .ToList();
        if (sources.Count == 0)
        {
            sources.Add(new SourcePayload(stored.ArticleUrl, stored.FeedName, stored.Language, stored.ArticleTitle, stored.ArticlePublished));
        }

        var change = delivery.Reason == AlertReason.StatusChanged && delivery.FromStatus is { } from && delivery.ToStatus is { } to
            ? new StatusChangePayload(from, to)
            : null;
        return new AlertPayload(delivery.AlertId, delivery.Subscription, delivery.Reason, change, stored.Id, stored.Event, stored.Event.Evidence, sources, delivery.CreatedAt);
    }
}

public sealed record StatusChangePayload(
    [property: JsonPropertyName("from")] EventStatus From,
    [property: JsonPropertyName("to")] EventStatus To);

public sealed record SourcePayload(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("published")] DateTimeOffset? Published);

/// <summary>The webhook body of a digest: the period's alerts in one request.</summary>
public sealed record DigestPayload(
    [property: JsonPropertyName("digest_id")] string DigestId,
    [property: JsonPropertyName("subscription")] string Subscription,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertPayload> Alerts);
