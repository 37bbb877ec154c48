using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>The 21 K-Fashion colour names, in the order of docs/styles.md; colour-affinity vectors use this order.</summary>
[JsonConverter(typeof(WireEnumConverter<Colour>))]
public enum Colour
{
    [JsonStringEnumMemberName("black")] Black,
    [JsonStringEnumMemberName("white")] White,
    [JsonStringEnumMemberName("gray")] Gray,
    [JsonStringEnumMemberName("red")] Red,
    [JsonStringEnumMemberName("pink")] Pink,
    [JsonStringEnumMemberName("orange")] Orange,
    [JsonStringEnumMemberName("beige")] Beige,
    [JsonStringEnumMemberName("brown")] Brown,
    [JsonStringEnumMemberName("yellow")] Yellow,
    [JsonStringEnumMemberName("green")] Green,
    [JsonStringEnumMemberName("khaki")] Khaki,
    [JsonStringEnumMemberName("mint")] Mint,
    [JsonStringEnumMemberName("blue")] Blue,
    [JsonStringEnumMemberName("navy")] Navy,
    [JsonStringEnumMemberName("skyblue")] Skyblue,
    [JsonStringEnumMemberName("purple")] Purple,
    [JsonStringEnumMemberName("lavender")] Lavender,
    [JsonStringEnumMemberName("wine")] Wine,
    [JsonStringEnumMemberName("neon")] Neon,
    [JsonStringEnumMemberName("gold")] Gold,
    [JsonStringEnumMemberName("silver")] Silver,
}
