using System.Collections.Immutable;
using OtMz.Grains;

namespace OtMz.Vision;

/// <summary>
/// Finds a garment's dominant colours as K-Fashion names: k-means in CIELAB (k-means++ seeds from a fixed seed) over
/// the foreground pixels (those at least half opaque in the mask from an <see cref="IBackgroundRemover"/>), clusters
/// closer than a shade apart merged, each remaining cluster named by <see cref="KFashionColours"/> and clusters with
/// the same name added up. Deterministic: the same pixels always give the same palette.
/// </summary>
public static class ColourAnalyser
{
    /// <summary>At most this many clusters; names merge afterwards, so a palette has at most this many entries.</summary>
    public const int MaxClusters = 5;

    /// <summary>Pixels beyond this many are sampled (stratified, with a fixed jitter) before clustering.</summary>
    public const int MaxSamples = 20_000;

    /// <summary>Names with a smaller share are dropped (edge pixels, small prints) and the rest renormalised.</summary>
    public const float MinWeight = 0.03f;

    private const int MaxIterations = 50;

    /// <summary>k-means stops once no centre moves further than this (ΔE*ab) in an iteration.</summary>
    private const float ConvergedShift = 0.05f;

    /// <summary>Cluster centres closer than this (ΔE*ab) are one colour with shading or noise.</summary>
    private const float MergeDistance = 12f;

    private const ulong Seed = 0x5EED_C010_0125UL;

    private static readonly int ColourCount = Enum.GetValues<Colour>().Length;

    /// <summary>
    /// The palette of <paramref name="image"/>'s foreground, heaviest first, weights summing to 1; empty when no pixel
    /// is foreground. Without a mask every opaque pixel counts.
    /// </summary>
    public static ImmutableArray<PaletteEntry> Analyse(DecodedImage image, ForegroundMask? mask = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (mask is not null && (mask.Width != image.Width || mask.Height != image.Height))
        {
            throw new ArgumentException(
                $"The mask is {mask.Width}x{mask.Height}; the image is {image.Width}x{image.Height}.", nameof(mask));
        }

        var samples = Sample(image.Pixels, mask?.Alpha, image.Width);
        if (samples.Length == 0)
        {
            return [];
        }

        var centroids = Cluster(samples, out var counts);
        var clusters = MergeClose(centroids, counts);
        Span<float> byName = stackalloc float[ColourCount];
        byName.Clear();
        for (var c = 0; c < clusters; c++)
        {
            byName[(int)KFashionColours.Nearest(centroids[c])] += (float)counts[c] / samples.Length;
        }

        return ToPalette(byName);
    }

    private static bool Included(ReadOnlySpan<byte> pixels, byte[]? mask, int i) =>
        pixels[i * 4 + 3] >= 128 && (mask is null || mask[i] >= 128);

    /// <summary>
    /// Up to <see cref="MaxSamples"/> foreground pixels in Lab: one from each of that many equal runs of foreground
    /// pixels, at a pseudo-random position within its run so that regular stripes cannot alias with the stride.
    /// Each sample is the per-channel median of the foreground pixels in its 3x3 neighbourhood, which removes sensor
    /// and JPEG noise (k-means would otherwise split one noisy colour into clusters named apart) yet keeps the edges
    /// of stripes and checks sharp.
    /// </summary>
    private static Lab[] Sample(ReadOnlySpan<byte> pixels, byte[]? mask, int width)
    {
        var pixelCount = pixels.Length / 4;
        var candidates = 0;
        for (var i = 0; i < pixelCount; i++)
        {
            if (Included(pixels, mask, i))
            {
                candidates++;
            }
        }

        var samples = new Lab[Math.Min(candidates, MaxSamples)];
        if (samples.Length == 0)
        {
            return samples;
        }

        var run = (double)candidates / samples.Length;
        var taken = 0;
        var next = Pick(0, run);
        var candidate = 0L;
        for (var i = 0; i < pixelCount && taken < samples.Length; i++)
        {
            if (!Included(pixels, mask, i))
            {
                continue;
            }

            if (candidate >= next)
            {
                samples[taken] = MedianAround(pixels, mask, width, i);
                taken++;

                // Two neighbouring strata can round to the same candidate; the later one then takes the next.
                next = Math.Max(Pick(taken, run), candidate + 1);
            }

            candidate++;
        }

        return taken == samples.Length ? samples : samples[..taken];
    }

    private static Lab MedianAround(ReadOnlySpan<byte> pixels, byte[]? mask, int width, int i)
    {
        Span<byte> r = stackalloc byte[9];
        Span<byte> g = stackalloc byte[9];
        Span<byte> b = stackalloc byte[9];
        var height = pixels.Length / 4 / width;
        var (x, y) = (i % width, i / width);
        var n = 0;
        for (var ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
        {
            for (var nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
            {
                var j = ny * width + nx;
                if (Included(pixels, mask, j))
                {
                    (r[n], g[n], b[n]) = (pixels[j * 4], pixels[j * 4 + 1], pixels[j * 4 + 2]);
                    n++;
                }
            }
        }

        return Lab.FromSrgb(Median(r[..n]), Median(g[..n]), Median(b[..n]));
    }

    private static byte Median(Span<byte> values)
    {
        values.Sort();
        return values[values.Length / 2];
    }

    private static long Pick(int stratum, double run)
    {
        var jitter = SplitMix.FromState(Seed ^ (ulong)stratum).NextDouble();
        return (long)((stratum + jitter) * run);
    }

    /// <summary>Lloyd's k-means with k-means++ seeding from a fixed seed; returns centroids and their member counts.</summary>
    private static Lab[] Cluster(Lab[] samples, out int[] counts)
    {
        var centroids = Seeds(samples);
        var k = centroids.Length;
        var assignment = new int[samples.Length];
        Array.Fill(assignment, -1);
        counts = new int[k];
        Span<double> sums = stackalloc double[k * 3];

        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < samples.Length; i++)
            {
                var nearest = NearestCentroid(samples[i], centroids);
                if (nearest != assignment[i])
                {
                    assignment[i] = nearest;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }

            sums.Clear();
            Array.Clear(counts);
            for (var i = 0; i < samples.Length; i++)
            {
                var c = assignment[i];
                counts[c]++;
                sums[c * 3] += samples[i].L;
                sums[c * 3 + 1] += samples[i].A;
                sums[c * 3 + 2] += samples[i].B;
            }

            var largestShift = 0f;
            for (var c = 0; c < k; c++)
            {
                // An emptied cluster keeps its old centre; with k-means++ seeds this is rare and harmless.
                if (counts[c] > 0)
                {
                    var moved = new Lab(
                        (float)(sums[c * 3] / counts[c]),
                        (float)(sums[c * 3 + 1] / counts[c]),
                        (float)(sums[c * 3 + 2] / counts[c]));
                    largestShift = MathF.Max(largestShift, moved.DistanceSquared(centroids[c]));
                    centroids[c] = moved;
                }
            }

            // Converged for naming purposes: no centre moves by a perceptible fraction of a just-noticeable difference.
            if (largestShift < ConvergedShift * ConvergedShift)
            {
                break;
            }
        }

        Array.Clear(counts);
        foreach (var c in assignment)
        {
            counts[c]++;
        }

        return centroids;
    }

    /// <summary>k-means++: each further seed is drawn with probability proportional to its squared distance from the
    /// seeds so far. Fewer than <see cref="MaxClusters"/> seeds when the samples hold fewer distinct colours.</summary>
    private static Lab[] Seeds(Lab[] samples)
    {
        var rng = SplitMix.FromState(Seed);
        var seeds = new Lab[Math.Min(MaxClusters, samples.Length)];
        seeds[0] = samples[rng.NextInt(samples.Length)];
        var k = 1;
        var nearest = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            nearest[i] = samples[i].DistanceSquared(seeds[0]);
        }

        while (k < seeds.Length)
        {
            double total = 0;
            foreach (var d in nearest)
            {
                total += d;
            }

            if (total <= 0)
            {
                break;
            }

            var ticket = rng.NextDouble() * total;
            var chosen = samples.Length - 1;
            for (var i = 0; i < samples.Length; i++)
            {
                ticket -= nearest[i];
                if (ticket < 0)
                {
                    chosen = i;
                    break;
                }
            }

            seeds[k++] = samples[chosen];
            for (var i = 0; i < samples.Length; i++)
            {
                nearest[i] = MathF.Min(nearest[i], samples[i].DistanceSquared(seeds[k - 1]));
            }
        }

        return seeds[..k];
    }

    /// <summary>
    /// Merges clusters whose centres are closer than <see cref="MergeDistance"/>, closest pair first, into their
    /// weighted mean: k-means splits one shaded or noisy colour into several nearby clusters, and naming each of
    /// those separately would scatter one colour over neighbouring names. Returns how many clusters remain at the
    /// front of the arrays.
    /// </summary>
    private static int MergeClose(Lab[] centroids, int[] counts)
    {
        var k = centroids.Length;
        while (k > 1)
        {
            var (first, second) = (0, 1);
            var closest = float.MaxValue;
            for (var i = 0; i < k; i++)
            {
                for (var j = i + 1; j < k; j++)
                {
                    var d = centroids[i].DistanceSquared(centroids[j]);
                    if (d < closest)
                    {
                        (closest, first, second) = (d, i, j);
                    }
                }
            }

            if (closest >= MergeDistance * MergeDistance)
            {
                break;
            }

            float a = counts[first], b = counts[second], total = a + b;
            centroids[first] = new Lab(
                (centroids[first].L * a + centroids[second].L * b) / total,
                (centroids[first].A * a + centroids[second].A * b) / total,
                (centroids[first].B * a + centroids[second].B * b) / total);
            counts[first] += counts[second];
            k--;
            centroids[second] = centroids[k];
            counts[second] = counts[k];
        }

        return k;
    }

    private static int NearestCentroid(Lab sample, Lab[] centroids)
    {
        var best = 0;
        var distance = float.MaxValue;
        for (var c = 0; c < centroids.Length; c++)
        {
            var d = sample.DistanceSquared(centroids[c]);
            if (d < distance)
            {
                distance = d;
                best = c;
            }
        }

        return best;
    }

    private static ImmutableArray<PaletteEntry> ToPalette(ReadOnlySpan<float> byName)
    {
        var kept = 0f;
        for (var c = 0; c < byName.Length; c++)
        {
            if (byName[c] >= MinWeight)
            {
                kept += byName[c];
            }
        }

        var palette = ImmutableArray.CreateBuilder<PaletteEntry>();
        for (var c = 0; c < byName.Length; c++)
        {
            if (byName[c] >= MinWeight)
            {
                palette.Add(new PaletteEntry((Colour)c, byName[c] / kept));
            }
        }

        // Heaviest first; equal weights keep the K-Fashion order, so the result never depends on the sort's stability.
        palette.Sort(static (x, y) => y.Weight != x.Weight ? y.Weight.CompareTo(x.Weight) : x.Colour.CompareTo(y.Colour));
        return palette.ToImmutable();
    }
}
