using NewsPipeline.Core.Extraction;
using NewsPipeline.Core.Storage;
using NewsPipeline.Core.Text;

namespace NewsPipeline.Core.Alerts;

/// <summary>
/// The backend-neutral half of the outbox: given what became of one offered event, the deliveries to write in
/// the same transaction. A new deal that a rule matches is an alert; a further report of a deal is not (the
/// store attaches it to the alerts already written); a status change that matters is a new alert. A deal that
/// only starts to match when a later report fills a field (a tonnage, a buyer) is alerted then, once.
/// </summary>
public static class AlertPlanner
{
    /// <summary>
    /// The alert id: the same subscription, deal and reason always give the same id, so a replayed ingest
    /// cannot write a second alert and receivers can drop repeats by it.
    /// </summary>
    public static string AlertId(string subscription, string eventId, AlertReason reason, EventStatus? toStatus) =>
        "al-" + ContentHash.ShortId(string.Join('|', subscription, eventId, reason, toStatus?.ToString() ?? "-"));

    /// <param name="alreadyWritten">Whether a delivery with this id is already in the outbox.</param>
    public static IReadOnlyList<AlertDelivery> Plan(
        IReadOnlyList<AlertSubscription> subscriptions,
        StoredEvent stored,
        EventIngest ingest,
        Func<string, bool> alreadyWritten,
        DateTimeOffset now)
    {
        var deliveries = new List<AlertDelivery>();
        foreach (var subscription in subscriptions)
        {
            if (!AlertRuleMatcher.Matches(subscription.Rule, stored))
            {
                continue;
            }

            var newAlert = AlertId(subscription.Name, stored.Id, AlertReason.New, null);
            var (reason, id) = ingest.Outcome switch
            {
                StoryOutcome.StatusChanged when ingest.StatusChange is { } change && Written(subscription, newAlert, alreadyWritten) =>
                    (AlertReason.StatusChanged, AlertId(subscription.Name, stored.Id, AlertReason.StatusChanged, change.To)),
                _ => (AlertReason.New, newAlert),
            };
            if (Written(subscription, id, alreadyWritten))
            {
                continue;
            }

            var due = subscription.Mode == AlertMode.Digest && subscription.DigestPeriod is { } period ? DigestDue(now, period) : now;
            for (var channel = 0; channel < subscription.Channels.Count; channel++)
            {
                if (subscription.Channels[channel].DisabledReason is not null)
                {
                    continue;
                }

                deliveries.Add(new AlertDelivery(
                    AlertDelivery.DeliveryId(id, channel),
                    id,
                    subscription.Name,
                    channel,
                    reason,
                    reason == AlertReason.StatusChanged ? ingest.StatusChange?.From : null,
                    reason == AlertReason.StatusChanged ? ingest.StatusChange?.To : null,
                    stored,
                    now,
                    due,
                    DeliveryState.Pending,
                    [],
                    []));
            }
        }

        return deliveries;
    }

    /// <summary>The end of the digest period that contains <paramref name="now"/>: periods are aligned to the Unix epoch.</summary>
    public static DateTimeOffset DigestDue(DateTimeOffset now, TimeSpan period)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var end = (sinceEpoch / period.Ticks + 1) * period.Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(end);
    }

    // An alert counts as written when any of its channels' rows is, including channels disabled since.
    private static bool Written(AlertSubscription subscription, string alertId, Func<string, bool> alreadyWritten) =>
        Enumerable.Range(0, Math.Max(1, subscription.Channels.Count)).Any(channel => alreadyWritten(AlertDelivery.DeliveryId(alertId, channel)));
}
