namespace OtMz.Vision;

/// <summary>
/// Erosion and dilation of a set of pixels (bytes 0 or 1) by a (2r + 1) square, as two running-count passes.
/// Outside the picture counts as inside the set for erosion and outside it for dilation, so neither invents an edge.
/// The result may be the set itself: the set is read completely before the result is written.
/// </summary>
internal static class BinaryMorphology
{
    /// <summary>Keeps the pixels whose whole square lies in the set: strips shorter than 2r + 1 across vanish.</summary>
    public static void Erode(ReadOnlySpan<byte> set, Span<byte> result, int width, int height, int radius, Span<int> scratch) =>
        Count(set, result, width, height, radius, scratch, erode: true);

    /// <summary>Adds every pixel within the square of a pixel in the set.</summary>
    public static void Dilate(ReadOnlySpan<byte> set, Span<byte> result, int width, int height, int radius, Span<int> scratch) =>
        Count(set, result, width, height, radius, scratch, erode: false);

    private static void Count(
        ReadOnlySpan<byte> set, Span<byte> result, int width, int height, int radius, Span<int> scratch, bool erode)
    {
        var outside = erode ? 1 : 0;
        var full = (2 * radius + 1) * (2 * radius + 1);
        for (var y = 0; y < height; y++)
        {
            var row = set.Slice(y * width, width);
            var sums = scratch.Slice(y * width, width);
            var sum = 0;
            for (var x = -radius; x <= radius; x++)
            {
                sum += x < 0 || x >= width ? outside : row[x];
            }

            for (var x = 0; x < width; x++)
            {
                sums[x] = sum;
                var leaving = x - radius;
                var entering = x + radius + 1;
                sum += (entering >= width ? outside : row[entering]) - (leaving < 0 ? outside : row[leaving]);
            }
        }

        // Vertical pass row by row, keeping one running sum per column.
        var edgeRow = outside * (2 * radius + 1);
        Span<int> columns = width <= 4096 ? stackalloc int[width] : new int[width];
        columns.Clear();
        for (var y = -radius; y <= radius; y++)
        {
            for (var x = 0; x < width; x++)
            {
                columns[x] += y < 0 || y >= height ? edgeRow : scratch[y * width + x];
            }
        }

        for (var y = 0; y < height; y++)
        {
            var output = result.Slice(y * width, width);
            var leaving = y - radius;
            var entering = y + radius + 1;
            for (var x = 0; x < width; x++)
            {
                var sum = columns[x];
                output[x] = (byte)(erode ? (sum == full ? 1 : 0) : (sum > 0 ? 1 : 0));
                columns[x] = sum
                    + (entering >= height ? edgeRow : scratch[entering * width + x])
                    - (leaving < 0 ? edgeRow : scratch[leaving * width + x]);
            }
        }
    }
}
