namespace OtMz.Grains.Ranking;

/// <summary>What, besides the candidates, a ranking depends on. Built by the user grain from its state and the region.</summary>
public sealed record RankingContext(
    float[] Taste,
    float[] ColourAffinity,
    Func<string, bool> IsSeen,
    float? TemperatureC,
    Occasion? UsualOccasion);
