using System.Text.Json.Serialization;

namespace NewsPipeline.Core.Extraction;

/// <summary>DESIGN §3 event types; serialised in snake_case ("supply_agreement").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventType>))]
public enum EventType
{
    [JsonStringEnumMemberName("supply_agreement")] SupplyAgreement,
    [JsonStringEnumMemberName("trade_flow")] TradeFlow,
    [JsonStringEnumMemberName("export_restriction")] ExportRestriction,
    [JsonStringEnumMemberName("production")] Production,
    [JsonStringEnumMemberName("investment")] Investment,
}

/// <summary>DESIGN §3 statuses describing the event itself.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventStatus>))]
public enum EventStatus
{
    [JsonStringEnumMemberName("fact")] Fact,
    [JsonStringEnumMemberName("planned")] Planned,
    [JsonStringEnumMemberName("talks")] Talks,
    [JsonStringEnumMemberName("rumoured")] Rumoured,
    [JsonStringEnumMemberName("denied")] Denied,
    [JsonStringEnumMemberName("ended")] Ended,
}

/// <summary>What a quantity measures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuantityKind>))]
public enum QuantityKind
{
    [JsonStringEnumMemberName("contract")] Contract,
    [JsonStringEnumMemberName("production")] Production,
    [JsonStringEnumMemberName("import")] Import,
    [JsonStringEnumMemberName("export")] Export,
    [JsonStringEnumMemberName("capacity")] Capacity,
    [JsonStringEnumMemberName("reserve")] Reserve,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>The period of a stated rate ("per year").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RatePeriod>))]
public enum RatePeriod
{
    [JsonStringEnumMemberName("year")] Year,
    [JsonStringEnumMemberName("quarter")] Quarter,
    [JsonStringEnumMemberName("month")] Month,
}
