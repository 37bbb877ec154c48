namespace OtMz.Vision;

/// <summary>
/// Flood fills over a per-pixel state array (one byte a pixel, row-major), 4-connected, with a caller's queue: the
/// region steps of <see cref="PlainBackgroundRemover"/> (backdrop reached from the edge, the garment's pieces).
/// </summary>
internal static class PixelRegions
{
    /// <summary>Keeps only the pixels of a 0/1 set that connect to the picture's edge (4-connected).</summary>
    public static void KeepReachedFromBorder(byte[] set, int[] queue, int width, int height)
    {
        const byte Reached = 2;
        for (var x = 0; x < width; x++)
        {
            Fill(set, queue, width, height, x, 1, Reached);
            Fill(set, queue, width, height, (height - 1) * width + x, 1, Reached);
        }

        for (var y = 1; y < height - 1; y++)
        {
            Fill(set, queue, width, height, y * width, 1, Reached);
            Fill(set, queue, width, height, y * width + width - 1, 1, Reached);
        }

        var count = width * height;
        for (var i = 0; i < count; i++)
        {
            set[i] = set[i] == Reached ? (byte)1 : (byte)0;
        }
    }

    /// <summary>
    /// Turns every region of pixels in state <paramref name="from"/> into state <paramref name="to"/> and lists each
    /// region as one of its pixels and its size, in scan order.
    /// </summary>
    public static List<(int Seed, int Size)> Regions(byte[] state, int[] queue, int width, int height, byte from, byte to)
    {
        var regions = new List<(int, int)>();
        var count = width * height;
        for (var i = 0; i < count; i++)
        {
            if (state[i] == from)
            {
                regions.Add((i, Fill(state, queue, width, height, i, from, to)));
            }
        }

        return regions;
    }

    /// <summary>4-connected flood fill from <paramref name="start"/> over pixels in state <paramref name="from"/>, setting
    /// them to <paramref name="to"/>; returns the number changed (0 when the start is not in state <paramref name="from"/>).</summary>
    public static int Fill(byte[] state, int[] queue, int width, int height, int start, byte from, byte to)
    {
        if (start < 0 || state[start] != from)
        {
            return 0;
        }

        state[start] = to;
        queue[0] = start;
        var head = 0;
        var tail = 1;
        while (head < tail)
        {
            var i = queue[head++];
            var x = i % width;
            if (x > 0 && state[i - 1] == from)
            {
                state[i - 1] = to;
                queue[tail++] = i - 1;
            }

            if (x < width - 1 && state[i + 1] == from)
            {
                state[i + 1] = to;
                queue[tail++] = i + 1;
            }

            if (i >= width && state[i - width] == from)
            {
                state[i - width] = to;
                queue[tail++] = i - width;
            }

            if (i < (height - 1) * width && state[i + width] == from)
            {
                state[i + width] = to;
                queue[tail++] = i + width;
            }
        }

        return tail;
    }
}
