using System.Text.Json.Serialization;

namespace NewsPipeline.Core.Extraction;

/// <summary>The text of one article handed to recognition (DESIGN §4 `extract --input` line).</summary>
/// <param name="Published">Publication date as given (YYYY, YYYY-MM, YYYY-MM-DD or a full timestamp); anchors relative dates.</param>
/// <param name="Language">Language declared by the feed or page; null lets the identifier decide.</param>
public sealed record ExtractionInput(
    string Id,
    string Text,
    string? Title = null,
    string? Language = null,
    string? Published = null,
    string? Url = null);

/// <summary>A company named in the text: surface form, canonical name and home country (ISO2) when known.</summary>
public sealed record CompanyMention(
    [property: JsonPropertyName("mention")] string Mention,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("country")] string? Country);

/// <summary>A government body or international organisation named in the text.</summary>
public sealed record OrganisationMention(
    [property: JsonPropertyName("mention")] string Mention,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("country")] string? Country);

/// <summary>A mass quantity (DESIGN §3 "quantities").</summary>
public sealed record QuantityMention(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("tonnes")] double Tonnes,
    [property: JsonPropertyName("per")] RatePeriod? Per,
    [property: JsonPropertyName("metal")] string? Metal,
    [property: JsonPropertyName("kind")] QuantityKind Kind,
    [property: JsonPropertyName("range_tonnes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? RangeTonnes = null);

/// <summary>A structured event (DESIGN §3 "events").</summary>
public sealed record SupplyEvent(
    [property: JsonPropertyName("type")] EventType Type,
    [property: JsonPropertyName("metal")] string? Metal,
    [property: JsonPropertyName("buyer")] string? Buyer,
    [property: JsonPropertyName("seller")] string? Seller,
    [property: JsonPropertyName("tonnes")] double? Tonnes,
    [property: JsonPropertyName("per")] RatePeriod? Per,
    [property: JsonPropertyName("start")] string? Start,
    [property: JsonPropertyName("origin")] string? Origin,
    [property: JsonPropertyName("destination")] string? Destination,
    [property: JsonPropertyName("status")] EventStatus Status,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("evidence")] string Evidence);

/// <summary>Everything recognised in one article (DESIGN §3): the record `extract` writes.</summary>
public sealed record ExtractionResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("companies")] IReadOnlyList<CompanyMention> Companies,
    [property: JsonPropertyName("organisations")] IReadOnlyList<OrganisationMention> Organisations,
    [property: JsonPropertyName("metals")] IReadOnlyList<string> Metals,
    [property: JsonPropertyName("countries")] IReadOnlyList<string> Countries,
    [property: JsonPropertyName("quantities")] IReadOnlyList<QuantityMention> Quantities,
    [property: JsonPropertyName("events")] IReadOnlyList<SupplyEvent> Events);
