using System.Text.Json.Serialization;

namespace OtMz.Grains.Interfaces;

/// <summary>Whether a closet item can be worn today: only available items go into composed outfits.</summary>
[JsonConverter(typeof(WireEnumConverter<Availability>))]
public enum Availability
{
    [JsonStringEnumMemberName("available")] Available,
    [JsonStringEnumMemberName("laundry")] Laundry,
    [JsonStringEnumMemberName("stored")] Stored,
}
