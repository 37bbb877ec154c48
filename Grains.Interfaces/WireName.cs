using System.Text.Json;

namespace OtMz.Grains.Interfaces;

/// <summary>
/// An enum value as the API spells it ("one-piece", "women"), from the enum's own JSON attributes, so that stored
/// words, reason keys and messages cannot drift from the JSON.
/// </summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value))!;

    /// <summary>The value named <paramref name="name"/>; a <see cref="JsonException"/> when no value has that name.</summary>
    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        JsonSerializer.Deserialize<TEnum>(JsonSerializer.Serialize(name));
}
