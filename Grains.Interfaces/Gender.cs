using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

[JsonConverter(typeof(WireEnumConverter<Gender>))]
public enum Gender
{
    [JsonStringEnumMemberName("women")] Women,
    [JsonStringEnumMemberName("men")] Men,
    [JsonStringEnumMemberName("unisex")] Unisex,
}
