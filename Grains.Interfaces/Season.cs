using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

[JsonConverter(typeof(JsonStringEnumConverter<Season>))]
public enum Season
{
    [JsonStringEnumMemberName("spring")] Spring,
    [JsonStringEnumMemberName("summer")] Summer,
    [JsonStringEnumMemberName("autumn")] Autumn,
    [JsonStringEnumMemberName("winter")] Winter,
}
