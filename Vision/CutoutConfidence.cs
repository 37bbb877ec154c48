namespace OtMz.Vision;

/// <summary>
/// How far a background remover trusts its mask. Each criterion scores in [0, 1] by a linear ramp between a value
/// that marks a wrong cutout and one that marks a sound one; the confidence is the lowest score and the doubt names
/// that criterion. The shape criteria here apply to any mask (the built-in remover and a segmentation model alike);
/// <see cref="PlainBackgroundRemover"/> adds its own on the backdrop and the contrast. docs/vision.md gives the bounds.
/// </summary>
public static class CutoutConfidence
{
    /// <summary>A mask whose confidence is below this is uncertain: the item says so instead of trusting it silently.</summary>
    public const float UncertainBelow = 0.5f;

    // Garment share of the picture: a sliver is more often a stray stripe or a shadow than the garment.
    private const float TinyShare = 0.01f;
    private const float SmallShare = 0.04f;

    // Share of the picture's outermost ring covered by the garment, and garment share of the whole picture.
    private const float CroppedContact = 0.35f;
    private const float TouchingContact = 0.15f;
    private const float FullShare = 0.92f;
    private const float LargeShare = 0.8f;

    // Share of the garment in its two largest pieces (two: a pair of shoes or socks is one item).
    private const float ScatteredPieces = 0.7f;
    private const float WholePieces = 0.9f;

    /// <summary>The lowest score so far and the criterion that gave it.</summary>
    internal struct Tally()
    {
        public float Lowest { get; private set; } = 1f;

        public CutoutDoubt Weakest { get; private set; } = CutoutDoubt.None;

        public void Add(CutoutDoubt doubt, float score)
        {
            if (score < Lowest)
            {
                Lowest = score;
                Weakest = doubt;
            }
        }

        public readonly CutoutDoubt Doubt => Lowest < UncertainBelow ? Weakest : CutoutDoubt.None;
    }

    /// <summary>
    /// 0 at <paramref name="bad"/>, 1 at <paramref name="good"/>, linear between and clamped; either bound may be the
    /// larger.
    /// </summary>
    internal static float Ramp(float value, float bad, float good) => Math.Clamp((value - bad) / (good - bad), 0f, 1f);

    /// <summary>Scores a mask's shape: its share of the picture, its contact with the edge and how many pieces it is in.</summary>
    public static (float Confidence, CutoutDoubt Doubt) OfShape(ReadOnlySpan<byte> alpha, int width, int height)
    {
        var tally = new Tally();
        AddShape(ref tally, alpha, width, height);
        return (tally.Lowest, tally.Doubt);
    }

    internal static void AddShape(ref Tally tally, ReadOnlySpan<byte> alpha, int width, int height)
    {
        var count = width * height;
        var inside = 0;
        for (var i = 0; i < count; i++)
        {
            inside += alpha[i] >= 128 ? 1 : 0;
        }

        var share = (float)inside / count;
        tally.Add(CutoutDoubt.SmallGarment, Ramp(share, TinyShare, SmallShare));
        var ring = 0;
        var touching = 0;
        for (var x = 0; x < width; x++)
        {
            touching += (alpha[x] >= 128 ? 1 : 0) + (height > 1 && alpha[(height - 1) * width + x] >= 128 ? 1 : 0);
            ring += height > 1 ? 2 : 1;
        }

        for (var y = 1; y < height - 1; y++)
        {
            touching += (alpha[y * width] >= 128 ? 1 : 0) + (width > 1 && alpha[y * width + width - 1] >= 128 ? 1 : 0);
            ring += width > 1 ? 2 : 1;
        }

        var contact = (float)touching / ring;
        tally.Add(CutoutDoubt.CroppedByBorder, MathF.Min(Ramp(contact, CroppedContact, TouchingContact), Ramp(share, FullShare, LargeShare)));
        if (inside > 0)
        {
            tally.Add(CutoutDoubt.Fragmented, Ramp(TwoLargestPieces(alpha, width, height) / inside, ScatteredPieces, WholePieces));
        }
    }

    /// <summary>Pixels in the two largest 8-connected pieces of the mask (at least half opaque).</summary>
    private static float TwoLargestPieces(ReadOnlySpan<byte> alpha, int width, int height)
    {
        var count = width * height;
        var seen = new bool[count];
        var queue = new int[count];
        int first = 0, second = 0;
        for (var start = 0; start < count; start++)
        {
            if (seen[start] || alpha[start] < 128)
            {
                continue;
            }

            seen[start] = true;
            queue[0] = start;
            int head = 0, tail = 1;
            while (head < tail)
            {
                var i = queue[head++];
                int x = i % width, y = i / width;
                for (var ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                {
                    for (var nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        var j = ny * width + nx;
                        if (!seen[j] && alpha[j] >= 128)
                        {
                            seen[j] = true;
                            queue[tail++] = j;
                        }
                    }
                }
            }

            if (tail > first)
            {
                (first, second) = (tail, first);
            }
            else if (tail > second)
            {
                second = tail;
            }
        }

        return first + second;
    }
}
