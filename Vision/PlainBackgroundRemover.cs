using System.Buffers;
using System.Runtime.InteropServices;

namespace OtMz.Vision;

/// <summary>
/// The built-in background remover, for product photos on a plain or near-plain backdrop; no model. It learns the
/// backdrop from the image border (<see cref="BackdropModel"/>), treats pixels close to it as backdrop only where
/// they connect to the border (so a white logo on a shirt stays), keeps the largest remaining region (the garment)
/// and feathers its edge by about two pixels.
/// </summary>
/// <remarks>
/// When the picture does not look like that kind of photo (a busy border, no backdrop left after the garment, or no
/// garment left after the backdrop) the mask is full: every pixel counts as foreground, which is what the colour
/// analyser and the style model saw before background removal existed. A picture whose border is mostly transparent
/// is already a cutout and its own alpha is the mask. Known limit: a garment region of the backdrop's colour that
/// touches the garment's outline (white stripes running off a shirt's edge on a white backdrop) is taken as backdrop.
/// </remarks>
public sealed class PlainBackgroundRemover : IBackgroundRemover
{
    /// <summary>Below this many pixels on a side there is no border to learn from.</summary>
    private const int MinSide = 16;

    /// <summary>Border pixels sampled to fit the backdrop (more is slower and no better).</summary>
    private const int MaxBorderSamples = 4_000;

    /// <summary>ΔE*ab bounds of the backdrop threshold: at least the noise floor, at most this much colour difference.</summary>
    private const float MinThreshold = 5f;
    private const float MaxThreshold = 20f;

    /// <summary>A median border residual above this (ΔE*ab after smoothing) means a textured or busy backdrop.</summary>
    private const float MaxBackdropNoise = 6f;

    /// <summary>At least this share of the border must match the backdrop.</summary>
    private const float MinBorderAgreement = 0.6f;

    /// <summary>The garment must cover at least this share of the picture, and the backdrop too.</summary>
    private const float MinRegionShare = 0.005f;

    private const int HistogramBins = 256;
    private const float HistogramBinWidth = 0.5f;

    /// <summary>Backdrop-coloured strips narrower than 2r + 1 pixels do not connect backdrop regions.</summary>
    private const int BridgeRadius = 2;

    private const byte Unvisited = 0;
    private const byte Backdrop = 2;
    private const byte Seen = 3;
    private const byte Garment = 4;

    public string Name => "plain-background";

    public ForegroundMask Remove(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var width = image.Width;
        var height = image.Height;
        if (width < MinSide || height < MinSide)
        {
            return Full(width, height);
        }

        var count = width * height;
        var smooth = ArrayPool<byte>.Shared.Rent(count * 4);
        var scratch = ArrayPool<int>.Shared.Rent(count * 4);
        var distance = ArrayPool<float>.Shared.Rent(count);
        var state = ArrayPool<byte>.Shared.Rent(count);
        var like = ArrayPool<byte>.Shared.Rent(count);
        var work = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            var pixels = image.Pixels;
            BoxFilter.Mean3(pixels, smooth.AsSpan(0, count * 4), width, height, 4, scratch.AsSpan(0, count * 4));
            return Separate(pixels, smooth, distance, like, work, state, scratch, width, height);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(smooth);
            ArrayPool<int>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(distance);
            ArrayPool<byte>.Shared.Return(state);
            ArrayPool<byte>.Shared.Return(like);
            ArrayPool<byte>.Shared.Return(work);
        }
    }

    private static ForegroundMask Separate(
        ReadOnlySpan<byte> pixels, byte[] smooth, float[] distance, byte[] like, byte[] work, byte[] state, int[] queue, int width, int height)
    {
        var count = width * height;
        var band = Math.Clamp((int)MathF.Round(Math.Min(width, height) / 64f), 2, 8);
        var bandPixels = 2 * band * (width + height) - 4 * band * band;
        var step = Math.Max(1, bandPixels / MaxBorderSamples);
        var us = new List<float>(bandPixels / step + 1);
        var vs = new List<float>(bandPixels / step + 1);
        var colours = new List<Lab>(bandPixels / step + 1);
        var transparent = 0;
        var visited = 0;
        for (var y = 0; y < height; y++)
        {
            var inBandRow = y < band || y >= height - band;
            for (var x = 0; x < width; x++)
            {
                if (!inBandRow && x == band)
                {
                    x = width - band;
                }

                var i = y * width + x;
                if (pixels[i * 4 + 3] < 128)
                {
                    transparent++;
                }
                else if (visited % step == 0)
                {
                    us.Add(U(x, width));
                    vs.Add(U(y, height));
                    colours.Add(Lab.FromSrgb(smooth[i * 4], smooth[i * 4 + 1], smooth[i * 4 + 2]));
                }

                visited++;
            }
        }

        if (transparent * 2 >= visited)
        {
            return FromAlpha(pixels, width, height);
        }

        if (colours.Count < 32)
        {
            return Full(width, height);
        }

        var residuals = new float[colours.Count];
        var backdrop = BackdropModel.Fit(
            CollectionsMarshal.AsSpan(us),
            CollectionsMarshal.AsSpan(vs),
            CollectionsMarshal.AsSpan(colours),
            residuals);
        var sortedResiduals = (float[])residuals.Clone();
        Array.Sort(sortedResiduals);
        var noise = sortedResiduals[sortedResiduals.Length / 2];
        if (noise > MaxBackdropNoise)
        {
            return Full(width, height);
        }

        Span<int> histogram = stackalloc int[HistogramBins];
        histogram.Clear();
        MeasureDistances(pixels, smooth, distance, histogram, backdrop, width, height);
        var floor = MathF.Max(MinThreshold, 3 * noise);
        var threshold = Math.Clamp(Otsu(histogram), floor, MathF.Max(floor, MaxThreshold));

        var agreeing = 0;
        foreach (var r in residuals)
        {
            if (r <= threshold)
            {
                agreeing++;
            }
        }

        if (agreeing < MinBorderAgreement * residuals.Length)
        {
            return Full(width, height);
        }

        // Backdrop-like pixels reach the backdrop only through a passage at least 2 * BridgeRadius + 1 wide: the
        // blended line where navy meets white can look like a grey backdrop, and must not carry the flood through
        // the garment. The flood runs on the eroded set and then grows back into the backdrop-like pixels it touches.
        for (var i = 0; i < count; i++)
        {
            like[i] = distance[i] <= threshold ? (byte)1 : (byte)0;
        }

        BinaryMorphology.Erode(like.AsSpan(0, count), work.AsSpan(0, count), width, height, BridgeRadius, queue.AsSpan(0, count));
        FloodFromBorder(work, queue, width, height);
        BinaryMorphology.Dilate(work.AsSpan(0, count), work.AsSpan(0, count), width, height, BridgeRadius, queue.AsSpan(0, count));
        var backdropSize = 0;
        for (var i = 0; i < count; i++)
        {
            var isBackdrop = work[i] == 1 && like[i] == 1;
            state[i] = isBackdrop ? Backdrop : Unvisited;
            backdropSize += isBackdrop ? 1 : 0;
        }

        var (garmentSeed, garmentSize) = LargestGarmentRegion(state, queue, width, height);
        var minRegion = MinRegionShare * count;
        if (backdropSize < minRegion || garmentSize < minRegion)
        {
            return Full(width, height);
        }

        Fill(state, queue, width, height, garmentSeed, Seen, Garment);
        return Feathered(state, work, queue, width, height);
    }

    private static float U(int position, int size) => size == 1 ? 0f : 2f * position / (size - 1) - 1f;

    /// <summary>ΔE*ab of every smoothed pixel from the backdrop at its position; transparent pixels are backdrop.</summary>
    private static void MeasureDistances(
        ReadOnlySpan<byte> pixels, byte[] smooth, float[] distance, Span<int> histogram, BackdropModel backdrop, int width, int height)
    {
        for (var y = 0; y < height; y++)
        {
            var (c, l, s) = backdrop.Row(U(y, height));
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                float d = 0;
                if (pixels[i * 4 + 3] >= 128)
                {
                    var u = U(x, width);
                    var expected = new Lab(c.L + u * (l.L + u * s.L), c.A + u * (l.A + u * s.A), c.B + u * (l.B + u * s.B));
                    d = MathF.Sqrt(Lab.FromSrgb(smooth[i * 4], smooth[i * 4 + 1], smooth[i * 4 + 2]).DistanceSquared(expected));
                }

                distance[i] = d;
                histogram[Math.Min((int)(d / HistogramBinWidth), HistogramBins - 1)]++;
            }
        }
    }

    /// <summary>Otsu's threshold of the distance histogram: the split that maximises the between-class variance.</summary>
    private static float Otsu(ReadOnlySpan<int> histogram)
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

        return (best + 1) * HistogramBinWidth;
    }

    /// <summary>Keeps only the pixels of a 0/1 set that connect to the picture's edge (4-connected).</summary>
    private static void FloodFromBorder(byte[] set, int[] queue, int width, int height)
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
    /// Visits every region of pixels not reached from the border (the garment, plus specks of noise or shadow) and
    /// returns a pixel of the largest with its size. Backdrop-like pixels enclosed by the garment belong to it.
    /// </summary>
    private static (int Seed, int Size) LargestGarmentRegion(byte[] state, int[] queue, int width, int height)
    {
        var count = width * height;
        var seed = -1;
        var largest = 0;
        for (var i = 0; i < count; i++)
        {
            if (state[i] != Unvisited)
            {
                continue;
            }

            var size = Fill(state, queue, width, height, i, Unvisited, Seen);
            if (size > largest)
            {
                largest = size;
                seed = i;
            }
        }

        return (seed, largest);
    }

    /// <summary>4-connected flood fill from <paramref name="start"/> over pixels in state <paramref name="from"/>, setting
    /// them to <paramref name="to"/>; returns the number changed (0 when the start is not in state <paramref name="from"/>).</summary>
    private static int Fill(byte[] state, int[] queue, int width, int height, int start, byte from, byte to)
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

    /// <summary>The garment as opacity, its edge softened with a 5x5 tent (two 3x3 means) so it fades over two pixels.</summary>
    private static ForegroundMask Feathered(byte[] state, byte[] work, int[] scratch, int width, int height)
    {
        var count = width * height;
        var hard = new byte[count];
        for (var i = 0; i < count; i++)
        {
            hard[i] = state[i] == Garment ? (byte)255 : (byte)0;
        }

        BoxFilter.Mean3(hard, work.AsSpan(0, count), width, height, 1, scratch.AsSpan(0, count));
        BoxFilter.Mean3(work.AsSpan(0, count), hard, width, height, 1, scratch.AsSpan(0, count));
        return new ForegroundMask(width, height, hard);
    }

    private static ForegroundMask FromAlpha(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var alpha = new byte[width * height];
        for (var i = 0; i < alpha.Length; i++)
        {
            alpha[i] = pixels[i * 4 + 3];
        }

        return new ForegroundMask(width, height, alpha);
    }

    private static ForegroundMask Full(int width, int height)
    {
        var alpha = new byte[width * height];
        Array.Fill(alpha, (byte)255);
        return new ForegroundMask(width, height, alpha);
    }
}
