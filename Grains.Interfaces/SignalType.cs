using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

[JsonConverter(typeof(WireEnumConverter<SignalType>))]
public enum SignalType
{
    [JsonStringEnumMemberName("like")] Like,
    [JsonStringEnumMemberName("unlike")] Unlike,
    [JsonStringEnumMemberName("dislike")] Dislike,
    [JsonStringEnumMemberName("save")] Save,
    [JsonStringEnumMemberName("dwell")] Dwell,
    [JsonStringEnumMemberName("skip")] Skip,
    [JsonStringEnumMemberName("colour")] Colour,
}
