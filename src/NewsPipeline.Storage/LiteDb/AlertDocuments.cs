namespace NewsPipeline.Storage.LiteDb;

// Subscriptions and outbox rows. The rule, the channels and the event snapshot are kept as the JSON that the
// CLI and webhooks show (RecordJson), so the file holds exactly what a receiver is sent; the fields beside them
// exist to be indexed or filtered on.

/// <summary>One row of the <c>alert_subscriptions</c> collection; the id is the subscription name.</summary>
internal sealed class SubscriptionDocument
{
    public string Id { get; set; } = string.Empty;

    public string Json { get; set; } = string.Empty;
}

/// <summary>One row of the <c>alert_outbox</c> collection: an alert on one channel; the id is "alert id:channel".</summary>
internal sealed class DeliveryDocument
{
    public string Id { get; set; } = string.Empty;

    public string AlertId { get; set; } = string.Empty;

    public string Subscription { get; set; } = string.Empty;

    public int Channel { get; set; }

    public string EventId { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The <c>AlertDelivery</c> record itself, attempts and later sources included.</summary>
    public string Json { get; set; } = string.Empty;
}
