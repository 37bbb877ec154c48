namespace OtMz.Grains.Ranking;

/// <summary>
/// What, besides the candidates, a ranking depends on. Built by the user grain from its state and the region.
/// <see cref="ClosetStyle"/> is the unit style of the user's own garments (null with an empty closet): a soft
/// term only, the taste alone chooses the candidates.
/// </summary>
public sealed record RankingContext(
    float[] Taste,
    float[] ColourAffinity,
    Func<string, bool> IsSeen,
    float? TemperatureC,
    Occasion? UsualOccasion,
    float[]? ClosetStyle = null,
    Func<string, bool>? IsLiked = null,
    Func<string, float>? Engagement = null);
