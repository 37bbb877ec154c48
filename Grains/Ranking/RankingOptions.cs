namespace OtMz.Grains.Ranking;

/// <summary>Weights of the re-ranking terms (design.md, "Ranking"). Section "Ranking".</summary>
public sealed class RankingOptions
{
    public float WeatherWeight { get; set; } = 0.15f;

    public float ColourWeight { get; set; } = 0.10f;

    public float OccasionWeight { get; set; } = 0.05f;

    /// <summary>Weight of the cosine between a look and the style of the user's closet.</summary>
    public float ClosetWeight { get; set; } = 0.10f;

    /// <summary>Subtracted from a look the user has seen (and, with <see cref="SpareLiked"/>, not liked).</summary>
    public float SeenPenalty { get; set; } = 0.20f;

    /// <summary>Whether a look the user liked or saved is spared the seen penalty.</summary>
    public bool SpareLiked { get; set; } = true;

    /// <summary>Added to the score of a look the user liked or saved, so favourites stay within reach.</summary>
    public float LikedBonus { get; set; } = 0.1f;

    /// <summary>
    /// Weight of a seen look's engagement, its longest dwell weight (0–1): the looks a user studied longest come back
    /// first among the ones they have seen.
    /// </summary>
    public float EngagementWeight { get; set; } = 0.5f;

    /// <summary>The share of a list's places (rounded up) kept for looks the user has never seen, when there are any.</summary>
    public float FreshShare { get; set; } = 0.35f;

    /// <summary>Weight of the maximal-marginal-relevance penalty: similarity to the closest look already chosen.</summary>
    public float DiversityWeight { get; set; } = 0.25f;

    /// <summary>Degrees outside a look's comfortable range at which its weather fit has fallen to e^-1.</summary>
    public float WeatherToleranceC { get; set; } = 4f;

    /// <summary>Candidates fetched from the shards for each list computed (k′ ≥ k).</summary>
    public int CandidatePool { get; set; } = 150;
}
