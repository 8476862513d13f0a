using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace NewsPipeline.Storage.LiteDb;

/// <summary>
/// The DESIGN §3 spelling of an enum value ("supply_agreement"), taken from its JSON member name, so that
/// stored documents read like the extraction records and survive renaming a C# member.
/// </summary>
internal static class WireName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToFrozenDictionary(
        value => value,
        value => typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? value.ToString());

    private static readonly FrozenDictionary<string, TEnum> Values = Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string Of(TEnum value) => Names[value];

    public static string? Of(TEnum? value) => value is { } present ? Names[present] : null;

    public static TEnum Parse(string name) =>
        Values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"The store holds '{name}', which is not a {typeof(TEnum).Name}.");

    public static TEnum? ParseOptional(string? name) => name is null ? null : Parse(name);
}
