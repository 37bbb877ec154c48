using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

[JsonConverter(typeof(WireEnumConverter<Occasion>))]
public enum Occasion
{
    [JsonStringEnumMemberName("daily")] Daily,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("work")] Work,
    [JsonStringEnumMemberName("travel")] Travel,
    [JsonStringEnumMemberName("party")] Party,
    [JsonStringEnumMemberName("workout")] Workout,
}
