namespace OtMz.Grains.Taste;

/// <summary>
/// The direction of several styles taken together: each style vector has the dataset prior divided out
/// (<see cref="StylePrior.Debias"/>) and is added as a unit vector, and the sum is normalised at the end. The
/// survey seeds a taste this way from the looks a user picked, and the closet grain derives the closet style from
/// its items, so neither reads as all street just because street is common.
/// </summary>
public sealed class DebiasedStyleSum(float strength)
{
    private readonly float[] _sum = new float[StyleTaxonomy.Count];

    /// <summary>Adds one style vector, prior taken out and scaled to unit length.</summary>
    public void Add(ReadOnlySpan<float> styles)
    {
        var unit = StylePrior.Debias(styles, strength);
        for (var d = 0; d < _sum.Length; d++)
        {
            _sum[d] += unit[d];
        }
    }

    /// <summary>Adds one named style as a vote of <paramref name="weight"/>, without the prior: the user chose it by name.</summary>
    public void AddStyle(int index, float weight = 1f) => _sum[index] += weight;

    /// <summary>The sum at unit length, or null when nothing with any weight was added.</summary>
    public float[]? Direction()
    {
        var unit = new float[_sum.Length];
        return VectorMath.TryNormalize(_sum, unit) ? unit : null;
    }
}
