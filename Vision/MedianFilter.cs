namespace OtMz.Vision;

/// <summary>
/// A 3x3 median over interleaved byte channels, each channel on its own, edges replicated. Unlike a mean it leaves
/// a sharp edge where it was, so a garment's outline measured on the filtered picture does not spread by a pixel,
/// while sensor noise and JPEG speckle are smoothed away.
/// </summary>
internal static class MedianFilter
{
    /// <summary>Writes the 3x3 median of <paramref name="source"/> to <paramref name="target"/> (width x height x channels bytes).</summary>
    public static void Median3(ReadOnlySpan<byte> source, Span<byte> target, int width, int height, int channels)
    {
        Span<byte> v = stackalloc byte[9];
        var stride = width * channels;
        for (var y = 0; y < height; y++)
        {
            var up = Math.Max(y - 1, 0) * stride;
            var row = y * stride;
            var down = Math.Min(y + 1, height - 1) * stride;
            for (var x = 0; x < width; x++)
            {
                var left = Math.Max(x - 1, 0) * channels;
                var centre = x * channels;
                var right = Math.Min(x + 1, width - 1) * channels;
                for (var c = 0; c < channels; c++)
                {
                    v[0] = source[up + left + c];
                    v[1] = source[up + centre + c];
                    v[2] = source[up + right + c];
                    v[3] = source[row + left + c];
                    v[4] = source[row + centre + c];
                    v[5] = source[row + right + c];
                    v[6] = source[down + left + c];
                    v[7] = source[down + centre + c];
                    v[8] = source[down + right + c];
                    target[row + centre + c] = MedianOfNine(v);
                }
            }
        }
    }

    /// <summary>The median of nine values by a fixed network of 19 compare-exchanges (Paeth's).</summary>
    private static byte MedianOfNine(Span<byte> p)
    {
        Sort(p, 1, 2); Sort(p, 4, 5); Sort(p, 7, 8);
        Sort(p, 0, 1); Sort(p, 3, 4); Sort(p, 6, 7);
        Sort(p, 1, 2); Sort(p, 4, 5); Sort(p, 7, 8);
        Sort(p, 0, 3); Sort(p, 5, 8); Sort(p, 4, 7);
        Sort(p, 3, 6); Sort(p, 1, 4); Sort(p, 2, 5);
        Sort(p, 4, 7); Sort(p, 4, 2); Sort(p, 6, 4);
        Sort(p, 4, 2);
        return p[4];
    }

    private static void Sort(Span<byte> p, int a, int b)
    {
        if (p[a] > p[b])
        {
            (p[a], p[b]) = (p[b], p[a]);
        }
    }
}
