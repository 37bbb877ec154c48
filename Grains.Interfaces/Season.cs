using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

[JsonConverter(typeof(WireEnumConverter<Season>))]
public enum Season
{
    [JsonStringEnumMemberName("spring")] Spring,
    [JsonStringEnumMemberName("summer")] Summer,
    [JsonStringEnumMemberName("autumn")] Autumn,
    [JsonStringEnumMemberName("winter")] Winter,
}
