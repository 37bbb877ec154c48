namespace OtMz.Grains.Taste;

/// <summary>
/// How often each style occurs in K-Fashion-like data. Only street's 46.5 % is a published figure
/// (docs/styles.md); the other shares are the demo catalog's assumptions, ordered by what the dataset's
/// documentation and the original service report as common or rare. The demo generator draws primary styles
/// from these shares, and the taste model divides them out (<see cref="Debias"/>) so that liking typical
/// looks does not drag every user towards street.
/// </summary>
public static class StylePrior
{
    private static readonly float[] RawShares =
    [
        0.030f, // classic
        0.020f, // preppy
        0.015f, // mannish
        0.010f, // tomboy
        0.088f, // feminine
        0.040f, // romantic
        0.020f, // sexy
        0.008f, // hippie
        0.005f, // western
        0.006f, // oriental
        0.080f, // modern
        0.050f, // sophisticated
        0.008f, // avantgarde
        0.012f, // country
        0.025f, // resort
        0.010f, // genderless
        0.035f, // sporty
        0.030f, // retro
        0.010f, // kitsch
        0.020f, // hiphop
        0.005f, // punk
        0.008f, // military
        0.465f, // street
    ];

    /// <summary>Shares summing to one, in taxonomy order.</summary>
    public static ReadOnlySpan<float> Shares => NormalizedShares;

    private static readonly float[] NormalizedShares = RawShares.Select(s => s / RawShares.Sum()).ToArray();

    /// <summary>
    /// Re-weights a style vector by (1/23 ÷ share)^strength, capped at <paramref name="maxWeight"/>, and
    /// returns it unit-normalised. Strength 0 leaves the direction unchanged; 1 fully equalises the classes.
    /// </summary>
    public static float[] Debias(ReadOnlySpan<float> styles, float strength, float maxWeight = 2.5f)
    {
        var result = new float[styles.Length];
        var uniform = 1f / StyleTaxonomy.Count;
        for (var i = 0; i < styles.Length; i++)
        {
            var weight = MathF.Min(maxWeight, MathF.Pow(uniform / NormalizedShares[i], strength));
            result[i] = styles[i] * weight;
        }

        VectorMath.TryNormalize(result, result);
        return result;
    }
}
