namespace OtMz.Grains.Taste;

/// <summary>
/// A second reading of a user's views: which looks they studied longer than which, within one batch of signals,
/// learnt as a style direction by a pairwise perceptron. The taste update (<see cref="Users.TasteUpdate"/>) moves the
/// taste by each signal's surprise on its own; this learns only from comparisons, so what every shown look shares
/// cancels out and what separates the looks a user lingers on from the ones they pass stands out. The ranking fetches
/// and scores candidates with the taste blended with the direction's positive part
/// (<see cref="TasteOptions.PairwiseWeight"/>; 0, the default, leaves the taste alone and learns nothing).
/// docs/quality.md measures it.
/// </summary>
public static class PairwiseTaste
{
    /// <summary>Two looks' dwell weights must differ by at least this to make a pair: closer, they say nothing.</summary>
    public const float MinLead = 0.1f;

    /// <summary>How far ahead the preferred look must already score before a pair stops moving the direction.</summary>
    public const float Margin = 0.05f;

    /// <summary>
    /// Moves <paramref name="direction"/> by <paramref name="rate"/> × (x_a − x_b) for every pair of
    /// <paramref name="views"/> where look a held the user at least <see cref="MinLead"/> longer (by dwell weight; a
    /// skip weighs 0) and the direction does not yet score a ahead of b by <see cref="Margin"/>.
    /// </summary>
    public static void Learn(Span<float> direction, IReadOnlyList<(float Weight, float[] Unit)> views, float rate)
    {
        for (var a = 0; a < views.Count; a++)
        {
            for (var b = 0; b < views.Count; b++)
            {
                if (views[a].Weight - views[b].Weight < MinLead)
                {
                    continue;
                }

                var (xa, xb) = (views[a].Unit, views[b].Unit);
                var lead = 0f;
                for (var i = 0; i < direction.Length; i++)
                {
                    lead += direction[i] * (xa[i] - xb[i]);
                }

                if (lead < Margin)
                {
                    for (var i = 0; i < direction.Length; i++)
                    {
                        direction[i] += rate * (xa[i] - xb[i]);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The taste the ranking queries with: the unit sum of <paramref name="taste"/> and <paramref name="weight"/> × the
    /// unit positive part of <paramref name="direction"/>; the taste itself when the weight is 0 or nothing was learnt.
    /// </summary>
    public static float[] Blend(float[] taste, float[]? direction, float weight)
    {
        if (weight <= 0 || direction is null)
        {
            return taste;
        }

        var positive = new float[direction.Length];
        for (var i = 0; i < positive.Length; i++)
        {
            positive[i] = MathF.Max(0f, direction[i]);
        }

        if (!VectorMath.TryNormalize(positive, positive))
        {
            return taste;
        }

        var blended = new float[taste.Length];
        for (var i = 0; i < blended.Length; i++)
        {
            blended[i] = taste[i] + weight * positive[i];
        }

        return VectorMath.TryNormalize(blended, blended) ? blended : taste;
    }
}
