namespace OtMz.Vision;

/// <summary>
/// Histograms of per-pixel distances from the backdrop (ΔE*ab in bins of half a unit) for
/// <see cref="PlainBackgroundRemover"/>: Otsu's split between backdrop and garment, and quantiles over a set of pixels.
/// </summary>
internal static class DistanceHistogram
{
    public const int Bins = 256;
    public const float BinWidth = 0.5f;

    public static int Bin(float distance) => Math.Min((int)(distance / BinWidth), Bins - 1);

    /// <summary>Counts the distances of the pixels whose state is <paramref name="member"/>; returns how many there were.</summary>
    public static int Count(ReadOnlySpan<float> distance, ReadOnlySpan<byte> state, byte member, Span<int> histogram)
    {
        histogram.Clear();
        var members = 0;
        for (var i = 0; i < distance.Length; i++)
        {
            if (state[i] == member)
            {
                histogram[Bin(distance[i])]++;
                members++;
            }
        }

        return members;
    }

    /// <summary>The distance below which a share <paramref name="q"/> of the counted pixels lie (the top of that bin).</summary>
    public static float Quantile(ReadOnlySpan<int> histogram, int total, float q)
    {
        var below = 0;
        for (var b = 0; b < histogram.Length; b++)
        {
            below += histogram[b];
            if (below >= q * total)
            {
                return (b + 1) * BinWidth;
            }
        }

        return histogram.Length * BinWidth;
    }

    /// <summary>Otsu's threshold of the histogram: the split that maximises the between-class variance.</summary>
    public static float Otsu(ReadOnlySpan<int> histogram)
    {
        double total = 0;
        double weightedTotal = 0;
        for (var b = 0; b < histogram.Length; b++)
        {
            total += histogram[b];
            weightedTotal += b * (double)histogram[b];
        }

        double below = 0;
        double weightedBelow = 0;
        var best = 0;
        double bestVariance = -1;
        for (var b = 0; b < histogram.Length - 1; b++)
        {
            below += histogram[b];
            weightedBelow += b * (double)histogram[b];
            var above = total - below;
            if (below == 0 || above == 0)
            {
                continue;
            }

            var meanBelow = weightedBelow / below;
            var meanAbove = (weightedTotal - weightedBelow) / above;
            var variance = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (variance > bestVariance)
            {
                bestVariance = variance;
                best = b;
            }
        }

        return (best + 1) * BinWidth;
    }
}
