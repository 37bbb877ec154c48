using System.Buffers;
using System.Runtime.InteropServices;

namespace OtMz.Vision;

/// <summary>
/// The built-in background remover, for product photos on a plain or near-plain backdrop; no model. It learns the
/// backdrop from the image border (<see cref="BackdropModel"/>), takes as backdrop the pixels within the backdrop's
/// own noise of it that connect to the border (so a white logo on a shirt stays), keeps every remaining region of at
/// least a twentieth of the largest (the garment's pieces), closes backdrop-coloured bands between pieces above and
/// below each other (<see cref="GarmentGaps"/>), feathers the edge by about two pixels and says how far it trusts
/// the result (<see cref="CutoutConfidence"/>).
/// </summary>
/// <remarks>
/// When the picture does not look like that kind of photo (a busy border, no backdrop left after the garment, or no
/// garment left after the backdrop) the mask is full: every pixel counts as foreground, which is what the colour
/// analyser and the style model saw before background removal existed, and its confidence is 0. A picture whose
/// border is mostly transparent is already a cutout and its own alpha is the mask. docs/vision.md measures it.
/// </remarks>
public sealed class PlainBackgroundRemover : IBackgroundRemover
{
    /// <summary>Below this many pixels on a side there is no border to learn from.</summary>
    private const int MinSide = 16;

    /// <summary>Border pixels sampled to fit the backdrop (more is slower and no better).</summary>
    private const int MaxBorderSamples = 4_000;

    /// <summary>
    /// The backdrop threshold (ΔE*ab) is this many times the median border residual (after smoothing, about the 99.9th
    /// percentile of a backdrop's noise), and at least <see cref="MinThreshold"/>, which covers JPEG and banding.
    /// </summary>
    private const float NoiseFactor = 3f;
    private const float MinThreshold = 4f;

    /// <summary>
    /// A median border residual above this (ΔE*ab after the 3x3 median) means a textured or busy backdrop; heavy
    /// sensor noise (±24 per channel on a beige sweep) stays below it.
    /// </summary>
    private const float MaxBackdropNoise = 9f;

    /// <summary>At least this share of the border must match the backdrop.</summary>
    private const float MinBorderAgreement = 0.6f;

    /// <summary>
    /// A median residual below this is a quiet enough backdrop; towards <see cref="MaxBackdropNoise"/> confidence falls
    /// to 0 (the generated noisy backdrops, up to about 7, still separate with IoU above 0.9).
    /// </summary>
    private const float QuietBackdropNoise = 7f;

    /// <summary>
    /// The garment's lower-quartile distance from the backdrop, in thresholds: at <see cref="FaintContrast"/> a
    /// quarter of it is backdrop-coloured (kept by shape alone) and confidence is 0; from <see cref="ClearContrast"/> it is 1.
    /// </summary>
    private const float FaintContrast = 1f;
    private const float ClearContrast = 2f;

    /// <summary>The garment must cover at least this share of the picture, and the backdrop too.</summary>
    private const float MinRegionShare = 0.005f;

    /// <summary>
    /// Regions at least this share of the largest, and of the picture, are garment pieces; smaller ones are specks of
    /// noise or shadow.
    /// </summary>
    private const float MinPieceOfLargest = 0.05f;
    private const float MinPieceShare = 0.0005f;

    /// <summary>Faint fringes along the outline narrower than 2r + 1 pixels go back to the backdrop.</summary>
    private const int FringeRadius = 3;

    /// <summary>JPEG ringing reaches about a chroma block (8 pixels) from a strong edge; fringes lie within that.</summary>
    private const int FringeReach = 8;

    /// <summary>A garment this far (ΔE*ab) from the backdrop has an edge strong enough to ring visibly after JPEG.</summary>
    private const float RingingEdge = 30f;

    /// <summary>Bounds of the faint level, in thresholds, around Otsu's split of the distances beyond the threshold.</summary>
    private const float MinFaintFactor = 2f;
    private const float MaxFaintFactor = 5f;

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
            MedianFilter.Median3(pixels, smooth.AsSpan(0, count * 4), width, height, 4);
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

        MeasureDistances(pixels, smooth, distance, backdrop, width, height);

        // The backdrop is what lies within its own spread of the fitted colour, not everything short of the garment's
        // main colour: a light-grey stripe a few ΔE from a white sweep is garment, however dark the other stripes are.
        var threshold = MathF.Max(MinThreshold, NoiseFactor * noise);
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

        Span<int> histogram = stackalloc int[DistanceHistogram.Bins];
        MarkBackdropLike(distance, like, work, state, queue, histogram, threshold, width, height);
        FloodBackdrop(like, work, state, queue, width, height);
        var backdropSize = state.AsSpan(0, count).Count(Backdrop);

        // Every region the backdrop did not reach is a garment piece or a speck; backdrop-like pixels enclosed by a
        // piece belong to it. Pieces of at least a share of the largest stay (stripes cut apart, a pair of shoes).
        var regions = PixelRegions.Regions(state, queue, width, height, Unvisited, Seen);
        var largest = 0;
        foreach (var (_, size) in regions)
        {
            largest = Math.Max(largest, size);
        }

        var minPiece = MathF.Max(MinPieceOfLargest * largest, MinPieceShare * count);
        foreach (var (seed, size) in regions)
        {
            if (size >= minPiece)
            {
                PixelRegions.Fill(state, queue, width, height, seed, Seen, Garment);
            }
        }

        // The pieces are judged together, after the gaps between them are closed: a shirt of thin stripes is many
        // small pieces until then.
        GarmentGaps.FillBetweenPieces(state, queue, width, height, Garment);
        var minRegion = MinRegionShare * count;
        if (backdropSize < minRegion || state.AsSpan(0, count).Count(Garment) < minRegion)
        {
            return Full(width, height);
        }

        // Where a quarter of the garment is no further from the backdrop than the threshold, that quarter was kept by
        // its shape, not its colour.
        var tally = new CutoutConfidence.Tally();
        tally.Add(CutoutDoubt.BusyBackdrop, CutoutConfidence.Ramp(noise, MaxBackdropNoise, QuietBackdropNoise));
        var garment = DistanceHistogram.Count(distance.AsSpan(0, count), state.AsSpan(0, count), Garment, histogram);
        var lowerQuartile = DistanceHistogram.Quantile(histogram, garment, 0.25f);
        tally.Add(CutoutDoubt.LowContrast, CutoutConfidence.Ramp(lowerQuartile / threshold, FaintContrast, ClearContrast));
        return Feathered(state, work, queue, width, height, tally);
    }

    /// <summary>
    /// Marks as backdrop the backdrop-like pixels (<paramref name="like"/> 1) that reach the picture's edge through a
    /// passage at least 2 * <see cref="BridgeRadius"/> + 1 wide, every other pixel unvisited: the blended line where
    /// navy meets white can look like a grey backdrop, and must not carry the flood through the garment. The flood
    /// runs on the eroded set and then grows back into the backdrop-like pixels it touches.
    /// </summary>
    private static void FloodBackdrop(byte[] like, byte[] work, byte[] state, int[] queue, int width, int height)
    {
        var count = width * height;
        BinaryMorphology.Erode(like.AsSpan(0, count), work.AsSpan(0, count), width, height, BridgeRadius, queue.AsSpan(0, count));
        PixelRegions.KeepReachedFromBorder(work, queue, width, height);
        BinaryMorphology.Dilate(work.AsSpan(0, count), work.AsSpan(0, count), width, height, BridgeRadius, queue.AsSpan(0, count));
        for (var i = 0; i < count; i++)
        {
            state[i] = work[i] == 1 && like[i] == 1 ? Backdrop : Unvisited;
        }
    }

    /// <summary>
    /// Marks the pixels that may be backdrop: those within the threshold of it, and the thin fringes of faint pixels
    /// the edge of a garment leaves in the backdrop (antialiasing, and JPEG ringing that would otherwise wall off a
    /// slit between a sleeve and the body or between trouser legs). Faint is beyond the threshold but closer to the
    /// backdrop than Otsu's split of the distances beyond it (clamped to [2, 5] thresholds); thin is gone after an
    /// opening by a (2 * <see cref="FringeRadius"/> + 1) square; a fringe lies within <see cref="FringeReach"/> pixels
    /// of a strong edge (beyond Otsu's split and <see cref="RingingEdge"/>), since only a strong edge rings. A wide faint region (a light garment, a light-grey
    /// stripe) is no fringe, and a fringe the flood from the edge does not reach (thin faint lines inside the garment)
    /// stays garment.
    /// </summary>
    private static void MarkBackdropLike(
        float[] distance, byte[] like, byte[] opened, byte[] nearStrong, int[] queue, Span<int> histogram, float threshold, int width, int height)
    {
        var count = width * height;
        histogram.Clear();
        for (var i = 0; i < count; i++)
        {
            if (distance[i] > threshold)
            {
                histogram[DistanceHistogram.Bin(distance[i])]++;
            }
        }

        var strong = Math.Clamp(DistanceHistogram.Otsu(histogram), MinFaintFactor * threshold, MaxFaintFactor * threshold);
        for (var i = 0; i < count; i++)
        {
            like[i] = distance[i] > threshold && distance[i] <= strong ? (byte)1 : (byte)0;
        }

        BinaryMorphology.Erode(like.AsSpan(0, count), opened.AsSpan(0, count), width, height, FringeRadius, queue.AsSpan(0, count));
        BinaryMorphology.Dilate(opened.AsSpan(0, count), opened.AsSpan(0, count), width, height, FringeRadius, queue.AsSpan(0, count));
        for (var i = 0; i < count; i++)
        {
            nearStrong[i] = distance[i] > MathF.Max(strong, RingingEdge) ? (byte)1 : (byte)0;
        }

        BinaryMorphology.Dilate(nearStrong.AsSpan(0, count), nearStrong.AsSpan(0, count), width, height, FringeReach, queue.AsSpan(0, count));
        for (var i = 0; i < count; i++)
        {
            like[i] = distance[i] <= threshold || (like[i] == 1 && opened[i] == 0 && nearStrong[i] == 1) ? (byte)1 : (byte)0;
        }
    }

    private static float U(int position, int size) => size == 1 ? 0f : 2f * position / (size - 1) - 1f;

    /// <summary>ΔE*ab of every smoothed pixel from the backdrop at its position; transparent pixels are backdrop (0).</summary>
    private static void MeasureDistances(
        ReadOnlySpan<byte> pixels, byte[] smooth, float[] distance, BackdropModel backdrop, int width, int height)
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
            }
        }
    }

    /// <summary>
    /// The garment as opacity, its edge softened with a 5x5 tent (two 3x3 means) so it fades over two pixels, scored
    /// by the shape criteria on top of the remover's own.
    /// </summary>
    private static ForegroundMask Feathered(byte[] state, byte[] work, int[] scratch, int width, int height, CutoutConfidence.Tally tally)
    {
        var count = width * height;
        var hard = new byte[count];
        for (var i = 0; i < count; i++)
        {
            hard[i] = state[i] == Garment ? (byte)255 : (byte)0;
        }

        CutoutConfidence.AddShape(ref tally, hard, width, height);
        BoxFilter.Mean3(hard, work.AsSpan(0, count), width, height, 1, scratch.AsSpan(0, count));
        BoxFilter.Mean3(work.AsSpan(0, count), hard, width, height, 1, scratch.AsSpan(0, count));
        return new ForegroundMask(width, height, hard, tally.Lowest, tally.Doubt);
    }

    /// <summary>A picture that is already a cutout: its own alpha, judged by its shape alone.</summary>
    private static ForegroundMask FromAlpha(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var alpha = new byte[width * height];
        for (var i = 0; i < alpha.Length; i++)
        {
            alpha[i] = pixels[i * 4 + 3];
        }

        var (confidence, doubt) = CutoutConfidence.OfShape(alpha, width, height);
        return new ForegroundMask(width, height, alpha, confidence, doubt);
    }

    /// <summary>No separation: every pixel is foreground, and the mask says it is no cutout.</summary>
    private static ForegroundMask Full(int width, int height)
    {
        var alpha = new byte[width * height];
        Array.Fill(alpha, (byte)255);
        return new ForegroundMask(width, height, alpha, 0f, CutoutDoubt.NoSeparation);
    }
}
