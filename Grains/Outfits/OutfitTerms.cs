namespace OtMz.Grains.Outfits;

/// <summary>
/// The values of an outfit's scoring terms, each higher-is-better and in [0, 1] except <see cref="Feedback"/>, which
/// is in [−1, 1]. The score is their mean weighted by <see cref="ComposerWeights"/>; the terms are kept with each
/// composed outfit so that a like or a dislike can move the weights (<see cref="ComposerWeights.Update"/>).
/// </summary>
/// <param name="Coherence">How alike the pieces' styles are: the mean pairwise cosine of their style vectors.</param>
/// <param name="Taste">How the pieces match the user's taste: their mean cosine with it (0.5 without a taste).</param>
/// <param name="Colour">Colour harmony (<see cref="ColourHarmony"/>), with the user's colour affinity mixed in when known.</param>
/// <param name="Weather">Warmth against the day's temperature and rain (<see cref="WarmthFit"/>).</param>
/// <param name="Occasion">Fit to the occasion (<see cref="OccasionFit"/>; 0.5 without one).</param>
/// <param name="Fresh">How long since the pieces were worn: the mean over pieces of min(1, days / 14), 1 if never.</param>
/// <param name="Novelty">1 − how much the outfit repeats one worn lately (Jaccard overlap × recency).</param>
/// <param name="Feedback">The share of the outfit's item pairs that were in liked outfits minus those in disliked ones.</param>
[GenerateSerializer, Immutable, Alias("otmz.outfit-terms")]
public readonly record struct OutfitTerms(
    [property: Id(0)] float Coherence,
    [property: Id(1)] float Taste,
    [property: Id(2)] float Colour,
    [property: Id(3)] float Weather,
    [property: Id(4)] float Occasion,
    [property: Id(5)] float Fresh,
    [property: Id(6)] float Novelty,
    [property: Id(7)] float Feedback)
{
    public const int Count = 8;

    /// <summary>The term names, in the order of <see cref="Get"/>, as docs and reasons use them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["coherence", "taste", "colour", "weather", "occasion", "fresh", "novelty", "feedback"];

    public float Get(int term) => term switch
    {
        0 => Coherence,
        1 => Taste,
        2 => Colour,
        3 => Weather,
        4 => Occasion,
        5 => Fresh,
        6 => Novelty,
        7 => Feedback,
        _ => throw new ArgumentOutOfRangeException(nameof(term)),
    };
}
