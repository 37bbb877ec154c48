namespace OtMz.Grains.Interfaces;

/// <summary>
/// What users in one variant were shown and did: impressions are looks delivered (each look of each list a GET
/// or a push delivered), the others are signals as they arrived. Dwell is kept as a sum and a sum of squares so a
/// report can give the mean dwell per impression and its variance.
/// </summary>
[GenerateSerializer, Immutable, Alias("otmz.variant-counts")]
public sealed record VariantCounts(
    [property: Id(0)] long Impressions = 0,
    [property: Id(1)] long Likes = 0,
    [property: Id(2)] long Saves = 0,
    [property: Id(3)] long Dislikes = 0,
    [property: Id(4)] long Skips = 0,
    [property: Id(5)] long Dwells = 0,
    [property: Id(6)] double DwellSeconds = 0,
    [property: Id(7)] double DwellSecondsSquared = 0)
{
    public static VariantCounts Zero { get; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsZero => this == Zero;

    public VariantCounts Plus(VariantCounts other) => new(
        Impressions + other.Impressions, Likes + other.Likes, Saves + other.Saves, Dislikes + other.Dislikes, Skips + other.Skips,
        Dwells + other.Dwells, DwellSeconds + other.DwellSeconds, DwellSecondsSquared + other.DwellSecondsSquared);
}
