using System.Buffers;

namespace OtMz.Vision;

/// <summary>
/// Puts back garment parts the colour test gave to the backdrop (<see cref="PlainBackgroundRemover"/>'s last region
/// step): a run of non-garment pixels in a column between two different garment pieces, one above and one below,
/// no longer than a fifth of the garment's height, is garment. That is a backdrop-coloured horizontal stripe or
/// check row whose ends run off the outline and so cut the garment into pieces; its edge is taken as the straight
/// line between the pieces above and below. A gap within one piece (between trouser legs, under a sleeve, a
/// neckline) is the garment's own shape and stays backdrop, and so do runs across rows: there the picture cannot
/// tell a vertical backdrop-coloured stripe from the gap between a sleeve and the body (docs/vision.md).
/// Regions enclosed on every side need no rule: the flood from the edge never reaches them.
/// </summary>
internal static class GarmentGaps
{
    /// <summary>The longest gap closed, as a share of the garment's height.</summary>
    public const float MaxGapOfHeight = 0.2f;

    /// <summary>Closes the gaps between pieces in state <paramref name="garment"/>; returns how many pixels it added.</summary>
    public static int FillBetweenPieces(byte[] state, int[] queue, int width, int height, byte garment)
    {
        int top = height, bottom = -1;
        for (var y = 0; y < height && top == height; y++)
        {
            top = state.AsSpan(y * width, width).Contains(garment) ? y : top;
        }

        for (var y = height - 1; y >= 0 && bottom < 0; y--)
        {
            bottom = state.AsSpan(y * width, width).Contains(garment) ? y : bottom;
        }

        if (bottom <= top)
        {
            return 0;
        }

        var count = width * height;
        var pieces = ArrayPool<int>.Shared.Rent(count);
        try
        {
            Label(state, pieces, queue, width, height, garment);
            var maxGap = Math.Max(2, (int)(MaxGapOfHeight * (bottom - top + 1)));
            var added = 0;
            for (var x = 0; x < width; x++)
            {
                var last = -1;
                for (var y = top; y <= bottom; y++)
                {
                    var i = y * width + x;
                    if (pieces[i] == 0)
                    {
                        continue;
                    }

                    var gap = y - last - 1;
                    if (last >= 0 && gap > 0 && gap <= maxGap && pieces[last * width + x] != pieces[i])
                    {
                        for (var g = last + 1; g < y; g++)
                        {
                            state[g * width + x] = garment;
                        }

                        added += gap;
                    }

                    last = y;
                }
            }

            return added;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pieces);
        }
    }

    /// <summary>Numbers the 4-connected pieces of the garment from 1; every other pixel gets 0.</summary>
    private static void Label(byte[] state, int[] pieces, int[] queue, int width, int height, byte garment)
    {
        var count = width * height;
        Array.Clear(pieces, 0, count);
        var next = 0;
        for (var start = 0; start < count; start++)
        {
            if (state[start] != garment || pieces[start] != 0)
            {
                continue;
            }

            next++;
            pieces[start] = next;
            queue[0] = start;
            int head = 0, tail = 1;
            while (head < tail)
            {
                var i = queue[head++];
                var x = i % width;
                Visit(i - 1, x > 0);
                Visit(i + 1, x < width - 1);
                Visit(i - width, i >= width);
                Visit(i + width, i < count - width);
            }

            void Visit(int j, bool inside)
            {
                if (inside && state[j] == garment && pieces[j] == 0)
                {
                    pieces[j] = next;
                    queue[tail++] = j;
                }
            }
        }
    }
}
