namespace OtMz.Vision;

/// <summary>A 3x3 mean filter over interleaved byte channels, edges replicated; run twice it is a 5x5 tent.</summary>
internal static class BoxFilter
{
    /// <summary>
    /// Writes the 3x3 mean of <paramref name="source"/> to <paramref name="target"/> (both width x height x channels
    /// bytes); <paramref name="scratch"/> holds the horizontal sums and needs as many entries.
    /// </summary>
    public static void Mean3(ReadOnlySpan<byte> source, Span<byte> target, int width, int height, int channels, Span<int> scratch)
    {
        var stride = width * channels;
        for (var y = 0; y < height; y++)
        {
            var row = source.Slice(y * stride, stride);
            var sums = scratch.Slice(y * stride, stride);
            for (var x = 0; x < width; x++)
            {
                var left = Math.Max(x - 1, 0) * channels;
                var right = Math.Min(x + 1, width - 1) * channels;
                var centre = x * channels;
                for (var c = 0; c < channels; c++)
                {
                    sums[centre + c] = row[left + c] + row[centre + c] + row[right + c];
                }
            }
        }

        for (var y = 0; y < height; y++)
        {
            var above = scratch.Slice(Math.Max(y - 1, 0) * stride, stride);
            var middle = scratch.Slice(y * stride, stride);
            var below = scratch.Slice(Math.Min(y + 1, height - 1) * stride, stride);
            var output = target.Slice(y * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                output[i] = (byte)((above[i] + middle[i] + below[i] + 4) / 9);
            }
        }
    }
}
