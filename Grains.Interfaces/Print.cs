using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>The 21 K-Fashion prints (docs/styles.md); a closet item's print, set by its owner.</summary>
[JsonConverter(typeof(WireEnumConverter<Print>))]
public enum Print
{
    [JsonStringEnumMemberName("check")] Check,
    [JsonStringEnumMemberName("stripe")] Stripe,
    [JsonStringEnumMemberName("zigzag")] Zigzag,
    [JsonStringEnumMemberName("leopard")] Leopard,
    [JsonStringEnumMemberName("zebra")] Zebra,
    [JsonStringEnumMemberName("dot")] Dot,
    [JsonStringEnumMemberName("camouflage")] Camouflage,
    [JsonStringEnumMemberName("paisley")] Paisley,
    [JsonStringEnumMemberName("argyle")] Argyle,
    [JsonStringEnumMemberName("floral")] Floral,
    [JsonStringEnumMemberName("graphic")] Graphic,
    [JsonStringEnumMemberName("lettering")] Lettering,
    [JsonStringEnumMemberName("tie-dye")] TieDye,
    [JsonStringEnumMemberName("mixed")] Mixed,
    [JsonStringEnumMemberName("plain")] Plain,
    [JsonStringEnumMemberName("houndstooth")] Houndstooth,
    [JsonStringEnumMemberName("gingham")] Gingham,
    [JsonStringEnumMemberName("heart")] Heart,
    [JsonStringEnumMemberName("skull")] Skull,
    [JsonStringEnumMemberName("snakeskin")] Snakeskin,
    [JsonStringEnumMemberName("gradation")] Gradation,
}
