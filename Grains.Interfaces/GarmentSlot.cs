using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

[JsonConverter(typeof(WireEnumConverter<GarmentSlot>))]
public enum GarmentSlot
{
    [JsonStringEnumMemberName("outer")] Outer,
    [JsonStringEnumMemberName("top")] Top,
    [JsonStringEnumMemberName("bottom")] Bottom,
    [JsonStringEnumMemberName("one-piece")] OnePiece,
    [JsonStringEnumMemberName("shoes")] Shoes,
    [JsonStringEnumMemberName("bag")] Bag,
    [JsonStringEnumMemberName("accessory")] Accessory,
}
